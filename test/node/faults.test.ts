// Fault tests, black-box: the bot under `wrangler dev` against a fake LINE API on loopback that fails
// on purpose. The resident must get one answer however LINE misbehaves, and LINE's webhook must never wait.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeLineApi } from '../support/fake-line-api';
import { serveFakeLine, type ServedFake } from '../support/serve-fake-line';
import { postEvents, startBot, type Bot } from '../support/start-bot';
import { events } from '../support/webhook';

let served: ServedFake;
let bot: Bot;
let fake: FakeLineApi;

beforeAll(async () => {
  served = await serveFakeLine();
  bot = await startBot({ lineApiBaseUrl: served.url });
  // Warm the isolate (schema, tokenizer) so the first test does not time its cold start.
  await postEvents(bot, [events.text('こんにちは', { userId: 'Ufaults-warmup' })]);
  await served.fake.waitFor((calls) => calls.length >= 1, 30_000);
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await served?.close();
});

beforeEach(() => {
  fake = served.reset();
});

const gaps = (calls: { at: number }[]): number[] => calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));

describe('faults: LINE reply API', () => {
  it('retries a reply after a 5xx and after a dropped connection, with growing backoff', async () => {
    fake.failNext('reply', { status: 500 }, 'network', { status: 503 });
    const event = events.text('家賃が払えない', { userId: 'Ufaults-5xx' });
    const ack = await postEvents(bot, [event]);
    expect(ack.status).toBe(200);
    await fake.waitFor(() => fake.delivered.length >= 1, 20_000);
    const replies = fake.callsTo('reply');
    expect(replies.map((c) => c.status)).toEqual([500, 0, 503, 200]);
    expect(replies.every((c) => (c.body as { replyToken?: string }).replyToken === event.replyToken)).toBe(true);
    // deliver.ts backs off 300, 1000, 2500 ms: each wait longer than the one before.
    const [g1, g2, g3] = gaps(replies);
    expect(g1).toBeGreaterThanOrEqual(250);
    expect(g2).toBeGreaterThanOrEqual(900);
    expect(g3).toBeGreaterThanOrEqual(2300);
    expect(fake.callsTo('push')).toHaveLength(0);
  });

  it('waits as long as a 429 Retry-After says before retrying', async () => {
    fake.failNext('reply', { status: 429, retryAfter: 2 });
    await postEvents(bot, [events.text('相談したい', { userId: 'Ufaults-429' })]);
    await fake.waitFor(() => fake.delivered.length >= 1, 20_000);
    const replies = fake.callsTo('reply');
    expect(replies.map((c) => c.status)).toEqual([429, 200]);
    // 2 s, not the first 300 ms backoff.
    expect(gaps(replies)[0]).toBeGreaterThanOrEqual(1_950);
  });

  it('pushes with an X-Line-Retry-Key when the reply token is unusable, and keeps the same key on retries', async () => {
    fake.expireReplyTokens = true;
    fake.failNext('push', { status: 503 }, 'network');
    const userId = 'Ufaults-push0000000000000000000001';
    await postEvents(bot, [events.text('こんにちは', { userId })]);
    await fake.waitFor(() => fake.delivered.length >= 1, 20_000);
    const pushes = fake.callsTo('push');
    expect(pushes.map((c) => c.status)).toEqual([503, 0, 200]);
    const key = pushes[0]?.retryKey;
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(pushes.map((c) => c.retryKey)).toEqual([key, key, key]);
    expect(pushes[2]?.body).toMatchObject({ to: userId });
    expect(fake.delivered).toHaveLength(1);
  });

  it('stops retrying a push once LINE answers 409 for its retry key (delivered once)', async () => {
    fake.expireReplyTokens = true;
    // The first push reaches LINE but its answer is lost on the way back: LINE has the key, so the
    // retry gets 409, which means delivered, and the bot must not push a third time.
    served.loseResponses('/v2/bot/message/push', 1);
    const userId = 'Ufaults-409';
    await postEvents(bot, [events.text('こんにちは', { userId })]);
    await fake.waitFor(() => fake.callsTo('push').length >= 2, 20_000);
    await new Promise((r) => setTimeout(r, 1_500));
    const pushes = fake.callsTo('push');
    expect(pushes.map((c) => c.status)).toEqual([200, 409]);
    expect(pushes[1]?.retryKey).toBe(pushes[0]?.retryKey);
  });
});

describe('faults: a slow LINE API', () => {
  it('never delays the webhook acknowledgement (LINE answers after 3 s; the ack comes within 500 ms)', async () => {
    fake.delayMs = 3_000;
    const list = Array.from({ length: 10 }, (_, i) => events.text(i % 2 === 0 ? '粗大ごみの出し方' : '死にたい', { userId: `Ufaults-slow-${i}` }));
    const acks = await Promise.all(list.map((e) => postEvents(bot, [e])));
    for (const ack of acks) {
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(500);
    }
    // And the residents are still answered, once each, when LINE gets round to it.
    await fake.waitFor((calls) => calls.filter((c) => c.endpoint === 'reply' && c.status === 200).length >= list.length, 30_000);
    const tokens = fake.delivered.map((c) => (c.body as { replyToken?: string }).replyToken);
    expect(new Set(tokens).size).toBe(list.length);
  });
});

// Fault tests, black-box: the bot under `wrangler dev` against a fake LINE API on loopback that fails
// on purpose. The resident must get one answer however LINE misbehaves, and LINE's webhook must never wait.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeLineApi } from '../support/fake-line-api';
import { serveFakeLine, type ServedFake } from '../support/serve-fake-line';
import { postEvents, startBot, type Bot } from '../support/start-bot';
import { events } from '../support/webhook';

let served: ServedFake;
let bot: Bot;
/** A second bot with the staff console and a staff webhook (the fake's /staff-hook) configured. */
let hooked: Bot;
let fake: FakeLineApi;
const STAFF = 'faults-staff-token-0123456789';

beforeAll(async () => {
  served = await serveFakeLine();
  bot = await startBot({ lineApiBaseUrl: served.url });
  hooked = await startBot({ lineApiBaseUrl: served.url, vars: { STAFF_TOKEN: STAFF, STAFF_WEBHOOK_URL: `${served.url}/staff-hook` } });
  // Warm the isolate (schema, tokenizer) so the first test does not time its cold start.
  await postEvents(bot, [events.text('こんにちは', { userId: 'Ufaults-warmup' })]);
  await served.fake.waitFor((calls) => calls.length >= 1, 30_000);
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await hooked?.stop();
  await served?.close();
});

beforeEach(() => {
  fake = served.reset();
});

const gaps = (calls: { at: number }[]): number[] => calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));

describe('faults: LINE reply API', () => {
  it('retries a reply after a 5xx and after a dropped connection, with growing backoff', async () => {
    fake.failNext('reply', { status: 500 }, 'network');
    const event = events.text('家賃が払えない', { userId: 'Ufaults-5xx' });
    const ack = await postEvents(bot, [event]);
    expect(ack.status).toBe(200);
    await fake.waitFor(() => fake.delivered.length >= 1, 20_000);
    const replies = fake.callsTo('reply');
    expect(replies.map((c) => c.status)).toEqual([500, 0, 200]);
    expect(replies.every((c) => (c.body as { replyToken?: string }).replyToken === event.replyToken)).toBe(true);
    // deliver.ts backs off 300 then 1000 ms: each wait longer than the one before.
    const [g1, g2] = gaps(replies);
    expect(g1).toBeGreaterThanOrEqual(250);
    expect(g2).toBeGreaterThanOrEqual(900);
    expect(fake.callsTo('push')).toHaveLength(0);
  });

  it('pushes at once, with a retry key, after three failed replies', async () => {
    fake.failNext('reply', { status: 500 }, 'network', { status: 503 });
    const userId = 'Ufaults-3x';
    await postEvents(bot, [events.text('家賃が払えない', { userId })]);
    await fake.waitFor(() => fake.delivered.length >= 1, 20_000);
    expect(fake.callsTo('reply').map((c) => c.status)).toEqual([500, 0, 503]);
    expect(fake.callsTo('push').map((c) => c.status)).toEqual([200]);
    expect(fake.callsTo('push')[0]?.body).toMatchObject({ to: userId });
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

describe('faults: LINE hanging or down, from outside', () => {
  it('has the escalation on the staff console and the staff webhook told within seconds while LINE hangs', async () => {
    fake.delayMs = 60_000;
    const started = Date.now();
    await postEvents(hooked, [events.text('もう死にたい', { userId: 'Ufaults-hang' })]);
    const listed = async () => {
      const res = await fetch(`${hooked.url}/staff/api/escalations`, { headers: { authorization: `Bearer ${STAFF}` } });
      return ((await res.json()) as { escalations: { level: string }[] }).escalations;
    };
    let escalations: { level: string }[] = [];
    while (Date.now() - started < 5_000 && (escalations.length === 0 || fake.callsTo('staff-hook').length === 0)) {
      escalations = await listed();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(escalations.map((e) => e.level)).toEqual(['high']);
    expect(fake.callsTo('staff-hook')).toHaveLength(1);
    expect(JSON.stringify(fake.callsTo('staff-hook')[0]?.body)).not.toContain('死にたい');
  });

  it('delivers a crisis reply once after LINE comes back from a 20 s outage (the Queue wakes the outbox drain)', async () => {
    fake.goDown(20_000);
    const userId = 'Ufaults-down0000000000000000000001';
    await postEvents(hooked, [events.text('死にたい', { userId })]);
    const toResident = () => fake.delivered.filter((c) => (c.body as { to?: string }).to === userId);
    await fake.waitFor(() => toResident().length >= 1, 90_000);
    const delivered = toResident();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.at).toBeGreaterThanOrEqual(Date.now() - 90_000);
    const keys = new Set(
      fake
        .callsTo('push')
        .filter((c) => (c.body as { to?: string }).to === userId)
        .map((c) => c.retryKey),
    );
    expect(keys.size).toBe(1);
    // Once: nothing more arrives for this resident.
    await new Promise((r) => setTimeout(r, 15_000));
    expect(toResident()).toHaveLength(1);
  }, 150_000);
});

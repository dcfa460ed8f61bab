// Nothing lost (issue 11): a message from someone at risk is recorded, escalated and answered whatever
// fails — odd characters, a hanging or failing LINE API, a resident who blocks the bot mid-reply.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../src/pipeline/drain-outbox';
import { consoleLogger } from '../../src/core/log';
import { lineApiFor } from '../../src/send/line-api';
import type { FakeLineApi, LineCall } from '../support/fake-line-api';
import { events } from '../support/webhook';
import { deliverWebhook, fakeLine, LINE_BASE, query } from './setup';

let fake: FakeLineApi;
let restore: () => void;
beforeEach(() => ({ fake, restore } = fakeLine()));
afterEach(() => restore());

const STAFF_GROUP = 'Cstaffgroup00000000000000000000001';
const texts = (call: LineCall | undefined) =>
  ((call?.body as { messages?: { text?: string; altText?: string }[] })?.messages ?? []).map((m) => m.text ?? m.altText ?? '').join('\n');
const drain = () =>
  drainOutbox({ db: env.DB, clock: () => new Date(Date.now() + 60 * 60_000), log: consoleLogger, line: lineApiFor('test-access-token', LINE_BASE) });

describe('odd characters never stop a crisis reply', () => {
  it.each([
    ['a NUL after the words', '死にたい\u0000'],
    ['a lone surrogate', '死にたい\ud800です'],
    ['an emoji cut at 5,000 UTF-16 units', `${'あ'.repeat(4999)}😢`.replace(/^あ{4}/, '死にたい')],
    ['the risk past the first 5,000 units', `${'今日は天気の話です。'.repeat(600)}もう死にたい`],
  ])('answers, records and escalates %s', async (_name, text) => {
    const userId = `Uodd${Math.random().toString(36).slice(2, 14)}`;
    const { done } = await deliverWebhook([events.text(text, { userId })]);
    await done;
    const reply = fake.delivered.find((c) => (c.body as { replyToken?: string }).replyToken !== undefined);
    expect(texts(reply)).toMatch(/いのちの電話|よりそい|119/);
    const escalations = await query<{ level: string }>('SELECT level FROM escalations WHERE user_id = ?', userId);
    expect(escalations.map((e) => e.level)).toEqual(['high']);
    const stored = await query<{ text: string }>("SELECT text FROM messages WHERE user_id = ? AND direction = 'in'", userId);
    expect(stored).toHaveLength(1);
    // Stored well-formed, no NUL, at most LINE's 5,000 units and never half an emoji.
    const kept = stored[0]?.text ?? '';
    expect(kept.isWellFormed()).toBe(true);
    expect(kept).not.toContain('\u0000');
    expect(kept.length).toBeLessThanOrEqual(5000);
  });
});

describe('LINE hanging', () => {
  it('writes the escalation and tells staff (webhook) within seconds, before LINE answers anything', async () => {
    // Longer than a call's 5 s time limit: to the bot, LINE is not answering.
    fake.delayMs = 8_000;
    const hooks: { body: unknown; at: number }[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.url === 'https://staff.test/notify') {
        hooks.push({ body: await request.json(), at: Date.now() });
        return new Response('{}');
      }
      return original(input, init);
    };
    try {
      const userId = 'U0000000000000000000000000hang0001';
      const started = Date.now();
      const { response, done } = await deliverWebhook([events.text('死にたい', { userId })], { STAFF_WEBHOOK_URL: 'https://staff.test/notify' });
      expect(response.status).toBe(200);
      const deadline = Date.now() + 5_000;
      let rows: { id: number }[] = [];
      while (Date.now() < deadline && (rows.length === 0 || hooks.length === 0)) {
        rows = await query<{ id: number }>('SELECT id FROM escalations WHERE user_id = ?', userId);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(rows).toHaveLength(1);
      expect(hooks).toHaveLength(1);
      expect((hooks[0]?.at ?? Infinity) - started).toBeLessThan(5_000);
      // Level and pseudonym only: no rule, no words, no LINE user id.
      const body = JSON.stringify(hooks[0]?.body);
      expect(body).toContain('"level":"high"');
      expect(body).not.toMatch(/rule|死にたい|U0000000000000000000000000hang0001/);
      expect(await query("SELECT kind FROM outbox WHERE kind = 'notice' AND escalation_id = ?", rows[0]?.id)).not.toHaveLength(0);
      // Every try is time-boxed: the work ends inside the 30 s Workers allow, the reply left pending.
      await done;
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(await query("SELECT delivery FROM messages WHERE user_id = ? AND direction = 'bot'", userId)).toEqual([{ delivery: 'pending' }]);
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe('LINE failing for a while, then recovering', () => {
  it('records the reply as pending, then delivers it once after recovery with the same retry key', async () => {
    const userId = 'U0000000000000000000000000down0001';
    fake.expireReplyTokens = true;
    fake.failNext('push', ...Array.from({ length: 6 }, () => ({ status: 503 })));
    const { done } = await deliverWebhook([events.text('死にたい', { userId })]);
    await done;
    expect(fake.delivered.filter((c) => (c.body as { to?: string }).to === userId)).toHaveLength(0);
    const bot = await query<{ delivery: string }>("SELECT delivery FROM messages WHERE user_id = ? AND direction = 'bot'", userId);
    expect(bot).toEqual([{ delivery: 'pending' }]);
    const outbox = await query<{ status: string; priority: number; retry_key: string }>(
      "SELECT status, priority, retry_key FROM outbox WHERE user_id = ? AND kind = 'reply'",
      userId,
    );
    expect(outbox).toMatchObject([{ status: 'pending', priority: 0 }]);
    expect(await query("SELECT kind FROM incidents WHERE kind = 'line-undelivered'")).not.toHaveLength(0);

    // LINE is back: the drain (Queue consumer or cron) sends it, crisis first, with the same key.
    fake.recover();
    const first = await drain();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const delivered = fake.delivered.filter((c) => (c.body as { to?: string }).to === userId);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.retryKey).toBe(outbox[0]?.retry_key);
    expect(texts(delivered[0])).toContain('いのちの電話');
    expect(await query("SELECT delivery FROM messages WHERE user_id = ? AND direction = 'bot'", userId)).toEqual([{ delivery: 'sent' }]);
    // Once: a second drain has nothing left for this resident.
    await drain();
    expect(fake.delivered.filter((c) => (c.body as { to?: string }).to === userId)).toHaveLength(1);
  });

  it('gives up a reply that is too old to help, marks it failed and tells staff', async () => {
    const userId = 'U0000000000000000000000000old00001';
    fake.expireReplyTokens = true;
    fake.failNext('push', ...Array.from({ length: 6 }, () => ({ status: 503 })));
    const { done } = await deliverWebhook([events.text('死にたい', { userId })]);
    await done;
    fake.recover();
    await drainOutbox({
      db: env.DB,
      clock: () => new Date(Date.now() + 25 * 60 * 60_000),
      log: consoleLogger,
      line: lineApiFor('test-access-token', LINE_BASE),
    });
    expect(fake.delivered.filter((c) => (c.body as { to?: string }).to === userId)).toHaveLength(0);
    expect(await query("SELECT delivery FROM messages WHERE user_id = ? AND direction = 'bot'", userId)).toEqual([{ delivery: 'failed' }]);
    expect(await query("SELECT status, payload FROM outbox WHERE user_id = ? AND kind = 'reply'", userId)).toEqual([{ status: 'expired', payload: '[]' }]);
    const audit = await query<{ detail: string }>(
      "SELECT ee.detail FROM escalation_events ee JOIN escalations e ON e.id = ee.escalation_id WHERE e.user_id = ? AND ee.action = 'notified'",
      userId,
    );
    expect(audit.some((a) => a.detail.includes('届けられませんでした'))).toBe(true);
  });
});

describe('a reply LINE took but answered 500', () => {
  it('is not pushed again when the retry finds the token used (400)', async () => {
    const userId = 'U0000000000000000000000000twice001';
    fake.failNext('reply', { status: 500 });
    const event = events.text('こんにちは', { userId });
    const { done } = await deliverWebhook([event]);
    // The fake answered 500 without taking the token; take it, as LINE would have.
    await done;
    const replies = fake.callsTo('reply');
    expect(replies.map((c) => c.status)).toEqual([500, 200]);
    fake.calls.length = 0;
    fake.failNext('reply', { status: 500 });
    fake.expireReplyTokens = true; // the retry is told the token is used
    const second = await deliverWebhook([events.text('もう一度', { userId })]);
    await second.done;
    expect(fake.callsTo('reply').map((c) => c.status)).toEqual([500, 400]);
    expect(fake.callsTo('push').filter((c) => (c.body as { to?: string }).to === userId)).toHaveLength(0);
  });
});

describe('a resident who blocks the bot mid-reply', () => {
  it('leaves no row with their words once the reply finishes', async () => {
    const userId = 'U0000000000000000000000000block001';
    fake.delayMs = 1_500;
    const first = await deliverWebhook([events.text('家賃が払えなくて困っています', { userId })]);
    // The unfollow arrives while the reply is still on its way to LINE.
    await new Promise((r) => setTimeout(r, 300));
    const blocked = await deliverWebhook([events.unfollow({ userId })]);
    await blocked.done;
    await first.done;
    expect(await query('SELECT id FROM messages WHERE user_id = ?', userId)).toHaveLength(0);
    expect(await query('SELECT user_id FROM conversations WHERE user_id = ?', userId)).toHaveLength(0);
    expect(await query("SELECT id FROM outbox WHERE user_id = ? AND payload != '[]'", userId)).toHaveLength(0);
    // Coming back (follow) lifts the tombstone: the conversation is recorded again.
    fake.delayMs = 0;
    const back = await deliverWebhook([events.follow({ userId })]);
    await back.done;
    expect(await query<{ direction: string }>('SELECT direction FROM messages WHERE user_id = ? ORDER BY id', userId)).toEqual([
      { direction: 'in' },
      { direction: 'bot' },
    ]);
  });
});

describe('the staff group notice', () => {
  it('is sent once per escalation, and a failed one is retried from the outbox', async () => {
    const userId = 'U0000000000000000000000000note0001';
    // The staff notice and the resident's reply go at the same time; the notice's push fails once.
    fake.failNext('push', { status: 500 });
    fake.expireReplyTokens = false;
    const { done } = await deliverWebhook([events.text('死にたい', { userId })]);
    await done;
    const toStaff = () => fake.delivered.filter((c) => (c.body as { to?: string }).to === STAFF_GROUP);
    expect(toStaff()).toHaveLength(0);
    const audit = await query<{ detail: string }>(
      "SELECT ee.detail FROM escalation_events ee JOIN escalations e ON e.id = ee.escalation_id WHERE e.user_id = ? AND ee.action = 'notified'",
      userId,
    );
    expect(audit[0]?.detail).toMatch(/line: failed .*will retry/);
    await drain();
    expect(toStaff()).toHaveLength(1);
    await drain();
    expect(toStaff()).toHaveLength(1);
    expect(await query('SELECT notified_at FROM escalations WHERE user_id = ? AND notified_at IS NOT NULL', userId)).toHaveLength(1);
  });
});

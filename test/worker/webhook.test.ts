import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeLineApi } from '../support/fake-line-api';
import { eventId, events, webhookBody } from '../support/webhook';
import { fakeLine, postWebhook, query, worker } from './setup';

let fake: FakeLineApi;
let restore: () => void;
beforeEach(() => ({ fake, restore } = fakeLine()));
afterEach(() => restore());

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('POST /webhook: signature', () => {
  it('answers 401 to a forged signature and processes nothing', async () => {
    const res = await postWebhook([events.text('家賃が払えない')], 'not-the-secret');
    expect(res.status).toBe(401);
    await settle();
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 401 when the signature is missing or not base64', async () => {
    const body = webhookBody([events.text('こんにちは')]);
    const missing = await worker().fetch(new Request('http://bot.test/webhook', { method: 'POST', body }));
    expect(missing.status).toBe(401);
    const garbage = await worker().fetch(new Request('http://bot.test/webhook', { method: 'POST', body, headers: { 'x-line-signature': '%%%not base64%%%' } }));
    expect(garbage.status).toBe(401);
    await settle();
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 401 to a valid signature over a different body (tampered)', async () => {
    const signed = await postWebhook([events.text('a')]);
    expect(signed.status).toBe(200);
    const { signBody } = await import('../../src/verify/verify-signature');
    const sig = await signBody(webhookBody([events.text('a')]), 'test-channel-secret');
    const res = await worker().fetch(
      new Request('http://bot.test/webhook', { method: 'POST', body: webhookBody([events.text('b')]), headers: { 'x-line-signature': sig } }),
    );
    expect(res.status).toBe(401);
  });
});

describe('POST /webhook: bodies', () => {
  it('answers 400 to broken JSON, a non-webhook body and invalid UTF-8', async () => {
    const { signBody } = await import('../../src/verify/verify-signature');
    for (const body of ['{"destination":"x","events":[', '{}', '[1,2,3]', '{"destination":"x","events":"no"}']) {
      const res = await worker().fetch(
        new Request('http://bot.test/webhook', { method: 'POST', body, headers: { 'x-line-signature': await signBody(body, 'test-channel-secret') } }),
      );
      expect(res.status, body).toBe(400);
    }
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await worker().fetch(
      new Request('http://bot.test/webhook', {
        method: 'POST',
        body: bytes,
        headers: { 'x-line-signature': await signBody(bytes.buffer, 'test-channel-secret') },
      }),
    );
    expect(res.status).toBe(400);
  });

  it('answers 413 to an oversized body', async () => {
    const body = webhookBody([events.text('あ'.repeat(200_000))]);
    const res = await postWebhook(JSON.parse(body).events);
    expect(res.status).toBe(413);
  });

  it('answers 200 to the console Verify button (no events)', async () => {
    const res = await postWebhook([]);
    expect(res.status).toBe(200);
  });

  it('ignores unknown event and message types with 200, and still handles the known ones', async () => {
    const known = events.text('こんにちは');
    const res = await postWebhook([
      {
        type: 'beacon',
        mode: 'active',
        timestamp: 1,
        source: { type: 'user', userId: 'U1' },
        webhookEventId: eventId(),
        deliveryContext: { isRedelivery: false },
        replyToken: 'x',
        beacon: { hwid: 'd41d8cd98f', type: 'enter' },
      },
      { ...events.text('x'), message: { type: 'futureType', id: '9' } },
      'garbage',
      known,
    ]);
    expect(res.status).toBe(200);
    await fake.waitFor((calls) => calls.length >= 1);
    await settle();
    expect(fake.callsTo('reply')).toHaveLength(1);
    expect(fake.callsTo('reply')[0]?.body).toMatchObject({ replyToken: known.replyToken });
  });
});

describe('POST /webhook: events', () => {
  it('greets a new friend with what the bot does, that it is not an emergency service, and category buttons', async () => {
    await postWebhook([events.follow()]);
    const [call] = await fake.waitFor((calls) => calls.length >= 1);
    const body = call?.body as { messages: { text: string; quickReply?: { items: unknown[] } }[] };
    expect(body.messages[0]?.text).toContain('119');
    expect(body.messages[0]?.text).toContain('緊急通報ではありません');
    expect(body.messages[0]?.quickReply?.items.length).toBeGreaterThanOrEqual(8);
  });

  it.each(['sticker', 'image', 'audio', 'location'] as const)('answers a %s kindly, asking for words', async (type) => {
    await postWebhook([type === 'sticker' ? events.sticker() : events.media(type)]);
    const [call] = await fake.waitFor((calls) => calls.length >= 1);
    expect(JSON.stringify(call?.body)).toContain('言葉で送って');
  });

  it('answers a text message through the reply API with the reply token and the access token', async () => {
    const event = events.text('困っています');
    await postWebhook([event]);
    const [call] = await fake.waitFor((calls) => calls.length >= 1);
    expect(call?.path).toBe('/v2/bot/message/reply');
    expect(call?.authorization).toBe('Bearer test-access-token');
    expect(call?.body).toMatchObject({ replyToken: event.replyToken });
  });

  it('answers a postback from a category button', async () => {
    await postWebhook([events.postback('action=category&category=money')]);
    const [call] = await fake.waitFor((calls) => calls.length >= 1);
    expect(JSON.stringify(call?.body)).toContain('お金・生活');
  });

  it('records both turns of a conversation in D1 with the event id', async () => {
    const userId = 'U0000000000000000000000000000rec1';
    const event = events.text('家のことで相談したい', { userId });
    await postWebhook([event]);
    await fake.waitFor((calls) => calls.length >= 1);
    await settle();
    const rows = await query<{ direction: string; text: string; event_id: string }>(
      'SELECT direction, text, event_id FROM messages WHERE user_id = ? ORDER BY id',
      userId,
    );
    expect(rows.map((r) => r.direction)).toEqual(['in', 'bot']);
    expect(rows[0]).toMatchObject({ text: '家のことで相談したい', event_id: event.webhookEventId });
  });

  it('deletes the non-escalated data of a resident who blocks the bot', async () => {
    const userId = 'U0000000000000000000000000000unf1';
    await postWebhook([events.text('こんにちは', { userId })]);
    await fake.waitFor((calls) => calls.length >= 1);
    await settle();
    expect(await query('SELECT id FROM messages WHERE user_id = ?', userId)).not.toHaveLength(0);
    await postWebhook([events.unfollow({ userId })]);
    await settle();
    expect(await query('SELECT id FROM messages WHERE user_id = ?', userId)).toHaveLength(0);
    expect(await query('SELECT user_id FROM conversations WHERE user_id = ?', userId)).toHaveLength(0);
  });
});

describe('POST /webhook: delivered once', () => {
  it('answers and records a redelivered event once', async () => {
    const userId = 'U0000000000000000000000000000red1';
    const event = events.text('相談です', { userId });
    await postWebhook([event]);
    await fake.waitFor((calls) => calls.length >= 1);
    await settle();
    await postWebhook([{ ...event, deliveryContext: { isRedelivery: true } }]);
    await settle();
    expect(fake.callsTo('reply')).toHaveLength(1);
    expect(await query('SELECT id FROM messages WHERE user_id = ? AND direction = ?', userId, 'in')).toHaveLength(1);
  });

  it('handles the same event delivered concurrently once', async () => {
    const event = events.text('同時に届いた');
    await Promise.all([postWebhook([event]), postWebhook([event]), postWebhook([event])]);
    await fake.waitFor((calls) => calls.length >= 1);
    await settle();
    expect(fake.callsTo('reply')).toHaveLength(1);
  });
});

describe('POST /webhook: LINE API failures', () => {
  it('retries a reply after a 5xx and after a network error', async () => {
    fake.failNext('reply', { status: 500 }, 'network');
    await postWebhook([events.text('こんにちは')]);
    await fake.waitFor(() => fake.delivered.length >= 1);
    expect(fake.callsTo('reply')).toHaveLength(3);
    expect(fake.callsTo('push')).toHaveLength(0);
  });

  it('waits for Retry-After on a 429 before retrying', async () => {
    fake.failNext('reply', { status: 429, retryAfter: 1 });
    await postWebhook([events.text('こんにちは')]);
    await fake.waitFor(() => fake.delivered.length >= 1);
    const [first, second] = fake.callsTo('reply');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('falls back to a push with an X-Line-Retry-Key when the reply token cannot be used, and keeps the key on retries', async () => {
    fake.expireReplyTokens = true;
    fake.failNext('push', { status: 503 });
    const userId = 'U0000000000000000000000000000psh1';
    await postWebhook([events.text('こんにちは', { userId })]);
    await fake.waitFor(() => fake.delivered.length >= 1);
    const pushes = fake.callsTo('push');
    expect(pushes).toHaveLength(2);
    expect(pushes[0]?.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(pushes[1]?.retryKey).toBe(pushes[0]?.retryKey);
    expect(pushes[1]?.body).toMatchObject({ to: userId });
  });

  it('never lets one failing event fail the others in the batch', async () => {
    fake.failNext('reply', { status: 400 });
    fake.failNext('push', { status: 400 });
    const first = events.text('ひとつめ');
    const second = events.text('ふたつめ');
    const res = await postWebhook([first, second]);
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.delivered.length >= 1);
    expect(fake.delivered[0]?.body).toMatchObject({ replyToken: second.replyToken });
  });
});

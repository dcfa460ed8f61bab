import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeLineApi, LineCall } from '../support/fake-line-api';
import { events } from '../support/webhook';
import { fakeLine, postWebhook, query } from './setup';

let fake: FakeLineApi;
let restore: () => void;
beforeEach(() => ({ fake, restore } = fakeLine()));
afterEach(() => restore());

const STAFF_GROUP = 'Cstaffgroup00000000000000000000001';
const settle = () => new Promise((r) => setTimeout(r, 400));
const texts = (call: LineCall | undefined) =>
  ((call?.body as { messages?: { text?: string; altText?: string }[] })?.messages ?? []).map((m) => m.text ?? m.altText ?? '').join('\n');
const toResident = () => fake.delivered.filter((c) => (c.body as { to?: string }).to !== STAFF_GROUP);
const toStaff = () => fake.callsTo('push').filter((c) => (c.body as { to?: string }).to === STAFF_GROUP && c.status === 200);

describe('crisis replies through the webhook', () => {
  it('answers 「死にたい」 with warm words and a line open now, flags it and notifies staff once', async () => {
    const userId = 'U0000000000000000000000000000cr01';
    const event = events.text('死にたい', { userId });
    await postWebhook([event]);
    await fake.waitFor(() => toStaff().length >= 1 && toResident().length >= 1);
    const reply = texts(toResident()[0]);
    expect(reply).toContain('ありがとうございます');
    expect(reply).toMatch(/東京いのちの電話|よりそいホットライン/); // both are 24 h lines
    expect(reply).not.toMatch(/方法|手段/);
    const rows = await query<{ level: string; rule: string; message_text: string }>(
      'SELECT level, rule, message_text FROM escalations WHERE user_id = ?',
      userId,
    );
    expect(rows).toEqual([{ level: 'high', rule: 'high-want-to-die', message_text: '死にたい' }]);
    // The staff notice names no resident words.
    expect(texts(toStaff()[0])).not.toContain('死にたい');

    await postWebhook([{ ...event, deliveryContext: { isRedelivery: true } }]);
    await settle();
    expect(toStaff()).toHaveLength(1);
    expect(await query('SELECT id FROM escalations WHERE user_id = ?', userId)).toHaveLength(1);
  });

  it('leads an emergency with 119', async () => {
    await postWebhook([events.text('今から飛び降りる')]);
    await fake.waitFor(() => toResident().length >= 1);
    const first = texts(toResident()[0]);
    expect(first.indexOf('119')).toBeGreaterThanOrEqual(0);
    expect(first.indexOf('119')).toBeLessThan(60);
  });

  it('leads with 110 when someone else is the danger now', async () => {
    await postWebhook([events.text('夫が包丁を持って暴れている')]);
    await fake.waitFor(() => toResident().length >= 1);
    const first = ((toResident()[0]?.body as { messages?: { text: string }[] } | undefined)?.messages ?? [])[0]?.text ?? '';
    expect(first).toContain('110');
    expect(first.indexOf('110')).toBeLessThan(first.indexOf('119'));
  });

  it.each([
    ['子どもが毎日叩かれている声がする', '189'],
    ['夫に殴られる', 'DV相談'],
    ['レイプされた', '#8891'],
  ])('answers abuse (%s) with the lines for it', async (text, expected) => {
    await postWebhook([events.text(text)]);
    await fake.waitFor(() => toResident().length >= 1);
    expect(texts(toResident()[0])).toContain(expected);
  });

  it('tells a supporter what to do (concern)', async () => {
    await postWebhook([events.text('友達が死にたいと言っている')]);
    await fake.waitFor(() => toResident().length >= 1);
    expect(texts(toResident()[0])).toContain('ひとりにしないで');
  });

  it('gives an everyday idiom the normal answer, with no escalation', async () => {
    const userId = 'U0000000000000000000000000000idm1';
    await postWebhook([events.text('死ぬほど忙しい', { userId })]);
    await fake.waitFor(() => toResident().length >= 1);
    await settle();
    expect(texts(toResident()[0])).not.toContain('打ち明けてくれて');
    expect(await query('SELECT id FROM escalations WHERE user_id = ?', userId)).toHaveLength(0);
  });

  it('keeps the crisis context for a short answer afterwards', async () => {
    const userId = 'U0000000000000000000000000000ctx1';
    await postWebhook([events.text('消えたい', { userId })]);
    await fake.waitFor(() => toResident().length >= 1);
    await settle();
    await postWebhook([events.text('はい', { userId })]);
    await fake.waitFor(() => toResident().length >= 2);
    expect(texts(toResident()[1])).toContain('返事をありがとうございます');
  });

  it('pushes the crisis message with a retry key when the reply cannot be delivered', async () => {
    fake.expireReplyTokens = true;
    // The resident's push and the staff notice go out at the same time: both first tries fail.
    fake.failNext('push', { status: 500 }, { status: 500 });
    const userId = 'U0000000000000000000000000000psh2';
    await postWebhook([events.text('死にたい', { userId })]);
    await fake.waitFor(() => fake.delivered.some((c) => (c.body as { to?: string }).to === userId));
    const pushes = fake.callsTo('push').filter((c) => (c.body as { to?: string }).to === userId);
    expect(pushes.length).toBe(2);
    expect(pushes[1]?.retryKey).toBe(pushes[0]?.retryKey);
    expect(texts(pushes[1])).toContain('いのちの電話');
  });
});

// Issue 16 end to end: an answer from its source through the webhook, the resident's rating as a
// postback, both in D1, and on the staff console (the unanswered list and the overview's figures).
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureSchema } from '../../src/record/migrate';
import type { FakeLineApi } from '../support/fake-line-api';
import { events } from '../support/webhook';
import { deliverWebhook, fakeLine, query } from './setup';
import { type Browser, seedEscalation, signIn } from './staff-support';

let fake: FakeLineApi;
let restore: () => void;
let browser: Browser;
beforeAll(async () => {
  await ensureSchema(env.DB);
  browser = await signIn('練馬 花子');
});
beforeEach(() => ({ fake, restore } = fakeLine()));
afterEach(() => restore());

const texts = (body: unknown) => JSON.stringify(body);

describe('answers and their ratings, webhook → D1 → staff page', () => {
  it('answers a common question from its source, records the answer, and puts a 「役に立たなかった」 question on the unanswered list', async () => {
    const userId = 'Uanswerfeedback000000000000000001';
    const question = '車を持っていても生活保護を受けられますか';
    const first = await deliverWebhook([events.text(question, { userId })]);
    expect(first.response.status).toBe(200);
    await first.done;
    const reply = fake.callsTo('reply').at(-1);
    expect(texts(reply?.body)).toContain('出典：');
    expect(texts(reply?.body)).toContain('action=feedback&helpful=no&answer=seikatsu-hogo-car');
    const bot = await query<{ answer_id: string | null }>("SELECT answer_id FROM messages WHERE user_id = ? AND direction = 'bot'", userId);
    expect(bot.map((b) => b.answer_id)).toContain('seikatsu-hogo-car');

    const rated = await deliverWebhook([events.postback('action=feedback&helpful=no&answer=seikatsu-hogo-car', { userId })]);
    await rated.done;
    expect(texts(fake.callsTo('reply').at(-1)?.body)).toContain('お役に立てず');
    const rows = await query<{ helpful: number; answer_id: string; question: string }>(
      'SELECT helpful, answer_id, question FROM feedback WHERE user_id = ?',
      userId,
    );
    expect(rows).toEqual([{ helpful: 0, answer_id: 'seikatsu-hogo-car', question }]);

    const unanswered = await (await browser.get('/staff/unanswered')).text();
    expect(unanswered).toContain(question);
    expect(unanswered).toContain('うち「役に立たなかった」1件');
    const overview = await (await browser.get('/staff/overview')).text();
    expect(overview).toMatch(/<td>seikatsu-hogo-car<\/td><td>\d+<\/td><td>\d+<\/td><td>[1-9]\d*<\/td>/);
    expect(overview).toContain('回答率');
  });

  it('shows, per level, the time to the first staff action and the longest still waiting', async () => {
    const waiting = await seedEscalation({ level: 'emergency', text: '今から飛び降りる', at: new Date(Date.now() - 95 * 60_000) });
    const handled = await seedEscalation({ level: 'high', text: '消えたい', at: new Date(Date.now() - 30 * 60_000) });
    const csrf = await browser.csrf(`/staff/escalations/${handled.id}`);
    await browser.post(`/staff/escalations/${handled.id}/assign`, { assignee: '練馬 花子', _csrf: csrf });
    const overview = await (await browser.get('/staff/overview')).text();
    const table = overview.slice(overview.indexOf('data-response'));
    // The emergency has waited 95 minutes with no staff action; the high one was acted on after about 30.
    expect(table).toMatch(/緊急<\/td><td>\d+<\/td><td>[^<]*<\/td><td>[1-9]\d*<\/td><td>\d+時間\d+分<\/td>/);
    expect(table).toMatch(/高<\/td><td>[1-9]\d*<\/td><td>(29|30|31)分<\/td>/);
    expect(waiting.id).not.toBe(handled.id);
  });
});

describe('languages on the staff console', () => {
  it('shows the resident language and, under a reply in another language, what it said in Japanese', async () => {
    const userId = 'Ulanguageconsole00000000000000001';
    const sent = await deliverWebhook([events.text('I want to die. I cannot do this anymore', { userId })]);
    await sent.done;
    expect(texts(fake.callsTo('reply').at(-1)?.body)).toContain('Thank you for telling us');
    const [row] = await query<{ id: number }>('SELECT id FROM escalations WHERE user_id = ?', userId);
    expect(row).toBeDefined();
    const page = await (await browser.get(`/staff/escalations/${row?.id}`)).text();
    expect(page).toContain('言語 英語');
    expect(page).toContain('日本語での内容');
    expect(page).toContain('打ち明けてくれて、ありがとうございます');
    const queue = await (await browser.get('/staff')).text();
    expect(queue).toContain('言語 英語');
  });
});

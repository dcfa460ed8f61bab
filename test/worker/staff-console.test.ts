import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { ensureSchema } from '../../src/record/migrate';
import type { FakeLineApi } from '../support/fake-line-api';
import { events } from '../support/webhook';
import { fakeLine, postWebhook, query } from './setup';
import { call, recordTurns, seedEscalation, signIn, STAFF_TOKEN, type Browser } from './staff-support';

let fake: FakeLineApi;
let restore: () => void;
let browser: Browser;
beforeAll(async () => {
  await ensureSchema(env.DB);
  browser = await signIn('練馬 花子');
});
beforeEach(() => ({ fake, restore } = fakeLine()));
afterEach(() => restore());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const bearer = { headers: { authorization: `Bearer ${STAFF_TOKEN}` } };

describe('/staff: the queue', () => {
  it('lists the most severe first, then the oldest waiting first, with level, JST time, first words, status and assignee', async () => {
    const concernOld = await seedEscalation({ level: 'concern', text: '友達が心配です', at: minutesAgo(500) });
    const highNew = await seedEscalation({ level: 'high', text: '消えたい気持ちが続く', at: minutesAgo(10) });
    const emergency = await seedEscalation({ level: 'emergency', text: '今から飛び降りる', at: minutesAgo(5) });
    const highOld = await seedEscalation({ level: 'high', text: 'もう生きていたくない', at: minutesAgo(120) });
    const abuse = await seedEscalation({ level: 'abuse', text: '夫に殴られる', at: minutesAgo(60) });
    const html = await (await browser.get('/staff')).text();
    const order = Array.from(html.matchAll(/data-escalation="(\d+)"/g), (m) => Number(m[1]));
    const mine = order.filter((id) => [concernOld.id, highNew.id, emergency.id, highOld.id, abuse.id].includes(id));
    expect(mine).toEqual([emergency.id, highOld.id, highNew.id, abuse.id, concernOld.id]);
    expect(html).toContain('今から飛び降りる');
    expect(html).toContain(emergency.pseudonym);
    expect(html).not.toContain(emergency.userId);
    expect(html).toContain('新規');
    expect(html).toContain('担当 未定');
    const jst = new Date(minutesAgo(5).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    expect(html).toContain(jst);
  });

  it('escapes hostile resident text everywhere it is shown', async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { id, userId } = await seedEscalation({ level: 'high', text: hostile, at: minutesAgo(1) });
    await recordTurns(env.DB, [{ userId, direction: 'in', kind: 'text', text: `"><svg onload=alert(2)>`, answered: false }], minutesAgo(1));
    for (const path of ['/staff', `/staff/escalations/${id}`, '/staff/unanswered']) {
      const html = await (await browser.get(path)).text();
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('<svg onload');
    }
    const page = await (await browser.get(`/staff/escalations/${id}`)).text();
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});

describe('/staff: one conversation', () => {
  it('shows the whole transcript, level and rule, and the audit trail', async () => {
    const { id, userId } = await seedEscalation({ level: 'high', text: '死にたい', at: minutesAgo(30), rule: 'high-want-to-die' });
    await recordTurns(env.DB, [{ userId, direction: 'bot', kind: 'text', text: '打ち明けてくれてありがとうございます' }], minutesAgo(29));
    const html = await (await browser.get(`/staff/escalations/${id}`)).text();
    expect(html).toContain('死にたい');
    expect(html).toContain('打ち明けてくれてありがとうございます');
    expect(html).toContain('high-want-to-die');
    expect(html).toContain('［受付］');
    expect(html.indexOf('死にたい')).toBeLessThan(html.indexOf('打ち明けてくれて'));
  });

  it('changes the status with an audit entry and keeps conversations.staff_handling in step', async () => {
    const { id, userId } = await seedEscalation({ level: 'high', text: 'つらい', at: minutesAgo(20) });
    const csrf = await browser.csrf(`/staff/escalations/${id}`);
    const handling = async () =>
      (await query<{ staff_handling: number }>('SELECT staff_handling FROM conversations WHERE user_id = ?', userId))[0]?.staff_handling;

    const toProgress = await browser.post(`/staff/escalations/${id}/status`, { status: 'in_progress', _csrf: csrf });
    expect(toProgress.status).toBe(303);
    expect(toProgress.headers.get('location')).toBe(`/staff/escalations/${id}?done=status`);
    expect(await handling()).toBe(1);
    await browser.post(`/staff/escalations/${id}/assign`, { assignee: '練馬 花子', _csrf: csrf });
    await browser.post(`/staff/escalations/${id}/notes`, { note: '電話で折り返し予定', _csrf: csrf });
    await browser.post(`/staff/escalations/${id}/status`, { status: 'done', _csrf: csrf });
    expect(await handling()).toBe(0);

    const trail = await query<{ actor: string; action: string; detail: string }>(
      'SELECT actor, action, detail FROM escalation_events WHERE escalation_id = ? ORDER BY id',
      id,
    );
    expect(trail.map((t) => [t.actor, t.action, t.detail])).toEqual([
      ['bot', 'created', 'high (test-high)'],
      ['練馬 花子', 'status', '新規 → 対応中'],
      ['練馬 花子', 'assign', '担当: 練馬 花子'],
      ['練馬 花子', 'note', '電話で折り返し予定'],
      ['練馬 花子', 'status', '対応中 → 対応済'],
    ]);
    const html = await (await browser.get(`/staff/escalations/${id}?done=status`)).text();
    expect(html).toContain('状態を変更しました');
    expect(html).toContain('電話で折り返し予定');
    expect(html).toContain('対応中 → 対応済');
  });

  it('refuses a state change without the CSRF token, with a wrong one, or from another origin', async () => {
    const { id } = await seedEscalation({ level: 'concern', text: '心配', at: minutesAgo(5) });
    const csrf = await browser.csrf(`/staff/escalations/${id}`);
    const missing = await browser.post(`/staff/escalations/${id}/status`, { status: 'done' });
    expect(missing.status).toBe(403);
    const wrong = await browser.post(`/staff/escalations/${id}/status`, { status: 'done', _csrf: `${csrf}x` });
    expect(wrong.status).toBe(403);
    const crossSite = await call(`/staff/escalations/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', cookie: browser.cookie },
      body: new URLSearchParams({ status: 'done', _csrf: csrf }).toString(),
    });
    expect(crossSite.status).toBe(403);
    const apiWithCookie = await call(`/staff/api/escalations/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: browser.cookie },
      body: '{"status":"done"}',
    });
    expect(apiWithCookie.status).toBe(403);
    expect((await query<{ status: string }>('SELECT status FROM escalations WHERE id = ?', id))[0]?.status).toBe('new');
  });

  it('rejects a malformed form with 400 and changes nothing', async () => {
    const { id } = await seedEscalation({ level: 'concern', text: '心配2', at: minutesAgo(5) });
    const csrf = await browser.csrf(`/staff/escalations/${id}`);
    const res = await browser.post(`/staff/escalations/${id}/status`, { status: 'closed', _csrf: csrf });
    expect(res.status).toBe(400);
    expect((await query<{ status: string }>('SELECT status FROM escalations WHERE id = ?', id))[0]?.status).toBe('new');
  });
});

describe('/staff: reply as staff', () => {
  it('does not keep staff waiting while LINE hangs: the reply is queued, shown as pending, and sent later', async () => {
    const { id, userId } = await seedEscalation({ level: 'high', text: '助けて3', at: minutesAgo(15) });
    fake.delayMs = 8_000;
    const csrf = await browser.csrf(`/staff/escalations/${id}`);
    const started = Date.now();
    const res = await browser.post(`/staff/escalations/${id}/reply`, { text: '職員の佐藤です。', replyKey: crypto.randomUUID(), _csrf: csrf });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/escalations/${id}?done=queued`);
    expect(await query("SELECT delivery FROM messages WHERE user_id = ? AND direction = 'staff'", userId)).toEqual([{ delivery: 'pending' }]);
    const page = await (await browser.get(`/staff/escalations/${id}?done=queued`)).text();
    expect(page).toContain('送信待ち');
    const queue = await (await browser.get('/staff')).text();
    expect(queue).toContain('LINEに送れていない返信・通知');
  });

  it('pushes the reply through the LINE API with an X-Line-Retry-Key, records it once, and audits it', async () => {
    const { id, userId } = await seedEscalation({ level: 'high', text: '助けて', at: minutesAgo(15) });
    const html = await (await browser.get(`/staff/escalations/${id}`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const replyKey = /name="replyKey" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const fields = { text: '区の保健師の山田です。お話を聞かせてください。', replyKey, _csrf: csrf };
    const res = await browser.post(`/staff/escalations/${id}/reply`, fields);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/escalations/${id}?done=sent`);

    const pushes = fake.callsTo('push');
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.retryKey).toBe(replyKey);
    expect(pushes[0]?.authorization).toBe('Bearer test-access-token');
    expect(pushes[0]?.body).toEqual({ to: userId, messages: [{ type: 'text', text: fields.text }] });

    // The same form sent again (a double tap): LINE answers 409 for the used key; nothing is recorded twice.
    const again = await browser.post(`/staff/escalations/${id}/reply`, fields);
    expect(again.headers.get('location')).toBe(`/staff/escalations/${id}?done=duplicate`);
    expect(fake.delivered).toHaveLength(1);

    const turns = await query<{ direction: string; text: string }>("SELECT direction, text FROM messages WHERE user_id = ? AND direction = 'staff'", userId);
    expect(turns).toEqual([{ direction: 'staff', text: fields.text }]);
    const trail = await query<{ action: string; detail: string }>('SELECT action, detail FROM escalation_events WHERE escalation_id = ? ORDER BY id', id);
    expect(trail.map((t) => t.action)).toEqual(['created', 'reply', 'status', 'assign']);
    const row = (await query<{ status: string; assignee: string }>('SELECT status, assignee FROM escalations WHERE id = ?', id))[0];
    expect(row).toEqual({ status: 'in_progress', assignee: '練馬 花子' });
    expect((await query<{ staff_handling: number }>('SELECT staff_handling FROM conversations WHERE user_id = ?', userId))[0]?.staff_handling).toBe(1);
    const page = await (await browser.get(`/staff/escalations/${id}`)).text();
    expect(page).toContain('turn turn-staff');
  });

  it('shows an error and records nothing when LINE refuses the push', async () => {
    const { id, userId } = await seedEscalation({ level: 'high', text: '助けて2', at: minutesAgo(15) });
    fake.failNext('push', { status: 400 });
    const csrf = await browser.csrf(`/staff/escalations/${id}`);
    const res = await browser.post(`/staff/escalations/${id}/reply`, { text: 'こんにちは', replyKey: crypto.randomUUID(), _csrf: csrf });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('LINEが受け付けませんでした');
    expect(await query("SELECT id FROM messages WHERE user_id = ? AND direction = 'staff'", userId)).toHaveLength(0);
  });

  it('replies through the JSON API with a Bearer token', async () => {
    const { id } = await seedEscalation({ level: 'concern', text: '心配です', at: minutesAgo(15) });
    const res = await call(`/staff/api/escalations/${id}/reply`, {
      method: 'POST',
      headers: { ...bearer.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'API からの返信' }),
    });
    expect(res.status).toBe(200);
    expect(fake.callsTo('push')[0]?.retryKey).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/staff/api', () => {
  it('lists an escalation created by a crisis message sent through the webhook, by pseudonym, with its messages', async () => {
    const userId = 'U0000000000000000000000000staffapi1';
    await postWebhook([events.text('死にたい', { userId })]);
    // The pipeline records the escalation and both turns after answering; wait for the bot's turn.
    for (let i = 0; i < 200 && (await query("SELECT id FROM messages WHERE user_id = ? AND direction = 'bot'", userId)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    const [row] = await query<{ id: number }>('SELECT id FROM escalations WHERE user_id = ?', userId);
    expect(row).toBeDefined();
    const res = await call('/staff/api/escalations', bearer);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(userId);
    const body: {
      escalations: { id: number; level: string; pseudonym: string; status: string; messages: { direction: string; text: string; level: string | null }[] }[];
    } = JSON.parse(text);
    const mine = body.escalations.find((e) => e.id === row?.id);
    expect(mine).toMatchObject({ level: 'high', status: 'new' });
    expect(mine?.pseudonym).toMatch(/^R-[A-Z2-9]{6}$/);
    expect(mine?.messages).toContainEqual(expect.objectContaining({ direction: 'in', text: '死にたい', level: 'high' }));
    expect(mine?.messages.some((m) => m.direction === 'bot')).toBe(true);
    // Newest activity first.
    expect(body.escalations[0]?.id).toBe(row?.id);
    const page = await (await browser.get('/staff')).text();
    expect(page).toContain(`data-escalation="${row?.id}"`);
  });

  it('changes status and adds notes through the API, audited as the API actor', async () => {
    const { id } = await seedEscalation({ level: 'abuse', text: '叩かれる', at: minutesAgo(3) });
    const post = (path: string, body: unknown) =>
      call(path, { method: 'POST', headers: { ...bearer.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(`/staff/api/escalations/${id}/status`, { status: 'in_progress' })).status).toBe(200);
    expect((await post(`/staff/api/escalations/${id}/notes`, { note: '児相に連絡' })).status).toBe(200);
    expect((await post(`/staff/api/escalations/${id}/status`, { status: 'bogus' })).status).toBe(400);
    expect((await post('/staff/api/escalations/99999999/status', { status: 'done' })).status).toBe(404);
    const detail = await (await call(`/staff/api/escalations/${id}`, bearer)).json<{
      escalation: { status: string; audit: { actor: string; action: string }[] };
    }>();
    expect(detail.escalation.status).toBe('in_progress');
    expect(detail.escalation.audit.slice(1)).toEqual([
      expect.objectContaining({ actor: 'API', action: 'status' }),
      expect.objectContaining({ actor: 'API', action: 'note' }),
    ]);
  });
});

describe('/staff: unanswered questions, overview and CSV', () => {
  it('groups unanswered questions by similar text, newest first', async () => {
    const u = 'Ustaffunanswered000000000000000001';
    await recordTurns(env.DB, [{ userId: u, direction: 'in', kind: 'text', text: 'ペットの飼い方を知りたい', answered: false }], minutesAgo(40));
    await recordTurns(env.DB, [{ userId: `${u}b`, direction: 'in', kind: 'text', text: 'ペットの 飼い方を 知りたい！', answered: false }], minutesAgo(20));
    await recordTurns(env.DB, [{ userId: u, direction: 'in', kind: 'text', text: '粗大ごみの出し方', answered: false }], minutesAgo(2));
    const res = await call('/staff/api/unanswered', bearer);
    const { groups } = await res.json<{ groups: { sample: string; count: number; residents: number }[] }>();
    const pet = groups.findIndex((g) => g.sample.startsWith('ペットの'));
    const gomi = groups.findIndex((g) => g.sample === '粗大ごみの出し方');
    expect(groups[pet]).toMatchObject({ count: 2, residents: 2, sample: 'ペットの 飼い方を 知りたい！' });
    expect(gomi).toBeLessThan(pet);
    const html = await (await browser.get('/staff/unanswered')).text();
    expect(html).toContain('粗大ごみの出し方');
  });

  it('shows the daily overview', async () => {
    await recordTurns(env.DB, [{ userId: 'Ustaffoverview', direction: 'in', kind: 'text', text: '家賃', category: 'money', answered: true }], new Date());
    const html = await (await browser.get('/staff/overview')).text();
    expect(html).toContain('日別メッセージ数');
    expect(html).toContain('お金・生活');
    expect(html).toContain('高');
  });

  it('exports escalations as CSV with pseudonyms, never LINE user ids, and formulas defused', async () => {
    const { userId, pseudonym } = await seedEscalation({ level: 'high', text: '=HYPERLINK("http://evil")', at: minutesAgo(1) });
    const res = await browser.get('/staff/export/escalations.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="escalations-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = await res.text();
    expect(csv).toContain(pseudonym);
    expect(csv).not.toContain(userId);
    expect(csv).not.toMatch(/\bU[0-9a-f]{32}\b/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('defuses full-width formula signs too (spreadsheets read ＝ as =)', async () => {
    await seedEscalation({ level: 'concern', text: '＝HYPERLINK("http://evil")', at: minutesAgo(1) });
    const csv = await (await browser.get('/staff/export/escalations.csv')).text();
    expect(csv).toContain(`"'＝HYPERLINK(""http://evil"")"`);
  });
});

describe('retention (cron)', () => {
  it('deletes messages, idle conversations, closed escalations and event keys older than RETENTION_DAYS', async () => {
    const old = new Date(Date.now() - 200 * 24 * 3600_000).toISOString();
    const recent = new Date(Date.now() - 10 * 24 * 3600_000).toISOString();
    const exec = (sql: string, ...params: unknown[]) =>
      env.DB.prepare(sql)
        .bind(...params)
        .run();
    const idle = 'Uretentionidle000000000000000001';
    const openOld = 'Uretentionopen000000000000000001';
    const closedOld = 'Uretentionclosed00000000000000001';
    const active = 'Uretentionactive00000000000000001';
    for (const u of [idle, openOld, closedOld])
      await exec("INSERT INTO conversations (user_id, pseudonym, state, created_at, updated_at) VALUES (?, 'R-OLD', '{}', ?, ?)", u, old, old);
    await exec("INSERT INTO conversations (user_id, pseudonym, state, created_at, updated_at) VALUES (?, 'R-NEW', '{}', ?, ?)", active, old, recent);
    for (const u of [idle, openOld, closedOld])
      await exec("INSERT INTO messages (user_id, direction, kind, text, created_at) VALUES (?, 'in', 'text', '古い相談', ?)", u, old);
    await exec("INSERT INTO messages (user_id, direction, kind, text, created_at) VALUES (?, 'in', 'text', '最近の相談', ?)", active, recent);
    await exec(
      "INSERT INTO escalations (user_id, level, rule, message_text, status, created_at, updated_at) VALUES (?, 'high', 'r', '古い', 'done', ?, ?)",
      closedOld,
      old,
      old,
    );
    await exec(
      "INSERT INTO escalations (user_id, level, rule, message_text, status, created_at, updated_at) VALUES (?, 'high', 'r', 'まだ対応中', 'in_progress', ?, ?)",
      openOld,
      old,
      old,
    );
    const closedId = (await query<{ id: number }>('SELECT id FROM escalations WHERE user_id = ?', closedOld))[0]?.id;
    await exec("INSERT INTO escalation_events (escalation_id, actor, action, detail, created_at) VALUES (?, 'bot', 'created', 'x', ?)", closedId, old);
    await exec("INSERT INTO processed_events (webhook_event_id, state, claimed_at) VALUES ('old-event-retention', 'done', ?)", old);
    await exec("INSERT INTO processed_events (webhook_event_id, state, claimed_at) VALUES ('new-event-retention', 'done', ?)", recent);

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '17 3 * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);

    const users = (await query<{ user_id: string }>('SELECT user_id FROM conversations WHERE user_id IN (?, ?, ?, ?)', idle, openOld, closedOld, active))
      .map((r) => r.user_id)
      .sort();
    expect(users).toEqual([active, openOld].sort());
    expect(await query('SELECT id FROM messages WHERE created_at < ?', new Date(Date.now() - 180 * 24 * 3600_000).toISOString())).toHaveLength(0);
    expect(await query('SELECT id FROM messages WHERE user_id = ?', active)).toHaveLength(1);
    expect(await query('SELECT id FROM escalations WHERE user_id = ?', closedOld)).toHaveLength(0);
    expect(await query('SELECT id FROM escalation_events WHERE escalation_id = ?', closedId)).toHaveLength(0);
    expect(await query('SELECT id FROM escalations WHERE user_id = ?', openOld)).toHaveLength(1);
    expect(
      (await query<{ webhook_event_id: string }>("SELECT webhook_event_id FROM processed_events WHERE webhook_event_id LIKE '%-event-retention'")).map(
        (r) => r.webhook_event_id,
      ),
    ).toEqual(['new-event-retention']);
  });
});

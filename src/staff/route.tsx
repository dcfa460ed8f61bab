// /staff: the staff console (pages and /staff/api), behind authentication, CSRF checks and strict headers.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { Child } from 'hono/jsx';
import { makeClock } from '../clock';
import { consoleLogger } from '../log';
import { ensureSchema } from '../record/migrate';
import { pseudonymFor } from '../record/conversations';
import { addNote, assignEscalation, changeStatus } from '../record/staff-actions';
import { getEscalationDetail, listAllEscalations, listQueue } from '../record/staff-queue';
import { listUnanswered, readOverview } from '../record/staff-stats';
import { accessMode, requireConfigured, requireCsrfToken, requireStaff, signedIn, type StaffEnv } from './auth/middleware';
import { newSession, secretsEqual, SESSION_COOKIE, SESSION_TTL_MS, signSession } from './auth/session';
import { staffApi } from './api';
import { escalationsCsv } from './csv';
import { Layout } from './pages/layout';
import { ConversationPage, LoginPage, OverviewPage, QueuePage, UnansweredPage } from './pages/views';
import { replyDeps, sendStaffReply } from './reply';
import { AssignBodySchema, IdParamSchema, LoginBodySchema, NoteBodySchema, ReplyBodySchema, StatusBodySchema } from './schemas';

export const staff = new Hono<StaffEnv>();

staff.use(
  secureHeaders({
    // No script at all; the one inline stylesheet carries the per-response nonce.
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", NONCE],
      scriptSrc: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  }),
);
staff.use(async (c, next) => {
  await next();
  // Resident text must not stay in a shared or back-forward cache.
  c.header('Cache-Control', 'no-store');
});
staff.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('payload too large', 413) }));
staff.use(requireConfigured);
// Origin / Sec-Fetch-Site check on every form POST (login included); the session-bound token follows.
staff.use(csrf());
staff.use(async (c, next) => {
  await ensureSchema(c.env.DB);
  await next();
});

const now = (c: Context<StaffEnv>) => makeClock(c.get('config').NOW)();

function page(c: Context<StaffEnv>, title: string, body: Child, status: 200 | 400 | 401 | 404 | 502 | 503 = 200) {
  const staffMember = c.get('staff');
  return c.html(
    <Layout title={title} nonce={c.get('secureHeadersNonce') ?? ''} actor={staffMember?.actor} csrf={staffMember?.csrf}>
      {body}
    </Layout>,
    status,
  );
}

staff.get('/login', (c) => {
  if (accessMode(c.get('config')).kind === 'access') return c.redirect('/staff', 303);
  return page(c, 'サインイン', <LoginPage />);
});

staff.post('/login', async (c) => {
  const mode = accessMode(c.get('config'));
  if (mode.kind !== 'token') return c.redirect('/staff', 303);
  const body = LoginBodySchema.safeParse(await c.req.parseBody());
  if (!body.success) return page(c, 'サインイン', <LoginPage error="表示名（40文字まで）とトークンを入力してください。" />, 400);
  if (!(await secretsEqual(body.data.token, mode.token))) {
    consoleLogger.warn('staff: sign-in refused (wrong token)');
    return page(c, 'サインイン', <LoginPage error="トークンが違います。" />, 401);
  }
  const value = await signSession(mode.token, newSession(body.data.name, now(c)));
  setCookie(c, SESSION_COOKIE, value, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', maxAge: SESSION_TTL_MS / 1000 });
  return c.redirect('/staff', 303);
});

staff.use(requireStaff);
staff.use(requireCsrfToken);

staff.post('/logout', (c) => {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  return c.redirect('/staff/login', 303);
});

staff.route('/api', staffApi);

staff.get('/', async (c) => {
  const queue = await listQueue(c.env.DB, pseudonymFor);
  return page(c, '対応キュー', <QueuePage open={queue.open} closed={queue.closed} />);
});

// Fixed messages chosen by a key in the redirect, so nothing a request sends is echoed into the page.
const FLASH: Record<string, string> = {
  status: '状態を変更しました。',
  assign: '担当を設定しました。',
  note: 'メモを追加しました。',
  sent: 'LINEで送信しました。',
  duplicate: 'この返信は送信済みです。',
  unchanged: '変更はありませんでした。',
};

async function conversation(c: Context<StaffEnv>, id: number, extra: { error?: string; status?: 400 | 502 | 503 } = {}) {
  const detail = await getEscalationDetail(c.env.DB, id, pseudonymFor);
  if (detail === undefined) return page(c, '見つかりません', <p>この受付は見つかりません（保存期間を過ぎて削除された可能性があります）。</p>, 404);
  const flash = FLASH[c.req.query('done') ?? ''];
  return page(
    c,
    `受付 #${id}`,
    <ConversationPage e={detail} csrf={signedIn(c).csrf} replyKey={crypto.randomUUID()} flash={flash} error={extra.error} />,
    extra.status ?? 200,
  );
}

staff.get('/escalations/:id', async (c) => {
  const id = IdParamSchema.safeParse(c.req.param('id'));
  if (!id.success) return page(c, '見つかりません', <p>受付番号が正しくありません。</p>, 404);
  return conversation(c, id.data);
});

/** Post/Redirect/Get: a reload of the page after an action never repeats the action. */
const back = (c: Context<StaffEnv>, id: number, done: string) => c.redirect(`/staff/escalations/${id}?done=${done}`, 303);

staff.post('/escalations/:id/status', async (c) => {
  const id = IdParamSchema.safeParse(c.req.param('id'));
  const body = StatusBodySchema.safeParse(await c.req.parseBody());
  if (!id.success) return c.notFound();
  if (!body.success) return conversation(c, id.data, { error: '状態を選んでください。', status: 400 });
  const result = await changeStatus(c.env.DB, id.data, body.data.status, signedIn(c).actor, now(c));
  return result === 'not-found' ? c.notFound() : back(c, id.data, result === 'changed' ? 'status' : 'unchanged');
});

staff.post('/escalations/:id/assign', async (c) => {
  const id = IdParamSchema.safeParse(c.req.param('id'));
  const body = AssignBodySchema.safeParse(await c.req.parseBody());
  if (!id.success) return c.notFound();
  if (!body.success) return conversation(c, id.data, { error: '担当者名は40文字までで、記号 < > は使えません。', status: 400 });
  const result = await assignEscalation(c.env.DB, id.data, body.data.assignee, signedIn(c).actor, now(c));
  return result === 'not-found' ? c.notFound() : back(c, id.data, result === 'changed' ? 'assign' : 'unchanged');
});

staff.post('/escalations/:id/notes', async (c) => {
  const id = IdParamSchema.safeParse(c.req.param('id'));
  const body = NoteBodySchema.safeParse(await c.req.parseBody());
  if (!id.success) return c.notFound();
  if (!body.success) return conversation(c, id.data, { error: 'メモを入力してください（2000文字まで）。', status: 400 });
  const result = await addNote(c.env.DB, id.data, body.data.note, signedIn(c).actor, now(c));
  return result === 'not-found' ? c.notFound() : back(c, id.data, 'note');
});

staff.post('/escalations/:id/reply', async (c) => {
  const id = IdParamSchema.safeParse(c.req.param('id'));
  const body = ReplyBodySchema.safeParse(await c.req.parseBody());
  if (!id.success) return c.notFound();
  if (!body.success) return conversation(c, id.data, { error: '送るメッセージを入力してください（2000文字まで）。', status: 400 });
  const outcome = await sendStaffReply(id.data, body.data.text, body.data.replyKey ?? crypto.randomUUID(), signedIn(c).actor, replyDeps(c.env.DB, c.get('config')));
  switch (outcome) {
    case 'sent':
    case 'duplicate':
      return back(c, id.data, outcome);
    case 'not-found':
      return c.notFound();
    case 'not-configured':
      return conversation(c, id.data, { error: 'LINEのアクセストークンが設定されていないため送信できません。', status: 503 });
    case 'failed':
      return conversation(c, id.data, { error: 'LINEが受け付けませんでした。時間をおいてもう一度送ってください。', status: 502 });
  }
});

staff.get('/unanswered', async (c) => page(c, '未回答の質問', <UnansweredPage groups={await listUnanswered(c.env.DB)} />));

const OVERVIEW_DAYS = 14;
staff.get('/overview', async (c) => page(c, '概要', <OverviewPage overview={await readOverview(c.env.DB, now(c), OVERVIEW_DAYS)} days={OVERVIEW_DAYS} />));

staff.get('/export/escalations.csv', async (c) => {
  const csv = escalationsCsv(await listAllEscalations(c.env.DB, pseudonymFor));
  const day = new Date(now(c).getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="escalations-${day}.csv"` });
});

staff.notFound((c) => c.text('not found', 404));

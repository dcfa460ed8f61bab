// /staff: the staff console (pages and /staff/api), behind authentication, CSRF checks and strict headers.
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import type { Child } from 'hono/jsx';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { consoleLogger } from '../core/log';
import { pseudonymFor } from '../record/conversations';
import { listIncidents } from '../record/incidents';
import { ensureSchema } from '../record/migrate';
import { summariseOutbox } from '../record/outbox';
import { getEscalationDetail, listAllEscalations, listQueue } from '../record/staff-queue';
import { listUnanswered, readOverview } from '../record/staff-stats';
import { ACTIONS, IdParamSchema, OUTCOMES } from './actions';
import { staffApi } from './api';
import { accessMode, limitSignIn, nowOf, requireConfigured, requireCsrfToken, requireStaff, signedIn, type StaffEnv } from './auth/middleware';
import { DisplayNameSchema, endSession, secretsEqual, startSession } from './auth/session';
import { escalationsCsv } from './csv';
import { Layout } from './pages/layout';
import { ConversationPage, LoginPage, OverviewPage, QueuePage, UnansweredPage } from './pages/views';
import { groupUnanswered } from './unanswered';

const LoginBodySchema = z.object({ name: DisplayNameSchema, token: z.string().min(1).max(512) });

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

staff.post('/login', limitSignIn, async (c) => {
  const mode = accessMode(c.get('config'));
  if (mode.kind !== 'token') return c.redirect('/staff', 303);
  const body = LoginBodySchema.safeParse(await c.req.parseBody());
  if (!body.success) return page(c, 'サインイン', <LoginPage error="表示名（40文字まで）とトークンを入力してください。" />, 400);
  if (!(await secretsEqual(body.data.token, mode.token))) {
    consoleLogger.warn('staff: sign-in refused (wrong token)');
    return page(c, 'サインイン', <LoginPage error="トークンが違います。" />, 401);
  }
  await startSession(c, c.env.DB, mode.token, body.data.name, nowOf(c));
  return c.redirect('/staff', 303);
});

staff.use(requireStaff);
staff.use(requireCsrfToken);

staff.post('/logout', async (c) => {
  await endSession(c, c.env.DB, signedIn(c).session, nowOf(c));
  return c.redirect('/staff/login', 303);
});

staff.route('/api', staffApi);

/** How far back the queue page shows delivery failures and incidents. */
const HEALTH_DAYS = 7;

staff.get('/', async (c) => {
  const since = new Date(nowOf(c).getTime() - HEALTH_DAYS * 24 * 60 * 60 * 1000);
  const [queue, outbox, incidents] = await Promise.all([
    listQueue(c.env.DB, pseudonymFor),
    summariseOutbox(c.env.DB, since),
    listIncidents(c.env.DB, since, 20),
  ]);
  return page(c, '対応キュー', <QueuePage open={queue.open} closed={queue.closed} outbox={outbox} incidents={incidents} />);
});

// Fixed messages chosen by a key in the redirect, so nothing a request sends is echoed into the page.
const FLASH: Record<string, string> = Object.fromEntries([
  ...Object.values(ACTIONS).map((a) => [a.done.key, a.done.flash]),
  ...Object.entries(OUTCOMES).flatMap(([key, o]) => ('flash' in o.page ? [[key, o.page.flash]] : [])),
]);

const idParam = validator('param', (value, c) => {
  const parsed = IdParamSchema.safeParse(value);
  return parsed.success ? parsed.data : page(c, '見つかりません', <p>受付番号が正しくありません。</p>, 404);
});

async function conversation(c: Context<StaffEnv>, id: number, extra: { error?: string; status?: 400 | 404 | 502 | 503 } = {}) {
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

staff.get('/escalations/:id', idParam, async (c) => conversation(c, c.req.valid('param').id));

// Post/Redirect/Get: a reload of the page after an action never repeats the action.
for (const [name, act] of Object.entries(ACTIONS)) {
  staff.post(`/escalations/:id/${name}`, idParam, async (c) => {
    const id = c.req.valid('param').id;
    const outcome = await act.perform(id, await c.req.parseBody(), { env: c.env, config: c.get('config'), actor: signedIn(c).actor, now: nowOf(c) });
    if (outcome === 'invalid') return conversation(c, id, { error: act.formError, status: 400 });
    if (outcome === 'not-found') return c.notFound();
    const answer = OUTCOMES[outcome].page;
    if ('error' in answer) return conversation(c, id, { error: answer.error, status: answer.status });
    return c.redirect(`/staff/escalations/${id}?done=${outcome === 'changed' ? act.done.key : outcome}`, 303);
  });
}

staff.get('/unanswered', async (c) => page(c, '未回答の質問', <UnansweredPage groups={groupUnanswered(await listUnanswered(c.env.DB))} />));

const OVERVIEW_DAYS = 14;
staff.get('/overview', async (c) => page(c, '概要', <OverviewPage overview={await readOverview(c.env.DB, nowOf(c), OVERVIEW_DAYS)} days={OVERVIEW_DAYS} />));

staff.get('/export/escalations.csv', async (c) => {
  const csv = escalationsCsv(await listAllEscalations(c.env.DB, pseudonymFor));
  const day = new Date(nowOf(c).getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="escalations-${day}.csv"` });
});

staff.notFound((c) => c.text('not found', 404));

// Who may use /staff: Cloudflare Access (its JWT checked here too) when configured, else STAFF_TOKEN
// (Hono's bearerAuth for the API, a server-side session behind a signed cookie for pages). Never open:
// with neither configured, 503. The sign-in is limited per client (the SIGNIN_LIMIT rate-limit binding).
import type { Context } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { makeClock } from '../../core/clock';
import { type Bindings, type Config, readConfig } from '../../core/env';
import { consoleLogger } from '../../core/log';
import type { StaffSession } from '../../record/staff-sessions';
import { verifyAccessJwt } from './access-jwt';
import { csrfTokenFor, currentSession, secretsEqual } from './session';

/** The signed-in staff member: `actor` goes into the audit trail; `csrf` is set when a browser credential is in use. */
export type Staff = { actor: string; via: 'access' | 'session' | 'bearer'; csrf: string | undefined; session?: StaffSession | undefined };
export type StaffEnv = { Bindings: Bindings; Variables: { staff?: Staff; config: Config; secureHeadersNonce?: string } };

export type AccessMode = { kind: 'access'; teamDomain: string; audience: string } | { kind: 'token'; token: string } | { kind: 'weak' } | { kind: 'none' };

/** A token shorter than this is refused as no token at all. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * Access wins when configured: Access is the identity layer in front, and a static token must not be a
 * way around it. STAFF_TOKEN is for local and small deployments.
 */
export function accessMode(config: Config): AccessMode {
  if (config.ACCESS_TEAM_DOMAIN !== undefined && config.ACCESS_AUD !== undefined)
    return { kind: 'access', teamDomain: config.ACCESS_TEAM_DOMAIN, audience: config.ACCESS_AUD };
  if (config.STAFF_TOKEN !== undefined) return config.STAFF_TOKEN.length >= MIN_TOKEN_LENGTH ? { kind: 'token', token: config.STAFF_TOKEN } : { kind: 'weak' };
  return { kind: 'none' };
}

export const isApi = (path: string) => path === '/staff/api' || path.startsWith('/staff/api/');
export const nowOf = (c: Context<StaffEnv>) => makeClock(c.get('config').NOW)();

/** Reads the config once and refuses every request when no way of signing in is configured. */
export const requireConfigured = createMiddleware<StaffEnv>(async (c, next) => {
  const config = readConfig(c.env);
  const mode = accessMode(config).kind;
  if (mode === 'none' || mode === 'weak') {
    if ((config.ACCESS_TEAM_DOMAIN === undefined) !== (config.ACCESS_AUD === undefined))
      consoleLogger.error('staff: ACCESS_TEAM_DOMAIN and ACCESS_AUD must be set together');
    if (mode === 'weak') consoleLogger.error(`staff: STAFF_TOKEN is shorter than ${MIN_TOKEN_LENGTH} characters; /staff stays closed`);
    return c.text('staff access is not configured', 503);
  }
  c.set('config', config);
  await next();
});

/**
 * A few sign-in tries a minute per client (Cloudflare's rate-limit binding, keyed by the client's
 * address): with a long token this makes guessing hopeless. Without the binding (not configured) the
 * token's length is the only defence, which the log says.
 */
export const limitSignIn = createMiddleware<StaffEnv>(async (c, next) => {
  const limiter = c.env.SIGNIN_LIMIT;
  if (limiter === undefined) {
    consoleLogger.warn('staff: SIGNIN_LIMIT is not bound; sign-in is not rate limited');
    return next();
  }
  const client = c.req.header('cf-connecting-ip') ?? 'local';
  const { success } = await limiter.limit({ key: `signin:${client}` });
  if (!success) {
    consoleLogger.warn('staff: sign-in rate limited', { path: c.req.path });
    return c.text('サインインの試行が多すぎます。1分ほど待ってから、もう一度お試しください。', 429, { 'retry-after': '60' });
  }
  await next();
});

/** Sets c.var.staff, or answers 401 (API) / redirects to sign-in (pages) without touching any data. */
export const requireStaff = createMiddleware<StaffEnv>(async (c, next) => {
  const mode = accessMode(c.get('config'));
  const api = isApi(c.req.path);

  if (mode.kind === 'access') {
    const jwt = c.req.header('cf-access-jwt-assertion');
    const check = await verifyAccessJwt(jwt, { teamDomain: mode.teamDomain, audience: mode.audience, now: new Date() });
    if (!check.ok || jwt === undefined) {
      consoleLogger.warn('staff: Access JWT refused', { reason: check.ok ? 'missing' : check.reason, path: c.req.path });
      return api ? c.json({ error: 'unauthorized' }, 401) : c.text('Cloudflare Access でのサインインが必要です。', 403);
    }
    c.set('staff', { actor: check.actor, via: 'access', csrf: await csrfTokenFor(jwt) });
    return next();
  }
  if (mode.kind !== 'token') return c.text('staff access is not configured', 503);

  if (api && c.req.header('authorization') !== undefined) {
    // No ambient credential (a browser never adds this header by itself), so no CSRF token is needed.
    c.set('staff', { actor: 'API', via: 'bearer', csrf: undefined });
    return bearerAuth<StaffEnv>({
      verifyToken: (token) => secretsEqual(token, mode.token),
      noAuthenticationHeader: { message: { error: 'unauthorized' } },
      invalidAuthenticationHeader: { message: { error: 'unauthorized' } },
      invalidToken: { message: { error: 'unauthorized' } },
    })(c, next);
  }
  const session = await currentSession(c, c.env.DB, mode.token, nowOf(c));
  if (session === undefined) return api ? c.json({ error: 'unauthorized' }, 401) : c.redirect('/staff/login', 303);
  c.set('staff', { actor: session.name, via: 'session', csrf: await csrfTokenFor(session.sid), session });
  return next();
});

/**
 * Every state-changing request made with a browser credential carries the CSRF token: `_csrf` in a form,
 * or the X-CSRF-Token header from a script. (Hono's csrf() origin check runs before this as well.)
 */
export const requireCsrfToken = createMiddleware<StaffEnv>(async (c, next) => {
  const expected = signedIn(c).csrf;
  if (expected === undefined || ['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
  let given = c.req.header('x-csrf-token');
  if (given === undefined) {
    const type = c.req.header('content-type') ?? '';
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      const field = (await c.req.parseBody())._csrf;
      if (typeof field === 'string') given = field;
    }
  }
  if (!(await secretsEqual(given, expected)))
    return isApi(c.req.path)
      ? c.json({ error: 'csrf token missing or wrong' }, 403)
      : c.text('フォームの有効期限が切れました。ページを再読み込みしてください。', 403);
  return next();
});

/** The signed-in staff member, for handlers behind requireStaff. */
export function signedIn(c: Context<StaffEnv>): Staff {
  const staff = c.get('staff');
  if (staff === undefined) throw new HTTPException(401, { message: 'staff: handler reached without requireStaff' });
  return staff;
}

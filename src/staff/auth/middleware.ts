// Who may use /staff: Cloudflare Access (JWT checked here too) when configured, else STAFF_TOKEN (Bearer
// for the API, a signed session cookie for pages). Never open: with neither configured, 503.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { makeClock } from '../../clock';
import { readConfig, type Bindings, type Config } from '../../env';
import { consoleLogger } from '../../log';
import { verifyAccessJwt } from './access-jwt';
import { csrfTokenFor, csrfTokenMatches, readSession, secretsEqual, SESSION_COOKIE } from './session';

/** The signed-in staff member: `actor` goes into the audit trail; `csrf` is set when a browser credential is in use. */
export type Staff = { actor: string; via: 'access' | 'session' | 'bearer'; csrf: string | undefined };
export type StaffEnv = { Bindings: Bindings; Variables: { staff?: Staff; config: Config; secureHeadersNonce?: string } };

export type AccessMode = { kind: 'access'; teamDomain: string; audience: string } | { kind: 'token'; token: string } | { kind: 'weak' } | { kind: 'none' };

/**
 * Access wins when configured: Access is the identity layer in front, and a static token must not be a
 * way around it. STAFF_TOKEN is for local and small deployments.
 */
export function accessMode(config: Config): AccessMode {
  if (config.ACCESS_TEAM_DOMAIN !== undefined && config.ACCESS_AUD !== undefined) return { kind: 'access', teamDomain: config.ACCESS_TEAM_DOMAIN, audience: config.ACCESS_AUD };
  if (config.STAFF_TOKEN !== undefined) return config.STAFF_TOKEN.length >= MIN_TOKEN_LENGTH ? { kind: 'token', token: config.STAFF_TOKEN } : { kind: 'weak' };
  return { kind: 'none' };
}

/** The sign-in page has no lockout (a Worker keeps no state between requests): the token's length is the defence. */
export const MIN_TOKEN_LENGTH = 16;

export const isApi = (path: string) => path === '/staff/api' || path.startsWith('/staff/api/');

/** Reads the config once and refuses every request when no way of signing in is configured. */
export const requireConfigured = createMiddleware<StaffEnv>(async (c, next) => {
  const config = readConfig(c.env);
  const mode = accessMode(config).kind;
  if (mode === 'none' || mode === 'weak') {
    if ((config.ACCESS_TEAM_DOMAIN === undefined) !== (config.ACCESS_AUD === undefined)) consoleLogger.error('staff: ACCESS_TEAM_DOMAIN and ACCESS_AUD must be set together');
    if (mode === 'weak') consoleLogger.error(`staff: STAFF_TOKEN is shorter than ${MIN_TOKEN_LENGTH} characters; /staff stays closed`);
    return c.text('staff access is not configured', 503);
  }
  c.set('config', config);
  await next();
});

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Sets c.var.staff, or answers 401 (API) / redirects to sign-in (pages) without touching any data. */
export const requireStaff = createMiddleware<StaffEnv>(async (c, next) => {
  const config = c.get('config');
  const mode = accessMode(config);
  const api = isApi(c.req.path);
  const now = makeClock(config.NOW)();
  const deny = () => (api ? c.json({ error: 'unauthorized' }, 401) : c.redirect('/staff/login', 303));

  if (mode.kind === 'access') {
    const jwt = c.req.header('cf-access-jwt-assertion');
    const check = await verifyAccessJwt(jwt, { teamDomain: mode.teamDomain, audience: mode.audience, now });
    if (!check.ok || jwt === undefined) {
      consoleLogger.warn('staff: Access JWT refused', { reason: check.ok ? 'missing' : check.reason, path: c.req.path });
      return api ? c.json({ error: 'unauthorized' }, 401) : c.text('Cloudflare Access でのサインインが必要です。', 403);
    }
    c.set('staff', { actor: check.identity.actor, via: 'access', csrf: await csrfTokenFor(jwt) });
    return next();
  }
  if (mode.kind !== 'token') return c.text('staff access is not configured', 503);

  const authorization = c.req.header('authorization');
  if (authorization !== undefined && api) {
    if (!(await secretsEqual(bearerToken(authorization), mode.token))) return c.json({ error: 'unauthorized' }, 401);
    // No ambient credential (a browser never adds this header by itself), so no CSRF token is needed.
    c.set('staff', { actor: 'API', via: 'bearer', csrf: undefined });
    return next();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const session = await readSession(mode.token, cookie, now);
  if (session === undefined || cookie === undefined) return deny();
  c.set('staff', { actor: session.name, via: 'session', csrf: await csrfTokenFor(cookie) });
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
      const body = await c.req.parseBody();
      const field = body['_csrf'];
      if (typeof field === 'string') given = field;
    }
  }
  if (!(await csrfTokenMatches(given, expected))) return isApi(c.req.path) ? c.json({ error: 'csrf token missing or wrong' }, 403) : c.text('フォームの有効期限が切れました。ページを再読み込みしてください。', 403);
  return next();
});

/** The signed-in staff member, for handlers behind requireStaff. */
export function signedIn(c: Context<StaffEnv>): Staff {
  const staff = c.get('staff');
  if (staff === undefined) throw new HTTPException(401, { message: 'staff: handler reached without requireStaff' });
  return staff;
}

import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearAccessKeyCache } from '../../src/staff/auth/access-jwt';
import { serializeSigned } from 'hono/utils/cookie';
import { sessionSecret } from '../../src/staff/auth/session';
import { ensureSchema } from '../../src/record/migrate';
import { call, form, seedEscalation, signIn, STAFF_TOKEN } from './staff-support';

const SECRET_TEXT = '誰にも言えない秘密の相談内容です';
const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
/** A __Host- session cookie for this session id, signed with this token's secret, as Hono's setSignedCookie writes it. */
const cookieFor = async (sid: string, token = STAFF_TOKEN) =>
  (await serializeSigned('__Host-navi-staff', sid, await sessionSecret(token), { secure: true, path: '/' })).split(';')[0] ?? '';

beforeAll(async () => {
  await ensureSchema(env.DB);
  await seedEscalation({ level: 'high', text: SECRET_TEXT, at: new Date() });
});

describe('/staff: STAFF_TOKEN', () => {
  it('redirects a page request without a session to the sign-in page', async () => {
    for (const path of ['/staff', '/staff/unanswered', '/staff/overview', '/staff/export/escalations.csv', '/staff/escalations/1', '/staff/nothing-here']) {
      const res = await call(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/staff/login');
      expect(await res.text()).not.toContain(SECRET_TEXT);
    }
  });

  it('answers 401 to the API without a token or with a wrong one (400 to a malformed header), and leaks no resident text', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${STAFF_TOKEN}x`]) {
      const res = await call('/staff/api/escalations', { headers: authorization === undefined ? {} : { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(await res.text()).not.toContain(SECRET_TEXT);
    }
    // Not a Bearer credential at all: Hono's bearerAuth answers 400 invalid_request (RFC 6750).
    for (const authorization of [`Basic ${btoa(`staff:${STAFF_TOKEN}`)}`, STAFF_TOKEN]) {
      const res = await call('/staff/api/escalations', { headers: { authorization } });
      expect(res.status, authorization).toBe(400);
      expect(await res.text()).not.toContain(SECRET_TEXT);
    }
  });

  it('serves the API with the right Bearer token', async () => {
    const res = await call('/staff/api/escalations', { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(SECRET_TEXT);
  });

  it('refuses a wrong token at sign-in and sets no cookie', async () => {
    const res = await call('/staff/login', form({ name: '職員', token: 'wrong' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('トークンが違います');
  });

  it('signs in with the right token: a Secure, HttpOnly, SameSite=Strict cookie that opens the pages', async () => {
    const res = await call('/staff/login', form({ name: '練馬 花子', token: STAFF_TOKEN }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-navi-staff=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Max-Age=43200/i);
    const browser = await signIn();
    const page = await browser.get('/staff');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('対応キュー');
    expect(html).toContain('練馬 花子');
  });

  it('refuses a tampered, unknown, expired or foreign-signed cookie', async () => {
    const browser = await signIn();
    const value = browser.cookie.slice(browser.cookie.indexOf('=') + 1);
    const expiredSid = crypto.randomUUID();
    await env.DB.prepare('INSERT INTO staff_sessions (sid, name, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .bind(expiredSid, '職員', '2026-01-01T00:00:00Z', '2026-01-01T12:00:00Z')
      .run();
    const bad = [
      `__Host-navi-staff=${value.slice(0, -3)}abc`,
      `__Host-navi-staff=${value.split('.')[0]}`,
      await cookieFor(crypto.randomUUID()),
      await cookieFor(expiredSid),
      await cookieFor(value.split('.')[0] ?? '', 'some-other-token-0123456789'),
      '__Host-navi-staff=',
    ];
    for (const cookie of bad) {
      const res = await call('/staff', { headers: { cookie } });
      expect(res.status, cookie).toBe(303);
      expect(res.headers.get('location')).toBe('/staff/login');
    }
  });

  it('signs out on the server: the cookie is cleared and a copy of it no longer opens anything', async () => {
    const browser = await signIn();
    expect((await browser.get('/staff')).status).toBe(200);
    const res = await browser.post('/staff/logout', { _csrf: await browser.csrf('/staff') });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/__Host-navi-staff=;.*Max-Age=0/i);
    const replayed = await browser.get('/staff');
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/staff/login');
  });

  it('limits sign-in tries per client: the sixth within a minute is refused with 429, even with the right token', async () => {
    const client = { 'cf-connecting-ip': '203.0.113.77' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('/staff/login', form({ name: '職員', token: `wrong-${i}` }, client))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await call('/staff/login', form({ name: '職員', token: STAFF_TOKEN }, client));
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('set-cookie')).toBeNull();
    // Another client is not held back.
    expect((await call('/staff/login', form({ name: '職員', token: STAFF_TOKEN }, { 'cf-connecting-ip': '203.0.113.78' }))).status).toBe(303);
  });

  it('sends strict security headers on pages, the sign-in page and the API', async () => {
    const browser = await signIn();
    for (const res of [await browser.get('/staff'), await call('/staff/login'), await call('/staff/api/escalations')]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers 503 when neither STAFF_TOKEN nor Cloudflare Access is configured (never open)', async () => {
    for (const path of ['/staff', '/staff/login', '/staff/api/escalations']) {
      const res = await call(path, {}, { STAFF_TOKEN: undefined });
      expect(res.status, path).toBe(503);
      expect(await res.text()).toBe('staff access is not configured');
    }
    const half = await call('/staff/api/escalations', {}, { STAFF_TOKEN: '', ACCESS_TEAM_DOMAIN: 'https://team.cloudflareaccess.com' });
    expect(half.status).toBe(503);
    // A short token is as good as none: the sign-in page has no lockout.
    const weak = await call('/staff/api/escalations', { headers: { authorization: 'Bearer short' } }, { STAFF_TOKEN: 'short' });
    expect(weak.status).toBe(503);
  });
});

describe('/staff: Cloudflare Access', () => {
  const TEAM = 'https://nerima-test.cloudflareaccess.com';
  const AUD = 'aud-0123456789abcdef';
  const access = { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };
  let keys: CryptoKeyPair;
  let stranger: CryptoKeyPair;
  let certsFetched = 0;
  let restore: () => void;

  const rsa = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  async function jwt(claims: Record<string, unknown>, o: { key?: CryptoKey; kid?: string; alg?: string } = {}): Promise<string> {
    const enc = (v: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(v)));
    const signed = `${enc({ alg: o.alg ?? 'RS256', kid: o.kid ?? 'kid-1', typ: 'JWT' })}.${enc(claims)}`;
    const sig = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', o.key ?? keys.privateKey, new TextEncoder().encode(signed)));
    return `${signed}.${toBase64Url(sig)}`;
  }
  const nowS = () => Math.floor(Date.now() / 1000);
  const good = () => ({ aud: [AUD], iss: TEAM, exp: nowS() + 600, iat: nowS(), email: 'hoken@city.nerima.example' });

  beforeAll(async () => {
    keys = (await crypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
    stranger = (await crypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = (await crypto.subtle.exportKey('jwk', keys.publicKey)) as JsonWebKey;
    const original = globalThis.fetch;
    clearAccessKeyCache();
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.url !== `${TEAM}/cdn-cgi/access/certs`) return original(input, init);
      certsFetched += 1;
      return Response.json({ keys: [{ kid: 'kid-1', kty: 'RSA', alg: 'RS256', use: 'sig', n: jwk.n, e: jwk.e }], public_cert: { kid: 'kid-1', cert: '...' } });
    };
    restore = () => {
      globalThis.fetch = original;
    };
    return () => restore();
  });

  it('serves a valid Access JWT and names its email as the actor; keys are fetched once per isolate', async () => {
    const token = await jwt(good());
    const before = certsFetched;
    const page = await call('/staff', { headers: { 'cf-access-jwt-assertion': token } }, access);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('hoken@city.nerima.example');
    const api = await call('/staff/api/escalations', { headers: { 'cf-access-jwt-assertion': token } }, access);
    expect(api.status).toBe(200);
    expect(certsFetched - before).toBeLessThanOrEqual(1);
  });

  it('refuses a missing, expired, wrong-audience, wrong-issuer, foreign-signed or non-RS256 JWT', async () => {
    const cases: [string, string | undefined][] = [
      ['missing', undefined],
      ['expired', await jwt({ ...good(), exp: nowS() - 3600 })],
      ['wrong aud', await jwt({ ...good(), aud: ['someone-else'] })],
      ['wrong iss', await jwt({ ...good(), iss: 'https://evil.cloudflareaccess.com' })],
      ['foreign key', await jwt(good(), { key: stranger.privateKey })],
      ['unknown kid', await jwt(good(), { kid: 'kid-9' })],
      ['alg none', (await jwt(good())).replace(/^[^.]+/, toBase64Url(new TextEncoder().encode('{"alg":"none","kid":"kid-1"}')))],
      ['garbage', 'not.a.jwt'],
    ];
    for (const [name, token] of cases) {
      const headers: Record<string, string> = token === undefined ? {} : { 'cf-access-jwt-assertion': token };
      const api = await call('/staff/api/escalations', { headers }, access);
      expect(api.status, name).toBe(401);
      expect(await api.text()).not.toContain(SECRET_TEXT);
      const page = await call('/staff', { headers }, access);
      expect(page.status, name).toBe(403);
    }
  });

  it('does not let STAFF_TOKEN bypass Access once Access is configured', async () => {
    const res = await call('/staff/api/escalations', { headers: { authorization: `Bearer ${STAFF_TOKEN}` } }, access);
    expect(res.status).toBe(401);
    const login = await call('/staff/login', form({ name: 'x', token: STAFF_TOKEN }), access);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  it('requires the CSRF token on forms under Access too', async () => {
    const token = await jwt(good());
    const { id } = await seedEscalation({ level: 'concern', text: '友達が心配', at: new Date() });
    const headers = { 'cf-access-jwt-assertion': token };
    const refused = await call(`/staff/escalations/${id}/notes`, form({ note: 'メモ' }, headers), access);
    expect(refused.status).toBe(403);
    const html = await (await call(`/staff/escalations/${id}`, { headers }, access)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const ok = await call(`/staff/escalations/${id}/notes`, form({ note: 'メモ', _csrf: csrf }, headers), access);
    expect(ok.status).toBe(303);
    const trail = await env.DB.prepare("SELECT actor FROM escalation_events WHERE escalation_id = ? AND action = 'note'").bind(id).all<{ actor: string }>();
    expect(trail.results).toEqual([{ actor: 'hoken@city.nerima.example' }]);
  });
});

describe('verifyAccessJwt: the key cache', () => {
  it('fetches the team keys once per isolate, and again when Access has rotated to a new kid', async () => {
    const TEAM = 'https://rotation-test.cloudflareaccess.com';
    const rsa = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
    const first = (await crypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
    const second = (await crypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
    const published: { kid: string; pair: CryptoKeyPair }[] = [{ kid: 'old', pair: first }];
    let fetched = 0;
    const original = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.url !== `${TEAM}/cdn-cgi/access/certs`) return original(input, init);
      fetched += 1;
      const keys = await Promise.all(published.map(async (p) => ({ ...((await crypto.subtle.exportKey('jwk', p.pair.publicKey)) as JsonWebKey), kid: p.kid })));
      return Response.json({ keys });
    };
    try {
      const { verifyAccessJwt } = await import('../../src/staff/auth/access-jwt');
      const enc = (v: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(v)));
      const sign = async (kid: string, pair: CryptoKeyPair, now: Date) => {
        const signed = `${enc({ alg: 'RS256', kid })}.${enc({ aud: 'a', iss: TEAM, exp: now.getTime() / 1000 + 300, email: 'x@example.jp' })}`;
        return `${signed}.${toBase64Url(new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, new TextEncoder().encode(signed))))}`;
      };
      const t0 = new Date();
      const opts = (now: Date) => ({ teamDomain: `${TEAM}/`, audience: 'a', now });
      expect(await verifyAccessJwt(await sign('old', first, t0), opts(t0))).toEqual({ ok: true, actor: 'x@example.jp' });
      expect((await verifyAccessJwt(await sign('old', first, t0), opts(t0))).ok).toBe(true);
      expect(fetched).toBe(1);
      published.push({ kid: 'new', pair: second });
      const later = new Date(t0.getTime() + 5 * 60_000);
      expect((await verifyAccessJwt(await sign('new', second, later), opts(later))).ok).toBe(true);
      expect(fetched).toBe(2);
    } finally {
      globalThis.fetch = original;
    }
  });
});

// Staff sign-in with STAFF_TOKEN: the session lives in D1 (record/staff-sessions.ts), the browser holds
// its id in a signed __Host- cookie (Hono's setSignedCookie / getSignedCookie), and CSRF tokens are
// bound to the credential the browser holds.
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { timingSafeEqual } from 'hono/utils/buffer';
import { z } from 'zod';
import { createSession, findSession, revokeSession, type StaffSession } from '../../record/staff-sessions';

/** With the `host` prefix the browser sees `__Host-navi-staff`: Secure, Path=/ and no Domain. */
export const SESSION_COOKIE = 'navi-staff';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\p{C}<>]+$/u, 'no control characters or angle brackets');

const encoder = new TextEncoder();

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The cookie-signing secret, derived from STAFF_TOKEN (not the token itself): changing the token signs everyone out. */
export function sessionSecret(staffToken: string): Promise<string> {
  return sha256Hex(`nerima-navi:staff-session\0${staffToken}`);
}

/** A constant-time comparison whatever the lengths (both sides hashed first; Hono's timingSafeEqual). */
export async function secretsEqual(given: string | undefined, expected: string): Promise<boolean> {
  if (given === undefined) return false;
  return timingSafeEqual(await sha256Hex(`cmp\0${given}`), await sha256Hex(`cmp\0${expected}`));
}

export async function startSession(c: Context, db: D1Database, staffToken: string, name: string, now: Date): Promise<void> {
  const sid = crypto.randomUUID();
  await createSession(db, sid, name, now, SESSION_TTL_MS);
  await setSignedCookie(c, SESSION_COOKIE, sid, await sessionSecret(staffToken), {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Strict',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** The live session the browser's cookie names, if its signature holds and the server still has it. */
export async function currentSession(c: Context, db: D1Database, staffToken: string, now: Date): Promise<StaffSession | undefined> {
  const sid = await getSignedCookie(c, await sessionSecret(staffToken), SESSION_COOKIE, 'host');
  if (typeof sid !== 'string' || !/^[0-9a-f-]{36}$/.test(sid)) return undefined;
  return findSession(db, sid, now);
}

/** Signing out ends the session on the server: a copied cookie no longer opens anything. */
export async function endSession(c: Context, db: D1Database, session: StaffSession | undefined, now: Date): Promise<void> {
  if (session !== undefined) await revokeSession(db, session.sid, now);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
}

/**
 * The CSRF token for pages: a hash of the credential the browser sends by itself (the session id or the
 * Access JWT). A cross-site page can neither read that credential nor, therefore, this token.
 */
export function csrfTokenFor(credential: string): Promise<string> {
  return sha256Hex(`nerima-navi:csrf\0${credential}`);
}

// Staff sign-in with STAFF_TOKEN: a constant-time token check, an HMAC-signed session cookie that carries
// the display name and an expiry, and CSRF tokens bound to the credential the browser holds.
import { z } from 'zod';

/** __Host-: Secure, Path=/ and no Domain, so no other (sub)domain can plant or overwrite it. */
export const SESSION_COOKIE = '__Host-navi-staff';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\p{C}<>]+$/u, 'no control characters or angle brackets');

const SessionSchema = z.object({ v: z.literal(1), name: DisplayNameSchema, exp: z.number().int().positive(), sid: z.string().regex(/^[\w-]{16,64}$/) });
export type Session = z.infer<typeof SessionSchema>;

const encoder = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[\w-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Equal-length digests compared without an early exit, so timing tells nothing about the secret. */
function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Hashing both first makes the comparison constant-time whatever the lengths. */
export async function secretsEqual(given: string | undefined, expected: string): Promise<boolean> {
  if (given === undefined) return false;
  const [a, b] = await Promise.all([sha256(`nerima-navi:cmp\0${given}`), sha256(`nerima-navi:cmp\0${expected}`)]);
  return digestsEqual(a, b);
}

// One HMAC key per STAFF_TOKEN, derived (not the token itself), cached per isolate: changing the token
// signs everyone out.
const keys = new Map<string, Promise<CryptoKey>>();
function sessionKey(staffToken: string): Promise<CryptoKey> {
  let key = keys.get(staffToken);
  if (key === undefined) {
    key = sha256(`nerima-navi:staff-session\0${staffToken}`).then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
    keys.set(staffToken, key);
  }
  return key;
}

export function newSession(name: string, now: Date): Session {
  return { v: 1, name, exp: now.getTime() + SESSION_TTL_MS, sid: crypto.randomUUID() };
}

export async function signSession(staffToken: string, session: Session): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(session)));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await sessionKey(staffToken), encoder.encode(payload)));
  return `${payload}.${toBase64Url(mac)}`;
}

/** The session in a cookie value, or undefined when it is missing, tampered with, malformed or expired. */
export async function readSession(staffToken: string, cookie: string | undefined, now: Date): Promise<Session | undefined> {
  if (cookie === undefined || cookie.length > 1024) return undefined;
  const [payload, mac, extra] = cookie.split('.');
  if (payload === undefined || mac === undefined || extra !== undefined) return undefined;
  const macBytes = fromBase64Url(mac);
  if (macBytes === undefined) return undefined;
  // crypto.subtle.verify compares in constant time.
  if (!(await crypto.subtle.verify('HMAC', await sessionKey(staffToken), macBytes, encoder.encode(payload)))) return undefined;
  const json = fromBase64Url(payload);
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return undefined;
  }
  const parsed = SessionSchema.safeParse(value);
  if (!parsed.success || parsed.data.exp <= now.getTime()) return undefined;
  return parsed.data;
}

/**
 * The CSRF token for pages: a hash of the credential the browser sends by itself (the session cookie or
 * the Access JWT). A cross-site page can neither read that credential nor, therefore, this token.
 */
export async function csrfTokenFor(credential: string): Promise<string> {
  return toBase64Url(await sha256(`nerima-navi:csrf\0${credential}`));
}

export async function csrfTokenMatches(given: string | undefined, expected: string): Promise<boolean> {
  return secretsEqual(given, expected);
}

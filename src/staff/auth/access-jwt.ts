// Verifies Cloudflare Access's Cf-Access-Jwt-Assertion (RS256) against the team's public keys, so a
// route that is not behind Access still denies
// (https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/).
import { z } from 'zod';
import { fromBase64Url } from './session';

const HeaderSchema = z.object({ alg: z.literal('RS256'), kid: z.string().min(1) });
const ClaimsSchema = z.object({
  aud: z.union([z.string(), z.array(z.string())]),
  iss: z.string(),
  exp: z.number(),
  nbf: z.number().optional(),
  email: z.string().min(3).max(320).optional(),
  // Service tokens (machine access) carry the client id instead of an email.
  common_name: z.string().min(1).max(200).optional(),
});
const JwkSchema = z.object({ kid: z.string().min(1), kty: z.literal('RSA'), n: z.string().min(1), e: z.string().min(1) });
const CertsSchema = z.object({ keys: z.array(z.unknown()) });

export type AccessIdentity = { actor: string };
export type AccessCheck = { ok: true; identity: AccessIdentity } | { ok: false; reason: string };
export type AccessOptions = { teamDomain: string; audience: string; now: Date };

/** Clock skew allowed on exp/nbf. */
const LEEWAY_S = 60;
const KEYS_TTL_MS = 60 * 60 * 1000;
/** An unknown kid (Access rotated its keys) refetches, but not more often than this. */
const REFETCH_MIN_MS = 30 * 1000;

type KeySet = { keys: Map<string, CryptoKey>; fetchedAt: number };
const keyCache = new Map<string, KeySet>();

export function teamIssuer(teamDomain: string): string {
  return teamDomain.replace(/\/+$/, '');
}

async function fetchKeys(certsUrl: string, nowMs: number): Promise<KeySet> {
  const res = await fetch(certsUrl, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`access-jwt: ${certsUrl} answered ${res.status}`);
  const certs = CertsSchema.parse(await res.json());
  const keys = new Map<string, CryptoKey>();
  for (const candidate of certs.keys) {
    const jwk = JwkSchema.safeParse(candidate);
    if (!jwk.success) continue;
    const key = await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.data.n, e: jwk.data.e, alg: 'RS256', ext: true }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    keys.set(jwk.data.kid, key);
  }
  const set = { keys, fetchedAt: nowMs };
  keyCache.set(certsUrl, set);
  return set;
}

/** The key for `kid`, from the per-isolate cache, refreshed when stale or when the kid is new. */
async function keyFor(teamDomain: string, kid: string, nowMs: number): Promise<CryptoKey | undefined> {
  const certsUrl = `${teamIssuer(teamDomain)}/cdn-cgi/access/certs`;
  let set = keyCache.get(certsUrl);
  if (set === undefined || nowMs - set.fetchedAt > KEYS_TTL_MS) set = await fetchKeys(certsUrl, nowMs);
  const key = set.keys.get(kid);
  if (key !== undefined || nowMs - set.fetchedAt < REFETCH_MIN_MS) return key;
  return (await fetchKeys(certsUrl, nowMs)).keys.get(kid);
}

function decodeJson(part: string): unknown {
  const bytes = fromBase64Url(part);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return undefined;
  }
}

export async function verifyAccessJwt(token: string | undefined, options: AccessOptions): Promise<AccessCheck> {
  if (token === undefined || token === '') return { ok: false, reason: 'no Cf-Access-Jwt-Assertion' };
  if (token.length > 16_384) return { ok: false, reason: 'token too long' };
  const parts = token.split('.');
  const [headerPart, claimsPart, signaturePart] = parts;
  if (parts.length !== 3 || headerPart === undefined || claimsPart === undefined || signaturePart === undefined) return { ok: false, reason: 'not a JWT' };
  const header = HeaderSchema.safeParse(decodeJson(headerPart));
  if (!header.success) return { ok: false, reason: 'unsupported JWT header (RS256 with kid expected)' };
  const signature = fromBase64Url(signaturePart);
  if (signature === undefined) return { ok: false, reason: 'signature not base64url' };
  const nowMs = options.now.getTime();
  let key: CryptoKey | undefined;
  try {
    key = await keyFor(options.teamDomain, header.data.kid, nowMs);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (key === undefined) return { ok: false, reason: `unknown kid ${header.data.kid}` };
  const signed = new TextEncoder().encode(`${headerPart}.${claimsPart}`);
  if (!(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, signed))) return { ok: false, reason: 'bad signature' };
  // Claims are read only after the signature holds.
  const claims = ClaimsSchema.safeParse(decodeJson(claimsPart));
  if (!claims.success) return { ok: false, reason: 'malformed claims' };
  const c = claims.data;
  const audiences = typeof c.aud === 'string' ? [c.aud] : c.aud;
  if (!audiences.includes(options.audience)) return { ok: false, reason: 'wrong aud' };
  if (c.iss !== teamIssuer(options.teamDomain)) return { ok: false, reason: 'wrong iss' };
  const nowS = nowMs / 1000;
  if (c.exp + LEEWAY_S <= nowS) return { ok: false, reason: 'expired' };
  if (c.nbf !== undefined && c.nbf - LEEWAY_S > nowS) return { ok: false, reason: 'not yet valid' };
  const actor = c.email ?? (c.common_name === undefined ? undefined : `service:${c.common_name}`);
  if (actor === undefined) return { ok: false, reason: 'no email or common_name' };
  return { ok: true, identity: { actor } };
}

/** For tests: forget the cached keys. */
export function clearAccessKeyCache(): void {
  keyCache.clear();
}

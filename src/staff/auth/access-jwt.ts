// Verifies Cloudflare Access's Cf-Access-Jwt-Assertion with Hono's JWT verifier (RS256 against the
// team's keys, exp/nbf, audience, issuer), so a route that is not behind Access still denies
// (https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/).
// The team's keys are fetched once per isolate and again only when a new key id appears.
import { Jwt } from 'hono/utils/jwt';
import { z } from 'zod';

const ClaimsSchema = z.object({
  email: z.string().min(3).max(320).optional(),
  // Service tokens (machine access) carry the client id instead of an email.
  common_name: z.string().min(1).max(200).optional(),
});
const JwksSchema = z.object({
  keys: z.array(z.object({ kid: z.string().min(1), kty: z.literal('RSA'), n: z.string().min(1), e: z.string().min(1) }).passthrough()),
});
const HeaderSchema = z.object({ kid: z.string().min(1) });

export type AccessCheck = { ok: true; actor: string } | { ok: false; reason: string };
export type AccessOptions = { teamDomain: string; audience: string; now: Date };

const KEYS_TTL_MS = 60 * 60 * 1000;
/** An unknown kid (Access rotated its keys) refetches, but not more often than this. */
const REFETCH_MIN_MS = 30 * 1000;
type Jwk = NonNullable<Parameters<typeof Jwt.verifyWithJwks>[1]['keys']>[number];
const cache = new Map<string, { keys: Jwk[]; fetchedAt: number }>();

export function teamIssuer(teamDomain: string): string {
  return teamDomain.replace(/\/+$/, '');
}

async function keysFor(teamDomain: string, kid: string, nowMs: number): Promise<Jwk[]> {
  const url = `${teamIssuer(teamDomain)}/cdn-cgi/access/certs`;
  const cached = cache.get(url);
  const known = cached?.keys.some((k) => k.kid === kid) === true;
  const fresh = cached !== undefined && nowMs - cached.fetchedAt < KEYS_TTL_MS;
  const mayRefetch = cached === undefined || nowMs - cached.fetchedAt >= REFETCH_MIN_MS;
  if (cached !== undefined && ((known && fresh) || !mayRefetch)) return cached.keys;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`access-jwt: ${url} answered ${res.status}`);
  const parsed = JwksSchema.parse(await res.json());
  const keys: Jwk[] = parsed.keys.map((k) => ({ kid: k.kid, kty: k.kty, n: k.n, e: k.e, alg: 'RS256' }));
  cache.set(url, { keys, fetchedAt: nowMs });
  return keys;
}

export async function verifyAccessJwt(token: string | undefined, options: AccessOptions): Promise<AccessCheck> {
  if (token === undefined || token === '') return { ok: false, reason: 'no Cf-Access-Jwt-Assertion' };
  if (token.length > 16_384) return { ok: false, reason: 'token too long' };
  const header = HeaderSchema.safeParse(decodePart(token.split('.')[0] ?? ''));
  if (!header.success) return { ok: false, reason: 'no kid in the JWT header' };
  try {
    const keys = await keysFor(options.teamDomain, header.data.kid, options.now.getTime());
    const payload = await Jwt.verifyWithJwks(token, {
      keys,
      allowedAlgorithms: ['RS256'],
      verification: { aud: options.audience, iss: teamIssuer(options.teamDomain) },
    });
    const claims = ClaimsSchema.safeParse(payload);
    const actor = claims.success
      ? (claims.data.email ?? (claims.data.common_name === undefined ? undefined : `service:${claims.data.common_name}`))
      : undefined;
    return actor === undefined ? { ok: false, reason: 'no email or common_name' } : { ok: true, actor };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.name : 'invalid JWT' };
  }
}

function decodePart(part: string): unknown {
  try {
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
}

/** For tests: forget the cached keys. */
export function clearAccessKeyCache(): void {
  cache.clear();
}

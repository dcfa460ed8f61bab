// Helpers for the staff console tests in workerd: requests with a signed-in session, CSRF tokens, rows.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index';
import type { Bindings } from '../../src/core/env';
import type { EscalationLevel, ScreenLevel } from '../../src/core/risk-level';
import { pseudonymFor, saveStateStatement } from '../../src/record/conversations';
import { escalationOfEventStatement, escalationStatements } from '../../src/record/escalations';
import { type Turn, turnStatement } from '../../src/record/messages';

export type SeedTurn = Turn & { userId: string; eventId?: string };

/** Records turns the way the pipeline does (one batch), each with its own event id unless one is given. */
export const recordTurns = (db: D1Database, turns: SeedTurn[], at: Date) =>
  db.batch(turns.map((t) => turnStatement(db, { userId: t.userId, eventId: t.eventId ?? `seed-${crypto.randomUUID()}`, claim: undefined }, t, at)));

export const STAFF_TOKEN = 'test-staff-token-0123456789';
export const ORIGIN = 'https://bot.test';

/** A request through the whole Worker, with these bindings instead of vitest.config.ts's when given. */
export async function call(path: string, init: RequestInit = {}, bindings?: Partial<Bindings>): Promise<Response> {
  const ctx = createExecutionContext();
  const all: Bindings = { ...env, ...bindings };
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }), all, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A same-origin form POST, as a browser sends it. */
export function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

export type Browser = {
  cookie: string;
  get: (path: string) => Promise<Response>;
  post: (path: string, fields: Record<string, string>) => Promise<Response>;
  csrf: (path: string) => Promise<string>;
};

let clients = 0;

/** Signs in through /staff/login and returns a tiny cookie-carrying client. */
export async function signIn(name = '練馬 花子'): Promise<Browser> {
  // Each test browser is its own client for the sign-in rate limit (5 a minute per client).
  clients = (clients + 1) % 250;
  const res = await call('/staff/login', form({ name, token: STAFF_TOKEN }, { 'cf-connecting-ip': `198.51.100.${clients}` }));
  if (res.status !== 303) throw new Error(`staff-support: sign-in answered ${res.status}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const get = (path: string) => call(path, { headers: { cookie } });
  const csrf = async (path: string) => {
    const html = await (await get(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token === undefined) throw new Error(`staff-support: no CSRF token on ${path}`);
    return token;
  };
  return { cookie, get, post: (path, fields) => call(path, form(fields, { cookie })), csrf };
}

let seq = 0;
/** A resident with one recorded message and an escalation for it; returns the escalation id. */
export async function seedEscalation(o: {
  level: EscalationLevel;
  text: string;
  at: Date;
  userId?: string;
  rule?: string;
}): Promise<{ id: number; userId: string; pseudonym: string }> {
  seq += 1;
  const userId = o.userId ?? `Ustaff${Date.now().toString(36)}${seq.toString().padStart(4, '0')}${Math.random().toString(36).slice(2, 8)}`;
  const eventId = `evt-staff-${userId}-${seq}`;
  const guard = { userId, eventId, claim: undefined };
  const level: ScreenLevel = o.level;
  const results = await env.DB.batch<{ id: number }>([
    saveStateStatement(env.DB, guard, await pseudonymFor(userId), '{}', o.at),
    turnStatement(env.DB, guard, { direction: 'in', kind: 'text', text: o.text, riskLevel: level }, o.at),
    ...escalationStatements(env.DB, guard, { level: o.level, rule: o.rule ?? `test-${o.level}`, messageText: o.text }, o.at),
    escalationOfEventStatement(env.DB, eventId),
  ]);
  const id = results.at(-1)?.results[0]?.id;
  if (id === undefined) throw new Error('staff-support: escalation not created');
  return { id, userId, pseudonym: await pseudonymFor(userId) };
}

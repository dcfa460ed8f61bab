// Helpers for the staff console tests in workerd: requests with a signed-in session, CSRF tokens, rows.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index';
import type { Bindings } from '../../src/env';
import { pseudonymFor, saveStateStatement } from '../../src/record/conversations';
import { createEscalation } from '../../src/record/escalations';
import { turnStatements, type Turn } from '../../src/record/messages';

/** Records turns the way the pipeline does (one batch). */
const recordTurns = (db: D1Database, turns: Turn[], at: Date) => db.batch(turnStatements(db, turns, at));

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
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers }, body: new URLSearchParams(fields).toString() };
}

export type Browser = { cookie: string; get: (path: string) => Promise<Response>; post: (path: string, fields: Record<string, string>) => Promise<Response>; csrf: (path: string) => Promise<string> };

/** Signs in through /staff/login and returns a tiny cookie-carrying client. */
export async function signIn(name = '練馬 花子'): Promise<Browser> {
  const res = await call('/staff/login', form({ name, token: STAFF_TOKEN }));
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
export async function seedEscalation(o: { level: string; text: string; at: Date; userId?: string; rule?: string }): Promise<{ id: number; userId: string; pseudonym: string }> {
  seq += 1;
  const userId = o.userId ?? `Ustaff${Date.now().toString(36)}${seq.toString().padStart(4, '0')}${Math.random().toString(36).slice(2, 8)}`;
  const eventId = `evt-staff-${userId}-${seq}`;
  await saveStateStatement(env.DB, userId, await pseudonymFor(userId), '{}', o.at).run();
  await recordTurns(env.DB, [{ userId, direction: 'in', kind: 'text', text: o.text, eventId, riskLevel: o.level }], o.at);
  const id = await createEscalation(env.DB, { userId, level: o.level, rule: o.rule ?? `test-${o.level}`, messageText: o.text, eventId }, o.at);
  if (id === undefined) throw new Error('staff-support: escalation not created');
  return { id, userId, pseudonym: await pseudonymFor(userId) };
}

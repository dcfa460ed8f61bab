// The outbox drain: sends what LINE (or the staff webhook) did not take, most urgent first, each row with
// its own retry key so LINE delivers it once, backing off between tries; a row too old to help is given
// up, and staff are told (an incident on the console, an entry in the escalation's audit trail). Run by
// the Queue consumer when woken, and by the cron job as a backstop (src/jobs/).
import { z } from 'zod';
import { noticeText } from '../compose/notice';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import { pseudonymFor } from '../record/conversations';
import { escalationForNotice, notifiedStatements, replyGivenUpStatement } from '../record/escalations';
import { incidentStatement } from '../record/incidents';
import { deliveryStatement } from '../record/messages';
import { expireStatement, markSentByIdStatement, nextDueAt, type OutboxRow, retryLaterStatement, takeDue } from '../record/outbox';
import { callFailure, describeFailure, isRetryable, type LineApi, MAX_MESSAGES, type Message } from '../send/line-api';
import { type NoticeChannel, type NoticeResult, sendNotice } from '../send/notify-staff';

export type DrainDeps = { db: D1Database; clock: Clock; log: Logger; line: LineApi | undefined; wake?: ((delaySeconds: number) => Promise<void>) | undefined };
export type DrainResult = { sent: number; retried: number; expired: number };

/** Past this age a reply no longer helps (the resident has moved on; staff follow up instead). */
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How long a taken row is hidden from other drains while this one sends it. */
const LEASE_MS = 60_000;
const BATCH = 20;

/** 10 s, 20 s, 40 s … doubling up to 15 minutes: quick after a blip, patient through an outage. */
export function backoffMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

/** Messages stored by the bot itself, checked on the way out of D1 before LINE gets them. */
const StoredMessagesSchema = z
  .array(
    z.custom<Message>(
      (v) =>
        z
          .object({ type: z.enum(['text', 'flex']) })
          .passthrough()
          .safeParse(v).success,
    ),
  )
  .min(1)
  .max(MAX_MESSAGES);

export async function drainOutbox(deps: DrainDeps, only?: readonly number[]): Promise<DrainResult> {
  const now = deps.clock();
  const rows = await takeDue(deps.db, now, LEASE_MS, BATCH, only);
  const result: DrainResult = { sent: 0, retried: 0, expired: 0 };
  for (const row of rows) {
    const statements = await tryRow(deps, row, now, result);
    await deps.db.batch(statements);
  }
  if (rows.length > 0 && deps.wake !== undefined) {
    const next = await nextDueAt(deps.db);
    if (next !== undefined) await deps.wake(Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000)));
  }
  if (rows.length > 0) deps.log.info('outbox: drained', { ...result });
  return result;
}

async function tryRow(deps: DrainDeps, row: OutboxRow, now: Date, result: DrainResult): Promise<D1PreparedStatement[]> {
  const { db } = deps;
  if (now.getTime() - Date.parse(row.createdAt) > MAX_AGE_MS) {
    result.expired++;
    return giveUp(db, row, 'too old to help', now);
  }
  const outcome = await send(deps, row);
  if (outcome.ok) {
    result.sent++;
    const statements = [markSentByIdStatement(db, row.id, now)];
    if (row.messageId !== null) statements.push(deliveryStatement(db, row.messageId, 'sent'));
    if (row.kind === 'notice' && row.escalationId !== null)
      statements.push(...notifiedStatements(db, row.escalationId, `${row.channel}: sent (try ${row.attempts})`, true, now));
    return statements;
  }
  if (!isRetryable(outcome.failure) && outcome.failure.status !== undefined) {
    // LINE says no for good (a 4xx: the user id no longer exists, the message is invalid): give up now.
    result.expired++;
    return giveUp(db, row, outcome.failure.message, now);
  }
  result.retried++;
  const wait = Math.max(backoffMs(row.attempts), outcome.failure.retryAfterMs ?? 0);
  return [retryLaterStatement(db, row.id, outcome.failure.message, new Date(now.getTime() + wait), now)];
}

async function send(deps: DrainDeps, row: OutboxRow): Promise<NoticeResult> {
  if (row.kind === 'reply') {
    if (deps.line === undefined) return { ok: false, failure: callFailure(undefined, 'no LINE access token') };
    const messages = StoredMessagesSchema.safeParse(safeJson(row.payload));
    if (!messages.success) return { ok: false, failure: callFailure(400, 'stored messages are not valid') };
    try {
      await deps.line.push(row.target, messages.data, row.retryKey);
      return { ok: true };
    } catch (error) {
      return { ok: false, failure: describeFailure(error) };
    }
  }
  const escalation = row.escalationId === null ? undefined : await escalationForNotice(deps.db, row.escalationId);
  if (escalation === undefined || row.escalationId === null) return { ok: false, failure: callFailure(410, 'the escalation is gone') };
  const pseudonym = await pseudonymFor(escalation.userId);
  const notice = { escalationId: row.escalationId, level: escalation.level, pseudonym, at: escalation.at };
  const via: NoticeChannel = { channel: row.channel, target: row.target, retryKey: row.retryKey };
  return sendNotice({ ...notice, text: noticeText(notice) }, via, deps.line);
}

function giveUp(db: D1Database, row: OutboxRow, reason: string, now: Date): D1PreparedStatement[] {
  const what = row.kind === 'reply' ? (row.priority === 0 ? 'a crisis reply' : 'a reply') : 'a staff notice';
  const statements = [
    expireStatement(db, row.id, reason, now),
    incidentStatement(db, 'line-expired', `${what} could not be delivered and was given up (${reason.slice(0, 120)})`, now),
  ];
  if (row.messageId !== null) statements.push(deliveryStatement(db, row.messageId, 'failed'));
  if (row.escalationId !== null) statements.push(...notifiedStatements(db, row.escalationId, `${row.channel}: given up (${reason.slice(0, 80)})`, false, now));
  else if (row.userId !== null)
    statements.push(replyGivenUpStatement(db, row.userId, `返信を届けられませんでした（${reason.slice(0, 60)}）。職員から連絡してください。`, now));
  return statements;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

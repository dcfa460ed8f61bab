// The outbox: replies and staff notices LINE (or the staff webhook) has not taken yet. Rows are written
// in the batch that records the turn; a drain (Queue consumer and cron, src/jobs/) takes due rows in
// priority order with a short lease, so two drains never send one row at the same time, and sends
// them with the row's own X-Line-Retry-Key (LINE delivers a push once per key).
import { type Guard, guardClause } from './guard';

export const OUTBOX_PRIORITY = { crisis: 0, notice: 1, reply: 2 } as const;

export type OutboxRow = {
  id: number;
  kind: 'reply' | 'notice';
  channel: 'line' | 'webhook';
  userId: string | null;
  target: string;
  payload: string;
  retryKey: string;
  priority: number;
  escalationId: number | null;
  messageId: number | null;
  attempts: number;
  createdAt: string;
};

/**
 * A reply LINE has not taken yet, pending for the drain and linked to its turn (the bot's or a staff
 * member's, recorded in the same batch), under the guard every write of a resident's words carries
 * (guard.ts): a resident who blocked the bot since gets no reply kept for later.
 */
export function pendingReplyStatement(
  db: D1Database,
  guard: Guard,
  reply: { from: 'bot' | 'staff'; payload: string; retryKey: string; crisis: boolean; attempts: number; error: string; nextAttemptAt: Date },
  now: Date,
  options: { ignoreTombstone?: boolean } = {},
): D1PreparedStatement {
  const at = now.toISOString();
  const where = guardClause(guard, options);
  return db
    .prepare(
      `INSERT INTO outbox (kind, channel, user_id, target, payload, retry_key, priority, message_id, status, attempts, last_error, next_attempt_at, created_at, updated_at)
       SELECT 'reply', 'line', ?, ?, ?, ?, ?, (SELECT id FROM messages WHERE event_id = ? AND direction = ?), 'pending', ?, ?, ?, ?, ?
       WHERE ${where.sql} ON CONFLICT (retry_key) DO NOTHING`,
    )
    .bind(
      guard.userId,
      guard.userId,
      reply.payload,
      reply.retryKey,
      reply.crisis ? OUTBOX_PRIORITY.crisis : OUTBOX_PRIORITY.reply,
      guard.eventId,
      reply.from,
      reply.attempts,
      reply.error.slice(0, 300),
      reply.nextAttemptAt.toISOString(),
      at,
      at,
      ...where.params,
    );
}

/** A staff notice for the event's escalation, written with the escalation, before any send is tried. */
export function noticeStatement(
  db: D1Database,
  eventId: string,
  notice: { channel: 'line' | 'webhook'; target: string; retryKey: string },
  now: Date,
): D1PreparedStatement {
  const at = now.toISOString();
  return db
    .prepare(
      `INSERT INTO outbox (kind, channel, user_id, target, payload, retry_key, priority, escalation_id, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT 'notice', ?, NULL, ?, '{}', ?, ?, id, 'pending', 0, ?, ?, ? FROM escalations WHERE event_id = ? ON CONFLICT (retry_key) DO NOTHING`,
    )
    .bind(notice.channel, notice.target, notice.retryKey, OUTBOX_PRIORITY.notice, at, at, at, eventId);
}

export function markSentStatement(db: D1Database, retryKey: string, now: Date): D1PreparedStatement {
  return db.prepare("UPDATE outbox SET status = 'sent', updated_at = ? WHERE retry_key = ? AND status = 'pending'").bind(now.toISOString(), retryKey);
}

/**
 * Takes up to `limit` due rows, most urgent first, each under a lease (its next attempt moved past the
 * lease), so a second drain running at the same time skips them.
 */
export async function takeDue(db: D1Database, now: Date, leaseMs: number, limit: number, only?: readonly number[]): Promise<OutboxRow[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const filter = only === undefined ? '' : `AND id IN (${only.map(() => '?').join(', ')})`;
  const { results } = await db
    .prepare(
      `UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, updated_at = ?
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ${filter} ORDER BY priority, created_at LIMIT ?)
       RETURNING id, kind, channel, user_id AS userId, target, payload, retry_key AS retryKey, priority, escalation_id AS escalationId,
                 message_id AS messageId, attempts, created_at AS createdAt`,
    )
    .bind(leaseUntil, now.toISOString(), now.toISOString(), ...(only ?? []), limit)
    .all<OutboxRow>();
  return results.sort((a, b) => a.priority - b.priority || (a.createdAt < b.createdAt ? -1 : 1));
}

export function retryLaterStatement(db: D1Database, id: number, error: string, nextAttemptAt: Date, now: Date): D1PreparedStatement {
  return db
    .prepare("UPDATE outbox SET last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'")
    .bind(error.slice(0, 300), nextAttemptAt.toISOString(), now.toISOString(), id);
}

export function markSentByIdStatement(db: D1Database, id: number, now: Date): D1PreparedStatement {
  return db.prepare("UPDATE outbox SET status = 'sent', updated_at = ? WHERE id = ?").bind(now.toISOString(), id);
}

/** Given up: the words are no longer needed in the outbox (the transcript keeps them). */
export function expireStatement(db: D1Database, id: number, reason: string, now: Date): D1PreparedStatement {
  return db
    .prepare("UPDATE outbox SET status = 'expired', payload = '[]', last_error = ?, updated_at = ? WHERE id = ?")
    .bind(reason.slice(0, 300), now.toISOString(), id);
}

export type OutboxSummary = { pending: number; pendingCrisis: number; expired: number; oldestPendingAt: string | null };

/** What the console shows: how much is waiting, how much was given up (last `days` days). */
export async function summariseOutbox(db: D1Database, since: Date): Promise<OutboxSummary> {
  const row = await db
    .prepare(
      `SELECT SUM(status = 'pending') AS pending, SUM(status = 'pending' AND priority = 0) AS pending_crisis,
              SUM(status = 'expired' AND updated_at >= ?) AS expired, MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest
       FROM outbox`,
    )
    .bind(since.toISOString())
    .first<{ pending: number | null; pending_crisis: number | null; expired: number | null; oldest: string | null }>();
  return { pending: row?.pending ?? 0, pendingCrisis: row?.pending_crisis ?? 0, expired: row?.expired ?? 0, oldestPendingAt: row?.oldest ?? null };
}

/** When the next pending row is due (for the drain's next wake-up), or undefined when none is pending. */
export async function nextDueAt(db: D1Database): Promise<Date | undefined> {
  const row = await db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'").first<{ at: string | null }>();
  return row?.at == null ? undefined : new Date(row.at);
}

// The outbox: replies and staff notices LINE (or the staff webhook) has not taken yet. Rows are written
// in the batch that records the turn; a drain (Queue consumer and cron, src/jobs/) takes due rows in
// priority order with a short lease, so two drains never send one row at the same time, and sends
// them with the row's own X-Line-Retry-Key (LINE delivers a push once per key).
import type { Guard } from './guard';

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

type Row = {
  id: number;
  kind: 'reply' | 'notice';
  channel: 'line' | 'webhook';
  user_id: string | null;
  target: string;
  payload: string;
  retry_key: string;
  priority: number;
  escalation_id: number | null;
  message_id: number | null;
  attempts: number;
  created_at: string;
};

const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  kind: r.kind,
  channel: r.channel,
  userId: r.user_id,
  target: r.target,
  payload: r.payload,
  retryKey: r.retry_key,
  priority: r.priority,
  escalationId: r.escalation_id,
  messageId: r.message_id,
  attempts: r.attempts,
  createdAt: r.created_at,
});

/** A resident's reply that did not go out: pending, linked to the bot turn recorded in the same batch. */
export function pendingReplyStatement(
  db: D1Database,
  guard: Guard,
  reply: { payload: string; retryKey: string; crisis: boolean; attempts: number; error: string; nextAttemptAt: Date },
  now: Date,
): D1PreparedStatement {
  const at = now.toISOString();
  return db
    .prepare(
      `INSERT INTO outbox (kind, channel, user_id, target, payload, retry_key, priority, message_id, status, attempts, last_error, next_attempt_at, created_at, updated_at)
       SELECT 'reply', 'line', ?, ?, ?, ?, ?, (SELECT id FROM messages WHERE event_id = ? AND direction = 'bot'), 'pending', ?, ?, ?, ?, ?
       WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE user_id = ?) ON CONFLICT (retry_key) DO NOTHING`,
    )
    .bind(
      guard.userId,
      guard.userId,
      reply.payload,
      reply.retryKey,
      reply.crisis ? OUTBOX_PRIORITY.crisis : OUTBOX_PRIORITY.reply,
      guard.eventId,
      reply.attempts,
      reply.error.slice(0, 300),
      reply.nextAttemptAt.toISOString(),
      at,
      at,
      guard.userId,
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

/** A staff reply LINE has not taken yet (it is retried like any other). */
export function pendingStaffReplyStatement(
  db: D1Database,
  staffReply: { userId: string; payload: string; retryKey: string; messageEventId: string; error: string; nextAttemptAt: Date },
  now: Date,
): D1PreparedStatement {
  const at = now.toISOString();
  return db
    .prepare(
      `INSERT INTO outbox (kind, channel, user_id, target, payload, retry_key, priority, message_id, status, attempts, last_error, next_attempt_at, created_at, updated_at)
       SELECT 'reply', 'line', ?, ?, ?, ?, ?, (SELECT id FROM messages WHERE event_id = ? AND direction = 'staff'), 'pending', 1, ?, ?, ?, ?
       ON CONFLICT (retry_key) DO NOTHING`,
    )
    .bind(
      staffReply.userId,
      staffReply.userId,
      staffReply.payload,
      staffReply.retryKey,
      OUTBOX_PRIORITY.reply,
      staffReply.messageEventId,
      staffReply.error.slice(0, 300),
      staffReply.nextAttemptAt.toISOString(),
      at,
      at,
    );
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
       RETURNING id, kind, channel, user_id, target, payload, retry_key, priority, escalation_id, message_id, attempts, created_at`,
    )
    .bind(leaseUntil, now.toISOString(), now.toISOString(), ...(only ?? []), limit)
    .all<Row>();
  return results.map(toRow).sort((a, b) => a.priority - b.priority || (a.createdAt < b.createdAt ? -1 : 1));
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

// What staff change on an escalation (status, assignee, notes, replies), each with its audit entry in the
// same D1 batch (one transaction), and the resident's staff_handling flag kept in step with the status.
import type { Delivery } from './messages';
import { STATUS_LABELS, type Status } from '../core/escalation-status';

/**
 * While any of a resident's escalations is 対応中 a person is answering them (conversations.staff_handling
 * = 1, which the bot reads to tell the resident staff will answer); otherwise the bot answers alone.
 */
function syncStaffHandling(db: D1Database, userId: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE conversations SET staff_handling = EXISTS (SELECT 1 FROM escalations WHERE user_id = ? AND status = 'in_progress'), updated_at = ?
       WHERE user_id = ?`,
    )
    .bind(userId, at, userId);
}

function audit(db: D1Database, escalationId: number, actor: string, action: string, detail: string, at: string): D1PreparedStatement {
  return db
    .prepare('INSERT INTO escalation_events (escalation_id, actor, action, detail, created_at) VALUES (?, ?, ?, ?, ?)')
    .bind(escalationId, actor, action, detail, at);
}

async function current(db: D1Database, id: number): Promise<{ userId: string; status: Status; assignee: string | null } | undefined> {
  const row = await db
    .prepare('SELECT user_id, status, assignee FROM escalations WHERE id = ?')
    .bind(id)
    .first<{ user_id: string; status: Status; assignee: string | null }>();
  return row === null ? undefined : { userId: row.user_id, status: row.status, assignee: row.assignee };
}

export type ChangeResult = 'changed' | 'unchanged' | 'not-found';

export async function changeStatus(db: D1Database, id: number, status: Status, actor: string, now: Date): Promise<ChangeResult> {
  const before = await current(db, id);
  if (before === undefined) return 'not-found';
  if (before.status === status) return 'unchanged';
  const at = now.toISOString();
  await db.batch([
    db.prepare('UPDATE escalations SET status = ?, updated_at = ? WHERE id = ?').bind(status, at, id),
    audit(db, id, actor, 'status', `${STATUS_LABELS[before.status]} → ${STATUS_LABELS[status]}`, at),
    syncStaffHandling(db, before.userId, at),
  ]);
  return 'changed';
}

/** `assignee` null clears it. */
export async function assignEscalation(db: D1Database, id: number, assignee: string | null, actor: string, now: Date): Promise<ChangeResult> {
  const before = await current(db, id);
  if (before === undefined) return 'not-found';
  if (before.assignee === assignee) return 'unchanged';
  const at = now.toISOString();
  await db.batch([
    db.prepare('UPDATE escalations SET assignee = ?, updated_at = ? WHERE id = ?').bind(assignee, at, id),
    audit(db, id, actor, 'assign', assignee === null ? '担当者なし' : `担当: ${assignee}`, at),
  ]);
  return 'changed';
}

export async function addNote(db: D1Database, id: number, note: string, actor: string, now: Date): Promise<ChangeResult> {
  const before = await current(db, id);
  if (before === undefined) return 'not-found';
  const at = now.toISOString();
  await db.batch([db.prepare('UPDATE escalations SET updated_at = ? WHERE id = ?').bind(at, id), audit(db, id, actor, 'note', note, at)]);
  return 'changed';
}

/** The LINE user id to push a staff reply to (never shown on a page). */
export async function residentOf(db: D1Database, id: number): Promise<string | undefined> {
  return (await current(db, id))?.userId;
}

/**
 * Records a staff reply that LINE accepted: the turn (direction 'staff', keyed by the form's reply key so
 * a resubmitted form records once), the audit entry, and — a person is answering now — 新規 becomes
 * 対応中 and an unassigned escalation goes to the sender.
 */
export async function recordStaffReply(
  db: D1Database,
  id: number,
  reply: { text: string; replyKey: string; delivery: Delivery; pending?: (messageEventId: string) => D1PreparedStatement },
  actor: string,
  now: Date,
): Promise<ChangeResult> {
  const { text, replyKey } = reply;
  const before = await current(db, id);
  if (before === undefined) return 'not-found';
  const at = now.toISOString();
  const inserted = await db
    .prepare(
      `INSERT INTO messages (user_id, direction, kind, text, event_id, delivery, created_at) VALUES (?, 'staff', 'text', ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    )
    .bind(before.userId, text, `staff-reply:${replyKey}`, reply.delivery, at)
    .run();
  if (inserted.meta.changes === 0) return 'unchanged';
  const statements = [audit(db, id, actor, 'reply', text, at), db.prepare('UPDATE escalations SET updated_at = ? WHERE id = ?').bind(at, id)];
  if (reply.pending !== undefined) statements.push(reply.pending(`staff-reply:${replyKey}`));
  if (before.status === 'new') {
    statements.push(
      db.prepare("UPDATE escalations SET status = 'in_progress' WHERE id = ?").bind(id),
      audit(db, id, actor, 'status', `${STATUS_LABELS.new} → ${STATUS_LABELS.in_progress}（返信）`, at),
    );
  }
  if (before.assignee === null) {
    statements.push(db.prepare('UPDATE escalations SET assignee = ? WHERE id = ?').bind(actor, id), audit(db, id, actor, 'assign', `担当: ${actor}`, at));
  }
  statements.push(syncStaffHandling(db, before.userId, at));
  await db.batch(statements);
  return 'changed';
}

// Escalations: a resident's risky message flagged for staff, once per event (a unique key on the event
// id, so a redelivered event never flags or notifies twice), with its audit trail. Written in the same
// batch as the resident's turn, before any LINE call. Not held back by a tombstone: a crisis message
// from someone who then blocked the bot still reaches staff (duty of care).
import { z } from 'zod';
import { type EscalationLevel, EscalationLevelSchema } from '../core/risk-level';
import { type Guard, guardClause } from './guard';
import { cutText } from './messages';

export type NewEscalation = { level: EscalationLevel; rule: string; messageText: string };

export function escalationStatements(db: D1Database, guard: Guard, e: NewEscalation, now: Date): D1PreparedStatement[] {
  const at = now.toISOString();
  const claimed = guardClause(guard, { ignoreTombstone: true });
  return [
    db
      .prepare(
        `INSERT INTO escalations (user_id, level, rule, message_text, event_id, status, created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, 'new', ?, ? WHERE ${claimed.sql} ON CONFLICT (event_id) DO NOTHING`,
      )
      .bind(guard.userId, e.level, e.rule, cutText(e.messageText), guard.eventId, at, at, ...claimed.params),
    db
      .prepare(
        `INSERT INTO escalation_events (escalation_id, actor, action, detail, created_at)
         SELECT id, 'bot', 'created', ?, ? FROM escalations
         WHERE event_id = ? AND NOT EXISTS (SELECT 1 FROM escalation_events ee WHERE ee.escalation_id = escalations.id AND ee.action = 'created')`,
      )
      .bind(`${e.level} (${e.rule})`, at, guard.eventId),
  ];
}

/** The escalation of an event, read back in the same batch (its id goes into the staff notice). */
export function escalationOfEventStatement(db: D1Database, eventId: string): D1PreparedStatement {
  return db.prepare('SELECT id FROM escalations WHERE event_id = ?').bind(eventId);
}

/** What happened to the staff notice, in the audit trail: which channels took it and which will be retried. */
export function notifiedStatements(db: D1Database, escalationId: number, detail: string, delivered: boolean, now: Date): D1PreparedStatement[] {
  const at = now.toISOString();
  const statements = [
    db
      .prepare("INSERT INTO escalation_events (escalation_id, actor, action, detail, created_at) VALUES (?, 'bot', 'notified', ?, ?)")
      .bind(escalationId, detail, at),
  ];
  if (delivered) statements.push(db.prepare('UPDATE escalations SET notified_at = COALESCE(notified_at, ?) WHERE id = ?').bind(at, escalationId));
  return statements;
}

const NoticeFactsSchema = z.object({ level: EscalationLevelSchema, user_id: z.string(), created_at: z.string() });

/** What a staff notice says of its escalation (level, whose, when), or undefined when it is gone. */
export async function escalationForNotice(db: D1Database, id: number): Promise<{ level: EscalationLevel; userId: string; at: Date } | undefined> {
  const row = NoticeFactsSchema.safeParse(await db.prepare('SELECT level, user_id, created_at FROM escalations WHERE id = ?').bind(id).first());
  return row.success ? { level: row.data.level, userId: row.data.user_id, at: new Date(row.data.created_at) } : undefined;
}

/** A resident's reply given up: each of their open escalations says so in its audit trail. */
export function replyGivenUpStatement(db: D1Database, userId: string, detail: string, now: Date): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO escalation_events (escalation_id, actor, action, detail, created_at)
       SELECT id, 'bot', 'notified', ?, ? FROM escalations WHERE user_id = ? AND status != 'done'`,
    )
    .bind(detail, now.toISOString(), userId);
}

// The messages table: every turn (resident in, bot out, staff out), kept for staff review and analytics.
import type { ScreenLevel } from '../core/risk-level';
import { type Guard, guardClause } from './guard';

/** LINE's own limit for a text message (https://developers.line.biz/en/reference/messaging-api/#text-message). */
export const MAX_STORED_TEXT = 5000;

/** At most `max` UTF-16 units, never splitting a surrogate pair (never half an emoji). */
export function cutText(text: string, max = MAX_STORED_TEXT): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

export const DELIVERIES = ['sent', 'pending', 'failed'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export type Turn = {
  direction: 'in' | 'bot' | 'staff';
  kind: string;
  text: string;
  riskLevel?: ScreenLevel | undefined;
  category?: string | undefined;
  answered?: boolean | undefined;
  delivery?: Delivery | undefined;
  /** The language of the turn (a locale, core/locale.ts); undefined is Japanese. */
  lang?: string | undefined;
  /** A bot turn in another language: the same reply in Japanese, for staff. */
  textJa?: string | undefined;
  /** A bot turn that answered from knowledge/answers/: the answer's id. */
  answerId?: string | undefined;
};

/**
 * Records a turn once: keyed by (event id, direction), guarded by the event's claim and the resident's
 * tombstone (record/guard.ts). A staff reply is keyed by its form's reply key instead of an event.
 */
export function turnStatement(db: D1Database, guard: Guard, turn: Turn, now: Date): D1PreparedStatement {
  const where = guardClause(guard);
  return db
    .prepare(
      `INSERT INTO messages (user_id, direction, kind, text, event_id, risk_level, category, answered, delivery, lang, text_ja, answer_id, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${where.sql} ON CONFLICT DO NOTHING`,
    )
    .bind(
      guard.userId,
      turn.direction,
      turn.kind,
      cutText(turn.text),
      guard.eventId,
      turn.riskLevel ?? null,
      turn.category ?? null,
      turn.answered === undefined ? null : turn.answered ? 1 : 0,
      turn.delivery ?? null,
      turn.lang ?? null,
      turn.textJa === undefined ? null : cutText(turn.textJa),
      turn.answerId ?? null,
      now.toISOString(),
      ...where.params,
    );
}

/** What the bot understood of the resident's turn, known only after it answered (recorded with its own turn). */
export function understoodStatement(
  db: D1Database,
  guard: Guard,
  understood: { category?: string | undefined; answered?: boolean | undefined; lang?: string | undefined },
): D1PreparedStatement {
  return db
    .prepare("UPDATE messages SET category = ?, answered = ?, lang = ? WHERE event_id = ? AND direction = 'in' AND user_id = ?")
    .bind(
      understood.category ?? null,
      understood.answered === undefined ? null : understood.answered ? 1 : 0,
      understood.lang ?? null,
      guard.eventId,
      guard.userId,
    );
}

/** A bot or staff turn's delivery, once the outbox knows it (sent after a retry, or given up). */
export function deliveryStatement(db: D1Database, messageId: number, delivery: Delivery): D1PreparedStatement {
  return db.prepare('UPDATE messages SET delivery = ? WHERE id = ?').bind(delivery, messageId);
}

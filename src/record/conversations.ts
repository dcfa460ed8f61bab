// The conversations table (one row per resident: a pseudonym for staff and the bot's short state) and
// the tombstones of residents who blocked the bot.
import { type Guard, guardClause } from './guard';

export type ConversationRow = { pseudonym: string; state: string; staffHandling: boolean };

/** A short id staff see instead of the LINE user id: a hash, so the same resident keeps the same id. */
export async function pseudonymFor(userId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`nerima-navi:${userId}`)));
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `R-${Array.from(digest.slice(0, 6), (b) => alphabet[b % alphabet.length]).join('')}`;
}

export function conversationStatement(db: D1Database, userId: string): D1PreparedStatement {
  return db.prepare('SELECT pseudonym, state, staff_handling FROM conversations WHERE user_id = ?').bind(userId);
}

export function toConversation(row: { pseudonym: string; state: string; staff_handling: number } | undefined): ConversationRow | undefined {
  return row === undefined ? undefined : { pseudonym: row.pseudonym, state: row.state, staffHandling: row.staff_handling === 1 };
}

/** Creates the row on first contact (state kept as is), unless the resident has blocked the bot. */
export function ensureConversationStatement(db: D1Database, guard: Guard, pseudonym: string, now: Date): D1PreparedStatement {
  const where = guardClause({ ...guard, claim: undefined });
  const at = now.toISOString();
  return db
    .prepare(
      `INSERT INTO conversations (user_id, pseudonym, state, created_at, updated_at) SELECT ?, ?, '{}', ?, ? WHERE ${where.sql} ON CONFLICT (user_id) DO NOTHING`,
    )
    .bind(guard.userId, pseudonym, at, at, ...where.params);
}

/** Stores the bot's new state (creating the row if needed), under the event's guard. */
export function saveStateStatement(db: D1Database, guard: Guard, pseudonym: string, state: string, now: Date): D1PreparedStatement {
  const where = guardClause(guard);
  const at = now.toISOString();
  return db
    .prepare(
      `INSERT INTO conversations (user_id, pseudonym, state, created_at, updated_at) SELECT ?, ?, ?, ?, ? WHERE ${where.sql}
       ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    )
    .bind(guard.userId, pseudonym, state, at, at, ...where.params);
}

/**
 * A resident who blocks the bot: a tombstone first (no later write brings their words back), then their
 * messages, conversation and undelivered replies go — unless staff hold an escalation for them (then the
 * record stays until staff close it and the retention period ends, for the ward's duty of care).
 */
export async function forgetResident(db: D1Database, userId: string, now: Date): Promise<{ kept: boolean }> {
  const held = 'EXISTS (SELECT 1 FROM escalations WHERE user_id = ?)';
  const [, , , , escalated] = await db.batch<{ x: number }>([
    db
      .prepare('INSERT INTO tombstones (user_id, blocked_at) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET blocked_at = excluded.blocked_at')
      .bind(userId, now.toISOString()),
    db.prepare(`DELETE FROM messages WHERE user_id = ? AND NOT ${held}`).bind(userId, userId),
    db.prepare(`DELETE FROM conversations WHERE user_id = ? AND NOT ${held}`).bind(userId, userId),
    db
      .prepare(
        "UPDATE outbox SET status = 'expired', payload = '[]', last_error = 'resident blocked the bot', updated_at = ? WHERE user_id = ? AND status = 'pending'",
      )
      .bind(now.toISOString(), userId),
    db.prepare(`SELECT 1 AS x WHERE ${held}`).bind(userId),
  ]);
  return { kept: (escalated?.results.length ?? 0) > 0 };
}

/** A resident who adds the bot again (follow) is no longer blocked. */
export function forgiveStatement(db: D1Database, userId: string): D1PreparedStatement {
  return db.prepare('DELETE FROM tombstones WHERE user_id = ?').bind(userId);
}

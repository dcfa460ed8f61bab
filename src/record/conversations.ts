// The conversations table: one row per resident, with a short pseudonym for staff and the bot's state.

export type ConversationRow = { userId: string; pseudonym: string; state: string; staffHandling: boolean };

/** A short id staff see instead of the LINE user id: a hash, so the same resident keeps the same id. */
export async function pseudonymFor(userId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`nerima-navi:${userId}`)));
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `R-${Array.from(digest.slice(0, 6), (b) => alphabet[b % alphabet.length]).join('')}`;
}

export async function getConversation(db: D1Database, userId: string): Promise<ConversationRow | undefined> {
  const row = await db
    .prepare('SELECT user_id, pseudonym, state, staff_handling FROM conversations WHERE user_id = ?')
    .bind(userId)
    .first<{ user_id: string; pseudonym: string; state: string; staff_handling: number }>();
  if (row === null) return undefined;
  return { userId: row.user_id, pseudonym: row.pseudonym, state: row.state, staffHandling: row.staff_handling === 1 };
}

/** The statement that creates the row on first contact, else stores the new state. */
export function saveStateStatement(db: D1Database, userId: string, pseudonym: string, state: string, now: Date): D1PreparedStatement {
  const at = now.toISOString();
  return db
    .prepare(
      `INSERT INTO conversations (user_id, pseudonym, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    )
    .bind(userId, pseudonym, state, at, at);
}

/**
 * A resident who blocks the bot: their messages and conversation go, unless staff hold an escalation
 * for them (then the record stays until the retention period ends, for the ward's duty of care).
 */
export async function forgetResident(db: D1Database, userId: string): Promise<{ kept: boolean }> {
  const escalated = await db.prepare('SELECT 1 AS x FROM escalations WHERE user_id = ? LIMIT 1').bind(userId).first();
  if (escalated !== null) return { kept: true };
  await db.batch([
    db.prepare('DELETE FROM messages WHERE user_id = ?').bind(userId),
    db.prepare('DELETE FROM conversations WHERE user_id = ?').bind(userId),
  ]);
  return { kept: false };
}

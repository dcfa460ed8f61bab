// Staff sessions on the server: created at sign-in, looked up on every console request, revoked at
// sign-out, deleted by the retention job once expired.

export type StaffSession = { sid: string; name: string; expiresAt: string };

export async function createSession(db: D1Database, sid: string, name: string, now: Date, ttlMs: number): Promise<void> {
  await db
    .prepare('INSERT INTO staff_sessions (sid, name, created_at, expires_at) VALUES (?, ?, ?, ?)')
    .bind(sid, name, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString())
    .run();
}

/** The live session with this id: not revoked, not expired. */
export async function findSession(db: D1Database, sid: string, now: Date): Promise<StaffSession | undefined> {
  const row = await db
    .prepare('SELECT sid, name, expires_at FROM staff_sessions WHERE sid = ? AND revoked_at IS NULL AND expires_at > ?')
    .bind(sid, now.toISOString())
    .first<{ sid: string; name: string; expires_at: string }>();
  return row === null ? undefined : { sid: row.sid, name: row.name, expiresAt: row.expires_at };
}

export async function revokeSession(db: D1Database, sid: string, now: Date): Promise<void> {
  await db.prepare('UPDATE staff_sessions SET revoked_at = ? WHERE sid = ? AND revoked_at IS NULL').bind(now.toISOString(), sid).run();
}

export function deleteExpiredSessionsStatement(db: D1Database, now: Date): D1PreparedStatement {
  return db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?').bind(now.toISOString());
}

// Escalations: a resident's risky message flagged for staff, once per event (a unique key on the
// event id, so a redelivered event never flags or notifies twice), with an audit trail.

export type NewEscalation = { userId: string; level: string; rule: string; messageText: string; eventId: string };

/** Returns the new escalation's id, or undefined when this event was already escalated. */
export async function createEscalation(db: D1Database, e: NewEscalation, now: Date): Promise<number | undefined> {
  const at = now.toISOString();
  const row = await db
    .prepare(
      `INSERT INTO escalations (user_id, level, rule, message_text, event_id, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'new', ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
    )
    .bind(e.userId, e.level, e.rule, e.messageText, e.eventId, at, at)
    .first<{ id: number }>();
  if (row === null) return undefined;
  await addAuditEntry(db, row.id, 'bot', 'created', `${e.level} (${e.rule})`, now);
  return row.id;
}

export async function addAuditEntry(db: D1Database, escalationId: number, actor: string, action: string, detail: string, now: Date): Promise<void> {
  await db
    .prepare('INSERT INTO escalation_events (escalation_id, actor, action, detail, created_at) VALUES (?, ?, ?, ?, ?)')
    .bind(escalationId, actor, action, detail, now.toISOString())
    .run();
}

export async function markNotified(db: D1Database, escalationId: number, channels: string[], now: Date): Promise<void> {
  await db.prepare('UPDATE escalations SET notified_at = ? WHERE id = ?').bind(now.toISOString(), escalationId).run();
  await addAuditEntry(db, escalationId, 'bot', 'notified', channels.join(', ') || 'none configured', now);
}

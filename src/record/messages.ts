// The messages table: every turn (resident in, bot out, staff out), kept for staff review and analytics.

export type Turn = {
  userId: string;
  direction: 'in' | 'bot' | 'staff';
  kind: string;
  text: string;
  eventId?: string | undefined;
  riskLevel?: string | undefined;
  category?: string | undefined;
  answered?: boolean | undefined;
};

/** The statements that record turns. A resident's turn is keyed by its event id, so a redelivery never records twice. */
export function turnStatements(db: D1Database, turns: Turn[], now: Date): D1PreparedStatement[] {
  const at = now.toISOString();
  return turns.map((t) =>
    db
      .prepare(
        `INSERT INTO messages (user_id, direction, kind, text, event_id, risk_level, category, answered, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .bind(t.userId, t.direction, t.kind, t.text, t.eventId ?? null, t.riskLevel ?? null, t.category ?? null, t.answered === undefined ? null : t.answered ? 1 : 0, at),
  );
}

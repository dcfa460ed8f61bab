// Failures staff must see on the console (README "Reliability"): never a resident's words, only what
// failed, when, and what the bot did about it.

export const INCIDENT_KINDS = ['line-undelivered', 'line-expired', 'notice-failed', 'd1-unavailable'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export function incidentStatement(db: D1Database, kind: IncidentKind, detail: string, now: Date): D1PreparedStatement {
  return db.prepare('INSERT INTO incidents (kind, detail, created_at) VALUES (?, ?, ?)').bind(kind, detail.slice(0, 500), now.toISOString());
}

export type Incident = { id: number; kind: string; detail: string; createdAt: string };

export async function listIncidents(db: D1Database, since: Date, limit = 200): Promise<Incident[]> {
  const { results } = await db
    .prepare('SELECT id, kind, detail, created_at FROM incidents WHERE created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?')
    .bind(since.toISOString(), limit)
    .all<{ id: number; kind: string; detail: string; created_at: string }>();
  return results.map((r) => ({ id: r.id, kind: r.kind, detail: r.detail, createdAt: r.created_at }));
}

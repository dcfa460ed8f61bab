// Idempotency for webhook events: a unique key per webhookEventId, claimed with one INSERT, so a
// redelivered or concurrently delivered event is handled once (no check-then-insert race).

/** An event claimed this long ago and never finished (the isolate died) may be taken over by a redelivery. */
const STALE_CLAIM_MS = 2 * 60 * 1000;

export async function claimEvent(db: D1Database, webhookEventId: string, now: Date): Promise<boolean> {
  const inserted = await db
    .prepare("INSERT INTO processed_events (webhook_event_id, state, claimed_at) VALUES (?, 'processing', ?) ON CONFLICT (webhook_event_id) DO NOTHING")
    .bind(webhookEventId, now.toISOString())
    .run();
  if (inserted.meta.changes === 1) return true;
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  const retaken = await db
    .prepare("UPDATE processed_events SET claimed_at = ? WHERE webhook_event_id = ? AND state = 'processing' AND claimed_at < ?")
    .bind(now.toISOString(), webhookEventId, staleBefore)
    .run();
  return retaken.meta.changes === 1;
}

/** The statement that marks an event done (batched with the turns it produced). */
export function finishEventStatement(db: D1Database, webhookEventId: string): D1PreparedStatement {
  return db.prepare("UPDATE processed_events SET state = 'done' WHERE webhook_event_id = ?").bind(webhookEventId);
}

// Idempotency for webhook events: a unique key per webhookEventId and a claim token per delivery, set
// with one upsert, so a redelivered or concurrently delivered event is handled once (no check-then-
// insert race). Statements that write a turn are guarded by the claim (record/guard.ts).

/** An event claimed this long ago and never finished (the isolate died) may be taken over by a redelivery. */
export const STALE_CLAIM_MS = 2 * 60 * 1000;

/** Claims the event, or takes over a stale claim; a fresh claim by someone else stays theirs. */
export function claimStatement(db: D1Database, eventId: string, claim: string, now: Date): D1PreparedStatement {
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  return db
    .prepare(
      `INSERT INTO processed_events (webhook_event_id, state, claimed_at, claim) VALUES (?, 'processing', ?, ?)
       ON CONFLICT (webhook_event_id) DO UPDATE SET claim = excluded.claim, claimed_at = excluded.claimed_at
       WHERE processed_events.state = 'processing' AND processed_events.claimed_at < ?`,
    )
    .bind(eventId, now.toISOString(), claim, staleBefore);
}

/** Reads back whose claim the event is under (compare with ours). */
export function claimHolderStatement(db: D1Database, eventId: string): D1PreparedStatement {
  return db.prepare('SELECT claim FROM processed_events WHERE webhook_event_id = ?').bind(eventId);
}

/** Marks the event done; only the holder of the claim can. A late deferred record (no claim) inserts it done. */
export function finishEventStatement(db: D1Database, eventId: string, claim: string | undefined, now: Date): D1PreparedStatement {
  if (claim === undefined) {
    return db
      .prepare(
        "INSERT INTO processed_events (webhook_event_id, state, claimed_at) VALUES (?, 'done', ?) ON CONFLICT (webhook_event_id) DO UPDATE SET state = 'done'",
      )
      .bind(eventId, now.toISOString());
  }
  return db.prepare("UPDATE processed_events SET state = 'done' WHERE webhook_event_id = ? AND claim = ?").bind(eventId, claim);
}

export type StuckTurn = { eventId: string; userId: string; kind: string; text: string };

/**
 * Events whose resident turn was recorded but whose answer never was (the isolate died, or respond
 * failed), claimed before `before`: the recovery job answers them by push.
 */
export async function listStuckTurns(db: D1Database, before: Date, limit = 20): Promise<StuckTurn[]> {
  const { results } = await db
    .prepare(
      `SELECT pe.webhook_event_id AS event_id, m.user_id, m.kind, m.text FROM processed_events pe
       JOIN messages m ON m.event_id = pe.webhook_event_id AND m.direction = 'in'
       WHERE pe.state = 'processing' AND pe.claimed_at < ?
         AND NOT EXISTS (SELECT 1 FROM messages b WHERE b.event_id = pe.webhook_event_id AND b.direction = 'bot')
       ORDER BY pe.claimed_at LIMIT ?`,
    )
    .bind(before.toISOString(), limit)
    .all<{ event_id: string; user_id: string; kind: string; text: string }>();
  return results.map((r) => ({ eventId: r.event_id, userId: r.user_id, kind: r.kind, text: r.text }));
}

// The condition every write of a resident's words carries: the event's claim is ours (a redelivery
// writes nothing), and the resident has not blocked the bot since (unfollow wins: no later write brings
// their words back). A record deferred while D1 was down has no claim; the tombstone check still holds.

export type Guard = { userId: string; eventId: string; claim: string | undefined };

const CLAIMED = 'EXISTS (SELECT 1 FROM processed_events WHERE webhook_event_id = ? AND claim = ?)';
const NOT_BLOCKED = 'NOT EXISTS (SELECT 1 FROM tombstones WHERE user_id = ?)';

/** `WHERE …` for an INSERT … SELECT or an UPDATE, and the values it binds. */
export function guardClause(guard: Guard, options: { ignoreTombstone?: boolean } = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (guard.claim !== undefined) {
    parts.push(CLAIMED);
    params.push(guard.eventId, guard.claim);
  }
  if (options.ignoreTombstone !== true) {
    parts.push(NOT_BLOCKED);
    params.push(guard.userId);
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

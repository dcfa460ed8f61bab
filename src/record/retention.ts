// Deletes conversation data older than the retention period (README "What is kept"): run daily by cron.
import { deleteExpiredSessionsStatement } from './staff-sessions';

export type RetentionResult = {
  cutoff: string;
  messages: number;
  conversations: number;
  escalations: number;
  auditEntries: number;
  processedEvents: number;
  outbox: number;
  other: number;
};

/**
 * Messages, webhook event keys and closed escalations older than `days` go; a conversation goes once it
 * has had no activity for that long and no escalation of the resident remains. Open escalations stay
 * until staff close them: the ward's duty of care outlasts the retention clock.
 */
export async function deleteExpired(db: D1Database, now: Date, days: number): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const closed = "SELECT id FROM escalations WHERE status = 'done' AND updated_at < ?";
  // One batch is one transaction; audit entries are deleted explicitly rather than trusting ON DELETE CASCADE.
  const [audit, escalations, messages, conversations, events, outbox, ...other] = await db.batch([
    db.prepare(`DELETE FROM escalation_events WHERE escalation_id IN (${closed})`).bind(cutoff),
    db.prepare("DELETE FROM escalations WHERE status = 'done' AND updated_at < ?").bind(cutoff),
    db.prepare('DELETE FROM messages WHERE created_at < ?').bind(cutoff),
    db
      .prepare('DELETE FROM conversations WHERE updated_at < ? AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.user_id = conversations.user_id)')
      .bind(cutoff),
    db.prepare('DELETE FROM processed_events WHERE claimed_at < ?').bind(cutoff),
    // What the outbox sent or gave up, and a blocked resident's tombstone, once past the same period.
    db.prepare("DELETE FROM outbox WHERE status != 'pending' AND updated_at < ?").bind(cutoff),
    db.prepare('DELETE FROM tombstones WHERE blocked_at < ?').bind(cutoff),
    db.prepare('DELETE FROM incidents WHERE created_at < ?').bind(cutoff),
    deleteExpiredSessionsStatement(db, now),
  ]);
  const changes = (r: D1Result | undefined) => r?.meta.changes ?? 0;
  return {
    cutoff,
    messages: changes(messages),
    conversations: changes(conversations),
    escalations: changes(escalations),
    auditEntries: changes(audit),
    processedEvents: changes(events),
    outbox: changes(outbox),
    other: other.reduce((sum, r) => sum + changes(r), 0),
  };
}

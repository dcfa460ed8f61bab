// What the staff console reads about escalations: the triage queue, one conversation, the audit trail.
// Rows carry the resident's pseudonym, never the LINE user id (README "What is kept").

import { ESCALATION_LEVELS } from '../core/risk-level';

export type EscalationSummary = {
  id: number;
  pseudonym: string;
  level: string;
  rule: string;
  messageText: string;
  status: string;
  assignee: string | null;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  /** The language the resident last wrote in (a locale code; null: Japanese or not recorded). */
  lang: string | null;
};

type SummaryRow = {
  id: number;
  pseudonym: string | null;
  level: string;
  rule: string;
  message_text: string;
  status: string;
  assignee: string | null;
  created_at: string;
  updated_at: string;
  last_activity_at: string | null;
  lang: string | null;
};

// Severity rank as crisis lines triage (core/risk-level.ts): danger to life now first, "someone else is worried" last.
const SEVERITY_SQL = `CASE e.level ${ESCALATION_LEVELS.map((level, rank) => `WHEN '${level}' THEN ${rank}`).join(' ')} ELSE ${ESCALATION_LEVELS.length} END`;

// The pseudonym is recomputed by the caller when the conversation row is gone (retention, unfollow).
const SUMMARY_SELECT = `SELECT e.id, c.pseudonym, e.level, e.rule, e.message_text, e.status, e.assignee, e.created_at, e.updated_at,
  (SELECT MAX(m.created_at) FROM messages m WHERE m.user_id = e.user_id) AS last_activity_at,
  (SELECT m.lang FROM messages m WHERE m.user_id = e.user_id AND m.direction = 'in' AND m.lang IS NOT NULL ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS lang, e.user_id
  FROM escalations e LEFT JOIN conversations c ON c.user_id = e.user_id`;

async function toSummary(row: SummaryRow & { user_id: string }, pseudonymOf: (userId: string) => Promise<string>): Promise<EscalationSummary> {
  const lastActivityAt =
    [row.last_activity_at, row.updated_at]
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? row.updated_at;
  return {
    id: row.id,
    pseudonym: row.pseudonym ?? (await pseudonymOf(row.user_id)),
    level: row.level,
    rule: row.rule,
    messageText: row.message_text,
    status: row.status,
    assignee: row.assignee,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastActivityAt,
    lang: row.lang,
  };
}

/** The queue: open escalations, most severe first, then the oldest waiting first; then recently closed ones. */
export async function listQueue(
  db: D1Database,
  pseudonymOf: (userId: string) => Promise<string>,
  closedLimit = 30,
): Promise<{ open: EscalationSummary[]; closed: EscalationSummary[] }> {
  const [open, closed] = await db.batch<SummaryRow & { user_id: string }>([
    db.prepare(`${SUMMARY_SELECT} WHERE e.status != 'done' ORDER BY ${SEVERITY_SQL}, CASE e.status WHEN 'new' THEN 0 ELSE 1 END, e.created_at, e.id LIMIT 500`),
    db.prepare(`${SUMMARY_SELECT} WHERE e.status = 'done' ORDER BY e.updated_at DESC, e.id DESC LIMIT ?`).bind(closedLimit),
  ]);
  return {
    open: await Promise.all((open?.results ?? []).map((r) => toSummary(r, pseudonymOf))),
    closed: await Promise.all((closed?.results ?? []).map((r) => toSummary(r, pseudonymOf))),
  };
}

/** Open escalations with the newest activity (a message or a staff action) first: the API's list. */
export async function listOpenByActivity(db: D1Database, pseudonymOf: (userId: string) => Promise<string>): Promise<EscalationSummary[]> {
  const { results } = await db.prepare(`${SUMMARY_SELECT} WHERE e.status != 'done' LIMIT 500`).all<SummaryRow & { user_id: string }>();
  const rows = await Promise.all(results.map((r) => toSummary(r, pseudonymOf)));
  return rows.sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : a.lastActivityAt > b.lastActivityAt ? -1 : b.id - a.id));
}

export type TranscriptLine = {
  id: number;
  direction: string;
  kind: string;
  text: string;
  riskLevel: string | null;
  category: string | null;
  delivery: string | null;
  createdAt: string;
  lang: string | null;
  /** A bot turn in another language: what it said, in Japanese. */
  textJa: string | null;
};
export type AuditEntry = { id: number; actor: string; action: string; detail: string; createdAt: string };
export type EscalationDetail = EscalationSummary & { userId: string; transcript: TranscriptLine[]; audit: AuditEntry[]; staffHandling: boolean };

/** One escalation with the resident's whole transcript (every escalation of theirs shares it) and its audit trail. */
export async function getEscalationDetail(db: D1Database, id: number, pseudonymOf: (userId: string) => Promise<string>): Promise<EscalationDetail | undefined> {
  const row = await db.prepare(`${SUMMARY_SELECT} WHERE e.id = ?`).bind(id).first<SummaryRow & { user_id: string }>();
  if (row === null) return undefined;
  const [messages, audit, conversation] = await Promise.all([
    db
      .prepare(
        'SELECT id, direction, kind, text, risk_level, category, delivery, created_at, lang, text_ja FROM messages WHERE user_id = ? ORDER BY created_at, id LIMIT 1000',
      )
      .bind(row.user_id)
      .all<TranscriptRow>(),
    db.prepare('SELECT id, actor, action, detail, created_at FROM escalation_events WHERE escalation_id = ? ORDER BY created_at, id').bind(id).all<AuditRow>(),
    db.prepare('SELECT staff_handling FROM conversations WHERE user_id = ?').bind(row.user_id).first<{ staff_handling: number }>(),
  ]);
  const transcript = messages.results.map((m) => ({
    id: m.id,
    direction: m.direction,
    kind: m.kind,
    text: m.text,
    riskLevel: m.risk_level,
    category: m.category,
    delivery: m.delivery,
    createdAt: m.created_at,
    lang: m.lang,
    textJa: m.text_ja,
  }));
  const trail = audit.results.map((a) => ({ id: a.id, actor: a.actor, action: a.action, detail: a.detail, createdAt: a.created_at }));
  const handling = conversation?.staff_handling === 1;
  return { ...(await toSummary(row, pseudonymOf)), userId: row.user_id, transcript, audit: trail, staffHandling: handling };
}

type TranscriptRow = {
  id: number;
  direction: string;
  kind: string;
  text: string;
  risk_level: string | null;
  category: string | null;
  delivery: string | null;
  created_at: string;
  lang: string | null;
  text_ja: string | null;
};
type AuditRow = { id: number; actor: string; action: string; detail: string; created_at: string };

/** Every escalation for the CSV export, oldest first, with the pseudonym. */
export async function listAllEscalations(
  db: D1Database,
  pseudonymOf: (userId: string) => Promise<string>,
): Promise<(EscalationSummary & { notifiedAt: string | null })[]> {
  const { results } = await db
    .prepare(`${SUMMARY_SELECT.replace('e.updated_at,', 'e.updated_at, e.notified_at,')} ORDER BY e.created_at, e.id LIMIT 50000`)
    .all<SummaryRow & { user_id: string; notified_at: string | null }>();
  return Promise.all(results.map(async (r) => ({ ...(await toSummary(r, pseudonymOf)), notifiedAt: r.notified_at })));
}

export type EscalationWithMessages = EscalationSummary & {
  messages: { direction: string; text: string; level: string | null; category: string | null; at: string }[];
};

/**
 * The API's list: open escalations, newest activity first, each with its resident's messages. Two queries
 * in all (not one per escalation), so a busy night's queue stays within a request's limits.
 */
export async function listOpenWithMessages(
  db: D1Database,
  pseudonymOf: (userId: string) => Promise<string>,
  perResident = 200,
): Promise<EscalationWithMessages[]> {
  const open = await listOpenByActivity(db, pseudonymOf);
  const [ids, messages] = await Promise.all([
    db.prepare("SELECT id, user_id FROM escalations WHERE status != 'done'").all<{ id: number; user_id: string }>(),
    db
      .prepare(
        `SELECT user_id, direction, text, risk_level, category, created_at FROM (
           SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.user_id ORDER BY m.created_at DESC, m.id DESC) AS recent
           FROM messages m WHERE m.user_id IN (SELECT user_id FROM escalations WHERE status != 'done'))
         WHERE recent <= ? ORDER BY created_at, id`,
      )
      .bind(perResident)
      .all<{ user_id: string; direction: string; text: string; risk_level: string | null; category: string | null; created_at: string }>(),
  ]);
  const userOf = new Map(ids.results.map((r) => [r.id, r.user_id]));
  const byUser = new Map<string, EscalationWithMessages['messages']>();
  for (const m of messages.results) {
    const list = byUser.get(m.user_id) ?? [];
    list.push({ direction: m.direction, text: m.text, level: m.risk_level, category: m.category, at: m.created_at });
    byUser.set(m.user_id, list);
  }
  return open.map((e) => ({ ...e, messages: byUser.get(userOf.get(e.id) ?? '') ?? [] }));
}

// The two writes of a turn. Intake, before any LINE call: the event claimed, the conversation read, the
// resident's words and any escalation with its staff notices written — one D1 batch, one round trip.
// Outcome, after sending: the bot's turn with its delivery status, the new state, the event done, and
// what could not be sent put in the outbox — one more batch. When D1 is down, both are kept as one
// deferred record (a Queue message) and written when D1 is back.
import { z } from 'zod';
import { EscalationLevelSchema, ScreenLevelSchema } from '../core/risk-level';
import {
  type ConversationRow,
  conversationStatement,
  ensureConversationStatement,
  forgiveStatement,
  saveStateStatement,
  toConversation,
} from '../record/conversations';
import { escalationOfEventStatement, escalationStatements, notifiedStatements } from '../record/escalations';
import { claimHolderStatement, claimStatement, finishEventStatement } from '../record/events';
import { feedbackStatement } from '../record/feedback';
import type { Guard } from '../record/guard';
import { incidentStatement } from '../record/incidents';
import { DELIVERIES, deliveryStatement, turnStatement, understoodStatement } from '../record/messages';
import { markSentStatement, noticeStatement, pendingReplyStatement } from '../record/outbox';

const TurnSchema = z.object({
  direction: z.enum(['in', 'bot', 'staff']),
  kind: z.string(),
  text: z.string(),
  riskLevel: ScreenLevelSchema.optional(),
  category: z.string().optional(),
  answered: z.boolean().optional(),
  delivery: z.enum(DELIVERIES).optional(),
  lang: z.string().optional(),
  textJa: z.string().optional(),
  answerId: z.string().optional(),
});

const NoticeSchema = z.object({ channel: z.enum(['line', 'webhook']), target: z.string(), retryKey: z.string() });
export type NoticeSpec = z.infer<typeof NoticeSchema>;

/** Everything known about a turn before sending: what the intake batch writes. */
export const IntakeSchema = z.object({
  userId: z.string(),
  eventId: z.string(),
  pseudonym: z.string(),
  /** A follow: the resident added the bot again, so their tombstone goes first. */
  follow: z.boolean().optional(),
  inbound: TurnSchema,
  escalation: z.object({ level: EscalationLevelSchema, rule: z.string(), messageText: z.string() }).optional(),
  notices: z.array(NoticeSchema),
});
export type Intake = z.infer<typeof IntakeSchema>;

/** What happened after: what the outcome batch writes. */
export const OutcomeSchema = z.object({
  bot: TurnSchema,
  state: z.string(),
  understood: z.object({ category: z.string().optional(), answered: z.boolean().optional(), lang: z.string().optional() }),
  /** A rating the resident gave with this turn (a 「役に立った」 tap). */
  feedback: z.object({ helpful: z.boolean(), answerId: z.string().optional(), question: z.string().optional(), category: z.string().optional() }).optional(),
  pendingReply: z
    .object({ payload: z.string(), retryKey: z.string(), crisis: z.boolean(), attempts: z.number(), error: z.string(), nextAttemptAt: z.string() })
    .optional(),
  noticesSent: z.array(z.string()),
  noticeDetail: z.string().optional(),
  incident: z.object({ kind: z.enum(['line-undelivered', 'notice-failed', 'd1-unavailable']), detail: z.string() }).optional(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** A turn recorded late (D1 was down): intake and outcome together, written by the Queue consumer. */
export const DeferredRecordSchema = z.object({ kind: z.literal('record'), at: z.string(), intake: IntakeSchema, outcome: OutcomeSchema });
export type DeferredRecord = z.infer<typeof DeferredRecordSchema>;

export type IntakeResult = { owner: boolean; conversation: ConversationRow | undefined; escalationId: number | undefined };

export async function recordIntake(db: D1Database, intake: Intake, claim: string, now: Date): Promise<IntakeResult> {
  const guard: Guard = { userId: intake.userId, eventId: intake.eventId, claim };
  const results = await db.batch<Record<string, unknown>>([
    ...(intake.follow === true ? [forgiveStatement(db, intake.userId)] : []),
    claimStatement(db, intake.eventId, claim, now),
    claimHolderStatement(db, intake.eventId),
    conversationStatement(db, intake.userId),
    ensureConversationStatement(db, guard, intake.pseudonym, now),
    ...intakeWrites(db, guard, intake, now),
    escalationOfEventStatement(db, intake.eventId),
  ]);
  const first = intake.follow === true ? 1 : 0;
  const holder = z.object({ claim: z.string().nullable() }).safeParse(results[first + 1]?.results[0]);
  const row = z.object({ pseudonym: z.string(), state: z.string(), staff_handling: z.number() }).safeParse(results[first + 2]?.results[0]);
  const escalation = z.object({ id: z.number() }).safeParse(results.at(-1)?.results[0]);
  return {
    owner: holder.success && holder.data.claim === claim,
    conversation: toConversation(row.success ? row.data : undefined),
    escalationId: intake.escalation !== undefined && escalation.success ? escalation.data.id : undefined,
  };
}

function intakeWrites(db: D1Database, guard: Guard, intake: Intake, now: Date): D1PreparedStatement[] {
  const statements = [turnStatement(db, guard, intake.inbound, now)];
  if (intake.escalation !== undefined) {
    statements.push(...escalationStatements(db, guard, intake.escalation, now));
    for (const notice of intake.notices) statements.push(noticeStatement(db, intake.eventId, notice, now));
  }
  return statements;
}

/** A conversation-level escalation found after reading the state: written before sending, like any other. */
export async function recordLateEscalation(db: D1Database, intake: Intake, claim: string, now: Date): Promise<number | undefined> {
  const guard: Guard = { userId: intake.userId, eventId: intake.eventId, claim };
  if (intake.escalation === undefined) return undefined;
  const results = await db.batch<Record<string, unknown>>([
    ...escalationStatements(db, guard, intake.escalation, now),
    ...intake.notices.map((n) => noticeStatement(db, intake.eventId, n, now)),
    db.prepare("UPDATE messages SET risk_level = ? WHERE event_id = ? AND direction = 'in'").bind(intake.escalation.level, intake.eventId),
    escalationOfEventStatement(db, intake.eventId),
  ]);
  const row = z.object({ id: z.number() }).safeParse(results.at(-1)?.results[0]);
  return row.success ? row.data.id : undefined;
}

export async function recordOutcome(
  db: D1Database,
  intake: Intake,
  outcome: Outcome,
  claim: string,
  escalationId: number | undefined,
  now: Date,
): Promise<void> {
  const guard: Guard = { userId: intake.userId, eventId: intake.eventId, claim };
  await db.batch(outcomeWrites(db, guard, intake, outcome, escalationId, now));
}

function outcomeWrites(db: D1Database, guard: Guard, intake: Intake, outcome: Outcome, escalationId: number | undefined, now: Date): D1PreparedStatement[] {
  const statements = [
    turnStatement(db, guard, outcome.bot, now),
    understoodStatement(db, guard, outcome.understood),
    saveStateStatement(db, guard, intake.pseudonym, outcome.state, now),
  ];
  if (outcome.feedback !== undefined) statements.push(feedbackStatement(db, guard, outcome.feedback, now));
  if (outcome.pendingReply !== undefined)
    statements.push(
      pendingReplyStatement(db, guard, { ...outcome.pendingReply, from: 'bot', nextAttemptAt: new Date(outcome.pendingReply.nextAttemptAt) }, now),
    );
  for (const key of outcome.noticesSent) statements.push(markSentStatement(db, key, now));
  if (escalationId !== undefined && outcome.noticeDetail !== undefined)
    statements.push(...notifiedStatements(db, escalationId, outcome.noticeDetail, outcome.noticesSent.length > 0, now));
  if (outcome.incident !== undefined) statements.push(incidentStatement(db, outcome.incident.kind, outcome.incident.detail, now));
  statements.push(finishEventStatement(db, guard.eventId, guard.claim, now));
  return statements;
}

/**
 * Writes a deferred record: intake and outcome in one batch, without a claim (the event row is made
 * done here), so a redelivery that already recorded the turn is not recorded twice (unique keys).
 */
export async function writeDeferredRecord(db: D1Database, record: DeferredRecord, now: Date): Promise<void> {
  const at = new Date(record.at);
  const guard: Guard = { userId: record.intake.userId, eventId: record.intake.eventId, claim: undefined };
  await db.batch([
    ...(record.intake.follow === true ? [forgiveStatement(db, guard.userId)] : []),
    ensureConversationStatement(db, guard, record.intake.pseudonym, at),
    ...intakeWrites(db, guard, record.intake, at),
    ...outcomeWrites(db, guard, record.intake, record.outcome, undefined, at),
    incidentStatement(db, 'd1-unavailable', `D1 was unavailable at ${record.at}; a turn was recorded late (${now.toISOString()})`, now),
  ]);
}

export { deliveryStatement };

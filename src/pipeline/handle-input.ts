// One resident input through the pipeline, with its I/O, in the order that loses nothing:
//   1. risk screen (pure, before anything that can fail);
//   2. one D1 batch: claim the event, read the conversation, write the resident's turn, any escalation
//      and its staff notices (record-turn.ts) — so a failure after this point loses no words;
//   3. respond (pure); 4. send the reply and the staff notices at once, each call time-boxed;
//   5. one D1 batch: the bot's turn with its delivery status, the state, the event done, and what could
//      not be sent put in the outbox for the drain (jobs/), which retries it with the same retry key.
// If D1 is down the resident is still answered; the turn is kept as a deferred record (a Queue message).
import { detectLanguage, replyLocale } from '../analyse/language';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import { type EscalationLevel, isEscalation, type RiskAssessment } from '../core/risk-level';
import { crisisMessages } from '../compose/crisis';
import { textMessage } from '../compose/messages';
import { promptsFor } from '../compose/prompts';
import { categoryItems } from '../compose/quick-replies';
import { noticeText } from '../compose/notice';
import { pseudonymFor } from '../record/conversations';
import { cutText } from '../record/messages';
import { ensureSchema } from '../record/migrate';
import { screenMessage } from '../risk/screen';
import type { DeliveryResult } from '../send/deliver';
import type { Message } from '../send/line-api';
import type { NoticeChannel, NoticeResult, StaffNotice } from '../send/notify-staff';
import { retryKeyFor } from '../send/retry-key';
import type { BaseContext } from './context';
import {
  type DeferredRecord,
  type Intake,
  type IntakeResult,
  type NoticeSpec,
  type Outcome,
  recordIntake,
  recordLateEscalation,
  recordOutcome,
} from './record-turn';
import { type Input, type Reply, respond } from './respond';
import { summarise } from './reply';
import { readState } from './state';

export type ResidentInput = {
  userId: string;
  eventId: string;
  /** LINE's reply token; none for the dev chat and for a turn answered later from the record. */
  replyToken?: string | undefined;
  input: Input;
  /** What the turn is, for the record: text, postback, follow, sticker… */
  kind: string;
};

/** How a reply reaches the resident: LINE (reply, then push) under the webhook; captured by the dev chat. */
export type Sender = {
  deliver(d: { replyToken: string | undefined; to: string; messages: Message[]; retryKey: string; label: string }): Promise<DeliveryResult>;
  /** LINE's loading animation, when an answer will take a while (a person is answering). */
  showLoading?(userId: string): Promise<void>;
};

/** Where staff notices go (STAFF_NOTIFY_TO, STAFF_WEBHOOK_URL) and how one is sent. */
export type StaffNotifier = {
  channels: readonly { channel: 'line' | 'webhook'; target: string }[];
  send(notice: StaffNotice, via: NoticeChannel): Promise<NoticeResult>;
};

export type PipelineDeps = {
  db: D1Database;
  clock: Clock;
  log: Logger;
  sender: Sender;
  notifier: StaffNotifier;
  context: () => Promise<BaseContext>;
  /** Wakes the outbox drain after `delaySeconds` (a Queue message); absent where there is no Queue. */
  wake?: ((delaySeconds: number) => Promise<void>) | undefined;
  /** Keeps a turn D1 could not take, to be written later (a Queue message). */
  defer?: ((record: DeferredRecord) => Promise<void>) | undefined;
};

export type Outcome_ = { status: 'handled'; messages: Message[]; delivery: DeliveryResult['status'] } | { status: 'duplicate' };

/** First retry of something LINE did not take: soon, so a short outage costs residents little. */
export const FIRST_RETRY_S = 10;

export async function handleInput(event: ResidentInput, deps: PipelineDeps): Promise<Outcome_> {
  const { db, log } = deps;
  const now = deps.clock();
  const claim = crypto.randomUUID();
  const fail = (step: string, error: unknown) =>
    log.error(`pipeline: ${step} failed`, { eventId: event.eventId, error: error instanceof Error ? error.message : String(error) });

  // 1. Risk first, on the whole text, with nothing that can fail (the analyser helps the model when it loaded).
  const base = await deps.context();
  const text = event.input.kind === 'text' ? event.input.text : undefined;
  const risk: RiskAssessment = text === undefined ? { level: 'none' } : screenMessage(text, base.tokenizer);
  const pseudonym = await pseudonymFor(event.userId);
  const notices = await Promise.all(deps.notifier.channels.map(async (c) => ({ ...c, retryKey: await retryKeyFor(`notice:${c.channel}:${event.eventId}`) })));
  const intake: Intake = {
    userId: event.userId,
    eventId: event.eventId,
    pseudonym,
    follow: event.input.kind === 'follow' ? true : undefined,
    inbound: { direction: 'in', kind: event.kind, text: cutText(text ?? inboundLabel(event.input)), riskLevel: text === undefined ? undefined : risk.level },
    escalation: isEscalation(risk.level) && text !== undefined ? { level: risk.level, rule: risk.rule ?? risk.level, messageText: cutText(text) } : undefined,
    notices,
  };

  // 2. One round trip before the reply.
  let taken: IntakeResult | undefined;
  try {
    await ensureSchema(db);
    taken = await recordIntake(db, intake, claim, now);
  } catch (error) {
    // Without the database we cannot tell a redelivery apart: answering twice beats not answering.
    fail('record intake', error);
  }
  if (taken?.owner === false) return { status: 'duplicate' };

  // 3. The answer.
  const ctx = { ...base, staffHandling: taken?.conversation?.staffHandling ?? false, risk };
  const answer = safeRespond(event.input, taken?.conversation?.state, ctx, risk, (e) => fail('respond', e));
  let escalationId = taken?.escalationId;
  if (answer.escalation !== undefined && intake.escalation === undefined) {
    intake.escalation = { level: answer.escalation.level, rule: answer.escalation.rule, messageText: intake.inbound.text };
    if (taken !== undefined) escalationId = await recordLateEscalation(db, intake, claim, now).catch((e: unknown) => void fail('record escalation', e));
  }

  // 4. Send the reply and tell staff, at the same time.
  const retryKey = await retryKeyFor(`reply:${event.eventId}`);
  if (ctx.staffHandling && deps.sender.showLoading !== undefined) void deps.sender.showLoading(event.userId).catch(() => undefined);
  const [delivery, noticeResults] = await Promise.all([
    deps.sender.deliver({ replyToken: event.replyToken, to: event.userId, messages: answer.messages, retryKey, label: pseudonym }),
    intake.escalation === undefined
      ? Promise.resolve([])
      : tellStaff(deps, intake.notices, { escalationId, level: intake.escalation.level, pseudonym, at: now }),
  ]);

  // 5. What happened, recorded.
  const textJa = japaneseCopy(event.input, taken?.conversation?.state, ctx, answer, (e) => fail('japanese copy', e));
  const outcome = outcomeOf(answer, textJa, delivery, retryKey, noticeResults, intake.escalation !== undefined, now);
  try {
    if (taken === undefined) throw new Error('intake was not recorded');
    await recordOutcome(db, intake, outcome, claim, escalationId, now);
  } catch (error) {
    fail('record outcome', error);
    await deferRecord(deps, intake, outcome, taken === undefined, now, fail);
  }
  if (delivery.status === 'pending' || noticeResults.some((r) => !r.result.ok)) {
    await deps
      .wake?.(Math.max(FIRST_RETRY_S, Math.ceil((delivery.status === 'pending' ? (delivery.retryAfterMs ?? 0) : 0) / 1000)))
      .catch((e: unknown) => fail('wake the outbox drain', e));
  }
  return { status: 'handled', messages: answer.messages, delivery: delivery.status };
}

/** respond() must never leave a resident without an answer: if it throws, a crisis still gets its fixed reply. */
function safeRespond(input: Input, rawState: string | undefined, ctx: Parameters<typeof respond>[2], risk: RiskAssessment, fail: (e: unknown) => void): Reply {
  try {
    return respond(input, readState(rawState), ctx);
  } catch (error) {
    fail(error);
    const state = readState(rawState);
    const locale = input.kind === 'text' ? replyLocale(detectLanguage(input.text), { lang: state.lang, chosen: state.langChosen }) : (state.lang ?? 'ja');
    const messages: Message[] = isEscalation(risk.level)
      ? crisisMessages(risk, ctx.now, locale)
      : [textMessage(promptsFor(locale).clarify, categoryItems(locale))];
    return { messages, state, inText: '', outText: summarise(messages), riskLevel: risk.level };
  }
}

/**
 * Staff read the console in Japanese: a reply in another language is recorded with the same reply as
 * the bot would have written it in Japanese (the same windows, the fixed texts in their Japanese
 * original). Pure, like respond(); a failure here costs only the copy.
 */
function japaneseCopy(
  input: Input,
  rawState: string | undefined,
  ctx: Parameters<typeof respond>[2],
  answer: Reply,
  fail: (e: unknown) => void,
): string | undefined {
  if (answer.locale === undefined || answer.locale === 'ja') return undefined;
  try {
    return respond(input, readState(rawState), { ...ctx, locale: 'ja' }).outText;
  } catch (error) {
    fail(error);
    return undefined;
  }
}

function inboundLabel(input: Input): string {
  switch (input.kind) {
    case 'follow':
      return '(友だち追加)';
    case 'media':
      return `(${input.type})`;
    case 'postback':
      return `(postback ${input.data.slice(0, 60)})`;
    case 'text':
      return input.text;
  }
}

type SentNotice = { spec: NoticeSpec; result: NoticeResult };

async function tellStaff(
  deps: PipelineDeps,
  notices: NoticeSpec[],
  n: { escalationId: number | undefined; level: EscalationLevel; pseudonym: string; at: Date },
): Promise<SentNotice[]> {
  const notice: StaffNotice = { escalationId: n.escalationId ?? 0, level: n.level, pseudonym: n.pseudonym, at: n.at, text: noticeText(n) };
  return Promise.all(notices.map(async (spec) => ({ spec, result: await deps.notifier.send(notice, spec) })));
}

/** What the outcome batch records, from what respond() said and what LINE and the staff channels did. */
function outcomeOf(
  answer: Reply,
  textJa: string | undefined,
  delivery: DeliveryResult,
  retryKey: string,
  notices: SentNotice[],
  escalated: boolean,
  now: Date,
): Outcome {
  const pending = delivery.status === 'pending';
  const refused = delivery.status === 'refused';
  const failedNotices = notices.filter((n) => !n.result.ok);
  const noticeDetail = !escalated
    ? undefined
    : notices.length === 0
      ? 'none configured'
      : notices.map((n) => `${n.spec.channel}: ${n.result.ok ? 'sent' : `failed (${n.result.failure.message.slice(0, 80)}); will retry`}`).join(', ');
  return {
    bot: {
      direction: 'bot',
      kind: 'reply',
      text: answer.outText,
      delivery: pending ? 'pending' : refused ? 'failed' : 'sent',
      lang: answer.locale ?? answer.state.lang,
      textJa,
      answerId: answer.answerId,
    },
    state: JSON.stringify(answer.state),
    understood: { category: answer.category, answered: answer.answered, lang: answer.locale ?? answer.state.lang },
    feedback:
      answer.feedback === undefined
        ? undefined
        : { helpful: answer.feedback.helpful, answerId: answer.feedback.answer, question: answer.feedback.question, category: answer.state.lastCategory },
    pendingReply: pending
      ? {
          payload: JSON.stringify(answer.messages),
          retryKey,
          crisis: answer.escalation !== undefined,
          // The outbox counts its own tries: its backoff starts short whatever the inline tries were.
          attempts: 0,
          error: delivery.error,
          nextAttemptAt: new Date(now.getTime() + Math.max(FIRST_RETRY_S * 1000, delivery.retryAfterMs ?? 0)).toISOString(),
        }
      : undefined,
    noticesSent: notices.filter((n) => n.result.ok).map((n) => n.spec.retryKey),
    noticeDetail,
    incident: pending
      ? { kind: 'line-undelivered', detail: `LINE did not take a reply (${delivery.error.slice(0, 120)}); it waits in the outbox` }
      : refused
        ? { kind: 'line-undelivered', detail: `LINE refused a reply (${delivery.error.slice(0, 120)}); it was not sent` }
        : failedNotices.length > 0
          ? {
              kind: 'notice-failed',
              detail: `a staff notice could not be sent (${failedNotices.map((n) => n.spec.channel).join(', ')}); it waits in the outbox`,
            }
          : undefined,
  };
}

async function deferRecord(
  deps: PipelineDeps,
  intake: Intake,
  outcome: Outcome,
  intakeLost: boolean,
  now: Date,
  fail: (step: string, e: unknown) => void,
): Promise<void> {
  if (deps.defer === undefined) return;
  // When only the outcome failed, the intake is already in D1: its writes are keyed and skip themselves.
  const record: DeferredRecord = { kind: 'record', at: now.toISOString(), intake, outcome };
  await deps.defer(record).catch((e: unknown) => fail(intakeLost ? 'defer the whole turn' : 'defer the outcome', e));
}

// A resident's words: risk first (before and independent of search), then a crisis reply with the need's
// windows beside it, or the windows for the need, or a clarifying question when the bot is not sure.
import { detectLanguage } from '../analyse/language';
import { crisisFollowUpMessages, crisisMessages, formatLine, linesFor } from '../compose/crisis';
import { textMessage } from '../compose/messages';
import { PROMPTS } from '../compose/prompts';
import { categoryItems } from '../compose/quick-replies';
import { windowsMessage } from '../compose/windows';
import { isEscalation, type RiskAssessment } from '../core/risk-level';
import { entriesByIds, ROUTING } from '../knowledge/data';
import { RECENT_CHARS, RECENT_TURNS, RECENT_WINDOW_MS, screenConversation, screenMessage } from '../risk/screen';
import { generalWindows } from '../search/search-windows';
import type { Message } from '../send/line-api';
import { findWindows } from './find-windows';
import { type RespondContext, type Reply, reply, windowsReply } from './reply';
import type { ConversationState } from './state';

/** After a crisis reply, later messages stay in that context for this long (「はい」 is not a new query). */
const CRISIS_CONTEXT_MS = 24 * 60 * 60 * 1000;
const MAX_MESSAGES = 5;

export function respondToText(text: string, state: ConversationState, ctx: RespondContext): Reply {
  const answer = answerText(text, state, ctx);
  // Remember the last few words for reading the conversation as a whole next time.
  const recent = [
    ...state.recent.filter((r) => ctx.now.getTime() - Date.parse(r.at) < RECENT_WINDOW_MS),
    { text: text.slice(0, RECENT_CHARS), at: ctx.now.toISOString() },
  ].slice(-RECENT_TURNS);
  return { ...answer, state: { ...answer.state, recent } };
}

function answerText(text: string, state: ConversationState, ctx: RespondContext): Reply {
  const single = ctx.risk ?? screenMessage(text);
  const inCrisis = state.crisis !== undefined && ctx.now.getTime() - Date.parse(state.crisis.at) < CRISIS_CONTEXT_MS;
  const risk = (inCrisis ? undefined : screenConversation(state.recent, text, ctx.now, single)) ?? single;
  const foreign = detectLanguage(text) !== 'ja';
  if (isEscalation(risk.level)) return crisisReply(text, risk, foreign, state, ctx);
  if (foreign) return respondInEnglish(text, state, ctx);

  const result = findWindows(text, ctx.tokenizer);
  // A reply to the bot right after a crisis reply stays in that conversation.
  if (inCrisis && state.crisis !== undefined && (result?.confident !== true || isShortReply(text))) {
    return { ...reply(crisisFollowUpMessages(state.crisis.level, ctx.now), state, text), riskLevel: risk.level };
  }
  // Not sure: ask, rather than guess (issue 6), and record it for staff as unanswered.
  if (result === undefined || !result.confident) return clarify(text, risk, state, ctx);
  const entries = result.hits.map((h) => h.entry);
  // A practical question after a crisis reply gets its window, and the lines open now stay in view.
  const kept = inCrisis && state.crisis !== undefined ? crisisFollowUpMessages(state.crisis.level, ctx.now) : [];
  return {
    ...reply(
      [...windowsReply(entries, result.categories, ctx.now, PROMPTS.results_intro, risk.level), ...kept].slice(0, MAX_MESSAGES),
      { ...state, lastQuery: text, lastCategory: result.categories[0], shown: entries.map((e) => e.id) },
      text,
    ),
    riskLevel: risk.level,
    category: result.categories[0],
    answered: true,
    windows: entries.map((e) => e.id),
  };
}

/**
 * The crisis reply, then — a message can carry risk and a need at once (「借金で死ぬしかない」) — up to
 * two windows for the need. The need's search is optional and guarded: nothing in it can touch the
 * crisis reply.
 */
function crisisReply(text: string, risk: RiskAssessment, foreign: boolean, state: ConversationState, ctx: RespondContext): Reply {
  if (!isEscalation(risk.level)) throw new Error('respond: crisisReply without an escalation level');
  const crisis = foreign ? foreignCrisisMessages(risk, ctx.now) : crisisMessages(risk, ctx.now);
  let need: { messages: Message[]; ids: string[]; category: string | undefined } = { messages: [], ids: [], category: undefined };
  try {
    const found = foreign ? undefined : findWindows(text, ctx.tokenizer, { limit: 2 });
    if (found?.confident === true) {
      const entries = found.hits.map((h) => h.entry);
      need = {
        messages: [textMessage(PROMPTS.need_alongside), windowsMessage(entries, ctx.now)],
        ids: entries.map((e) => e.id),
        category: found.categories[0],
      };
    }
  } catch {
    // The crisis reply goes out without the need's windows; the caller logs nothing here (pure), and
    // the resident's words are recorded with the escalation for staff.
  }
  const messages = [...crisis.slice(0, MAX_MESSAGES - need.messages.length), ...need.messages];
  return {
    ...reply(messages, { ...state, crisis: { level: risk.level, at: ctx.now.toISOString() } }, text),
    riskLevel: risk.level,
    category: need.category,
    escalation: { level: risk.level, rule: risk.rule ?? risk.level },
    windows: need.ids,
  };
}

function clarify(text: string, risk: RiskAssessment, state: ConversationState, ctx: RespondContext): Reply {
  // Distress the risk screen did not call a crisis (「もう限界」「助けて」) still gets the lines open now:
  // a safety net for words no rule anticipated, without a crisis reply or an escalation.
  const distress =
    risk.level === 'distress'
      ? [
          textMessage(
            `${PROMPTS.distress_lines}\n${linesFor(['mental-health', 'suicide'], ctx.now, 2, { openOnly: true, minimum: 1 })
              .map((l) => formatLine(l, ctx.now))
              .join('\n')}`,
          ),
        ]
      : [];
  const messages: Message[] = [
    ...distress,
    textMessage(PROMPTS.clarify_general),
    windowsMessage(generalWindows(), ctx.now),
    textMessage(PROMPTS.clarify, categoryItems()),
  ];
  return { ...reply(messages, { ...state, lastQuery: text, shown: [] }, text), answered: false, riskLevel: risk.level };
}

function respondInEnglish(text: string, state: ConversationState, ctx: RespondContext): Reply {
  const topic = findWindows(text, ctx.tokenizer, { limit: 1, exclude: ROUTING.foreignWindows });
  const foreignWindows = entriesByIds(ROUTING.foreignWindows);
  const messages: Message[] = [textMessage(`${PROMPTS.en_intro}\n\n${PROMPTS.en_emergency}`), windowsMessage(foreignWindows, ctx.now, 'en')];
  if (topic?.confident === true)
    messages.push(
      textMessage(PROMPTS.en_topic),
      windowsMessage(
        topic.hits.map((h) => h.entry),
        ctx.now,
        'en',
      ),
    );
  const windows = [...foreignWindows, ...(topic?.confident === true ? topic.hits.map((h) => h.entry) : [])].map((e) => e.id);
  return { ...reply(messages, { ...state, lang: 'en', lastQuery: text }, text), riskLevel: 'none', category: 'foreign', answered: true, windows };
}

function foreignCrisisMessages(risk: RiskAssessment, now: Date): Message[] {
  const lines = linesFor(risk.level === 'abuse' ? ['dv', 'child-abuse', 'sexual-violence'] : ['suicide'], now, 3, { openOnly: true, minimum: 2 });
  return [
    textMessage(`${risk.level === 'emergency' ? `${PROMPTS.en_emergency}\n\n` : ''}${PROMPTS.en_crisis}\n${lines.map((l) => formatLine(l, now)).join('\n')}`),
  ];
}

/** 「はい」「うん」「ありがとう」「…」: a reply to the bot rather than a new question. */
function isShortReply(text: string): boolean {
  return text.replace(/[\s。、！!？?…・ー〜~]/gu, '').length <= 8;
}

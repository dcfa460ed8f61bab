// A resident's words: risk first (before and independent of search), then a crisis reply with the need's
// windows beside it, or the windows for the need, or a clarifying question when the bot is not sure —
// each in the language the resident writes in (issue 15), with the multilingual windows for anyone
// writing in a language other than Japanese.
import { detectLanguage, easyJapaneseRequest, replyLocale } from '../analyse/language';
import { crisisFollowUpMessages, crisisMessages, formatLine, linesFor } from '../compose/crisis';
import { textMessage } from '../compose/messages';
import { promptsFor } from '../compose/prompts';
import { fill } from '../compose/prompts-schema';
import { categoryItems } from '../compose/quick-replies';
import { windowsMessage } from '../compose/windows';
import { isJapanese, type Locale } from '../core/locale';
import { isEscalation, type RiskAssessment } from '../core/risk-level';
import { entriesByIds, ROUTING } from '../knowledge/data';
import type { Answer, Entry } from '../knowledge/schema';
import { RECENT_CHARS, RECENT_TURNS, RECENT_WINDOW_MS, screenConversation, screenMessage } from '../risk/screen';
import { generalWindows } from '../search/search-windows';
import { MAX_MESSAGES, type Message } from '../send/line-api';
import { findAnswer, findWindows } from './find-windows';
import { type RespondContext, type Reply, reply, windowsReply } from './reply';
import type { ConversationState } from './state';

/** After a crisis reply, later messages stay in that context for this long (「はい」 is not a new query). */
const CRISIS_CONTEXT_MS = 24 * 60 * 60 * 1000;

export function respondToText(text: string, state: ConversationState, ctx: RespondContext): Reply {
  // 「やさしい日本語で」: from now on in easy Japanese; with a question in the same message, answered in it.
  const easy = ctx.locale === undefined ? easyJapaneseRequest(text) : undefined;
  const chosen = easy === undefined ? state : { ...state, lang: 'easy-ja' as const, langChosen: true };
  const locale = ctx.locale ?? replyLocale(detectLanguage(text), { lang: chosen.lang, chosen: chosen.langChosen });
  const answer =
    // Never in place of a crisis reply: the request is only acknowledged alone when nothing is at risk.
    easy !== undefined && isShortReply(easy.rest) && !isEscalation((ctx.risk ?? screenMessage(text, ctx.tokenizer)).level)
      ? reply([textMessage(promptsFor('easy-ja').easy_japanese_set, categoryItems('easy-ja'))], chosen, text)
      : answerText(text, { ...chosen, lang: locale }, ctx, locale);
  // Remember the last few words for reading the conversation as a whole next time.
  const recent = [
    ...state.recent.filter((r) => ctx.now.getTime() - Date.parse(r.at) < RECENT_WINDOW_MS),
    { text: text.slice(0, RECENT_CHARS), at: ctx.now.toISOString() },
  ].slice(-RECENT_TURNS);
  return { ...answer, state: { ...answer.state, recent }, locale };
}

function answerText(text: string, state: ConversationState, ctx: RespondContext, locale: Locale): Reply {
  const single = ctx.risk ?? screenMessage(text, ctx.tokenizer);
  const inCrisis = state.crisis !== undefined && ctx.now.getTime() - Date.parse(state.crisis.at) < CRISIS_CONTEXT_MS;
  const risk = (inCrisis ? undefined : screenConversation(state.recent, text, ctx.now, single, ctx.tokenizer)) ?? single;
  if (isEscalation(risk.level) && risk.tentative !== true) return crisisReply(text, risk, locale, state, ctx);
  if (isEscalation(risk.level)) {
    // Tentative (only the model, not surely): staff are told; the resident gets the answer to their words,
    // with lines open now when the worry is about a life (not for abuse: no report dial for a tired parent).
    const life = risk.level !== 'abuse';
    const answer = answerNeed(text, { level: life ? 'distress' : 'none' }, state, ctx, locale, inCrisis, life);
    return { ...answer, riskLevel: risk.level, escalation: { level: risk.level, rule: risk.rule ?? 'model' } };
  }
  return answerNeed(text, risk, state, ctx, locale, inCrisis, false);
}

/**
 * The answer to the need in the words: windows, or a clarifying question (with the lines open now for
 * distress). `lines`: the lines open now go first whatever the answer (a tentative worry about a life).
 */
function answerNeed(
  text: string,
  risk: RiskAssessment,
  state: ConversationState,
  ctx: RespondContext,
  locale: Locale,
  inCrisis: boolean,
  lines: boolean,
): Reply {
  const p = promptsFor(locale);
  // A common question about a service, in Japanese: the answer from its source first, then its window.
  // (The answers are written in Japanese; other languages are routed to windows as before.)
  const answered = locale === 'ja' && !inCrisis && !lines ? findAnswer(text, ctx.tokenizer) : undefined;
  if (answered !== undefined) return answerReply(text, answered.answer, risk, state, ctx);

  const result = findWindows(text, ctx.tokenizer);
  // A reply to the bot right after a crisis reply stays in that conversation.
  if (inCrisis && state.crisis !== undefined && (result?.confident !== true || isShortReply(text))) {
    return { ...reply(crisisFollowUpMessages(state.crisis.level, ctx.now, locale), state, text), riskLevel: risk.level };
  }
  // Not sure: ask, rather than guess (issue 6), and record it for staff as unanswered.
  if (result === undefined || !result.confident) return clarify(text, risk, state, ctx, locale);
  const entries = result.hits.map((h) => h.entry);
  const foreign = foreignWindows(locale, entries);
  // A practical question after a crisis reply gets its window, and the lines open now stay in view.
  const kept = inCrisis && state.crisis !== undefined ? crisisFollowUpMessages(state.crisis.level, ctx.now, locale) : [];
  const intro = foreign.length > 0 ? `${p.foreign_intro}\n\n${p.foreign_topic}` : p.results_intro;
  const distress = lines && kept.length === 0 ? [distressLines(ctx, locale)] : [];
  return {
    ...reply(
      [...distress, ...windowsReply([...entries, ...foreign], result.categories, ctx.now, locale, intro, risk.level), ...kept].slice(0, MAX_MESSAGES),
      { ...state, lastQuery: text, lastCategory: result.categories[0], lastAnswer: undefined, shown: entries.map((e) => e.id) },
      text,
    ),
    riskLevel: risk.level,
    category: result.categories[0],
    answered: true,
    windows: [...entries, ...foreign].map((e) => e.id),
  };
}

/** The answer with its source in small print (and a caveat when the source is not the ward's or a ministry's own page), then its window. */
function answerReply(text: string, answer: Answer, risk: RiskAssessment, state: ConversationState, ctx: RespondContext): Reply {
  const p = promptsFor('ja');
  const entries = entriesByIds(answer.windows);
  const category = entries[0]?.categories[0];
  const source = fill(p.answer_source, { title: answer.source.title, seen: answer.source.seen });
  const caveat = answer.source.confidence === 'official' ? '' : `\n${p.answer_source_unconfirmed}`;
  const messages = [
    textMessage(`${answer.answer}\n\n${source}${caveat}`),
    ...windowsReply(entries, category === undefined ? [] : [category], ctx.now, 'ja', p.answer_window, risk.level, answer.id),
  ];
  return {
    ...reply(
      messages.slice(0, MAX_MESSAGES),
      { ...state, lastQuery: text, lastCategory: category, lastAnswer: answer.id, shown: entries.map((e) => e.id) },
      text,
    ),
    riskLevel: risk.level,
    category,
    answered: true,
    answerId: answer.id,
    windows: entries.map((e) => e.id),
  };
}

/** Anyone writing in a language other than Japanese also gets the windows that speak it (ward and Tokyo). */
function foreignWindows(locale: Locale, shown: readonly Entry[]): Entry[] {
  if (isJapanese(locale)) return [];
  return entriesByIds(ROUTING.foreignWindows).filter((e) => !shown.some((s) => s.id === e.id));
}

/**
 * The crisis reply, then — a message can carry risk and a need at once (「借金で死ぬしかない」) — up to
 * two windows for the need. The need's search is optional and guarded: nothing in it can touch the
 * crisis reply.
 */
function crisisReply(text: string, risk: RiskAssessment, locale: Locale, state: ConversationState, ctx: RespondContext): Reply {
  if (!isEscalation(risk.level)) throw new Error('respond: crisisReply without an escalation level');
  const crisis = crisisMessages(risk, ctx.now, locale);
  let need: { messages: Message[]; ids: string[]; category: string | undefined } = { messages: [], ids: [], category: undefined };
  try {
    const found = findWindows(text, ctx.tokenizer, { limit: 2 });
    if (found?.confident === true) {
      const entries = found.hits.map((h) => h.entry);
      need = {
        messages: [textMessage(promptsFor(locale).need_alongside), windowsMessage(entries, ctx.now, locale)],
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

function clarify(text: string, risk: RiskAssessment, state: ConversationState, ctx: RespondContext, locale: Locale): Reply {
  const p = promptsFor(locale);
  const distress = risk.level === 'distress' ? [distressLines(ctx, locale)] : [];
  // In another language the multilingual windows come first: they can help with anything, in words the resident reads.
  const foreign = foreignWindows(locale, []);
  const messages: Message[] =
    foreign.length > 0
      ? [...distress, textMessage(p.foreign_intro), windowsMessage(foreign, ctx.now, locale), textMessage(p.clarify, categoryItems(locale))]
      : [...distress, textMessage(p.clarify_general), windowsMessage(generalWindows(), ctx.now, locale), textMessage(p.clarify, categoryItems(locale))];
  return {
    ...reply(messages, { ...state, lastQuery: text, shown: [] }, text),
    answered: false,
    riskLevel: risk.level,
    category: foreign.length > 0 ? 'foreign' : undefined,
    windows: (foreign.length > 0 ? foreign : generalWindows()).map((e) => e.id),
  };
}

/**
 * Distress the risk screen did not call a crisis (「もう限界」「助けて」) still gets the lines open now: a
 * safety net for words no rule anticipated, without a crisis reply.
 */
function distressLines(ctx: RespondContext, locale: Locale): Message {
  const lines = linesFor(['mental-health', 'suicide'], ctx.now, 2, { openOnly: true, minimum: 1, locale });
  return textMessage(`${promptsFor(locale).distress_lines}\n${lines.map((l) => formatLine(l, ctx.now, locale)).join('\n')}`);
}

/** 「はい」「うん」「ありがとう」「…」: a reply to the bot rather than a new question. */
function isShortReply(text: string): boolean {
  return text.replace(/[\s。、！!？?…・ー〜~]/gu, '').length <= 8;
}

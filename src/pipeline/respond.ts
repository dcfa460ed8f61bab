// What the bot says to one input, given the conversation so far: pure (no I/O), so every reply can be
// tested without HTTP. The order is the contract: risk first, then understanding and search, then compose.
import type { Tokenizer } from '../analyse/tokenizer';
import { CATEGORY_LABELS } from '../compose/category-labels';
import { crisisFollowUpMessages, crisisMessages, formatLine, linesFor, openLineForTopic } from '../compose/crisis';
import { clarifyMessages, followMessages, nonTextMessages, textMessage } from '../compose/messages';
import { PROMPTS } from '../compose/prompts';
import { fill } from '../compose/prompts-schema';
import { categoryItems, followUpItems } from '../compose/quick-replies';
import { allClosed, windowsMessage } from '../compose/windows';
import { entryById } from '../knowledge/data';
import type { Category, Entry } from '../knowledge/schema';
import { detectRisk } from '../risk/detect-risk';
import { fold } from '../analyse/normalise';
import { detectLanguage } from '../search/detect-language';
import { categoryWindows, generalWindows, searchWindows } from '../search/search-windows';
import type { Message } from '../send/line-api';
import type { Postback } from './postback';
import type { ConversationState } from './state';

export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; postback: Postback | undefined; data: string }
  | { kind: 'follow' }
  | { kind: 'media'; type: string };

export type RespondContext = {
  now: Date;
  /** While staff handle this resident, the bot says so after its answer. */
  staffHandling: boolean;
  /** The analyser; undefined if it could not load (the risk screen and crisis replies never need it). */
  tokenizer: Tokenizer | undefined;
};

export type Reply = {
  messages: Message[];
  state: ConversationState;
  /** What is recorded for the resident's turn and the bot's. */
  inText: string;
  outText: string;
  riskLevel?: string | undefined;
  category?: string | undefined;
  answered?: boolean | undefined;
  /** Set when the message must be flagged for staff. */
  escalation?: { level: string; rule: string } | undefined;
  /** The ids of the windows shown as cards, in order (for the record and the evaluation). */
  windows?: string[] | undefined;
};

/** After a crisis reply, later messages stay in that context for this long (「はい」 is not a new query). */
const CRISIS_CONTEXT_MS = 24 * 60 * 60 * 1000;
/** LINE takes at most 5 messages per reply (https://developers.line.biz/en/reference/messaging-api/#send-reply-message). */
const MAX_MESSAGES = 5;
const FOREIGN_WINDOWS = ['gaikokugo-seikatsu-soudan', 'tokyo-tagengo-navi'];

export function respond(input: Input, state: ConversationState, ctx: RespondContext): Reply {
  const reply = respondTo(input, state, ctx);
  const messages = ctx.staffHandling ? [...reply.messages.slice(0, MAX_MESSAGES - 1), textMessage(PROMPTS.staff_handling)] : reply.messages.slice(0, MAX_MESSAGES);
  return { ...reply, messages, outText: summarise(messages) };
}

function respondTo(input: Input, state: ConversationState, ctx: RespondContext): Reply {
  switch (input.kind) {
    case 'follow':
      return reply(followMessages(), state, '(友だち追加)');
    case 'media':
      return reply(nonTextMessages(), state, `(${input.type})`);
    case 'postback':
      return respondToPostback(input.postback, input.data, state, ctx);
    case 'text':
      return respondToText(input.text, state, ctx);
  }
}

function respondToText(text: string, state: ConversationState, ctx: RespondContext): Reply {
  // 1. Risk first, on every message, before and independent of search.
  const risk = detectRisk(text);
  const foreign = detectLanguage(text) !== 'ja';
  if (risk.level !== 'none') {
    const crisis = foreign ? foreignCrisisMessages(risk.level, ctx.now) : crisisMessages(risk, ctx.now);
    // A message can carry risk and a need at once (「借金で死ぬしかない」): the crisis reply first, then windows.
    const need = !foreign && ctx.tokenizer !== undefined ? searchWindows(text, ctx.tokenizer, { limit: 2 }) : undefined;
    const needMessages = need?.confident === true ? [textMessage(PROMPTS.need_alongside), windowsMessage(need.hits.map((h) => h.entry), ctx.now)] : [];
    const messages = [...crisis.slice(0, MAX_MESSAGES - needMessages.length), ...needMessages];
    return {
      ...reply(messages, { ...state, crisis: { level: risk.level, at: ctx.now.toISOString() } }, text),
      riskLevel: risk.level,
      category: need?.categories[0],
      escalation: { level: risk.level, rule: risk.rule ?? risk.level },
      windows: needMessages.length > 0 ? need?.hits.map((h) => h.entry.id) : [],
    };
  }
  if (foreign) return respondInEnglish(text, state, ctx);

  const result = ctx.tokenizer !== undefined ? searchWindows(text, ctx.tokenizer) : undefined;
  // 2. A reply to the bot right after a crisis reply stays in that conversation.
  const inCrisis = state.crisis !== undefined && ctx.now.getTime() - Date.parse(state.crisis.at) < CRISIS_CONTEXT_MS;
  if (inCrisis && state.crisis !== undefined && (result?.confident !== true || isShortReply(text))) {
    return { ...reply(crisisFollowUpMessages(state.crisis.level, ctx.now), state, text), riskLevel: `${state.crisis.level}-context` };
  }
  // 3. Not sure: ask, rather than guess (issue 6), and record it for staff as unanswered.
  if (result === undefined || !result.confident) return clarify(text, state, ctx);
  const entries = result.hits.map((h) => h.entry);
  return {
    ...reply(windowsReply(entries, result.categories, ctx.now), { ...state, lastQuery: text, lastCategory: result.categories[0], shown: entries.map((e) => e.id) }, text),
    category: result.categories[0],
    answered: true,
    windows: entries.map((e) => e.id),
  };
}

/** The windows, and when all are closed, when they open and a line open now for the topic. */
function windowsReply(entries: Entry[], categories: Category[], now: Date, intro: string = PROMPTS.results_intro): Message[] {
  const quick = { items: followUpItems(PROMPTS) };
  if (!allClosed(entries, now)) return [textMessage(intro), windowsMessage(entries, now, 'ja', quick)];
  const line = openLineForTopic(categories, now);
  const afterHours = line === undefined ? PROMPTS.after_hours : `${PROMPTS.after_hours}\n\n${PROMPTS.open_line_now}\n${formatLine(line, now)}`;
  return [textMessage(intro), windowsMessage(entries, now), textMessage(afterHours, quick.items)];
}

function clarify(text: string, state: ConversationState, ctx: RespondContext): Reply {
  const general = generalWindows();
  // Distress the risk screen did not call a crisis (「もう限界」「助けて」) still gets the lines open now:
  // a safety net for words no rule anticipated, without a crisis reply or an escalation.
  const distress = DISTRESS.test(fold(text))
    ? [textMessage(`${PROMPTS.distress_lines}\n${linesFor(['mental-health', 'suicide'], ctx.now, 2, { openOnly: true, minimum: 1 }).map((l) => formatLine(l, ctx.now)).join('\n')}`)]
    : [];
  const messages: Message[] = [
    ...distress,
    textMessage(PROMPTS.clarify_general),
    windowsMessage(general, ctx.now),
    textMessage(PROMPTS.clarify, categoryItems()),
  ];
  return { ...reply(messages, { ...state, lastQuery: text, shown: [] }, text), answered: false, riskLevel: distress.length > 0 ? 'distress' : undefined };
}

/** Words of distress, in matching form (src/analyse/normalise.ts `fold`). */
const DISTRESS = /つらい|辛い|苦しい|くるしい|しんどい|限界|もう無理|もうむり|助けて|たすけて|疲れた|つかれた|絶望|孤独|ひとりぼっち|一人ぼっち|眠れない|泣いて|泣きたい|こわい|怖い|help/u;

function respondInEnglish(text: string, state: ConversationState, ctx: RespondContext): Reply {
  const topic = ctx.tokenizer !== undefined ? searchWindows(text, ctx.tokenizer, { limit: 1, exclude: FOREIGN_WINDOWS }) : undefined;
  const foreignWindows = FOREIGN_WINDOWS.map((id) => entryById(id)).filter((e): e is Entry => e !== undefined);
  const messages: Message[] = [textMessage(`${PROMPTS.en_intro}\n\n${PROMPTS.en_emergency}`), windowsMessage(foreignWindows, ctx.now, 'en')];
  if (topic?.confident === true) messages.push(textMessage(PROMPTS.en_topic), windowsMessage(topic.hits.map((h) => h.entry), ctx.now, 'en'));
  const windows = [...foreignWindows, ...(topic?.confident === true ? topic.hits.map((h) => h.entry) : [])].map((e) => e.id);
  return { ...reply(messages, { ...state, lang: 'en', lastQuery: text }, text), category: 'foreign', answered: true, windows };
}

function foreignCrisisMessages(level: string, now: Date): Message[] {
  const lines = linesFor(level === 'abuse' ? ['dv', 'child-abuse', 'sexual-violence'] : ['suicide'], now, 3, { openOnly: true, minimum: 2 });
  return [textMessage(`${level === 'emergency' ? `${PROMPTS.en_emergency}\n\n` : ''}${PROMPTS.en_crisis}\n${lines.map((l) => formatLine(l, now)).join('\n')}`)];
}

/** 「はい」「うん」「ありがとう」「…」: a reply to the bot rather than a new question. */
function isShortReply(text: string): boolean {
  return text.replace(/[\s。、！!？?…・ー〜~]/gu, '').length <= 8;
}

function respondToPostback(postback: Postback | undefined, data: string, state: ConversationState, ctx: RespondContext): Reply {
  if (postback === undefined) return reply(clarifyMessages(), state, `(postback ${data.slice(0, 60)})`);
  switch (postback.action) {
    case 'category': {
      const label = CATEGORY_LABELS[postback.category];
      const entries = categoryWindows(postback.category);
      const messages = entries.length > 0 ? [...windowsReply(entries, [postback.category], ctx.now, fill(PROMPTS.category_prompt, { category: label }))] : [textMessage(fill(PROMPTS.category_prompt, { category: label }))];
      return { ...reply(messages, { ...state, lastQuery: undefined, lastCategory: postback.category, shown: entries.map((e) => e.id) }, `(${label})`), category: postback.category };
    }
    case 'howto':
      return reply([textMessage(PROMPTS.howto)], state, '(使い方)');
    case 'more':
      return more(state, ctx);
    case 'non-phone':
      return nonPhone(state, ctx);
    case 'talk-now':
      return talkNow(state, ctx);
  }
}

/** 「ほかの窓口」: the next windows for the same question (or category), never the ones already shown. */
function more(state: ConversationState, ctx: RespondContext): Reply {
  const entries = nextWindows(state, ctx, state.shown, 3);
  if (entries.length === 0) return reply([textMessage(PROMPTS.no_more_results, categoryItems())], state, '(ほかの窓口)');
  const category = state.lastCategory !== undefined ? [state.lastCategory] : [];
  return reply(windowsReply(entries, category, ctx.now, PROMPTS.results_more), { ...state, shown: [...state.shown, ...entries.map((e) => e.id)] }, '(ほかの窓口)');
}

const NON_PHONE = new Set(['walk-in', 'online', 'chat', 'email', 'app', 'visit']);

/** 「電話以外で相談したい」: windows for the same question that take people in person, by chat, mail or online. */
function nonPhone(state: ConversationState, ctx: RespondContext): Reply {
  const entries = nextWindows(state, ctx, [], 10)
    .filter((e) => e.access.some((a) => NON_PHONE.has(a)))
    .slice(0, 3);
  if (entries.length === 0) return reply([textMessage(PROMPTS.non_phone_none, followUpItems(PROMPTS))], state, '(電話以外)');
  return reply([textMessage(PROMPTS.non_phone_intro), windowsMessage(entries, ctx.now, 'ja', { items: followUpItems(PROMPTS) })], state, '(電話以外)');
}

/** 「今すぐ話したい」: lines a person answers right now, for the topic where there is one. */
function talkNow(state: ConversationState, ctx: RespondContext): Reply {
  const category = state.lastCategory;
  const topical = category !== undefined ? openLineForTopic([category], ctx.now) : undefined;
  const lines = linesFor(['mental-health', 'suicide'], ctx.now, 3, { openOnly: true, minimum: 1 }).filter((l) => l.entry.id !== topical?.entry.id);
  const all = [...(topical ? [topical] : []), ...lines].slice(0, 4);
  if (all.length === 0) return reply([textMessage(PROMPTS.talk_now_none)], state, '(今すぐ話したい)');
  return reply([textMessage(`${PROMPTS.talk_now_intro}\n${all.map((l) => formatLine(l, ctx.now)).join('\n')}`, followUpItems(PROMPTS))], state, '(今すぐ話したい)');
}

function nextWindows(state: ConversationState, ctx: RespondContext, exclude: readonly string[], limit: number): Entry[] {
  const category = state.lastCategory;
  if (state.lastQuery !== undefined && ctx.tokenizer !== undefined) {
    const result = searchWindows(state.lastQuery, ctx.tokenizer, { exclude, limit });
    if (result.confident) return result.hits.map((h) => h.entry);
  }
  return category !== undefined ? categoryWindows(category, exclude, limit) : [];
}

function reply(messages: Message[], state: ConversationState, inText: string): Reply {
  return { messages, state, inText, outText: '' };
}

/** The bot's turn as text for the record: each message's text, or a Flex message's altText. */
export function summarise(messages: Message[]): string {
  return messages.map((m) => (m.type === 'text' ? m.text : m.type === 'flex' ? m.altText : `(${m.type})`)).join('\n---\n');
}

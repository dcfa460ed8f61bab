// What the bot says to one input, given the conversation so far: pure (no I/O), so every reply can be
// tested without HTTP. The order is the contract: risk first, then understanding and search, then compose.
import type { Message } from '../send/line-api';
import { PROMPTS } from '../compose/prompts';
import { clarifyMessages, followMessages, nonTextMessages, textMessage } from '../compose/messages';
import { CATEGORY_LABELS } from '../compose/category-labels';
import { crisisFollowUpMessages, crisisMessages } from '../compose/crisis';
import { fill } from '../compose/prompts-schema';
import { detectRisk } from '../risk/detect-risk';
import type { Postback } from './postback';
import type { ConversationState } from './state';

export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; postback: Postback | undefined; data: string }
  | { kind: 'follow' }
  | { kind: 'media'; type: string };

export type RespondContext = { now: Date; staffHandling: boolean };

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
};

/** After a crisis reply, later messages stay in that context for this long (「はい」 is not a new query). */
const CRISIS_CONTEXT_MS = 24 * 60 * 60 * 1000;

export function respond(input: Input, state: ConversationState, ctx: RespondContext): Reply {
  switch (input.kind) {
    case 'follow':
      return reply(followMessages(), state, '(友だち追加)');
    case 'media':
      return reply(nonTextMessages(), state, `(${input.type})`);
    case 'postback':
      return respondToPostback(input.postback, input.data, state);
    case 'text':
      return respondToText(input.text, state, ctx);
  }
}

function respondToText(text: string, state: ConversationState, ctx: RespondContext): Reply {
  // 1. Risk first, on every message, before and independent of search.
  const risk = detectRisk(text);
  if (risk.level !== 'none') {
    const messages = withStaffNote(crisisMessages(risk, ctx.now), ctx);
    return {
      ...reply(messages, { ...state, crisis: { level: risk.level, at: ctx.now.toISOString() } }, text),
      riskLevel: risk.level,
      escalation: { level: risk.level, rule: risk.rule ?? risk.level },
    };
  }
  // 2. A short answer right after a crisis reply stays in that conversation.
  if (state.crisis !== undefined && ctx.now.getTime() - Date.parse(state.crisis.at) < CRISIS_CONTEXT_MS && isShortReply(text)) {
    return { ...reply(withStaffNote(crisisFollowUpMessages(state.crisis.level, ctx.now), ctx), state, text), riskLevel: `${state.crisis.level}-context` };
  }
  return { ...reply(withStaffNote(clarifyMessages(), ctx), state, text), answered: false };
}

/** 「はい」「うん」「ありがとう」「…」: a reply to the bot rather than a new question. */
function isShortReply(text: string): boolean {
  const t = text.replace(/[\s。、！!？?…・ー〜~]/gu, '');
  return t.length <= 8;
}

/** While a person handles the conversation, the bot says so (and still screens every message). */
function withStaffNote(messages: Message[], ctx: RespondContext): Message[] {
  return ctx.staffHandling ? [...messages.slice(0, 4), textMessage(PROMPTS.staff_handling)] : messages;
}

function respondToPostback(postback: Postback | undefined, data: string, state: ConversationState): Reply {
  if (postback === undefined) return reply(clarifyMessages(), state, `(postback ${data.slice(0, 60)})`);
  switch (postback.action) {
    case 'category': {
      const label = CATEGORY_LABELS[postback.category];
      return { ...reply([textMessage(fill(PROMPTS.category_prompt, { category: label }))], { ...state, lastCategory: postback.category }, `(${label})`), category: postback.category };
    }
    case 'howto':
      return reply([textMessage(PROMPTS.howto)], state, '(使い方)');
    case 'more':
    case 'non-phone':
    case 'talk-now':
      return reply(clarifyMessages(), state, `(${postback.action})`);
  }
}

function reply(messages: Message[], state: ConversationState, inText: string): Reply {
  return { messages, state, inText, outText: summarise(messages) };
}

/** The bot's turn as text for the record: each message's text, or a Flex message's altText. */
export function summarise(messages: Message[]): string {
  return messages.map((m) => (m.type === 'text' ? m.text : m.type === 'flex' ? m.altText : `(${m.type})`)).join('\n---\n');
}

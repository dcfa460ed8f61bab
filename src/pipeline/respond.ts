// What the bot says to one input, given the conversation so far: pure (no I/O), so every reply can be
// tested without HTTP. The order is the contract: risk first, then understanding and search, then compose.
import type { Message } from '../send/line-api';
import { PROMPTS } from '../compose/prompts';
import { clarifyMessages, followMessages, nonTextMessages, textMessage } from '../compose/messages';
import { CATEGORY_LABELS } from '../compose/category-labels';
import { fill } from '../compose/prompts-schema';
import type { Postback } from './postback';
import type { ConversationState } from './state';

export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; postback: Postback | undefined; data: string }
  | { kind: 'follow' }
  | { kind: 'media'; type: string };

export type RespondContext = { now: Date };

export type Reply = {
  messages: Message[];
  state: ConversationState;
  /** What is recorded for the resident's turn and the bot's. */
  inText: string;
  outText: string;
  riskLevel?: string | undefined;
  category?: string | undefined;
  answered?: boolean | undefined;
};

export function respond(input: Input, state: ConversationState, _ctx: RespondContext): Reply {
  switch (input.kind) {
    case 'follow':
      return reply(followMessages(), state, '(友だち追加)');
    case 'media':
      return reply(nonTextMessages(), state, `(${input.type})`);
    case 'postback':
      return respondToPostback(input.postback, input.data, state);
    case 'text':
      return { ...reply(clarifyMessages(), state, input.text), answered: false };
  }
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

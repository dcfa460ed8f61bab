// What the bot says to one input, given the conversation so far: pure (no I/O), so every reply can be
// tested without HTTP. It only routes: text to respond-text.ts, buttons to respond-postback.ts.
import { followMessages, nonTextMessages, textMessage } from '../compose/messages';
import type { Postback } from '../compose/postback';
import { promptsFor } from '../compose/prompts';
import { type RespondContext, type Reply, reply, summarise } from './reply';
import { respondToPostback } from './respond-postback';
import { respondToText } from './respond-text';
import { MAX_MESSAGES } from '../send/line-api';
import type { ConversationState } from './state';

export type { RespondContext, Reply } from './reply';

export type Input =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; postback: Postback | undefined; data: string }
  | { kind: 'follow' }
  | { kind: 'media'; type: string };

export function respond(input: Input, state: ConversationState, ctx: RespondContext): Reply {
  const answer = respondTo(input, state, ctx);
  const messages = ctx.staffHandling
    ? [...answer.messages.slice(0, MAX_MESSAGES - 1), textMessage(promptsFor(ctx.locale ?? answer.state.lang ?? 'ja').staff_handling)]
    : answer.messages.slice(0, MAX_MESSAGES);
  return { ...answer, messages, outText: summarise(messages) };
}

function respondTo(input: Input, state: ConversationState, ctx: RespondContext): Reply {
  switch (input.kind) {
    case 'follow':
      return reply(followMessages(ctx.locale ?? state.lang ?? 'ja'), state, '(友だち追加)');
    case 'media':
      return reply(nonTextMessages(ctx.locale ?? state.lang ?? 'ja'), state, `(${input.type})`);
    case 'postback':
      return respondToPostback(input.postback, input.data, state, ctx);
    case 'text':
      return respondToText(input.text, state, ctx);
  }
}

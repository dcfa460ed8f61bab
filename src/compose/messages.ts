// Builds the LINE message objects for the simple replies (greeting, non-text, clarifying question).
import type { messagingApi } from '@line/bot-sdk';
import { PROMPTS } from './prompts';
import { categoryItems } from './quick-replies';

type QuickReplyItem = messagingApi.QuickReplyItem;

/** LINE caps a text message at 5,000 characters (https://developers.line.biz/en/reference/messaging-api/#text-message). */
export function textMessage(text: string, quickReplyItems?: QuickReplyItem[]): messagingApi.TextMessage {
  const message: messagingApi.TextMessage = { type: 'text', text: text.slice(0, 5000) };
  if (quickReplyItems !== undefined && quickReplyItems.length > 0) message.quickReply = { items: quickReplyItems.slice(0, 13) };
  return message;
}

export function followMessages(): messagingApi.Message[] {
  return [textMessage(PROMPTS.greeting, categoryItems())];
}

export function nonTextMessages(): messagingApi.Message[] {
  return [textMessage(PROMPTS.non_text, categoryItems())];
}

export function clarifyMessages(): messagingApi.Message[] {
  return [textMessage(PROMPTS.clarify, categoryItems())];
}

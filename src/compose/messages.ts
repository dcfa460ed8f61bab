// Builds the LINE message objects for the simple replies (greeting, non-text, clarifying question).
import type { messagingApi } from '@line/bot-sdk';
import type { Locale } from '../core/locale';
import { promptsFor } from './prompts';
import { categoryItems } from './quick-replies';

type QuickReplyItem = messagingApi.QuickReplyItem;

/** LINE caps a text message at 5,000 characters (https://developers.line.biz/en/reference/messaging-api/#text-message). */
export function textMessage(text: string, quickReplyItems?: QuickReplyItem[]): messagingApi.TextMessage {
  const message: messagingApi.TextMessage = { type: 'text', text: text.slice(0, 5000) };
  if (quickReplyItems !== undefined && quickReplyItems.length > 0) message.quickReply = { items: quickReplyItems.slice(0, 13) };
  return message;
}

export function followMessages(locale: Locale): messagingApi.Message[] {
  return [textMessage(promptsFor(locale).greeting, categoryItems(locale))];
}

export function nonTextMessages(locale: Locale): messagingApi.Message[] {
  return [textMessage(promptsFor(locale).non_text, categoryItems(locale))];
}

export function clarifyMessages(locale: Locale): messagingApi.Message[] {
  return [textMessage(promptsFor(locale).clarify, categoryItems(locale))];
}

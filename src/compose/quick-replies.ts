// Quick-reply buttons (https://developers.line.biz/en/reference/messaging-api/#quick-reply): at most
// 13 items, labels at most 20 characters. Every button posts a postback the bot answers.
import type { messagingApi } from '@line/bot-sdk';
import { CATEGORY_LABELS } from './category-labels';
import type { Prompts } from './prompts-schema';
import type { Category } from '../knowledge/schema';
import { postbackData, type Postback } from './postback';

type QuickReplyItem = messagingApi.QuickReplyItem;

export function postbackItem(label: string, postback: Postback, displayText = label): QuickReplyItem {
  return { type: 'action', action: { type: 'postback', label: label.slice(0, 20), data: postbackData(postback), displayText } };
}

/** The categories residents choose from, in the order of the clarifying question (issue 6), then その他. */
export const QUICK_CATEGORIES: readonly Category[] = [
  'money',
  'housing',
  'mind',
  'children',
  'school',
  'elderly',
  'disability',
  'violence',
  'work',
  'health',
  'community',
];

export function categoryItems(): QuickReplyItem[] {
  return QUICK_CATEGORIES.map((category) => postbackItem(CATEGORY_LABELS[category], { action: 'category', category }));
}

export function followUpItems(prompts: Prompts): QuickReplyItem[] {
  return [
    postbackItem(prompts.label_more, { action: 'more' }),
    postbackItem(prompts.label_non_phone, { action: 'non-phone' }),
    postbackItem(prompts.label_talk_now, { action: 'talk-now' }),
    postbackItem(prompts.label_howto, { action: 'howto' }),
  ];
}

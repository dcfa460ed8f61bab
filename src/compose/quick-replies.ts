// Quick-reply buttons (https://developers.line.biz/en/reference/messaging-api/#quick-reply): at most
// 13 items, labels at most 20 characters. Every button posts a postback the bot answers.
import type { messagingApi } from '@line/bot-sdk';
import { LOCALE_NAMES, LOCALES, type Locale } from '../core/locale';
import type { Category } from '../knowledge/schema';
import { categoryLabel } from './category-labels';
import { type Postback, postbackData } from './postback';
import { promptsFor } from './prompts';

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

export function categoryItems(locale: Locale): QuickReplyItem[] {
  return [...QUICK_CATEGORIES.map((category) => postbackItem(categoryLabel(category, locale), { action: 'category', category })), languageItem(locale)];
}

export function languageItem(locale: Locale): QuickReplyItem {
  return postbackItem(promptsFor(locale).label_language, { action: 'language' });
}

/** Every language the bot answers in, each named in itself. */
export function languageItems(): QuickReplyItem[] {
  return LOCALES.map((locale) => postbackItem(LOCALE_NAMES[locale], { action: 'set-language', locale }));
}

/** After windows: what else the resident may want — more windows, another way to reach them, someone now. */
export function followUpItems(locale: Locale, options: { window?: boolean } = {}): QuickReplyItem[] {
  const p = promptsFor(locale);
  const about: QuickReplyItem[] =
    options.window === true
      ? [
          postbackItem(p.label_bring, { action: 'follow-up', about: 'bring' }),
          postbackItem(p.label_place, { action: 'follow-up', about: 'place' }),
          postbackItem(p.label_reservation, { action: 'follow-up', about: 'reservation' }),
        ]
      : [];
  return [
    ...about,
    postbackItem(p.label_more, { action: 'more' }),
    postbackItem(p.label_non_phone, { action: 'non-phone' }),
    postbackItem(p.label_talk_now, { action: 'talk-now' }),
    languageItem(locale),
    postbackItem(p.label_howto, { action: 'howto' }),
  ];
}

/** 「役に立った」「役に立たなかった」, first, before the other follow-ups. */
export function feedbackItems(locale: Locale, answer?: string): QuickReplyItem[] {
  const p = promptsFor(locale);
  const ref = answer === undefined ? {} : { answer };
  return [
    postbackItem(p.label_helpful, { action: 'feedback', helpful: 'yes', ...ref }),
    postbackItem(p.label_not_helpful, { action: 'feedback', helpful: 'no', ...ref }),
  ];
}

// The languages the bot answers in, defined once: a locale per prompts/<locale>.yaml, each with its name
// as its speakers write it (the language menu shows these). `easy-ja` is やさしい日本語.
import { z } from 'zod';

export const LOCALES = ['ja', 'easy-ja', 'en', 'zh', 'ko', 'vi', 'tl', 'ne', 'pt', 'es'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const LOCALE_NAMES: Record<Locale, string> = {
  ja: '日本語',
  'easy-ja': 'やさしい日本語',
  en: 'English',
  zh: '中文',
  ko: '한국어',
  vi: 'Tiếng Việt',
  tl: 'Tagalog',
  ne: 'नेपाली',
  pt: 'Português',
  es: 'Español',
};

/** The languages as ward staff name them (the console is in Japanese). */
export const LOCALE_NAMES_JA: Record<Locale, string> = {
  ja: '日本語',
  'easy-ja': 'やさしい日本語',
  en: '英語',
  zh: '中国語',
  ko: '韓国語',
  vi: 'ベトナム語',
  tl: 'タガログ語',
  ne: 'ネパール語',
  pt: 'ポルトガル語',
  es: 'スペイン語',
};

/** A stored language code as staff read it; unknown or missing codes are Japanese (older rows). */
export function languageLabel(code: string | null | undefined): string {
  const parsed = LocaleSchema.safeParse(code ?? 'ja');
  return parsed.success ? LOCALE_NAMES_JA[parsed.data] : (code ?? '日本語');
}

/** Japanese in either form: the official names and the ward's own texts need no translation note. */
export const isJapanese = (locale: Locale) => locale === 'ja' || locale === 'easy-ja';

// Tells a message written in Japanese from one in another language (issue 6, "Foreign residents"),
// by script: kana means Japanese; Hangul Korean; Han without kana but with Chinese function characters
// Chinese; Latin, Devanagari, Thai… another language. Romaji Japanese reads as "other": the reply then
// offers the multilingual windows, which is right for most people who cannot type Japanese.
export type Language = 'ja' | 'zh' | 'ko' | 'other';

const KANA = /[\u3041-\u30ff\uff66-\uff9f]/u;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/u;
const HAN = /\p{Script=Han}/u;
/** Characters common in Chinese sentences but rare or absent in Japanese writing. */
const CHINESE = /[我你吗呢吧怎哪没还给让这说们么找谢请该过为]/u;
const LETTERS = /[\p{L}]{3,}/u;

export function detectLanguage(text: string): Language {
  const t = text.normalize('NFKC');
  if (KANA.test(t)) return 'ja';
  if (HANGUL.test(t)) return 'ko';
  if (HAN.test(t)) return CHINESE.test(t) ? 'zh' : 'ja';
  return LETTERS.test(t) ? 'other' : 'ja';
}

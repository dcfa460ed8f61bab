// Text normalisation shared by the risk screen and the search, so both see residents' writing the same
// way: NFKC (half/full width: ｼﾆﾀｲ → シニタイ, ＯＤ → OD), lower case, katakana folded to hiragana, small
// vowels and long-vowel marks used for stretching dropped, runs of one letter collapsed, and spaces,
// punctuation, symbols and emoji between letters removed (し に た い, 死.に.た.い).

/** Katakana (ァ-ヶ) → hiragana: the same word written either way matches. */
export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** NFKC + lower case + wave dashes and hyphen-like marks unified to ー. The readable form. */
export function normaliseWidth(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[〜～~]/g, 'ー')
    .replace(/[‐‑‒–—―−ｰ]/g, 'ー');
}

const SMALL_VOWELS = /(?<=[\u3041-\u3096])[ぁぃぅぇぉ]/g;
/** Anything that is not a letter or digit of any script: spaces, punctuation, symbols, emoji. */
const NOT_LETTER = /[^\p{L}\p{M}\p{N}ー]/gu; // \p{M}: Devanagari and other scripts write vowels as marks

/**
 * The matching form: a string in which the same words written in different ways become the same
 * characters. Not for display. Used on both sides (patterns and messages) so they stay comparable.
 */
export function fold(text: string): string {
  return toHiragana(normaliseWidth(text))
    .replace(NOT_LETTER, '')
    .replace(SMALL_VOWELS, '') // しにたぁい → しにたい (a stretched vowel, not a syllable)
    .replace(/ー+/g, (m, offset: number, s: string) => (offset > 0 && /[\p{L}]/u.test(s[offset - 1] ?? '') ? '' : m)) // しにたーい → しにたい
    .replace(/(.)\1{2,}/gu, '$1'); // 死にたいいいい → 死にたい (3+ repeats; doubled letters are real words)
}

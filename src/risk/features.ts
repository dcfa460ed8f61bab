// The learned screen's view of a message: character n-grams (1–4) of the text folded as the rules see it
// (width, kana, stretching and spacing folded: src/analyse/normalise.ts, except that emoji are kept —
// 🪦 or 💊 in place of a word carries meaning), and, when the analyser is there, kuromoji base forms
// and base-form pairs (死にてえ, 死にたか and 死にたい meet at 死ぬ). Hashed into a fixed number of buckets
// and weighted by how rare each bucket is in the training data (IDF), so the model's size does not grow
// with its vocabulary and common particles do not drown the telling words. Shared by the trainer
// (scripts/risk-model/) and the Worker.
import { normaliseWidth, toHiragana } from '../analyse/normalise';
import type { Tokenizer } from '../analyse/tokenizer';
import { EXCLUSIONS } from './rules';

/** 2^16 buckets: few collisions among the telling n-grams, a small artefact. */
export const BUCKETS = 1 << 16;
const NGRAMS = [1, 2, 3, 4] as const;
const WORD = 9;
const WORD_PAIR = 10;

/** Letters, digits, marks and pictographs; everything else (spaces, punctuation, symbols) goes. */
const DROP = /[^\p{L}\p{M}\p{N}\p{Extended_Pictographic}ー]/gu;

export function foldForModel(text: string): string {
  return toHiragana(normaliseWidth(text))
    .replace(DROP, '')
    .replace(/(?<=[\u3041-\u3096])[ぁぃぅぇぉ]/g, '')
    .replace(/ー+/g, (m, offset: number, s: string) => (offset > 0 && /\p{L}/u.test(s[offset - 1] ?? '') ? '' : m))
    .replace(/(.)\1{2,}/gu, '$1');
}

const IDIOMS = EXCLUSIONS.map((e) => new RegExp(e.source, 'gu'));

/** The rules' everyday idioms (死ぬほど, 死亡届, 首が痛い…) taken out, so the model does not learn them as risk. */
function withoutIdioms(folded: string): string {
  let out = folded;
  for (const idiom of IDIOMS) out = out.replace(idiom, '|');
  return out;
}

/** FNV-1a over the gram's UTF-16 units, with its kind mixed in. */
function hash(gram: string, kind: number): number {
  let h = 0x811c9dc5 ^ kind;
  for (let i = 0; i < gram.length; i++) {
    h ^= gram.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

/**
 * The bucket indices present in the text (each once): character n-grams with `^`/`$` marking its start
 * and end, and with a tokenizer its words' base forms and neighbouring pairs of them.
 */
export function featureIndices(text: string, tokenizer?: Tokenizer): number[] {
  const masked = withoutIdioms(foldForModel(text));
  const chars = Array.from(`^${masked}$`);
  const seen = new Set<number>();
  for (const n of NGRAMS) for (let i = 0; i + n <= chars.length; i++) seen.add(hash(chars.slice(i, i + n).join(''), n));
  if (tokenizer !== undefined) {
    const words = tokenizer
      .tokenize(normaliseWidth(text).slice(0, 2000))
      .filter((t) => t.pos !== '記号')
      .map((t) => toHiragana(t.basicForm));
    for (let i = 0; i < words.length; i++) {
      seen.add(hash(words[i] ?? '', WORD));
      if (i + 1 < words.length) seen.add(hash(`${words[i]}|${words[i + 1]}`, WORD_PAIR));
    }
  }
  return [...seen];
}

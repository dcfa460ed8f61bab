// From a resident's words to a search query: residents' words mapped to the services' words
// (knowledge/synonyms.yaml), kana-only writing read back to the index's kanji words, kuromoji terms,
// the clauses of a message with several needs, who the resident seems to be and the areas named.
import readingsJson from '../generated/readings.json';
import { ROUTING, SYNONYMS } from '../knowledge/data';
import type { Category, SynonymGroup } from '../knowledge/schema';
import type { SearchQuery } from '../search/query';
import { analyse } from './analyse';
import { inferAudiences } from './audiences';
import { fold } from './normalise';
import type { Tokenizer } from './tokenizer';

const READINGS: Record<string, string[]> = readingsJson;
/** Readings by their first letter, longest first: a kana run is read without scanning every reading at every letter. */
const READING_KEYS = bucketBy(
  Object.keys(READINGS).sort((a, b) => b.length - a.length),
  (k) => [k.charAt(0)],
);

/**
 * Synonym phrases in matching form, longest first, so 「追い出される」 wins over 「出る」. Phrases in Latin
 * letters (English, Tagalog, Vietnamese, Portuguese, Spanish, romanised Japanese) match whole words — "npo"
 * is not inside "nawalan po ako", but is in 「NPOで」 — with up to two short words between theirs ("nawalan po ako ng
 * trabaho" is "nawalan ng trabaho"); the others match anywhere in the folded text, as Japanese is written.
 */
type Phrase = { phrase: string; group: SynonymGroup; words?: string[] };
const LATIN_PHRASE = /^[\p{Script=Latin}\p{M}\s'’.-]+$/u;
/** Between the words of a Latin phrase, at most this many other words, each at most this long (po, ako, ng). */
const FILLER_WORDS = 2;
const FILLER_LENGTH = 4;
// Matched on the message's words (no regex per phrase: thousands of Unicode regexes would cost seconds of start-up).
const SYNONYM_PHRASES: Phrase[] = SYNONYMS.flatMap((group) =>
  group.from.map((from): Phrase => (LATIN_PHRASE.test(from) ? { phrase: fold(from), group, words: latinWords(from) } : { phrase: fold(from), group })),
).sort((a, b) => b.phrase.length - a.phrase.length);

/**
 * Which phrases can occur in a message, found from its letters and words rather than by trying each of
 * the thousands of phrases on it (most of the search's CPU before; bench/pipeline-cpu.ts): a phrase is a
 * candidate when its first letter (first word, for Latin phrases) is in the message. The candidates are
 * then tried in SYNONYM_PHRASES order, longest first, exactly as before. A phrase containing 「・」 could
 * meet the 「・」 an earlier match leaves behind, so it is always tried.
 */
const PHRASES_BY_START = bucketBy(
  SYNONYM_PHRASES.map((p, i) => ({ p, i })),
  ({ p }) =>
    p.words !== undefined ? [`w:${p.words[0] ?? ''}`] : p.phrase.includes('・') ? ['・always'] : [`c:${String.fromCodePoint(p.phrase.codePointAt(0) ?? 0)}`],
);

function bucketBy<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items)
    for (const key of keys(item)) {
      const list = out.get(key);
      if (list === undefined) out.set(key, [item]);
      else list.push(item);
    }
  return out;
}

function candidatePhrases(folded: string, words: ReadonlySet<string>): Phrase[] {
  const found: { p: Phrase; i: number }[] = [...(PHRASES_BY_START.get('・always') ?? [])];
  for (const c of new Set(folded)) found.push(...(PHRASES_BY_START.get(`c:${c}`) ?? []));
  for (const w of words) found.push(...(PHRASES_BY_START.get(`w:${w}`) ?? []));
  return found.sort((a, b) => a.i - b.i).map(({ p }) => p);
}

/** The Latin-letter words of a text, lower case, NFKC, apostrophes dropped (can't → cant); other scripts split them. */
function latinWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{Script=Latin}\p{M}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * Where a phrase's words occur in order among the message's words not yet used, with at most
 * FILLER_WORDS short words between each; the positions it takes, or undefined.
 */
function findWords(words: readonly string[], tokens: readonly string[], used: readonly boolean[]): number[] | undefined {
  for (let start = 0; start < tokens.length; start++) {
    if (used[start] || tokens[start] !== words[0]) continue;
    const taken = [start];
    let at = start;
    for (const word of words.slice(1)) {
      let next = -1;
      for (let j = at + 1; j <= at + 1 + FILLER_WORDS && j < tokens.length; j++) {
        if (!used[j] && tokens[j] === word) {
          next = j;
          break;
        }
        if ((tokens[j]?.length ?? 0) > FILLER_LENGTH) break;
      }
      if (next === -1) break;
      taken.push(next);
      at = next;
    }
    if (taken.length === words.length) return taken;
  }
  return undefined;
}

/**
 * Bounds that keep one message's analysis and search within a few milliseconds whatever it holds: a
 * query of thousands of distinct words (pasted text, garbage) would make minisearch's OR query, fuzzy
 * matching and per-clause searches explode. A long story's start (who, what happened) and end (the
 * question) carry the need.
 */
const MAX_TEXT = 800;
const MAX_TERMS = 40;
const MAX_CLAUSES = 6;

export function understand(fullText: string, tokenizer: Tokenizer): SearchQuery {
  const text = fullText.length <= MAX_TEXT ? fullText : `${fullText.slice(0, MAX_TEXT / 2)}。${fullText.slice(-MAX_TEXT / 2)}`;
  const { query, categories } = expandQuery(text);
  const termsOf = (q: string) => [...new Set(analyse(q, tokenizer))].slice(0, MAX_TERMS);
  return {
    terms: termsOf(query),
    clauses: clauses(text)
      .slice(0, MAX_CLAUSES)
      .map((c) => termsOf(expandQuery(c).query)),
    categories,
    audiences: inferAudiences(text),
    places: ROUTING.areas.filter((area) => text.includes(area)),
  };
}

/** Residents' words → services' words, and kana-only words → the index's kanji words. */
export function expandQuery(text: string): { query: string; categories: Category[] } {
  const folded = fold(text);
  const extra: string[] = [];
  const categories: Category[] = [];
  let rest = folded;
  const tokens = latinWords(text);
  const present = new Set(tokens);
  const used = tokens.map(() => false);
  for (const { phrase, group, words } of candidatePhrases(folded, present)) {
    if (words !== undefined) {
      const taken = findWords(words, tokens, used);
      if (taken === undefined) continue;
      for (const i of taken) used[i] = true;
    } else {
      if (phrase.length === 0 || !rest.includes(phrase)) continue;
      rest = rest.replaceAll(phrase, '・');
    }
    extra.push(group.to);
    categories.push(...group.categories);
  }
  extra.push(...readKana(folded));
  return { query: [text, ...extra].join('。'), categories: [...new Set(categories)] };
}

/**
 * Kana-only writing (「かいごほけん しんせい」): hiragana runs read back to the index's kanji words by
 * greedy longest match of their readings. Only for messages written (almost) without kanji, and only
 * where the readings cover most of a run, so ordinary okurigana (行きたくない) are never "read".
 */
function readKana(folded: string): string[] {
  const kanji = folded.match(/\p{Script=Han}/gu)?.length ?? 0;
  // Kana-only writing is short messages; a long text is not read letter by letter.
  if (kanji > folded.length * 0.1 || folded.length > 300) return [];
  const words: string[] = [];
  for (const run of folded.match(/[\u3041-\u3096]{4,}/gu) ?? []) {
    const found: string[] = [];
    let covered = 0;
    let i = 0;
    while (i < run.length) {
      const key = READING_KEYS.get(run.charAt(i))?.find((k) => run.startsWith(k, i));
      if (key === undefined) {
        i++;
        continue;
      }
      found.push(...(READINGS[key] ?? []));
      covered += key.length;
      i += key.length;
    }
    if (covered >= run.length * 0.7) words.push(...found);
  }
  return words;
}

function clauses(text: string): string[] {
  const parts = text
    .split(/[、。，,.！!？?\n]|(?<=[しで])(?=、)|けど|けれど|ので|から、|それと|あと、|あと|それに|あわせて|加えて|も(?=[\p{Script=Han}])/u)
    .map((s) => s.trim());
  return parts.length > 1 ? parts.filter((p) => p.length >= 2) : [];
}

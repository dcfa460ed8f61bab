// From a resident's words to a search query: residents' words mapped to the services' words
// (knowledge/synonyms.yaml), kana-only writing read back to the index's kanji words, kuromoji terms,
// the clauses of a message with several needs, who the resident seems to be and the areas named.
import readingsJson from '../generated/readings.json';
import { ROUTING, SYNONYMS } from '../knowledge/data';
import type { Category } from '../knowledge/schema';
import type { SearchQuery } from '../search/query';
import { analyse } from './analyse';
import { inferAudiences } from './audiences';
import { fold } from './normalise';
import type { Tokenizer } from './tokenizer';

const READINGS: Record<string, string[]> = readingsJson;
const READING_KEYS = Object.keys(READINGS).sort((a, b) => b.length - a.length);

/** Synonym phrases in matching form, longest first, so 「追い出される」 wins over 「出る」. */
const SYNONYM_PHRASES = SYNONYMS.flatMap((group) => group.from.map((phrase) => ({ phrase: fold(phrase), group }))).sort(
  (a, b) => b.phrase.length - a.phrase.length,
);

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
  for (const { phrase, group } of SYNONYM_PHRASES) {
    if (phrase.length === 0 || !rest.includes(phrase)) continue;
    extra.push(group.to);
    categories.push(...group.categories);
    rest = rest.replaceAll(phrase, '・');
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
      const key = READING_KEYS.find((k) => run.startsWith(k, i));
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

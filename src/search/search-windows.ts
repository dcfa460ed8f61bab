// From a resident's words to the best 1–3 windows: residents' words expanded to services' words
// (knowledge/synonyms.yaml), kana-only writing read back to kanji, minisearch over the prebuilt index,
// then eligibility and category as signals, one result per family of branches, and each need of a
// two-need message represented. Below the confidence floor it says so rather than guess.
import MiniSearch from 'minisearch';
import { analyse } from '../analyse/analyse';
import { fold } from '../analyse/normalise';
import type { Tokenizer } from '../analyse/tokenizer';
import indexJson from '../generated/search-index.json';
import readingsJson from '../generated/readings.json';
import { ENTRIES, entryById, SYNONYMS } from '../knowledge/data';
import type { Category, Entry } from '../knowledge/schema';
import { indexOptions, SEARCH_OPTIONS, type IndexDocument } from './index-options';
import { inferAudiences } from './audiences';

export type Hit = { entry: Entry; score: number };
export type SearchResult = {
  hits: Hit[];
  /** False when the best match is too weak to offer with confidence (ask a clarifying question). */
  confident: boolean;
  /** The categories the words point to (synonym hints and the top hits). */
  categories: Category[];
  terms: string[];
};

const READINGS: Record<string, string[]> = readingsJson;
const READING_KEYS = Object.keys(READINGS).sort((a, b) => b.length - a.length);

/** Synonym phrases in matching form, longest first, so 「追い出される」 wins over 「出る」. */
const SYNONYM_PHRASES = SYNONYMS.flatMap((group) => group.from.map((phrase) => ({ phrase: fold(phrase), group }))).sort((a, b) => b.phrase.length - a.phrase.length);

let index: MiniSearch<IndexDocument> | undefined;
let indexTokenizer: Tokenizer | undefined;

function loadIndex(tokenizer: Tokenizer): MiniSearch<IndexDocument> {
  if (index === undefined || indexTokenizer !== tokenizer) {
    index = MiniSearch.loadJS<IndexDocument>(indexJson, indexOptions(tokenizer));
    indexTokenizer = tokenizer;
  }
  return index;
}

/** The confidence floor: below this the top score is noise (one weak word), measured on the eval set. */
export const MIN_SCORE = 20;
const MAX_RESULTS = 3;

export type SearchOptions = { exclude?: readonly string[]; category?: Category | undefined; limit?: number };

/**
 * Bounds that keep one message's search within a few milliseconds whatever it holds: LINE allows
 * 5,000 characters, and a query of thousands of distinct words (pasted text, garbage) would make
 * minisearch's OR query, fuzzy matching and per-clause searches explode.
 */
const MAX_TEXT = 800;
const MAX_TERMS = 40;
const FUZZY_TERMS = 16;
const MAX_CLAUSES = 6;

export function searchWindows(fullText: string, tokenizer: Tokenizer, options: SearchOptions = {}): SearchResult {
  // A long story: its start (who, what happened) and its end (the question) carry the need.
  const text = fullText.length <= MAX_TEXT ? fullText : `${fullText.slice(0, MAX_TEXT / 2)}。${fullText.slice(-MAX_TEXT / 2)}`;
  const { query, categories } = expandQuery(text);
  if (options.category !== undefined) categories.unshift(options.category);
  const terms = [...new Set(analyse(query, tokenizer))].slice(0, MAX_TERMS);
  if (terms.length === 0) return { hits: [], confident: false, categories, terms };

  const audiences = inferAudiences(text);
  const places = AREAS.filter((area) => text.includes(area));
  const ranked = rank(terms, tokenizer, categories, audiences, options.exclude ?? [], places);
  // Two needs in one message (「借金があって、親の介護もしんどい」): each clause's best answer gets a place.
  const clauseTops = clauses(text)
    .slice(0, MAX_CLAUSES)
    .map((c) => rank([...new Set(analyse(expandQuery(c).query, tokenizer))].slice(0, MAX_TERMS), tokenizer, categories, audiences, options.exclude ?? [], places)[0])
    .filter((h): h is Hit => h !== undefined && h.score >= MIN_SCORE);
  const merged = mergeFamilies([ranked[0], ...clauseTops, ...ranked.slice(1)].filter((h): h is Hit => h !== undefined));
  const hits = merged.filter((h, i) => i === 0 || h.score >= Math.max(MIN_SCORE, (merged[0]?.score ?? 0) * 0.06)).slice(0, options.limit ?? MAX_RESULTS);
  const top = hits[0];
  const confident = top !== undefined && top.score >= MIN_SCORE;
  const hitCategories = hits.flatMap((h) => h.entry.categories.slice(0, 1));
  return { hits: confident ? hits : [], confident, categories: [...new Set([...categories, ...hitCategories])], terms };
}

/** Areas of the ward that branches are named after: 「光が丘に住んでいます」 ranks the 光が丘 office first. */
const AREAS = ['光が丘', '石神井台', '石神井', '東大泉', '大泉', '関町', '豊玉', '北町', '練馬駅', '中村', '春日町', '平和台', '氷川台', '早宮', '練馬地域', '関'];

function rank(terms: string[], tokenizer: Tokenizer, categories: Category[], audiences: Set<string>, exclude: readonly string[], places: string[]): Hit[] {
  if (terms.length === 0) return [];
  const fuzzy = terms.length <= FUZZY_TERMS ? {} : { fuzzy: false, prefix: false };
  const results = loadIndex(tokenizer).search(terms.join(' '), { ...SEARCH_OPTIONS, ...fuzzy, tokenize: (q) => q.split(' ') });
  const hits: Hit[] = [];
  for (const r of results) {
    const entry = entryById(String(r.id));
    if (entry === undefined || exclude.includes(entry.id)) continue;
    let score = r.score;
    // Signals (issue 6): the category the words point to, and who the resident is (a child, a parent…).
    if (categories.some((c) => entry.categories.includes(c))) score *= 1.25;
    if (entry.eligibility.audiences.some((a) => audiences.has(a))) score *= 1.2;
    // A window only for someone the resident does not seem to be (a baby's check-up for 「眠れない」) ranks lower.
    else if (!entry.eligibility.audiences.includes('anyone')) score *= 0.75;
    // Crisis lines answer the risk screen's replies; for an everyday question the ward's windows come first.
    if (entry.risks.includes('suicide') || entry.risks.includes('emergency')) score *= 0.5;
    if (places.some((p) => entry.name.includes(p) && entry.parent !== undefined)) score *= 2.5;
    // Matching many different words of the message beats matching one word many times.
    score *= 1 + 0.15 * Math.min(4, Object.keys(r.match).length - 1);
    hits.push({ entry, score });
  }
  return hits.sort((a, b) => b.score - a.score);
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
  const parts = text.split(/[、。，,.！!？?\n]|(?<=[しで])(?=、)|けど|けれど|ので|から、|それと|あと、|あと|それに|あわせて|加えて|も(?=[\p{Script=Han}])/u).map((s) => s.trim());
  return parts.length > 1 ? parts.filter((p) => p.length >= 2) : [];
}

/**
 * One result per window: a local branch (北保健相談所) and its parent (保健相談所) are the same window
 * for the resident, so only the better placed one is shown. A service under a window (住居確保給付金
 * under 生活サポートセンター) is a different offer and stays. Branch ids are `<parent>-<area>`.
 */
function mergeFamilies(hits: Hit[]): Hit[] {
  const seen = new Set<string>();
  const out: Hit[] = [];
  for (const hit of hits) {
    const family = windowOf(hit.entry);
    if (seen.has(family)) continue;
    seen.add(family);
    out.push(hit);
  }
  return out;
}

export function windowOf(entry: Entry): string {
  return entry.parent !== undefined && entry.id.startsWith(`${entry.parent}-`) ? entry.parent : entry.id;
}

/** The general windows offered with a clarifying question: where to ask when you don't know where. */
export function generalWindows(): Entry[] {
  return ['doko-ni-soudan-madoguchi', 'kumin-soudan'].map((id) => entryById(id)).filter((e): e is Entry => e !== undefined);
}

/** Entries of a category for browsing (a category button with nothing else said). */
export function categoryWindows(category: Category, exclude: readonly string[] = [], limit = MAX_RESULTS): Entry[] {
  return ENTRIES.filter((e) => e.categories[0] === category && e.parent === undefined && e.kind === 'window' && !exclude.includes(e.id))
    .sort((a, b) => b.problems.length + b.services.length - (a.problems.length + a.services.length))
    .slice(0, limit);
}

// From an analysed query (src/analyse/understand.ts) to the best 1–3 windows: minisearch over the
// prebuilt index, then category, audience and area as signals, one result per family of branches, and
// each need of a two-need message represented. Below the confidence floor it says so rather than guess.
import MiniSearch from 'minisearch';
import indexJson from '../generated/search-index.json';
import { ENTRIES, entriesByIds, entryById, ROUTING } from '../knowledge/data';
import type { Category, Entry } from '../knowledge/schema';
import { type IndexDocument, indexOptions, SEARCH_OPTIONS } from './index-options';
import type { SearchQuery } from './query';

export type Hit = { entry: Entry; score: number };
export type SearchResult = {
  hits: Hit[];
  /** False when the best match is too weak to offer with confidence (ask a clarifying question). */
  confident: boolean;
  /** The categories the words point to (synonym hints and the top hits). */
  categories: Category[];
};

/** Loaded once per isolate, from the artefact the build wrote. */
const INDEX = MiniSearch.loadJS<IndexDocument>(indexJson, indexOptions());

/** The confidence floor: below this the top score is noise (one weak word), measured on the eval set. */
export const MIN_SCORE = 20;
const MAX_RESULTS = 3;
/** Fuzzy and prefix matching only for short queries: thousands of variants per term would stall. */
const FUZZY_TERMS = 16;

export type SearchOptions = { exclude?: readonly string[]; category?: Category | undefined; limit?: number };

export function searchWindows(query: SearchQuery, options: SearchOptions = {}): SearchResult {
  const categories = options.category !== undefined ? [options.category, ...query.categories] : [...query.categories];
  if (query.terms.length === 0) return { hits: [], confident: false, categories };
  const signals: Signals = { categories, audiences: query.audiences, places: query.places, exclude: options.exclude ?? [] };
  const ranked = rank(query.terms, signals);
  // Two needs in one message (「借金があって、親の介護もしんどい」): each clause's best answer gets a place.
  const clauseTops = query.clauses.map((terms) => rank(terms, signals)[0]).filter((h): h is Hit => h !== undefined && h.score >= MIN_SCORE);
  const merged = mergeFamilies([ranked[0], ...clauseTops, ...ranked.slice(1)].filter((h): h is Hit => h !== undefined));
  const hits = merged.filter((h, i) => i === 0 || h.score >= Math.max(MIN_SCORE, (merged[0]?.score ?? 0) * 0.06)).slice(0, options.limit ?? MAX_RESULTS);
  const top = hits[0];
  const confident = top !== undefined && top.score >= MIN_SCORE;
  const hitCategories = hits.flatMap((h) => h.entry.categories.slice(0, 1));
  return { hits: confident ? hits : [], confident, categories: [...new Set([...categories, ...hitCategories])] };
}

type Signals = { categories: Category[]; audiences: readonly string[]; places: readonly string[]; exclude: readonly string[] };

function rank(terms: string[], signals: Signals): Hit[] {
  if (terms.length === 0) return [];
  const fuzzy = terms.length <= FUZZY_TERMS ? {} : { fuzzy: false, prefix: false };
  const results = INDEX.search(terms.join(' '), { ...SEARCH_OPTIONS, ...fuzzy });
  const hits: Hit[] = [];
  for (const r of results) {
    const entry = entryById(String(r.id));
    if (entry === undefined || signals.exclude.includes(entry.id)) continue;
    let score = r.score;
    // Signals (issue 6): the category the words point to, and who the resident is (a child, a parent…).
    if (signals.categories.some((c) => entry.categories.includes(c))) score *= 1.25;
    if (entry.eligibility.audiences.some((a) => signals.audiences.includes(a))) score *= 1.2;
    // A window only for someone the resident does not seem to be (a baby's check-up for 「眠れない」) ranks lower.
    else if (!entry.eligibility.audiences.includes('anyone')) score *= 0.75;
    // Crisis lines answer the risk screen's replies; for an everyday question the ward's windows come first.
    if (entry.risks.includes('suicide') || entry.risks.includes('emergency')) score *= 0.5;
    if (signals.places.some((p) => entry.name.includes(p) && entry.parent !== undefined)) score *= 2.5;
    // Matching many different words of the message beats matching one word many times.
    score *= 1 + 0.15 * Math.min(4, Object.keys(r.match).length - 1);
    hits.push({ entry, score });
  }
  return hits.sort((a, b) => b.score - a.score);
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
  return entriesByIds(ROUTING.generalWindows);
}

/** Entries of a category for browsing (a category button with nothing else said). */
export function categoryWindows(category: Category, exclude: readonly string[] = [], limit = MAX_RESULTS): Entry[] {
  return ENTRIES.filter((e) => e.categories[0] === category && e.parent === undefined && e.kind === 'window' && !exclude.includes(e.id))
    .sort((a, b) => b.problems.length + b.services.length - (a.problems.length + a.services.length))
    .slice(0, limit);
}

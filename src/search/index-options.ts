// The one definition of the search index: which fields of an entry are indexed, how they weigh, and
// how text becomes terms. Shared by the build (scripts/build-index.ts) and the Worker's loadJSON,
// which must use exactly the options the index was built with (minisearch's contract).
import type { Options, SearchOptions } from 'minisearch';
import { analyse } from '../analyse/analyse';
import type { Tokenizer } from '../analyse/tokenizer';
import { CATEGORY_LABELS } from '../compose/category-labels';
import type { Entry } from '../knowledge/schema';

export type IndexDocument = { id: string; name: string; aliases: string; problems: string; services: string; summary: string; keywords: string };

export const FIELDS = ['name', 'aliases', 'problems', 'services', 'summary', 'keywords'] as const;

/** Names and residents' own problem phrases weigh more than descriptions (issue 6, "Ranking"). */
export const BOOST: Record<(typeof FIELDS)[number], number> = { name: 3, aliases: 3, problems: 2.5, services: 2, summary: 1, keywords: 0.7 };

export function toDocument(entry: Entry): IndexDocument {
  return {
    id: entry.id,
    name: entry.name,
    aliases: entry.aliases.join('。'),
    problems: entry.problems.join('。'),
    services: entry.services.join('。'),
    summary: entry.summary,
    keywords: [...entry.categories.map((c) => CATEGORY_LABELS[c]), entry.department ?? ''].join('。'),
  };
}

export function indexOptions(tokenizer: Tokenizer): Options<IndexDocument> {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text) => analyse(text, tokenizer),
    processTerm: (term) => term, // analyse() already normalised it
  };
}

export const SEARCH_OPTIONS: SearchOptions = {
  boost: BOOST,
  combineWith: 'OR',
  // Typos in long words (かいごほけん → 介護保険 is handled by readings; this catches 申請書 / 申請所).
  fuzzy: (term) => (term.length >= 4 ? 0.25 : false),
  prefix: (term) => term.length >= 3,
  weights: { fuzzy: 0.3, prefix: 0.5 },
};

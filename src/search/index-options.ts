// The one definition of the search index: which fields of an entry are indexed, how they weigh, and
// the options minisearch's loadJS must be given exactly as the build used them (minisearch's contract).
// Text becomes terms in src/analyse/ (the build passes the same analyser); search only ranks terms.
import type { Options, SearchOptions } from 'minisearch';

export type IndexDocument = { id: string; name: string; aliases: string; problems: string; services: string; summary: string; keywords: string };

export const FIELDS = ['name', 'aliases', 'problems', 'services', 'summary', 'keywords'] as const;

/** Names and residents' own problem phrases weigh more than descriptions (issue 6, "Ranking"). */
export const BOOST: Record<(typeof FIELDS)[number], number> = { name: 3, aliases: 3, problems: 2.5, services: 2, summary: 1, keywords: 0.7 };

/** `tokenize` is the analyser at build time; at query time the terms arrive analysed, joined by spaces. */
export function indexOptions(tokenize: (text: string) => string[] = (text) => text.split(' ')): Options<IndexDocument> {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    tokenize,
    processTerm: (term) => term, // the analyser already normalised it
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

// What the search takes: a resident's message as the analyser understood it (src/analyse/understand.ts).
// The search itself never reads raw text, so it ranks the same way whatever language or writing came in.
import type { Audience, Category } from '../knowledge/schema';

export type SearchQuery = {
  /** Index terms of the whole message, with residents' words mapped to the services' words. */
  terms: string[];
  /** The terms of each clause of a message with several needs (「借金があって、親の介護もしんどい」). */
  clauses: string[][];
  /** The categories the words point to (synonym hints), strongest first. */
  categories: Category[];
  /** Who the resident seems to be (a child, a parent, an older person's family…). */
  audiences: Audience[];
  /** Areas of the ward named in the message (光が丘 ranks the 光が丘 office first). */
  places: string[];
};

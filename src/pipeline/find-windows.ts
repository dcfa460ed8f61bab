// The analyser and the search together: a resident's words to windows. Without the analyser (it failed
// to load) there is no search: the caller asks a clarifying question instead.
import type { Tokenizer } from '../analyse/tokenizer';
import { understand } from '../analyse/understand';
import { type SearchOptions, type SearchResult, searchWindows } from '../search/search-windows';

export function findWindows(text: string, tokenizer: Tokenizer | undefined, options: SearchOptions = {}): SearchResult | undefined {
  if (tokenizer === undefined) return undefined;
  return searchWindows(understand(text, tokenizer), options);
}

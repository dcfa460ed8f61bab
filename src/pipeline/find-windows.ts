// The analyser and the search together: a resident's words to windows, or to a common question answered
// from its source. Without the analyser (it failed to load) there is no search: the caller asks a
// clarifying question instead.
import type { Tokenizer } from '../analyse/tokenizer';
import { understand } from '../analyse/understand';
import { type AnswerMatch, matchAnswer } from '../search/answers';
import type { SearchQuery } from '../search/query';
import { type SearchOptions, type SearchResult, searchWindows } from '../search/search-windows';

/**
 * The last message understood: one message is matched against the answers, then searched (and again for
 * a crisis reply's need), and analysing it is most of the cost — so it is analysed once. Keyed by the
 * text and the analyser; the result depends on nothing else.
 */
let last: { text: string; tokenizer: Tokenizer; query: SearchQuery } | undefined;

function understood(text: string, tokenizer: Tokenizer): SearchQuery {
  if (last?.text === text && last.tokenizer === tokenizer) return last.query;
  const query = understand(text, tokenizer);
  last = { text, tokenizer, query };
  return query;
}

export function findWindows(text: string, tokenizer: Tokenizer | undefined, options: SearchOptions = {}): SearchResult | undefined {
  if (tokenizer === undefined) return undefined;
  return searchWindows(understood(text, tokenizer), options);
}

export function findAnswer(text: string, tokenizer: Tokenizer | undefined): AnswerMatch | undefined {
  if (tokenizer === undefined) return undefined;
  return matchAnswer(understood(text, tokenizer));
}

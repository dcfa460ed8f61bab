// From an analysed message to a common question of knowledge/answers/ (issue 16), or to none. A linear
// classifier over the message's analysed terms (src/core/linear-model.ts), trained at build time on each
// question's phrasings in residents' own words (scripts/build-answers.ts), tells the questions apart —
// sibling questions about one service (「児童手当の申請」 and 「再申請」) differ in a word or two, which a
// learned weight finds and a similarity of whole vocabularies did not. An answer is given only when the
// classifier is sure (P ≥ the floor chosen on held-out phrasings for at most ~1% wrong): never a confident
// wrong answer — below it, the message is routed to windows.
import indexJson from '../generated/answer-index.json';
import { decodeHead, decodeIdf, predict } from '../core/linear-model';
import { answerById } from '../knowledge/data';
import type { Answer } from '../knowledge/schema';
import { AnswerModelSchema } from './answer-model-schema';
import type { SearchQuery } from './query';

const MODEL = AnswerModelSchema.parse(indexJson);
const FEATURE = new Map(MODEL.vocabulary.map((t, i) => [t, i + 1]));
const IDF = decodeIdf(MODEL.idf, MODEL.idfScale);
const HEAD = decodeHead(MODEL.head);

/** The floor in use and the held-out figures it was chosen on (npm run eval prints them). */
export const ANSWER_MODEL = { floor: MODEL.floor, heldOut: MODEL.heldOut };

export type AnswerMatch = { answer: Answer; probability: number };

/**
 * The likeliest question and its probability. Every term counts towards the message's length — one the
 * answer base never uses is feature 0 (no weight, the highest IDF) — so a long message about something
 * else is not matched on one shared word.
 */
function best(query: SearchQuery): { id: string; probability: number } | undefined {
  const p = predict(
    HEAD,
    IDF,
    [...new Set(query.terms)].map((t) => FEATURE.get(t) ?? 0),
  );
  const top = p.indexOf(Math.max(...p));
  const id = MODEL.classes[top];
  return id === undefined ? undefined : { id, probability: p[top] ?? 0 };
}

export function matchAnswer(query: SearchQuery, floor = MODEL.floor): AnswerMatch | undefined {
  const found = best(query);
  if (found === undefined || found.probability < floor) return undefined;
  const answer = answerById(found.id);
  return answer === undefined ? undefined : { answer, probability: found.probability };
}

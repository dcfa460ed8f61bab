// From an analysed message to a common question of knowledge/answers/ (issue 16), or to none. Each
// question is the sum of its phrasings (residents' own ways of asking, analysed at build time:
// scripts/build-answers.ts) as TF-IDF vectors; the message is compared with each question by cosine
// similarity, which is bounded (0–1) so a floor means the same for every question. (The sum generalised
// better than the single closest phrasing when each phrasing was asked against the others.) An answer
// is given only when the best question is close enough (ANSWER_FLOOR) and clearly closer than any other
// (ANSWER_MARGIN): never a confident wrong answer — below either, the message is routed to windows.
import { z } from 'zod';
import indexJson from '../generated/answer-index.json';
import { answerById } from '../knowledge/data';
import type { Answer } from '../knowledge/schema';
import type { SearchQuery } from './query';

const AnswerIndexSchema = z.object({ answers: z.array(z.object({ id: z.string(), phrasings: z.array(z.array(z.string())) })) });
const INDEX = AnswerIndexSchema.parse(indexJson);

/**
 * How close the best question must be, and by how much it must beat the next one: chosen with each
 * phrasing asked against all the others (npm run eval, "leave one phrasing out") for at most ~2% wrong.
 */
export const ANSWER_FLOOR = 0.45;
export const ANSWER_MARGIN = 0.15;

type Vector = Map<string, number>;

/** IDF over all phrasings: a word every 生活保護 question shares (生活保護) weighs less than 車 or 借金. */
const IDF: Map<string, number> = (() => {
  const df = new Map<string, number>();
  let docs = 0;
  for (const a of INDEX.answers)
    for (const terms of a.phrasings) {
      docs++;
      for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
    }
  return new Map([...df].map(([t, n]) => [t, Math.log((docs + 1) / (n + 1)) + 1]));
})();

function vector(terms: readonly string[]): Vector {
  const v: Vector = new Map();
  // Terms unknown to every phrasing cannot match any; they still lengthen the message's vector (IDF of a new word).
  const unseen = Math.log(IDF.size + 1) + 1;
  for (const t of new Set(terms)) v.set(t, IDF.get(t) ?? unseen);
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  for (const [t, w] of v) v.set(t, w * scale);
  return v;
}

function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (const [t, w] of a) sum += w * (b.get(t) ?? 0);
  return sum;
}

/** A question's whole vocabulary: its phrasings' vectors summed and normalised (how residents ask it, together). */
function centroid(vectors: readonly Vector[]): Vector {
  const sum: Vector = new Map();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of sum.values()) norm += w * w;
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  for (const [t, w] of sum) sum.set(t, w * scale);
  return sum;
}

const VECTORS = INDEX.answers.map((a) => {
  const phrasings = a.phrasings.map(vector);
  return { id: a.id, phrasings, whole: centroid(phrasings) };
});

export type AnswerMatch = { answer: Answer; score: number; margin: number };

/**
 * Every question's best similarity to the message, best first. `without`: leave one phrasing out (the
 * evaluation asks each phrasing of the answer base against all the others).
 */
export function rankAnswers(query: SearchQuery, without?: { id: string; phrasing: number }): { id: string; score: number }[] {
  const q = vector(query.terms);
  return VECTORS.map((a) => {
    const whole = a.id === without?.id ? centroid(a.phrasings.filter((_, k) => k !== without.phrasing)) : a.whole;
    return { id: a.id, score: cosine(q, whole) };
  }).sort((x, y) => y.score - x.score);
}

/** The phrasings as analysed at build time (for leave-one-out evaluation). */
export function answerPhrasings(): readonly { id: string; phrasings: readonly string[][] }[] {
  return INDEX.answers;
}

export function matchAnswer(query: SearchQuery, floor = ANSWER_FLOOR, margin = ANSWER_MARGIN): AnswerMatch | undefined {
  const [best, next] = rankAnswers(query);
  if (best === undefined || best.score < floor) return undefined;
  const gap = best.score - (next?.score ?? 0);
  if (gap < margin) return undefined;
  const answer = answerById(best.id);
  return answer === undefined ? undefined : { answer, score: best.score, margin: gap };
}

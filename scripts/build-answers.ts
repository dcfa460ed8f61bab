// Builds the answer matcher (src/generated/answer-index.json): every common question of knowledge/answers/
// (its question and each phrasing in residents' words) analysed as the Worker analyses a message — the
// same synonyms, kana readings and kuromoji terms (analyse/understand.ts) — and a linear classifier over
// those terms (scripts/learn/softmax.ts) that tells the questions apart. The floor on its probability is
// chosen on held-out folds of the phrasings for at most WRONG_TARGET wrong answers: the bot answers only
// when the classifier is that sure, and routes to windows otherwise.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadTokenizer } from '../src/analyse/tokenizer.ts';
import { understand } from '../src/analyse/understand.ts';
import { AnswerSchema } from '../src/knowledge/schema.ts';
import type { AnswerModel } from '../src/search/answer-model-schema.ts';
import { type Example, inverseDocumentFrequency, probabilities, quantise, quantiseIdf, train, weighted } from './learn/softmax.ts';

/** Wrong answers allowed among held-out phrasings at the chosen floor (the goal allows 2% on residents' questions). */
export const WRONG_TARGET = 0.01;
const FOLDS = 5;
const FLOORS = Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1));

export async function buildAnswers(outDir = 'src/generated'): Promise<void> {
  const started = Date.now();
  const raw: unknown = JSON.parse(await readFile(join(outDir, 'knowledge.json'), 'utf8'));
  const answers = z.object({ answers: z.array(AnswerSchema) }).parse(raw).answers;
  const tokenizer = await loadTokenizer();
  const texts = answers.flatMap((a, y) =>
    [a.question, ...a.phrasings].map((text, k) => ({ y, question: k === 0, terms: [...new Set(understand(text, tokenizer).terms)] })),
  );
  const vocabulary = [...new Set(texts.flatMap((t) => t.terms))].sort();
  const feature = new Map(vocabulary.map((t, i) => [t, i + 1]));
  const dims = vocabulary.length + 1;
  const features = texts.map((t) => t.terms.map((term) => feature.get(term) ?? 0));
  const idf = quantiseIdf(inverseDocumentFrequency(features, dims));
  const examples: Example[] = texts.map((t, i) => {
    const x = features[i] ?? [];
    return { x, v: weighted(x, idf.values), y: t.y };
  });
  const options = { classes: answers.length, dims };

  // Held out: each residents' phrasing scored by a model trained without its fold (the questions always train).
  const heldOut: { right: boolean; p: number }[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const inFold = (i: number) => !(texts[i]?.question ?? true) && i % FOLDS === f;
    const head = train(
      examples.filter((_, i) => !inFold(i)),
      { ...options, seed: 17 + f },
    );
    examples.forEach((e, i) => {
      if (!inFold(i)) return;
      const p = probabilities(head, e);
      const best = p.indexOf(Math.max(...p));
      heldOut.push({ right: best === e.y, p: p[best] ?? 0 });
    });
  }
  const at = (floor: number) => {
    const given = heldOut.filter((r) => r.p >= floor);
    return { right: given.filter((r) => r.right).length / heldOut.length, wrong: given.filter((r) => !r.right).length / heldOut.length };
  };
  const floor = FLOORS.find((f) => at(f).wrong <= WRONG_TARGET) ?? 1;
  const figures = at(floor);

  const model: AnswerModel = {
    version: 3,
    classes: answers.map((a) => a.id),
    vocabulary,
    idf: idf.idf,
    idfScale: idf.idfScale,
    head: quantise(train(examples, { ...options, seed: 7 })),
    floor: Number(floor.toFixed(2)),
    heldOut: { folds: FOLDS, phrasings: heldOut.length, right: round(figures.right), wrong: round(figures.wrong) },
  };
  await writeFile(join(outDir, 'answer-index.json'), JSON.stringify(model));
  console.log(
    `build-answers: ${answers.length} answers, ${texts.length} phrasings, ${vocabulary.length} terms; floor ${model.floor}: held out right ${pct(figures.right)}, wrong ${pct(figures.wrong)} (${Date.now() - started} ms)`,
  );
}

const round = (x: number) => Number(x.toFixed(4));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

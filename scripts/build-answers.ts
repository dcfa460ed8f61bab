// Builds the answer index (src/generated/answer-index.json): every common question of knowledge/answers/
// (its question and each phrasing) analysed as the Worker analyses a resident's message — the same
// synonyms, kana readings and kuromoji terms (analyse/understand.ts) — so a question and its phrasings
// meet the message on equal terms, with no analysis at request time.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadTokenizer } from '../src/analyse/tokenizer.ts';
import { understand } from '../src/analyse/understand.ts';
import { AnswerSchema } from '../src/knowledge/schema.ts';

export async function buildAnswers(outDir = 'src/generated'): Promise<void> {
  const started = Date.now();
  const raw: unknown = JSON.parse(await readFile(join(outDir, 'knowledge.json'), 'utf8'));
  const answers = z.object({ answers: z.array(AnswerSchema) }).parse(raw).answers;
  const tokenizer = await loadTokenizer();
  const index = {
    answers: answers.map((a) => ({ id: a.id, phrasings: [a.question, ...a.phrasings].map((p) => understand(p, tokenizer).terms) })),
  };
  await writeFile(join(outDir, 'answer-index.json'), JSON.stringify(index));
  console.log(`build-answers: ${answers.length} answers, ${index.answers.reduce((n, a) => n + a.phrasings.length, 0)} phrasings in ${Date.now() - started} ms`);
}

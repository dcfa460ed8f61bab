// Answers (issue 16): through respond(), as a resident asks — the answer given (its id), or none. On
// test/eval/answers-heldback.yaml (first sight) and answers.yaml: accuracy on answerable questions (the right answer), wrong answers (an answer
// that is not the one expected, over every question, unanswerable ones included), and how often an
// answerable question got windows only. And, as the development figure the floor was chosen on, the
// answer base's phrasings scored by models trained without their fold (scripts/build-answers.ts).
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadTokenizer } from '../../src/analyse/tokenizer.ts';
import { respond } from '../../src/pipeline/respond.ts';
import { readState } from '../../src/pipeline/state.ts';
import { ANSWER_MODEL } from '../../src/search/answers.ts';

const AnswerCaseSchema = z.object({ text: z.string().min(1), expect: z.string().nullable(), note: z.string().optional() });
type AnswerCase = z.infer<typeof AnswerCaseSchema>;

export async function loadAnswerCases(path: string): Promise<AnswerCase[]> {
  return z.object({ cases: z.array(AnswerCaseSchema) }).parse(parse(await readFile(path, 'utf8'))).cases;
}

type Count = { hit: number; total: number };
export type AnswerFigures = { right: Count; wrong: Count; windowsOnly: Count; unanswerableAnswered: Count; misses: string[] };

export async function evaluateAnswers(cases: AnswerCase[]): Promise<AnswerFigures> {
  const tokenizer = await loadTokenizer();
  const f: AnswerFigures = { right: z0(), wrong: z0(), windowsOnly: z0(), unanswerableAnswered: z0(), misses: [] };
  for (const c of cases) {
    const reply = respond({ kind: 'text', text: c.text }, readState(undefined), {
      now: new Date('2026-11-25T10:00:00+09:00'),
      staffHandling: false,
      tokenizer,
    });
    const got = reply.answerId;
    f.wrong.total++;
    if (got !== undefined && got !== c.expect) {
      f.wrong.hit++;
      f.misses.push(`wrong answer ${got} (want ${c.expect ?? 'none'}): ${c.text.slice(0, 70)}`);
    }
    if (c.expect === null) {
      f.unanswerableAnswered.total++;
      if (got !== undefined) f.unanswerableAnswered.hit++;
      continue;
    }
    f.right.total++;
    f.windowsOnly.total++;
    if (got === c.expect) f.right.hit++;
    if (got === undefined) f.windowsOnly.hit++;
  }
  return f;
}

function z0(): Count {
  return { hit: 0, total: 0 };
}

const pct = (x: Count) => (x.total === 0 ? '—' : `${((100 * x.hit) / x.total).toFixed(1)}% (${x.hit}/${x.total})`);

export function printAnswers(f: AnswerFigures, title: string): void {
  console.log(`\nAnswers — ${title}`);
  console.log(`  right answer with its source, on answerable questions: ${pct(f.right)}`);
  console.log(`  wrong answer (a different one), on every question:      ${pct(f.wrong)}`);
  console.log(`  answerable questions routed to windows without an answer: ${pct(f.windowsOnly)}`);
  console.log(`  unanswerable questions that got an answer:              ${pct(f.unanswerableAnswered)}`);
  for (const miss of f.misses) console.log(`    ${miss}`);
  const h = ANSWER_MODEL.heldOut;
  console.log(
    `  development (the answer base's ${h.phrasings} phrasings, each scored by a model trained without its fold; floor P ≥ ${ANSWER_MODEL.floor}): right ${(100 * h.right).toFixed(1)}%, wrong ${(100 * h.wrong).toFixed(1)}%`,
  );
}

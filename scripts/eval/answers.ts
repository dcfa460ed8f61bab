// Answers (issue 16): through respond(), as a resident asks — the answer given (its id), or none. On
// test/eval/answers.yaml: accuracy on answerable questions (the right answer), wrong answers (an answer
// that is not the one expected, over every question, unanswerable ones included), and how often an
// answerable question got windows only. And, as the development figure the floors were chosen on,
// each phrasing of the answer base asked against all the others (leave one phrasing out).
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadTokenizer } from '../../src/analyse/tokenizer.ts';
import { respond } from '../../src/pipeline/respond.ts';
import { readState } from '../../src/pipeline/state.ts';
import { ANSWER_FLOOR, ANSWER_MARGIN, answerPhrasings, rankAnswers } from '../../src/search/answers.ts';

const AnswerCaseSchema = z.object({ text: z.string().min(1), expect: z.string().nullable(), note: z.string().optional() });
type AnswerCase = z.infer<typeof AnswerCaseSchema>;

export async function loadAnswerCases(path = 'test/eval/answers.yaml'): Promise<AnswerCase[]> {
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

/** Each phrasing of the answer base against all the others, at the floors in use. */
export function leaveOnePhrasingOut(): { right: Count; wrong: Count } {
  const f = { right: z0(), wrong: z0() };
  for (const a of answerPhrasings())
    a.phrasings.forEach((terms, k) => {
      if (k === 0) return; // the question itself, not a resident's phrasing
      const [best, next] = rankAnswers({ terms, clauses: [], categories: [], audiences: [], places: [] }, { id: a.id, phrasing: k });
      f.right.total++;
      f.wrong.total++;
      if (best === undefined || best.score < ANSWER_FLOOR || best.score - (next?.score ?? 0) < ANSWER_MARGIN) return;
      if (best.id === a.id) f.right.hit++;
      else f.wrong.hit++;
    });
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
  const dev = leaveOnePhrasingOut();
  console.log(
    `  development (each phrasing against the others, floor ${ANSWER_FLOOR}, margin ${ANSWER_MARGIN}): right ${pct(dev.right)}, wrong ${pct(dev.wrong)}`,
  );
}

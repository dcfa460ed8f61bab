// Evaluates the search on test/eval/search-cases.yaml through respond(), the path every message takes
// (risk screen first, then language, then search), counting the windows the resident is shown:
// hit@1, hit@3, MRR, the clarifying-question rate, and every miss.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadTokenizer } from '../../src/analyse/tokenizer.ts';
import { respond } from '../../src/pipeline/respond.ts';
import { readState } from '../../src/pipeline/state.ts';
import { entryById } from '../../src/knowledge/data.ts';
import type { Entry } from '../../src/knowledge/schema.ts';

export const SearchCaseSchema = z.object({
  text: z.string().min(1),
  expect: z.array(z.string()),
  lang: z.string().default('ja'),
  note: z.string().optional(),
});
export type SearchCase = z.infer<typeof SearchCaseSchema>;

export async function loadSearchCases(path = 'test/eval/search-cases.yaml'): Promise<SearchCase[]> {
  return z.object({ cases: z.array(SearchCaseSchema) }).parse(parse(await readFile(path, 'utf8'))).cases;
}

export type SearchFigures = {
  answerable: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Answerable cases that got a clarifying question instead of windows. */
  clarified: number;
  unclear: { total: number; clarified: number };
  /** Cases the risk screen flagged: they get the crisis reply, then at most 2 windows for the need. */
  flagged: number;
  misses: { case: SearchCase; got: string[] }[];
};

/** A Wednesday, 10:00 JST. */
const EVAL_NOW = new Date('2026-11-25T10:00:00+09:00');

export async function evaluateSearch(cases: SearchCase[]): Promise<SearchFigures> {
  const tokenizer = await loadTokenizer();
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let clarified = 0;
  let answerable = 0;
  const unclear = { total: 0, clarified: 0 };
  let flagged = 0;
  const misses: SearchFigures['misses'] = [];
  for (const c of cases) {
    // Exactly what a resident gets: respond() (risk screen first, language, search), on a weekday
    // morning so opening hours do not change the reply's windows.
    const reply = respond({ kind: 'text', text: c.text }, readState(undefined), { now: EVAL_NOW, staffHandling: false, tokenizer });
    if (reply.escalation !== undefined) flagged++;
    const confident = reply.answered !== false && (reply.windows?.length ?? 0) > 0;
    const ids = confident ? (reply.windows ?? []) : [];
    const result = { confident };
    const family = (id: string) => [id, branchOf(entryById(id))].filter((x): x is string => x !== undefined);
    if (c.expect.length === 0) {
      unclear.total++;
      if (!result.confident) unclear.clarified++;
      else misses.push({ case: c, got: ids });
      continue;
    }
    answerable++;
    if (!result.confident) clarified++;
    const rank = ids.findIndex((id) => family(id).some((f) => c.expect.includes(f)));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) rr += 1 / (rank + 1);
    else misses.push({ case: c, got: ids });
  }
  return { answerable, hit1: hit1 / answerable, hit3: hit3 / answerable, mrr: rr / answerable, clarified, unclear, flagged, misses };
}

/**
 * A local branch answers for its window (北保健相談所 for 保健相談所): branches are named after their
 * parent (hoken-soudanjo-kita). A service under a window (うつ相談) is not the window's branch.
 */
function branchOf(entry: Entry | undefined): string | undefined {
  return entry?.parent !== undefined && entry.id.startsWith(`${entry.parent}-`) ? entry.parent : undefined;
}

export function printSearch(f: SearchFigures, file = 'test/eval/search-cases.yaml'): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`\nSearch (${file})`);
  console.log(`  answerable cases ${f.answerable}: hit@1 ${pct(f.hit1)}  hit@3 ${pct(f.hit3)}  MRR ${f.mrr.toFixed(3)}`);
  console.log(`  clarifying question instead of windows: ${f.clarified} of ${f.answerable} answerable (${pct(f.clarified / Math.max(1, f.answerable))})`);
  console.log(`  unclear messages that got a clarifying question: ${f.unclear.clarified} of ${f.unclear.total}`);
  console.log(`  flagged by the risk screen first (crisis reply, then up to 2 windows): ${f.flagged}`);
  console.log(`  misses (${f.misses.length}):`);
  for (const m of f.misses)
    console.log(`    want ${m.case.expect.join('|') || '(clarify)'} got ${m.got.join(', ') || '(clarify)'}: ${m.case.text.replace(/\n/g, ' ').slice(0, 70)}`);
}

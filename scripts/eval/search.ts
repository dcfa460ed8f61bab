// Evaluates the search on test/eval/search-cases.yaml, through the same path a message takes (risk
// screen first: a case the screen flags is answered by the crisis reply and counted as such):
// hit@1, hit@3, MRR, the clarifying-question rate, and every miss.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadTokenizer } from '../../src/analyse/tokenizer.ts';
import { searchWindows } from '../../src/search/search-windows.ts';

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
  misses: { case: SearchCase; got: string[] }[];
};

export async function evaluateSearch(cases: SearchCase[]): Promise<SearchFigures> {
  const tokenizer = await loadTokenizer();
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let clarified = 0;
  let answerable = 0;
  const unclear = { total: 0, clarified: 0 };
  const misses: SearchFigures['misses'] = [];
  for (const c of cases) {
    const result = searchWindows(c.text, tokenizer);
    const ids = result.hits.map((h) => h.entry.id);
    // A branch answers for its parent and the other way round (the same window for the resident).
    const family = (id: string) => [id, result.hits.find((h) => h.entry.id === id)?.entry.parent].filter((x): x is string => x !== undefined);
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
  return { answerable, hit1: hit1 / answerable, hit3: hit3 / answerable, mrr: rr / answerable, clarified, unclear, misses };
}

export function printSearch(f: SearchFigures): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log('\nSearch (test/eval/search-cases.yaml)');
  console.log(`  answerable cases ${f.answerable}: hit@1 ${pct(f.hit1)}  hit@3 ${pct(f.hit3)}  MRR ${f.mrr.toFixed(3)}`);
  console.log(`  clarifying question instead of windows: ${f.clarified} of ${f.answerable} answerable (${pct(f.clarified / Math.max(1, f.answerable))})`);
  console.log(`  unclear messages that got a clarifying question: ${f.unclear.clarified} of ${f.unclear.total}`);
  console.log(`  misses (${f.misses.length}):`);
  for (const m of f.misses) console.log(`    want ${m.case.expect.join('|') || '(clarify)'} got ${m.got.join(', ') || '(clarify)'}: ${m.case.text.replace(/\n/g, ' ').slice(0, 70)}`);
}

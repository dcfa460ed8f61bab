// Languages (issue 15) on test/eval/languages.yaml, through respond() as a resident would meet it: per
// language, answered in the writer's language (the reply carries that locale's own fixed texts), routed
// (an expected window among the cards, or named in a list of lines), and crisis messages answered with
// 119/110 first and a line; with the risk screen's false alarms on the everyday messages (violence at home
// excepted: it is abuse, and flagged rightly).
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadTokenizer } from '../../src/analyse/tokenizer.ts';
import { promptsFor } from '../../src/compose/prompts.ts';
import { type Locale, LocaleSchema } from '../../src/core/locale.ts';
import { entryById } from '../../src/knowledge/data.ts';
import { type Reply, respond } from '../../src/pipeline/respond.ts';
import { readState } from '../../src/pipeline/state.ts';

const LanguageCaseSchema = z.object({
  lang: LocaleSchema,
  text: z.string().min(1),
  topic: z.string().optional(),
  expect: z.array(z.string()).optional(),
  level: z.enum(['emergency', 'high', 'abuse', 'concern']).optional(),
  kind: z.string().optional(),
  note: z.string().optional(),
});
type LanguageCase = z.infer<typeof LanguageCaseSchema>;

export async function loadLanguageCases(path = 'test/eval/languages.yaml'): Promise<LanguageCase[]> {
  return z.object({ cases: z.array(LanguageCaseSchema) }).parse(parse(await readFile(path, 'utf8'))).cases;
}

type Count = { hit: number; total: number };
export type LanguageFigures = { inLanguage: Count; routed: Count; crisis: Count; falseAlarms: Count; misses: string[] };

/** The reply carries a fixed text of this locale that Japanese does not share (so it is not the Japanese reply). */
function inLocale(reply: Reply, locale: Locale): boolean {
  const own = promptsFor(locale);
  const ja = promptsFor('ja');
  const texts = Object.entries(own).filter(([key, t]) => t !== ja[key as keyof typeof ja] && t.length >= 8);
  return texts.some(([, t]) => reply.outText.includes(t.split('\n')[0] ?? t));
}

/** Any window of this family (a branch answers for its window: fukushi-jimusho-oizumi for fukushi-jimusho). */
function matches(id: string, expected: string[]): boolean {
  const parent = entryById(id)?.parent;
  return expected.includes(id) || (parent !== undefined && expected.includes(parent));
}

export async function evaluateLanguages(cases: LanguageCase[], now = new Date('2026-11-25T10:00:00+09:00')): Promise<Map<Locale, LanguageFigures>> {
  const tokenizer = await loadTokenizer();
  const out = new Map<Locale, LanguageFigures>();
  for (const c of cases) {
    const f = out.get(c.lang) ?? { inLanguage: z0(), routed: z0(), crisis: z0(), falseAlarms: z0(), misses: [] };
    out.set(c.lang, f);
    const reply = respond({ kind: 'text', text: c.text }, readState(undefined), { now, staffHandling: false, tokenizer });
    f.inLanguage.total++;
    if (inLocale(reply, c.lang)) f.inLanguage.hit++;
    else f.misses.push(`not in ${c.lang}: ${c.text.slice(0, 70)}`);
    if (c.level !== undefined) {
      f.crisis.total++;
      const first = reply.messages[0];
      const lead = first?.type === 'text' ? first.text.split('\n').slice(0, 4).join('\n') : '';
      const line = /\d{2,4}-\d{2,4}-\d{3,4}|0120|#\d{4}/.test(reply.outText);
      const ok = reply.escalation !== undefined && /119|110/.test(lead) && line;
      if (ok) f.crisis.hit++;
      else f.misses.push(`crisis not answered with 119/110 and a line (${reply.escalation?.level ?? 'none'}): ${c.text.slice(0, 70)}`);
      continue;
    }
    // Violence at home is abuse by the risk labels: flagging it is right, and its lines are its windows.
    const violence = c.topic === 'dv';
    if (!violence) f.falseAlarms.total++;
    if (!violence && reply.escalation !== undefined) {
      f.falseAlarms.hit++;
      f.misses.push(`flagged (${reply.escalation.level}): ${c.text.slice(0, 70)}`);
    }
    if (c.expect !== undefined && c.expect.length > 0) {
      f.routed.total++;
      const named = (c.expect ?? []).some((id) => {
        const name = entryById(id)?.name;
        return name !== undefined && reply.outText.includes(name);
      });
      if (named || (reply.windows ?? []).some((id) => matches(id, c.expect ?? []))) f.routed.hit++;
      else f.misses.push(`not routed (${c.topic ?? ''}; got ${(reply.windows ?? []).join(', ') || 'a question'}): ${c.text.slice(0, 60)}`);
    }
  }
  return out;
}

function z0(): Count {
  return { hit: 0, total: 0 };
}

const pct = (x: Count) => (x.total === 0 ? '—' : `${((100 * x.hit) / x.total).toFixed(1)}% (${x.hit}/${x.total})`);

export function printLanguages(figures: Map<Locale, LanguageFigures>, title: string, options: { misses?: boolean } = {}): void {
  console.log(`\nLanguages — ${title}`);
  console.log('  lang  in the language          routed                   crisis: 119/110 + a line  flagged everyday messages');
  const total = { inLanguage: z0(), routed: z0(), crisis: z0(), falseAlarms: z0() };
  for (const [lang, f] of figures) {
    console.log(`  ${lang.padEnd(4)}  ${pct(f.inLanguage).padEnd(23)}  ${pct(f.routed).padEnd(23)}  ${pct(f.crisis).padEnd(24)}  ${pct(f.falseAlarms)}`);
    for (const k of ['inLanguage', 'routed', 'crisis', 'falseAlarms'] as const) {
      total[k].hit += f[k].hit;
      total[k].total += f[k].total;
    }
  }
  console.log(`  all   ${pct(total.inLanguage).padEnd(23)}  ${pct(total.routed).padEnd(23)}  ${pct(total.crisis).padEnd(24)}  ${pct(total.falseAlarms)}`);
  if (options.misses === false) return;
  for (const [lang, f] of figures) for (const miss of f.misses) console.log(`    ${lang}: ${miss}`);
}

// Evaluates the risk screen on test/eval/risk-cases.yaml: recall per level, the false-alarm rate on
// benign near-misses, and every case that fails. Figures, not pass/fail (the tests hold the floors).
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { RiskAssessment } from '../../src/core/risk-level.ts';
import { detectRisk } from '../../src/risk/detect-risk.ts';

export const RiskCaseSchema = z.object({
  text: z.string().min(1),
  level: z.enum(['emergency', 'high', 'abuse', 'concern', 'none']),
  kind: z.enum(['child', 'dv', 'elder', 'disability', 'sexual']).optional(),
  child: z.boolean().optional(),
  note: z.string().optional(),
});
export type RiskCase = z.infer<typeof RiskCaseSchema>;

/**
 * The evaluation sets, each written by someone who had not seen the rules (nor, after the first, the
 * other sets). Each was first run unseen (README "Quality" gives those first-sight figures), then its
 * misses taught the rules something general.
 */
export const RISK_SETS = [
  'test/eval/risk-cases.yaml',
  'test/eval/risk-cases-2.yaml',
  'test/eval/risk-holdout.yaml',
  'test/eval/risk-holdout-2.yaml',
  'test/eval/risk-holdout-3.yaml',
];

export async function loadRiskCases(path = 'test/eval/risk-cases.yaml'): Promise<RiskCase[]> {
  return z.object({ cases: z.array(RiskCaseSchema) }).parse(parse(await readFile(path, 'utf8'))).cases;
}

export type RiskFigures = {
  recall: Record<string, { hit: number; total: number }>;
  /** A risk message caught at any risk level (what matters most: nobody at risk gets a normal answer). */
  anyRisk: { hit: number; total: number };
  falseAlarms: { hit: number; total: number };
  failures: { case: RiskCase; got: RiskAssessment }[];
};

/**
 * A case counts as caught when the screen gives its level or a more urgent one (an emergency read as
 * high still gets the 24 h lines, but the issue asks for the level itself: both are printed).
 */
export function evaluateRisk(cases: RiskCase[]): RiskFigures {
  const recall: RiskFigures['recall'] = {};
  const anyRisk = { hit: 0, total: 0 };
  const falseAlarms = { hit: 0, total: 0 };
  const failures: RiskFigures['failures'] = [];
  for (const c of cases) {
    const got = detectRisk(c.text);
    if (c.level === 'none') {
      falseAlarms.total++;
      if (got.level !== 'none') {
        falseAlarms.hit++;
        failures.push({ case: c, got });
      }
      continue;
    }
    const bucket = recall[c.level] ?? { hit: 0, total: 0 };
    recall[c.level] = bucket;
    bucket.total++;
    anyRisk.total++;
    if (got.level !== 'none') anyRisk.hit++;
    // A child telling of sexual abuse at home is both `child` and `sexual`: either routes to the right lines.
    const childSexual =
      (c.kind === 'sexual' || c.kind === 'child') && (got.abuseKind === 'sexual' || got.abuseKind === 'child') && (c.child === true || got.childVoice === true);
    // Harm in a care facility with no other cue (「施設で利用者さんが職員に…」) may be an older or a disabled
    // person: the reply offers the lines for both.
    const facility = (c.kind === 'elder' || c.kind === 'disability') && (got.abuseKind === 'elder' || got.abuseKind === 'disability');
    const ok = got.level === c.level && (c.level !== 'abuse' || c.kind === undefined || got.abuseKind === c.kind || childSexual || facility);
    if (ok) bucket.hit++;
    else failures.push({ case: c, got });
  }
  return { recall, anyRisk, falseAlarms, failures };
}

export function printRisk(f: RiskFigures, file = 'test/eval/risk-cases.yaml'): void {
  const pct = (x: { hit: number; total: number }) => `${((100 * x.hit) / Math.max(1, x.total)).toFixed(1)}% (${x.hit}/${x.total})`;
  console.log(`\nRisk screen (${file})`);
  for (const [level, x] of Object.entries(f.recall)) console.log(`  recall ${level.padEnd(10)} ${pct(x)}`);
  console.log(`  caught at any risk level ${pct(f.anyRisk)}`);
  console.log(`  false alarms on near-misses ${pct(f.falseAlarms)}`);
  if (f.failures.length > 0) {
    console.log(`  failing cases (${f.failures.length}):`);
    for (const { case: c, got } of f.failures)
      console.log(
        `    want ${c.level}${c.kind ? `/${c.kind}` : ''} got ${got.level}${got.abuseKind ? `/${got.abuseKind}` : ''} (${got.rule ?? '-'}): ${c.text.replace(/\n/g, ' ').slice(0, 80)}`,
      );
  }
}

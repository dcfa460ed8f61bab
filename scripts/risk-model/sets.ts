// The labelled risk sets in test/eval/ and how they are used: each was written by someone who had seen
// neither the rules nor the other sets. The five "rule sets" taught the rules, and the model trains on
// them too — so each is scored by a model trained without it (leave one set out). Neither of the other
// two is ever trained on: the first-sight set was written before the model existed and scored once the
// model was first frozen (README gives that run; one change to how model-only flags are answered
// followed it); the frozen-model set was written after that change and is the headline.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { ABUSE_KINDS } from '../../src/core/risk-level';

export const RiskCaseSchema = z.object({
  text: z.string().min(1),
  level: z.enum(['emergency', 'high', 'abuse', 'concern', 'distress', 'none']),
  kind: z.enum(ABUSE_KINDS).optional(),
  child: z.boolean().optional(),
  lang: z.string().optional(),
  /** Everyday question or hard negative (near-miss): false alarms are counted for each. */
  subset: z.enum(['everyday', 'hard-negative']).optional(),
  note: z.string().optional(),
});
export type RiskCase = z.infer<typeof RiskCaseSchema>;

export const RULE_SETS = [
  'test/eval/risk-cases.yaml',
  'test/eval/risk-cases-2.yaml',
  'test/eval/risk-holdout.yaml',
  'test/eval/risk-holdout-2.yaml',
  'test/eval/risk-holdout-3.yaml',
] as const;

export const FIRST_SIGHT_SET = 'test/eval/risk-first-sight.yaml';
export const FIRST_SIGHT_CONVERSATIONS = 'test/eval/risk-first-sight-conversations.yaml';
export const FROZEN_SET = 'test/eval/risk-frozen.yaml';
export const FROZEN_CONVERSATIONS = 'test/eval/risk-frozen-conversations.yaml';

export async function loadRiskCases(path: string): Promise<RiskCase[]> {
  return z.object({ cases: z.array(RiskCaseSchema) }).parse(parse(await readFile(path, 'utf8'))).cases;
}

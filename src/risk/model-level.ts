// What the learned model's probabilities mean for one message (the screen and the evaluation): flag when
// P(at risk) reaches the threshold of the message's group (cues.ts `flagGroup`, the groups the trainer
// chose thresholds for), at emergency when P(emergency) is high enough, else the likeliest risk level.
import type { EscalationLevel } from '../core/risk-level';
import { flagGroup } from './cues';
import type { ModelClass, ModelVariant } from './model-schema';

export type ModelLevel = EscalationLevel | 'distress' | 'none';

export function modelLevel(p: Record<ModelClass, number>, thresholds: ModelVariant['thresholds'], text: string): ModelLevel {
  const risk = 1 - p.none - p.distress;
  const group = flagGroup(text);
  const threshold = group === 'short' ? thresholds.flagShort : group === 'cue' ? thresholds.flag : thresholds.flagNoCue;
  if (risk < threshold) return p.distress >= thresholds.distress ? 'distress' : 'none';
  if (p.emergency >= thresholds.emergency && p.emergency >= Math.max(p.high, p.abuse, p.concern)) return 'emergency';
  const top = (['high', 'abuse', 'concern'] as const).reduce((best, c) => (p[c] > p[best] ? c : best));
  return top;
}

/** The level head's output (in MODEL_CLASSES order) by class. */
export function byClass(p: readonly number[]): Record<ModelClass, number> {
  return { emergency: p[0] ?? 0, high: p[1] ?? 0, abuse: p[2] ?? 0, concern: p[3] ?? 0, distress: p[4] ?? 0, none: p[5] ?? 0 };
}

// The learned screen's artefact (src/generated/risk-model.json): its shape, checked when the isolate
// loads it. Written by scripts/risk-model/train.ts.
import { z } from 'zod';
import { IdfScaleSchema, LinearHeadSchema } from '../core/linear-model';
import { BUCKETS } from './features';

/** The classes the model tells apart, in the order of its weights. */
export const MODEL_CLASSES = ['emergency', 'high', 'abuse', 'concern', 'distress', 'none'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];

/**
 * One variant of the model: its IDF per bucket (uint8, times `idfScale`), the level head, the kind-of-
 * harm head, and the thresholds chosen for it on held-out folds of the training data.
 */
const VariantSchema = z.object({
  idf: z.string(),
  idfScale: IdfScaleSchema,
  level: LinearHeadSchema,
  kind: LinearHeadSchema,
  /** P(at risk) to flag a message with a risk cue, without one, a short one; P(emergency) for 119 first; P(distress). */
  thresholds: z.object({ flag: z.number(), flagNoCue: z.number(), flagShort: z.number(), emergency: z.number(), distress: z.number() }),
});

export const ModelFileSchema = z.object({
  version: z.literal(3),
  buckets: z.literal(BUCKETS),
  /** With the analyser's words (the usual case) and with characters only (if the analyser failed to load). */
  words: VariantSchema,
  chars: VariantSchema,
  trainedOn: z.object({ messages: z.number(), digest: z.string() }),
});
export type ModelFile = z.infer<typeof ModelFileSchema>;
export type ModelVariant = z.infer<typeof VariantSchema>;

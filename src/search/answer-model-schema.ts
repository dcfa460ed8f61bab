// The answer matcher's artefact (src/generated/answer-index.json): its shape, checked when the isolate
// loads it. Written by scripts/build-answers.ts.
import { z } from 'zod';
import { IdfScaleSchema, LinearHeadSchema } from '../core/linear-model';

export const AnswerModelSchema = z.object({
  version: z.literal(3),
  /** The answers' ids, in the order of the head's classes. */
  classes: z.array(z.string()),
  /** Analysed terms; term i is feature i + 1 (feature 0 stands for a term no phrasing has). */
  vocabulary: z.array(z.string()),
  idf: z.string(),
  idfScale: IdfScaleSchema,
  head: LinearHeadSchema,
  /** P(best answer) below which the message is routed without an answer (chosen on held-out phrasings). */
  floor: z.number(),
  /** Held-out figures at that floor (each phrasing scored by a model trained without its fold). */
  heldOut: z.object({ folds: z.number(), phrasings: z.number(), right: z.number(), wrong: z.number() }),
});
export type AnswerModel = z.infer<typeof AnswerModelSchema>;

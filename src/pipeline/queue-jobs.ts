// What goes through the Queue (OUTBOX_QUEUE): a wake-up for the outbox drain, or a turn D1 could not take.
// Parsed with zod on the way out of the Queue like any input.
import { z } from 'zod';
import { DeferredRecordSchema } from './record-turn';

export const QueueJobSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('drain') }), DeferredRecordSchema]);
export type QueueJob = z.infer<typeof QueueJobSchema>;

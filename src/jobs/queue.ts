// The Queue consumer (wrangler.toml [[queues.consumers]]): wake-ups for the outbox drain, and turns D1
// could not take when they happened. A message that fails is retried by the Queue with a delay; after
// max_retries it goes to the dead-letter queue, whose consumer logs it for the operator.
import { readConfig, type Bindings } from '../core/env';
import { consoleLogger } from '../core/log';
import { makeClock } from '../core/clock';
import { drainOutbox } from '../pipeline/drain-outbox';
import { drainDeps } from '../pipeline/line-deps';
import { QueueJobSchema } from '../pipeline/queue-jobs';
import { writeDeferredRecord } from '../pipeline/record-turn';
import { ensureSchema } from '../record/migrate';

export const DEAD_LETTER_QUEUE = 'nerima-navi-outbox-dlq';
const RETRY_DELAY_S = 30;

export async function consumeQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) {
    // Never the resident's words in a log: only what kind of job could not be done.
    for (const message of batch.messages) {
      const job = QueueJobSchema.safeParse(message.body);
      consoleLogger.error('queue: job given up after every retry', {
        kind: job.success ? job.data.kind : 'unreadable',
        id: message.id,
        attempts: message.attempts,
      });
      message.ack();
    }
    return;
  }
  const config = readConfig(env);
  let drained = false;
  for (const message of batch.messages) {
    const job = QueueJobSchema.safeParse(message.body);
    if (!job.success) {
      consoleLogger.error('queue: unreadable job dropped', { id: message.id });
      message.ack();
      continue;
    }
    try {
      await ensureSchema(env.DB);
      if (job.data.kind === 'record') await writeDeferredRecord(env.DB, job.data, makeClock(config.NOW)());
      else if (!drained) {
        // One drain per batch takes every due row; more wake-ups in the same batch have nothing to add.
        await drainOutbox(drainDeps(env, config, consoleLogger));
        drained = true;
      }
      message.ack();
    } catch (error) {
      consoleLogger.error('queue: job failed; the Queue will retry it', {
        kind: job.data.kind,
        attempts: message.attempts,
        error: error instanceof Error ? error.message : String(error),
      });
      message.retry({ delaySeconds: RETRY_DELAY_S * Math.min(message.attempts, 10) });
    }
  }
}

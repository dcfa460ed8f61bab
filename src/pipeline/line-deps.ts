// The pipeline's I/O for LINE, built once from the Worker's config: the Messaging API client, a sender
// that replies then pushes within the time Workers give work after the response, the staff notifier,
// and the Queue that wakes the outbox drain and keeps turns D1 could not take.
import { type Clock, makeClock, sleep } from '../core/clock';
import type { Bindings, Config } from '../core/env';
import type { Logger } from '../core/log';
import { deliver } from '../send/deliver';
import { type LineApi, lineApiFor } from '../send/line-api';
import { sendNotice } from '../send/notify-staff';
import { respondContext } from './context';
import type { DrainDeps } from './drain-outbox';
import type { PipelineDeps, Sender, StaffNotifier } from './handle-input';
import type { QueueJob } from './queue-jobs';

/**
 * Workers cancel work about 30 s after the response (platform.md); the reply's tries, the D1 writes
 * around them and the staff notices must all fit well inside that.
 */
export const DELIVERY_BUDGET_MS = 18_000;
/** The loading animation's length while a person prepares an answer (LINE allows 5–60 s). */
const LOADING_SECONDS = 60;

export function lineApiOf(config: Config, log: Logger): LineApi | undefined {
  if (config.LINE_CHANNEL_ACCESS_TOKEN === undefined) {
    log.error('send: LINE_CHANNEL_ACCESS_TOKEN is not set; replies cannot be sent');
    return undefined;
  }
  return lineApiFor(config.LINE_CHANNEL_ACCESS_TOKEN, config.LINE_API_BASE_URL);
}

export function lineSender(api: LineApi | undefined, log: Logger): Sender {
  return {
    async deliver(d) {
      if (api === undefined) return { status: 'pending', attempts: 0, error: 'no LINE access token', retryAfterMs: undefined };
      // A resident's reply held up by LINE shows the loading animation while the next try waits.
      return deliver({ ...d, budgetMs: DELIVERY_BUDGET_MS, loadingSeconds: LOADING_SECONDS }, { api, sleep, elapsed: () => performance.now(), log });
    },
    async showLoading(userId) {
      await api?.showLoading(userId, LOADING_SECONDS);
    },
  };
}

export function staffNotifier(config: Config, api: LineApi | undefined): StaffNotifier {
  const channels: { channel: 'line' | 'webhook'; target: string }[] = [];
  if (config.STAFF_NOTIFY_TO !== undefined) channels.push({ channel: 'line', target: config.STAFF_NOTIFY_TO });
  if (config.STAFF_WEBHOOK_URL !== undefined) channels.push({ channel: 'webhook', target: config.STAFF_WEBHOOK_URL });
  return { channels, send: (notice, via) => sendNotice(notice, via, api) };
}

export function queueOf(env: Bindings): { wake: (delaySeconds: number) => Promise<void>; defer: (job: QueueJob) => Promise<void> } | undefined {
  const queue = env.OUTBOX_QUEUE;
  if (queue === undefined) return undefined;
  return {
    // Queues cap a delay at 12 hours; the drain's backoff never asks for more than 15 minutes.
    wake: async (delaySeconds) => {
      await queue.send({ kind: 'drain' } satisfies QueueJob, { delaySeconds: Math.min(Math.max(0, Math.round(delaySeconds)), 43_200) });
    },
    defer: async (job) => {
      await queue.send(job);
    },
  };
}

/** Everything handleInput needs to answer a LINE event. */
export function linePipelineDeps(env: Bindings, config: Config, log: Logger, clock: Clock = makeClock(config.NOW)): PipelineDeps {
  const api = lineApiOf(config, log);
  const queue = queueOf(env);
  return {
    db: env.DB,
    clock,
    log,
    sender: lineSender(api, log),
    notifier: staffNotifier(config, api),
    context: () => respondContext(clock, log),
    wake: queue?.wake,
    defer: queue?.defer,
  };
}

export function drainDeps(env: Bindings, config: Config, log: Logger): DrainDeps {
  return { db: env.DB, clock: makeClock(config.NOW), log, line: lineApiOf(config, log), wake: queueOf(env)?.wake };
}

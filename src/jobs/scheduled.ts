// The cron jobs (wrangler.toml [triggers]): every few minutes the outbox drain and the recovery of
// unanswered turns (a backstop for the Queue), and once a day the retention clean-up.
import { readConfig, type Bindings } from '../core/env';
import { consoleLogger } from '../core/log';
import { drainOutbox } from '../pipeline/drain-outbox';
import { drainDeps, linePipelineDeps } from '../pipeline/line-deps';
import { recoverStuckTurns } from '../pipeline/recover';
import { ensureSchema } from '../record/migrate';
import { runRetention } from './retention';

/** The daily clean-up's schedule; any other cron is the frequent one. */
export const DAILY_CRON = '17 3 * * *';

export async function runScheduled(cron: string, env: Bindings): Promise<void> {
  if (cron === DAILY_CRON) {
    await runRetention(env);
    return;
  }
  const config = readConfig(env);
  await ensureSchema(env.DB);
  await drainOutbox(drainDeps(env, config, consoleLogger));
  await recoverStuckTurns(linePipelineDeps(env, config, consoleLogger));
}

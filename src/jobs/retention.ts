// The daily cron job: deletes conversation data past RETENTION_DAYS (wrangler.toml [triggers]).
import { makeClock } from '../core/clock';
import { type Bindings, readConfig } from '../core/env';
import { consoleLogger } from '../core/log';
import { ensureSchema } from '../record/migrate';
import { deleteExpired, type RetentionResult } from '../record/retention';

export async function runRetention(env: Bindings): Promise<RetentionResult> {
  try {
    const config = readConfig(env);
    await ensureSchema(env.DB);
    const result = await deleteExpired(env.DB, makeClock(config.NOW)(), config.RETENTION_DAYS);
    consoleLogger.info('retention: expired data deleted', { days: config.RETENTION_DAYS, ...result });
    return result;
  } catch (error) {
    // Rethrown so the cron run shows as failed in the dashboard; logged here with what it was doing.
    consoleLogger.error('retention: clean-up failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    throw error;
  }
}

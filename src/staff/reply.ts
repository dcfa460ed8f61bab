// A staff member's message to the resident: a LINE push with an X-Line-Retry-Key (the form's reply key,
// so a resubmitted form is delivered once). If LINE does not take it within a few seconds, it is
// recorded as pending and the outbox sends it when LINE answers again, with the same key.
import { type Clock, makeClock, sleep } from '../core/clock';
import type { Bindings, Config } from '../core/env';
import { consoleLogger, type Logger } from '../core/log';
import { FIRST_RETRY_S } from '../pipeline/handle-input';
import { lineApiOf, queueOf } from '../pipeline/line-deps';
import { pendingReplyStatement } from '../record/outbox';
import { recordStaffReply, residentOf } from '../record/staff-actions';
import { deliver } from '../send/deliver';

export type ReplyDeps = {
  db: D1Database;
  config: Config;
  clock: Clock;
  log: Logger;
  wake?: ((delaySeconds: number) => Promise<void>) | undefined;
  sleep?: (ms: number) => Promise<void>;
};
export type ReplyOutcome = 'sent' | 'queued' | 'refused' | 'duplicate' | 'not-found' | 'not-configured';

/** A staff member waits for the page: a short budget, then the outbox takes over. */
const STAFF_REPLY_BUDGET_MS = 12_000;

/** What a staff reply needs from a request: the page and the API build it the same way. */
export function replyDeps(env: Bindings, config: Config): ReplyDeps {
  return { db: env.DB, config, clock: makeClock(config.NOW), log: consoleLogger, wake: queueOf(env)?.wake };
}

export async function sendStaffReply(escalationId: number, text: string, replyKey: string, actor: string, deps: ReplyDeps): Promise<ReplyOutcome> {
  const userId = await residentOf(deps.db, escalationId);
  if (userId === undefined) return 'not-found';
  const api = lineApiOf(deps.config, deps.log);
  if (api === undefined) return 'not-configured';
  const result = await deliver(
    { to: userId, messages: [{ type: 'text', text }], retryKey: replyKey, budgetMs: STAFF_REPLY_BUDGET_MS, label: `staff reply to #${escalationId}` },
    { api, sleep: deps.sleep ?? sleep, elapsed: () => performance.now(), log: deps.log },
  );
  if (result.status === 'refused') return 'refused';
  const now = deps.clock();
  const pending =
    result.status === 'pending'
      ? (messageEventId: string) =>
          pendingReplyStatement(
            deps.db,
            { userId, eventId: messageEventId, claim: undefined },
            {
              from: 'staff',
              payload: JSON.stringify([{ type: 'text', text }]),
              retryKey: replyKey,
              crisis: false,
              attempts: 1,
              error: result.error,
              nextAttemptAt: new Date(now.getTime() + FIRST_RETRY_S * 1000),
            },
            now,
            // Like the staff turn it belongs to (staff-actions.ts), kept whatever the resident did since.
            { ignoreTombstone: true },
          )
      : undefined;
  const recorded = await recordStaffReply(deps.db, escalationId, { text, replyKey, delivery: result.status, pending }, actor, now);
  if (recorded === 'not-found') return 'not-found';
  if (recorded === 'unchanged') return 'duplicate';
  if (result.status === 'pending') {
    await deps.wake?.(FIRST_RETRY_S).catch((e: unknown) => deps.log.error('staff: could not wake the outbox drain', { error: String(e) }));
    return 'queued';
  }
  return 'sent';
}

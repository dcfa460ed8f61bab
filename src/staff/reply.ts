// A staff member's message to the resident: a LINE push with an X-Line-Retry-Key (the form's reply key,
// so a resubmitted form is delivered once), recorded only once LINE has accepted it.
import { makeClock, type Clock } from '../clock';
import type { Config } from '../env';
import { consoleLogger, type Logger } from '../log';
import { recordStaffReply, residentOf } from '../record/staff-actions';
import { deliver } from '../send/deliver';
import { makeLineApi } from '../send/line-api';

export type ReplyDeps = { db: D1Database; config: Config; clock: Clock; log: Logger; sleep?: (ms: number) => Promise<void> };
export type ReplyOutcome = 'sent' | 'duplicate' | 'not-found' | 'not-configured' | 'failed';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a staff reply needs from a request: the page and the API build it the same way. */
export function replyDeps(db: D1Database, config: Config): ReplyDeps {
  return { db, config, clock: makeClock(config.NOW), log: consoleLogger };
}

export async function sendStaffReply(escalationId: number, text: string, replyKey: string, actor: string, deps: ReplyDeps): Promise<ReplyOutcome> {
  const userId = await residentOf(deps.db, escalationId);
  if (userId === undefined) return 'not-found';
  if (deps.config.LINE_CHANNEL_ACCESS_TOKEN === undefined) {
    deps.log.error('staff: LINE_CHANNEL_ACCESS_TOKEN is not set; staff replies cannot be sent');
    return 'not-configured';
  }
  const api = makeLineApi(deps.config.LINE_CHANNEL_ACCESS_TOKEN, deps.config.LINE_API_BASE_URL);
  const result = await deliver({ userId, messages: [{ type: 'text', text }] }, { api, sleep: deps.sleep ?? sleep, newRetryKey: () => replyKey, log: deps.log });
  if (result.via === 'failed') return 'failed';
  const recorded = await recordStaffReply(deps.db, escalationId, text, replyKey, actor, deps.clock());
  return recorded === 'changed' ? 'sent' : recorded === 'unchanged' ? 'duplicate' : 'not-found';
}

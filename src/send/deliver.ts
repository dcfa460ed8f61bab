// Gets a message to a resident inside a time budget, however LINE behaves: the reply API first, retried
// with backoff while the reply token is fresh; then a push with an X-Line-Retry-Key, retried with the same
// key so LINE delivers it once (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/).
// What does not go out within the budget comes back `pending`: the caller puts it in the outbox, and the
// drain pushes it later with the same key.
import type { Logger } from '../core/log';
import { type CallFailure, describeFailure, isRetryable, type LineApi, type Message } from './line-api';

export type DeliveryDeps = {
  api: LineApi;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds on a monotonic clock, for the budget. */
  elapsed: () => number;
  log: Logger;
};

export type Delivery = {
  replyToken?: string | undefined;
  to: string;
  messages: Message[];
  retryKey: string;
  /** Total time the tries may take (each call is also capped by CALL_TIMEOUT_MS). */
  budgetMs: number;
  /** Who it is for, for the log (a pseudonym or "staff"): never a LINE user id. */
  label: string;
  /**
   * Seconds of LINE's loading animation to show the resident when the reply cannot go out at once (LINE
   * is slow or failing and the next try waits): they see the bot is answering. Absent for staff.
   */
  loadingSeconds?: number | undefined;
};

export type DeliveryResult =
  | { status: 'sent'; via: 'reply' | 'push'; attempts: number }
  /** Not taken yet, but LINE may take it later (a timeout, a 5xx, 429): for the outbox. */
  | { status: 'pending'; attempts: number; error: string; retryAfterMs: number | undefined }
  /** LINE said no to the push itself (a 4xx other than 429; a 409 is a delivery: line-api.ts): retrying would not help. */
  | { status: 'refused'; attempts: number; error: string };

/**
 * LINE's loading animation (https://developers.line.biz/en/reference/messaging-api/#display-a-loading-indicator),
 * once, not waited for: it must never delay the retry, and its failure changes nothing.
 */
function showLoading(d: Delivery, deps: DeliveryDeps): void {
  deps.api.showLoading(d.to, d.loadingSeconds ?? 5).catch((error: unknown) => {
    deps.log.warn('deliver: loading animation failed', { to: d.label, error: describeFailure(error).message });
  });
}

/** Backoff between tries; a 429's Retry-After wins when it is longer. */
const REPLY_BACKOFF_MS = [300, 1000];
const PUSH_BACKOFF_MS = [1000];
/** A try is started only if a whole call still fits in the budget. */
const CALL_ROOM_MS = 5_500;

export async function deliver(d: Delivery, deps: DeliveryDeps): Promise<DeliveryResult> {
  const started = deps.elapsed();
  const left = () => d.budgetMs - (deps.elapsed() - started);
  let attempts = 0;
  let last: CallFailure | undefined;

  if (d.replyToken !== undefined) {
    let ambiguous = false;
    for (let i = 0; i <= REPLY_BACKOFF_MS.length && left() > CALL_ROOM_MS; i++) {
      attempts++;
      try {
        await deps.api.reply(d.replyToken, d.messages);
        return { status: 'sent', via: 'reply', attempts };
      } catch (error) {
        last = describeFailure(error);
        deps.log.warn('deliver: reply failed', { to: d.label, attempt: attempts, status: last.status, requestId: last.requestId, error: last.message });
        // 400 after a try LINE may have taken (a 5xx, a timeout, a lost answer): the token was used by
        // that try, so the resident has it. Pushing now would send it twice.
        if (ambiguous && last.status === 400) return { status: 'sent', via: 'reply', attempts };
        // Any other 4xx: the token is used up or expired (400 "Invalid reply token"): push at once.
        if (!isRetryable(last)) break;
        ambiguous = true;
        const wait = waitFor(last, REPLY_BACKOFF_MS[i]);
        if (wait === undefined || wait > left() - CALL_ROOM_MS) break;
        if (i === 0 && d.loadingSeconds !== undefined) showLoading(d, deps);
        await deps.sleep(wait);
      }
    }
  }

  for (let i = 0; i <= PUSH_BACKOFF_MS.length && left() > CALL_ROOM_MS; i++) {
    attempts++;
    try {
      await deps.api.push(d.to, d.messages, d.retryKey);
      return { status: 'sent', via: 'push', attempts };
    } catch (error) {
      last = describeFailure(error);
      deps.log.warn('deliver: push failed', {
        to: d.label,
        attempt: attempts,
        retryKey: d.retryKey,
        status: last.status,
        requestId: last.requestId,
        error: last.message,
      });
      if (!isRetryable(last)) {
        deps.log.error('deliver: LINE refused the message', { to: d.label, status: last.status, requestId: last.requestId });
        return { status: 'refused', attempts, error: last.message };
      }
      const wait = waitFor(last, PUSH_BACKOFF_MS[i]);
      if (wait === undefined || wait > left() - CALL_ROOM_MS) break;
      await deps.sleep(wait);
    }
  }
  deps.log.error('deliver: not delivered yet; left for the outbox', { to: d.label, attempts, retryKey: d.retryKey });
  return { status: 'pending', attempts, error: last?.message ?? 'no time left to try', retryAfterMs: last?.retryAfterMs };
}

function waitFor(failure: CallFailure, backoff: number | undefined): number | undefined {
  if (backoff === undefined) return undefined;
  return Math.max(backoff, failure.retryAfterMs ?? 0);
}

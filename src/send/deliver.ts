// Gets a reply to the resident however LINE behaves: the reply API first, retried with backoff while the
// reply token is fresh; then a push with an X-Line-Retry-Key, retried with the same key so LINE delivers
// it once (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/).
import { describeFailure, type CallFailure, type LineApi, type Message } from './line-api';
import type { Logger } from '../log';

export type DeliveryDeps = {
  api: LineApi;
  sleep: (ms: number) => Promise<void>;
  /** A fresh UUID for the push's retry key. */
  newRetryKey: () => string;
  log: Logger;
};

export type Delivery = { replyToken?: string; userId: string; messages: Message[] };
export type DeliveryResult = { via: 'reply' | 'push' | 'failed'; attempts: number };

/** Backoff between attempts; a 429's Retry-After wins when it is longer, capped so we stay inside waitUntil's time. */
const BACKOFF_MS = [300, 1000, 2500];
const MAX_WAIT_MS = 8000;

const retryable = (f: CallFailure) => f.status === undefined || f.status === 429 || f.status >= 500;

export async function deliver(delivery: Delivery, deps: DeliveryDeps): Promise<DeliveryResult> {
  let attempts = 0;
  if (delivery.replyToken !== undefined) {
    for (let i = 0; i <= BACKOFF_MS.length; i++) {
      attempts++;
      try {
        await deps.api.reply(delivery.replyToken, delivery.messages);
        return { via: 'reply', attempts };
      } catch (error) {
        const failure = describeFailure(error);
        deps.log.warn('deliver: reply failed', { attempt: i + 1, ...failure });
        // A 4xx other than 429 means the token is used up or expired (400 "Invalid reply token"): push instead.
        if (!retryable(failure) || i === BACKOFF_MS.length) break;
        await deps.sleep(waitFor(failure, i));
      }
    }
  }
  const retryKey = deps.newRetryKey();
  for (let i = 0; i <= BACKOFF_MS.length; i++) {
    attempts++;
    try {
      await deps.api.push(delivery.userId, delivery.messages, retryKey);
      return { via: 'push', attempts };
    } catch (error) {
      const failure = describeFailure(error);
      // 409 with a retry key: LINE already accepted this push on an earlier attempt.
      if (failure.status === 409) return { via: 'push', attempts };
      deps.log.warn('deliver: push failed', { attempt: i + 1, retryKey, ...failure });
      if (!retryable(failure) || i === BACKOFF_MS.length) break;
      await deps.sleep(waitFor(failure, i));
    }
  }
  deps.log.error('deliver: message not delivered', { userId: delivery.userId, attempts });
  return { via: 'failed', attempts };
}

function waitFor(failure: CallFailure, attempt: number): number {
  const backoff = BACKOFF_MS[attempt] ?? MAX_WAIT_MS;
  return Math.min(Math.max(backoff, failure.retryAfterMs ?? 0), MAX_WAIT_MS);
}

// The LINE Messaging API calls the bot makes, through @line/bot-sdk's MessagingApiClient, with every
// call sent to LINE_API_BASE_URL (a fake LINE API in tests and local runs) and time-boxed: the SDK's
// client takes no AbortSignal, so we stop waiting after CALL_TIMEOUT_MS and treat the call as failed
// (LINE's retry guide: a timed-out request is retried; a push keeps its X-Line-Retry-Key).
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';

export type Message = messagingApi.Message;

/** LINE takes at most 5 messages per reply or push (https://developers.line.biz/en/reference/messaging-api/#send-reply-message). */
export const MAX_MESSAGES = 5;

export interface LineApi {
  reply(replyToken: string, messages: Message[]): Promise<void>;
  /**
   * `retryKey` is the X-Line-Retry-Key: LINE delivers a push once however often it is retried with it.
   * Resolves when LINE has the messages — also when it answers 409, which for a retry key means an earlier
   * try was accepted and only its answer was lost (https://developers.line.biz/en/docs/messaging-api/retrying-api-request/).
   */
  push(to: string, messages: Message[], retryKey: string): Promise<void>;
  /** The "typing" indicator (https://developers.line.biz/en/reference/messaging-api/#display-a-loading-indicator), 5–60 s. */
  showLoading(userId: string, seconds: number): Promise<void>;
}

/** One call waits at most this long: all of a delivery's tries fit well inside the 30 s Workers give work after the response. */
export const CALL_TIMEOUT_MS = 5_000;

export class TimeoutError extends Error {
  constructor(what: string) {
    super(`${what}: no answer within ${CALL_TIMEOUT_MS} ms`);
    this.name = 'TimeoutError';
  }
}

export function withTimeout<T>(call: Promise<T>, what: string, ms = CALL_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what)), ms);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

const clients = new Map<string, LineApi>();

/** One client per token and base URL, kept for the isolate's life (not rebuilt per request). */
export function lineApiFor(channelAccessToken: string, baseURL: string): LineApi {
  const key = `${baseURL}\n${channelAccessToken}`;
  let api = clients.get(key);
  if (api === undefined) {
    api = makeLineApi(new messagingApi.MessagingApiClient({ channelAccessToken, baseURL }));
    clients.set(key, api);
  }
  return api;
}

function makeLineApi(client: messagingApi.MessagingApiClient): LineApi {
  return {
    async reply(replyToken, messages) {
      await withTimeout(client.replyMessage({ replyToken, messages }), 'reply');
    },
    async push(to, messages, retryKey) {
      try {
        await withTimeout(client.pushMessage({ to, messages }, retryKey), 'push');
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status === 409) return; // delivered on an earlier try
        throw error;
      }
    },
    async showLoading(userId, seconds) {
      await withTimeout(client.showLoadingAnimation({ chatId: userId, loadingSeconds: seconds }), 'loading');
    },
  };
}

/** What a failed call tells us: the HTTP status (none for a network error or a timeout), LINE's request id, Retry-After. */
export type CallFailure = { status: number | undefined; requestId: string | undefined; retryAfterMs: number | undefined; message: string; timedOut: boolean };

/** A failure found without an HTTP answer to describe (no token, a bad stored payload, a non-LINE endpoint). */
export function callFailure(status: number | undefined, message: string): CallFailure {
  return { status, requestId: undefined, retryAfterMs: undefined, message, timedOut: false };
}

export function describeFailure(error: unknown): CallFailure {
  if (error instanceof HTTPFetchError) {
    const header = error.headers.get('retry-after');
    const retryAfter = header === null ? Number.NaN : Number(header);
    return {
      status: error.status,
      requestId: error.headers.get('x-line-request-id') ?? undefined,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
      message: `${error.status} ${error.body.slice(0, 200)}`,
      timedOut: false,
    };
  }
  return { ...callFailure(undefined, error instanceof Error ? error.message : String(error)), timedOut: error instanceof TimeoutError };
}

/** Worth trying again: no answer, a timeout, 429 or a 5xx. A 4xx is LINE saying no. */
export const isRetryable = (f: CallFailure) => f.status === undefined || f.status === 429 || f.status >= 500;

// The LINE Messaging API calls the bot makes, through @line/bot-sdk's MessagingApiClient, with every
// call sent to LINE_API_BASE_URL (a fake LINE API in tests and local runs).
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';

export type Message = messagingApi.Message;

export interface LineApi {
  reply(replyToken: string, messages: Message[]): Promise<void>;
  /** `retryKey` is the X-Line-Retry-Key: LINE delivers a push once however often it is retried with it. */
  push(to: string, messages: Message[], retryKey: string): Promise<void>;
  /** The "typing" indicator while a reply is composed (https://developers.line.biz/en/reference/messaging-api/#display-a-loading-indicator). */
  showLoading(userId: string): Promise<void>;
}

export function makeLineApi(channelAccessToken: string, baseURL: string): LineApi {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL });
  return {
    async reply(replyToken, messages) {
      await client.replyMessage({ replyToken, messages });
    },
    async push(to, messages, retryKey) {
      await client.pushMessage({ to, messages }, retryKey);
    },
    async showLoading(userId) {
      await client.showLoadingAnimation({ chatId: userId, loadingSeconds: 10 });
    },
  };
}

/** What a failed call tells us: the HTTP status (none for a network error), LINE's request id, Retry-After. */
export type CallFailure = { status: number | undefined; requestId: string | undefined; retryAfterMs: number | undefined; message: string };

export function describeFailure(error: unknown): CallFailure {
  if (error instanceof HTTPFetchError) {
    const header = error.headers.get('retry-after');
    const retryAfter = header === null ? Number.NaN : Number(header);
    return {
      status: error.status,
      requestId: error.headers.get('x-line-request-id') ?? undefined,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
      message: `${error.status} ${error.body.slice(0, 200)}`,
    };
  }
  return { status: undefined, requestId: undefined, retryAfterMs: undefined, message: error instanceof Error ? error.message : String(error) };
}

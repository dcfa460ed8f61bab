// Builds LINE webhook events and signed requests, as LINE sends them, for the tests and the bench.
import { signBody } from '../../src/verify/verify-signature';

let counter = 0;
/** A unique ULID-like id (LINE's webhookEventId is a ULID). */
export function eventId(): string {
  counter += 1;
  return `01TEST${Date.now().toString(36).toUpperCase()}${counter.toString(36).toUpperCase().padStart(6, '0')}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
}

type Base = { userId?: string; webhookEventId?: string; isRedelivery?: boolean; timestamp?: number };

function base(o: Base) {
  return {
    mode: 'active',
    timestamp: o.timestamp ?? Date.now(),
    source: { type: 'user', userId: o.userId ?? 'U00000000000000000000000000000001' },
    webhookEventId: o.webhookEventId ?? eventId(),
    deliveryContext: { isRedelivery: o.isRedelivery ?? false },
  };
}

export const events = {
  text: (text: string, o: Base = {}) => ({
    ...base(o),
    type: 'message',
    replyToken: `rt-${eventId()}`,
    message: { type: 'text', id: String(Math.floor(Math.random() * 1e15)), text, quoteToken: 'q' },
  }),
  sticker: (o: Base = {}) => ({
    ...base(o),
    type: 'message',
    replyToken: `rt-${eventId()}`,
    message: { type: 'sticker', id: '1', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' },
  }),
  media: (type: 'image' | 'audio' | 'video' | 'location', o: Base = {}) => ({
    ...base(o),
    type: 'message',
    replyToken: `rt-${eventId()}`,
    message: { type, id: '2', contentProvider: { type: 'line' } },
  }),
  follow: (o: Base = {}) => ({ ...base(o), type: 'follow', replyToken: `rt-${eventId()}`, follow: { isUnblocked: false } }),
  unfollow: (o: Base = {}) => ({ ...base(o), type: 'unfollow' }),
  postback: (data: string, o: Base = {}) => ({ ...base(o), type: 'postback', replyToken: `rt-${eventId()}`, postback: { data } }),
};

export function webhookBody(list: unknown[]): string {
  return JSON.stringify({ destination: 'Udestination0000000000000000000000', events: list });
}

export async function signedRequest(url: string, body: string, secret: string): Promise<Request> {
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': await signBody(body, secret) }, body });
}

// LINE webhook bodies and the events this bot handles, as zod schemas
// (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects). Events of other
// types, or that do not match, are set aside one by one so that one odd event never fails the batch.
import { z } from 'zod';
import { parsePostback } from '../compose/postback';
import type { ResidentInput } from '../pipeline/handle-input';
import { cleanText } from './resident-text';

export const WebhookBodySchema = z.object({
  destination: z.string(),
  events: z.array(z.unknown()),
});

const UserSourceSchema = z.object({ type: z.literal('user'), userId: z.string().min(1) });

const common = {
  mode: z.enum(['active', 'standby']),
  timestamp: z.number(),
  source: UserSourceSchema,
  webhookEventId: z.string().min(1),
  deliveryContext: z.object({ isRedelivery: z.boolean() }),
};

const TextMessageSchema = z.object({ type: z.literal('text'), id: z.string(), text: z.string() });
/** Stickers, images, audio, video, files and locations: the bot asks for words instead. */
const OtherMessageSchema = z.object({
  type: z.enum(['sticker', 'image', 'video', 'audio', 'file', 'location']),
  id: z.string(),
});

export const MessageEventSchema = z.object({
  ...common,
  type: z.literal('message'),
  replyToken: z.string().min(1),
  message: z.discriminatedUnion('type', [TextMessageSchema, OtherMessageSchema]),
});
export const FollowEventSchema = z.object({ ...common, type: z.literal('follow'), replyToken: z.string().min(1) });
export const UnfollowEventSchema = z.object({ ...common, type: z.literal('unfollow') });
export const PostbackEventSchema = z.object({
  ...common,
  type: z.literal('postback'),
  replyToken: z.string().min(1),
  postback: z.object({ data: z.string().max(300) }),
});

export const EventSchema = z.discriminatedUnion('type', [MessageEventSchema, FollowEventSchema, UnfollowEventSchema, PostbackEventSchema]);
export type LineEvent = z.infer<typeof EventSchema>;

export type ParsedEvents = { events: LineEvent[]; ignored: { index: number; reason: string }[] };

/** Splits a verified webhook body into events to handle and events to ignore (with the reason, for the log). */
export function parseEvents(rawEvents: unknown[]): ParsedEvents {
  const events: LineEvent[] = [];
  const ignored: { index: number; reason: string }[] = [];
  rawEvents.forEach((raw, index) => {
    const parsed = EventSchema.safeParse(raw);
    if (!parsed.success) {
      ignored.push({ index, reason: describeIgnored(raw) });
    } else if (parsed.data.mode === 'standby') {
      // In standby another channel answers this chat (Module channels); replying would be an error.
      ignored.push({ index, reason: 'standby mode' });
    } else {
      events.push(parsed.data);
    }
  });
  return { events, ignored };
}

function describeIgnored(raw: unknown): string {
  const type = z.object({ type: z.string() }).safeParse(raw);
  return type.success ? `unhandled event type "${type.data.type.slice(0, 40)}"` : 'not an event object';
}

/** What the pipeline gets from one event: a resident's input, or a resident leaving (unfollow). */
export type EventWork = { kind: 'input'; input: ResidentInput; follow: boolean } | { kind: 'unfollow'; userId: string; eventId: string };

/** A LINE event as the pipeline's input: text made safe once here (resident-text.ts), postback data parsed with zod. */
export function toWork(event: LineEvent): EventWork {
  const base = { userId: event.source.userId, eventId: event.webhookEventId };
  switch (event.type) {
    case 'unfollow':
      return { kind: 'unfollow', ...base };
    case 'follow':
      return { kind: 'input', follow: true, input: { ...base, replyToken: event.replyToken, kind: 'follow', input: { kind: 'follow' } } };
    case 'postback':
      return {
        kind: 'input',
        follow: false,
        input: {
          ...base,
          replyToken: event.replyToken,
          kind: 'postback',
          input: { kind: 'postback', postback: parsePostback(event.postback.data), data: cleanText(event.postback.data) },
        },
      };
    case 'message':
      return {
        kind: 'input',
        follow: false,
        input:
          event.message.type === 'text'
            ? { ...base, replyToken: event.replyToken, kind: 'text', input: { kind: 'text', text: cleanText(event.message.text) } }
            : { ...base, replyToken: event.replyToken, kind: event.message.type, input: { kind: 'media', type: event.message.type } },
      };
  }
}

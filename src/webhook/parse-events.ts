// LINE webhook bodies and the events this bot handles, as zod schemas
// (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects). Events of other
// types, or that do not match, are set aside one by one so that one odd event never fails the batch.
import { z } from 'zod';

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

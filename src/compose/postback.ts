// Postback data (from quick replies and the rich menu) as a small query string, parsed with zod:
// it comes back from the client, so it is untrusted input like any message.
import { z } from 'zod';
import { LocaleSchema } from '../core/locale';
import { CategorySchema } from '../knowledge/schema';

const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(80);

export const PostbackSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('category'), category: CategorySchema }),
  z.object({ action: z.literal('more') }),
  z.object({ action: z.literal('non-phone') }),
  z.object({ action: z.literal('talk-now') }),
  z.object({ action: z.literal('howto') }),
  /** The language menu, and a choice from it. */
  z.object({ action: z.literal('language') }),
  z.object({ action: z.literal('set-language'), locale: LocaleSchema }),
  /** 「役に立った」「役に立たなかった」 on an answer (`answer`: its id) or on the windows shown. */
  z.object({ action: z.literal('feedback'), helpful: z.enum(['yes', 'no']), answer: Id.optional() }),
  /** 「必要なもの」「場所・地図」「予約は？」 about the first window shown. */
  z.object({ action: z.literal('follow-up'), about: z.enum(['bring', 'place', 'reservation']) }),
]);
export type Postback = z.infer<typeof PostbackSchema>;

export function postbackData(postback: Postback): string {
  return new URLSearchParams(Object.entries(postback)).toString();
}

export function parsePostback(data: string): Postback | undefined {
  const parsed = PostbackSchema.safeParse(Object.fromEntries(new URLSearchParams(data)));
  return parsed.success ? parsed.data : undefined;
}

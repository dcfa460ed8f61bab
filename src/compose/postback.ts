// Postback data (from quick replies and the rich menu) as a small query string, parsed with zod:
// it comes back from the client, so it is untrusted input like any message.
import { z } from 'zod';
import { CategorySchema } from '../knowledge/schema';

export const PostbackSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('category'), category: CategorySchema }),
  z.object({ action: z.literal('more') }),
  z.object({ action: z.literal('non-phone') }),
  z.object({ action: z.literal('talk-now') }),
  z.object({ action: z.literal('howto') }),
]);
export type Postback = z.infer<typeof PostbackSchema>;

export function postbackData(postback: Postback): string {
  return new URLSearchParams(Object.entries(postback)).toString();
}

export function parsePostback(data: string): Postback | undefined {
  const parsed = PostbackSchema.safeParse(Object.fromEntries(new URLSearchParams(data)));
  return parsed.success ? parsed.data : undefined;
}

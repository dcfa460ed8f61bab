// What the bot remembers between a resident's messages (conversations.state), validated on the way in:
// a row from an older version or a broken row gives a fresh state, never an error.
import { z } from 'zod';
import { EscalationLevelSchema } from '../core/risk-level';
import { CategorySchema } from '../knowledge/schema';

export const ConversationStateSchema = z.object({
  /** The last crisis reply: later short answers (「はい」) stay in that context. */
  crisis: z.object({ level: EscalationLevelSchema, at: z.string() }).optional(),
  /** The words of the last search, and the windows already shown (「ほかの窓口」 shows the next ones). */
  lastQuery: z.string().optional(),
  lastCategory: CategorySchema.optional(),
  shown: z.array(z.string()).default([]),
  /**
   * The resident's last few words (cut short), for the risk screen's reading of the conversation: weak
   * signals add up across turns (「もう疲れた」 then 「薬はもう手元にある」). Kept a few hours at most.
   */
  recent: z.array(z.object({ text: z.string().max(400), at: z.string() })).default([]),
  /** The language the resident writes in, when not Japanese. */
  lang: z.string().optional(),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export function readState(raw: string | undefined): ConversationState {
  if (raw === undefined) return ConversationStateSchema.parse({});
  try {
    const parsed = ConversationStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : ConversationStateSchema.parse({});
  } catch {
    return ConversationStateSchema.parse({});
  }
}

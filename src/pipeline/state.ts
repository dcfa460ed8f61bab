// What the bot remembers between a resident's messages (conversations.state), validated on the way in:
// a row from an older version or a broken row gives a fresh state, never an error.
import { z } from 'zod';
import { LocaleSchema } from '../core/locale';
import { EscalationLevelSchema } from '../core/risk-level';
import { CategorySchema } from '../knowledge/schema';

export const ConversationStateSchema = z.object({
  /** The last crisis reply: later short answers (「はい」) stay in that context. */
  crisis: z.object({ level: EscalationLevelSchema, at: z.string() }).optional(),
  /** The words of the last search, and the windows already shown (「ほかの窓口」 shows the next ones). */
  lastQuery: z.string().optional(),
  lastCategory: CategorySchema.optional(),
  /** The answer last given (knowledge/answers/): a rating or 「必要なもの」 refers to it. */
  lastAnswer: z.string().optional(),
  shown: z.array(z.string()).default([]),
  /**
   * The resident's last few words (cut short), for the risk screen's reading of the conversation: weak
   * signals add up across turns (「もう疲れた」 then 「薬はもう手元にある」). Kept a few hours at most.
   */
  recent: z.array(z.object({ text: z.string().max(400), at: z.string() })).default([]),
  /** The language the bot answers in (a row from an older version with another value starts over in Japanese). */
  lang: LocaleSchema.optional().catch(undefined),
  /** True when the resident chose it from the language menu: it holds over a message written in Japanese. */
  langChosen: z.boolean().optional(),
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

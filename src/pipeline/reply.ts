// What respond() hands back, and the pieces every kind of answer shares: the context it needs (the time
// now, the analyser), the windows reply with its after-hours line, and the bot's turn as text.
import type { Tokenizer } from '../analyse/tokenizer';
import { formatLine, openLineForTopic } from '../compose/crisis';
import { textMessage } from '../compose/messages';
import { promptsFor } from '../compose/prompts';
import { feedbackItems, followUpItems } from '../compose/quick-replies';
import { windowsMessage, windowsNow } from '../compose/windows';
import type { Locale } from '../core/locale';
import type { RiskAssessment, ScreenLevel } from '../core/risk-level';
import type { Category, Entry } from '../knowledge/schema';
import type { Message } from '../send/line-api';
import type { ConversationState } from './state';

export type RespondContext = {
  now: Date;
  /** While staff handle this resident, the bot says so after its answer. */
  staffHandling: boolean;
  /** The analyser; undefined if it could not load (the risk screen and crisis replies never need it). */
  tokenizer: Tokenizer | undefined;
  /** The risk screen's result for a text, when the caller has already screened it (it runs before any I/O). */
  risk?: RiskAssessment | undefined;
  /** Answer in this language whatever the words say: the Japanese copy of a reply kept for staff. */
  locale?: Locale | undefined;
};

export type Reply = {
  messages: Message[];
  state: ConversationState;
  /** What is recorded for the resident's turn and the bot's. */
  inText: string;
  outText: string;
  riskLevel?: ScreenLevel | undefined;
  category?: string | undefined;
  answered?: boolean | undefined;
  /** Set when the message must be flagged for staff. */
  escalation?: { level: Exclude<ScreenLevel, 'distress' | 'none'>; rule: string } | undefined;
  /** The ids of the windows shown as cards, in order (for the record and the evaluation). */
  windows?: string[] | undefined;
  /** The language the reply is in, when the resident's words decided it (recorded with their message). */
  locale?: Locale | undefined;
  /** The answer given from knowledge/answers/, for the record and the staff overview's figures. */
  answerId?: string | undefined;
  /** A rating of what was shown (「役に立った」「役に立たなかった」), with the question it was about. */
  feedback?: { helpful: boolean; answer: string | undefined; question: string | undefined } | undefined;
};

export function reply(messages: Message[], state: ConversationState, inText: string): Reply {
  return { messages, state, inText, outText: '' };
}

/**
 * The windows, and when all are closed, when they open and — only where the topic or the words call for
 * it — a line open now that fits the need (openLineForTopic: never a crisis line under a question about
 * a certificate, never an abuse-report line for a tired parent).
 */
export function windowsReply(
  entries: Entry[],
  categories: Category[],
  now: Date,
  locale: Locale,
  intro: string,
  words: ScreenLevel = 'none',
  answer?: string,
): Message[] {
  const p = promptsFor(locale);
  // Every answer and every set of windows can be rated (「役に立った」「役に立たなかった」), then asked about.
  const quick = { items: [...feedbackItems(locale, answer), ...followUpItems(locale, { window: true })] };
  const reachable = windowsNow(entries, now);
  if (reachable === 'open') return [textMessage(intro), windowsMessage(entries, now, locale, quick)];
  const line = openLineForTopic(categories, now, words);
  // "Closed now" only when every window's own hours say so; with unknown hours, nothing is claimed.
  const parts = [
    reachable === 'closed' ? p.after_hours : undefined,
    line === undefined ? undefined : `${p.open_line_now}\n${formatLine(line, now, locale)}`,
  ].filter((part): part is string => part !== undefined);
  if (parts.length === 0) return [textMessage(intro), windowsMessage(entries, now, locale, quick)];
  return [textMessage(intro), windowsMessage(entries, now, locale), textMessage(parts.join('\n\n'), quick.items)];
}

/** The bot's turn as text for the record: each message's text, or a Flex message's altText. */
export function summarise(messages: Message[]): string {
  return messages.map((m) => (m.type === 'text' ? m.text : m.type === 'flex' ? m.altText : `(${m.type})`)).join('\n---\n');
}

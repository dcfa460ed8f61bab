// The risk screen as the pipeline calls it: every message, first, whole, with nothing that can fail.
// The rule table (detect-risk.ts) reads the text in overlapping windows, so a wish to die in the middle
// of a long story is read like a short message, in time linear in the length.
import { fold } from '../analyse/normalise';
import { isEscalation, type RiskAssessment, severity } from '../core/risk-level';
import { detectRisk } from './detect-risk';

/** Windows of the text the rules read: long enough for any rule's context, overlapping so no phrase is cut. */
const WINDOW = 2_000;
const OVERLAP = 300;

/** Words of distress no rule calls a crisis (「もう限界」「助けて」): the lines open now, no escalation. */
const DISTRESS =
  /つらい|辛い|苦しい|くるしい|しんどい|限界|もう無理|もうむり|助けて|たすけて|疲れた|つかれた|絶望|孤独|ひとりぼっち|一人ぼっち|眠れない|泣いて|泣きたい|こわい|怖い|help/u;

export function screenMessage(text: string): RiskAssessment {
  const rules = windows(text)
    .map(detectRisk)
    .reduce<RiskAssessment>((worst, r) => (severity(r.level) < severity(worst.level) ? r : worst), { level: 'none' });
  if (isEscalation(rules.level)) return rules;
  return DISTRESS.test(fold(text)) ? { level: 'distress', rule: 'distress-words' } : { level: 'none' };
}

function windows(text: string): string[] {
  if (text.length <= WINDOW) return [text];
  const out: string[] = [];
  for (let start = 0; start < text.length; start += WINDOW - OVERLAP) {
    out.push(text.slice(start, start + WINDOW));
    if (start + WINDOW >= text.length) break;
  }
  return out;
}

/** How far back the conversation is read, and how much of each earlier turn. */
export const RECENT_WINDOW_MS = 6 * 60 * 60 * 1000;
export const RECENT_TURNS = 2;
export const RECENT_CHARS = 300;

/**
 * The conversation, not only the message: the last few turns read together with this one. Returns an
 * assessment only when the whole says more than the message alone (「もう疲れた」 then 「薬はもう手元に
 * ある」 is an emergency though neither message is); a conversation already answered as a crisis is not
 * read again (its replies stay in that context).
 */
export function screenConversation(
  recent: readonly { text: string; at: string }[],
  text: string,
  now: Date,
  single: RiskAssessment,
): RiskAssessment | undefined {
  const earlier = recent.filter((r) => now.getTime() - Date.parse(r.at) < RECENT_WINDOW_MS).slice(-RECENT_TURNS);
  if (earlier.length === 0) return undefined;
  const whole = screenMessage([...earlier.map((r) => r.text), text].join('\n'));
  if (!isEscalation(whole.level) || severity(whole.level) >= severity(single.level)) return undefined;
  // The earlier turns alone must not be what flags it (they were answered then): the new words must add.
  const before = screenMessage(earlier.map((r) => r.text).join('\n'));
  if (severity(before.level) <= severity(whole.level)) return undefined;
  return { ...whole, rule: `conversation:${whole.rule ?? whole.level}` };
}

// The risk screen as the pipeline calls it: every message, first, whole (however long), with nothing
// that can fail. The rule table (detect-risk.ts) reads the text in overlapping windows, so a wish to
// die in the middle of a long story is read like a short message, in time linear in the length.
import { fold } from '../analyse/normalise';
import { type RiskAssessment, severity } from '../core/risk-level';
import { detectRisk } from './detect-risk';

/** Windows of the text the rules read: long enough for any rule's context, overlapping so no phrase is cut. */
const WINDOW = 2_000;
const OVERLAP = 300;

/** Words of distress no rule calls a crisis (「もう限界」「助けて」): the lines open now, no escalation. */
const DISTRESS =
  /つらい|辛い|苦しい|くるしい|しんどい|限界|もう無理|もうむり|助けて|たすけて|疲れた|つかれた|絶望|孤独|ひとりぼっち|一人ぼっち|眠れない|泣いて|泣きたい|こわい|怖い|help/u;

export function screenMessage(text: string): RiskAssessment {
  const found = windows(text)
    .map(detectRisk)
    .reduce<RiskAssessment>((worst, r) => (severity(r.level) < severity(worst.level) ? r : worst), { level: 'none' });
  if (found.level !== 'none') return found;
  return DISTRESS.test(fold(text)) ? { level: 'distress', rule: 'distress-words' } : found;
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

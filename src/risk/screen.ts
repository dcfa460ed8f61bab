// The risk screen as the pipeline calls it: every message, first, whole, with nothing that can fail.
// Two screens side by side: the rule table (detect-risk.ts: precise and explainable, it also tells who
// is at risk and what kind of harm) and the learned model (model.ts: catches phrasings nobody wrote a
// rule for). The level is the more severe of the two, except that the model never turns a rule's
// "someone else" (concern) or "abuse" into the writer's own crisis: it raises a rule's level only to
// emergency (danger now). The rules read the text in overlapping windows, the model in sentence windows,
// so a wish to die in the middle of a long story is read like a short message.
import { fold } from '../analyse/normalise';
import { isEscalation, type RiskAssessment, severity } from '../core/risk-level';
import { detectRisk } from './detect-risk';
import type { Tokenizer } from '../analyse/tokenizer';
import { type ModelReading, RISK_MODEL, type RiskModel, readWithModel } from './model';
import { type ModelLevel, modelLevel } from './model-level';

/** Windows of the text the rules read: long enough for any rule's context, overlapping so no phrase is cut. */
const WINDOW = 2_000;
const OVERLAP = 300;

/** Below an even chance of risk, a model-only flag is tentative (core/risk-level.ts `tentative`). */
const MODEL_SURE = 0.5;

/** How sure the model must be to raise a rule's `high` to emergency (119 first). */
const RAISE_TO_EMERGENCY = 0.6;

/** Words of distress no rule calls a crisis (「もう限界」「助けて」): the lines open now, no escalation. */
const DISTRESS =
  /つらい|辛い|苦しい|くるしい|しんどい|限界|もう無理|もうむり|助けて|たすけて|疲れた|つかれた|絶望|孤独|ひとりぼっち|一人ぼっち|眠れない|泣いて|泣きたい|こわい|怖い|help/u;

/**
 * `tokenizer`: the analyser, when it loaded (the model then reads words too); the screen works without it.
 * `model`: the bundled one; the evaluation passes models trained without the set it scores.
 */
export function screenMessage(text: string, tokenizer: Tokenizer | undefined, model: RiskModel = RISK_MODEL): RiskAssessment {
  const rules = windows(text)
    .map(detectRisk)
    .reduce<RiskAssessment>((worst, r) => (severity(r.level) < severity(worst.level) ? r : worst), { level: 'none' });
  const reading = readWithModel(text, tokenizer, model);
  return combine(rules, modelLevel(reading.probabilities, reading.thresholds, text), reading, text);
}

function combine(rules: RiskAssessment, learned: ModelLevel, reading: ModelReading, text: string): RiskAssessment {
  if (isEscalation(rules.level)) {
    // The model may say "danger now" where the rules saw only the writer's thought — when it is sure
    // (RAISE_TO_EMERGENCY); it never changes who is at risk or makes someone else's crisis the writer's.
    if (rules.level === 'high' && reading.probabilities.emergency >= RAISE_TO_EMERGENCY)
      return { ...rules, level: 'emergency', rule: `${rules.rule ?? rules.level}+model` };
    return rules;
  }
  if (isEscalation(learned)) {
    const assessment: RiskAssessment = { level: learned, rule: 'model' };
    if (learned === 'abuse' && reading.kind !== undefined) assessment.abuseKind = reading.kind;
    // Danger now is never tentative: 119 first whenever the model says emergency.
    if (learned !== 'emergency' && reading.risk < MODEL_SURE) assessment.tentative = true;
    return assessment;
  }
  if (learned === 'distress' || DISTRESS.test(fold(text))) return { level: 'distress', rule: learned === 'distress' ? 'model' : 'distress-words' };
  return { level: 'none' };
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
  tokenizer: Tokenizer | undefined,
): RiskAssessment | undefined {
  const earlier = recent.filter((r) => now.getTime() - Date.parse(r.at) < RECENT_WINDOW_MS).slice(-RECENT_TURNS);
  if (earlier.length === 0) return undefined;
  const whole = screenMessage([...earlier.map((r) => r.text), text].join('\n'), tokenizer);
  if (!isEscalation(whole.level) || severity(whole.level) >= severity(single.level)) return undefined;
  // The earlier turns alone must not be what flags it (they were answered then): the new words must add.
  const before = screenMessage(earlier.map((r) => r.text).join('\n'), tokenizer);
  if (severity(before.level) <= severity(whole.level)) return undefined;
  return { ...whole, rule: `conversation:${whole.rule ?? whole.level}` };
}

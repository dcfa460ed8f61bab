// The risk screen's vocabulary, defined once: the levels (with their order of severity and the names
// staff and notices use), the kinds of abuse, and the assessment the screen hands to the rest of the
// pipeline. Stored in D1 (messages.risk_level, escalations.level), shown on the console, compared in code.
import { z } from 'zod';

/** Levels that flag a conversation for staff, most severe first (the console's triage order). */
export const ESCALATION_LEVELS = ['emergency', 'high', 'abuse', 'concern'] as const;
export const EscalationLevelSchema = z.enum(ESCALATION_LEVELS);
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

/**
 * Everything the screen can say: the escalation levels, then `distress` (words of distress that no
 * rule or model calls a crisis: the lines open now, no escalation) and `none`.
 */
export const SCREEN_LEVELS = [...ESCALATION_LEVELS, 'distress', 'none'] as const;
export const ScreenLevelSchema = z.enum(SCREEN_LEVELS);
export type ScreenLevel = z.infer<typeof ScreenLevelSchema>;

/** Japanese names for staff (console, CSV, LINE notice): one set, used everywhere. */
export const LEVEL_LABELS: Record<ScreenLevel, string> = {
  emergency: '緊急',
  high: '高',
  abuse: '虐待・暴力',
  concern: '周囲の人の心配',
  distress: 'つらさ',
  none: 'なし',
};

/** 0 for the most severe; higher is less severe. */
export function severity(level: ScreenLevel): number {
  return SCREEN_LEVELS.indexOf(level);
}

export function isEscalation(level: ScreenLevel): level is EscalationLevel {
  return (ESCALATION_LEVELS as readonly string[]).includes(level);
}

export function levelLabel(level: string): string {
  const parsed = ScreenLevelSchema.safeParse(level);
  return parsed.success ? LEVEL_LABELS[parsed.data] : level;
}

/** Who is harmed, when the screen finds abuse. */
export const ABUSE_KINDS = ['child', 'dv', 'elder', 'disability', 'sexual'] as const;
export const AbuseKindSchema = z.enum(ABUSE_KINDS);
export type AbuseKind = z.infer<typeof AbuseKindSchema>;

/** What the risk screen tells the pipeline about one message (or one conversation). */
export type RiskAssessment = {
  level: ScreenLevel;
  /** What set the level (a rule id, `model`, or `conversation`), recorded for staff and for tuning. */
  rule?: string;
  /** Who is being harmed, when abuse was found (also alongside emergency/high). */
  abuseKind?: AbuseKind;
  /** The writer is a child telling about their own home: the reply uses words for a child. */
  childVoice?: boolean;
  /** Someone else is the danger now: the reply leads with 110. */
  otherDanger?: boolean;
  /** A concern with signs of danger (a note found): the supporter reply leads with 119. */
  urgent?: boolean;
  /**
   * Only the learned screen saw it, and not surely: staff are told (the escalation is recorded), and the
   * resident gets the answer to their words with lines open now, not a crisis or abuse reply — a tired
   * parent is not answered with the abuse-report dial.
   */
  tentative?: boolean;
};

// The reply texts staff edit in prompts/*.yaml: every key the bot uses, checked at build time so a
// missing or misspelt text fails the build instead of reaching a resident.
import { z } from 'zod';

const text = z.string().min(1);
/** Quick-reply labels: LINE cuts them at 20 characters. */
const label = z.string().min(1).max(20);

export const PromptsSchema = z.strictObject({
  greeting: text,
  non_text: text,
  clarify: text,
  clarify_general: text,
  distress_lines: text,
  category_prompt: text,
  results_intro: text,
  results_more: text,
  no_more_results: text,
  after_hours: text,
  open_line_now: text,
  need_alongside: text,
  non_phone_intro: text,
  non_phone_none: text,
  talk_now_intro: text,
  talk_now_none: text,
  howto: text,
  staff_handling: text,
  staff_notice: text,
  label_more: label,
  label_non_phone: label,
  label_talk_now: label,
  label_howto: label,
  label_call: label,
  label_map: label,
  label_web: label,
  hours_open_until: text,
  hours_open_always: text,
  hours_closed_next: text,
  hours_closed_next_uncertain: text,
  hours_closed_no_next: text,
  hours_days_only: text,
  hours_unknown_holiday: text,
  hours_unknown_year_end: text,
  hours_unknown: text,
  call_free: text,
  call_paid: text,
  unverified_mark: text,
  ask_for_section: text,
  unverified_note: text,
  crisis_emergency_self: text,
  crisis_emergency_other: text,
  crisis_emergency_lines: text,
  crisis_high: text,
  crisis_lines_now: text,
  crisis_lines_abuse: text,
  crisis_ward: text,
  crisis_keep_talking: text,
  crisis_concern: text,
  crisis_concern_urgent: text,
  crisis_child: text,
  crisis_child_lines: text,
  crisis_child_lines_free: text,
  crisis_abuse_child: text,
  crisis_abuse_dv: text,
  crisis_abuse_elder: text,
  crisis_abuse_disability: text,
  crisis_abuse_sexual: text,
  crisis_followup: text,
  en_intro: text,
  en_topic: text,
  en_emergency: text,
  en_crisis: text,
  en_label_call: label,
  en_label_map: label,
  en_label_web: label,
  en_hours_open_always: text,
  en_hours_open_until: text,
  en_hours_closed_next: text,
  en_hours_closed_next_uncertain: text,
  en_hours_closed_no_next: text,
  en_hours_days_only: text,
  en_hours_unknown_holiday: text,
  en_hours_unknown_year_end: text,
  en_hours_unknown: text,
  en_call_free: text,
  en_call_paid: text,
  en_unverified_mark: text,
  en_ask_for_section: text,
  en_unverified_note: text,
});
export type Prompts = z.infer<typeof PromptsSchema>;
export type PromptKey = keyof Prompts;

/** Fills {placeholders}; a placeholder without a value is a programming error, not something to show. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`prompts: no value for {${key}} in "${template.slice(0, 40)}…"`);
    return value;
  });
}

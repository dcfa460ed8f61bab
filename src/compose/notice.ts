// The text of a staff notice (prompts/staff.yaml): the level's name, the pseudonym and
// the escalation's number. The resident's words stay on the protected console.
import { type EscalationLevel, LEVEL_LABELS } from '../core/risk-level';
import { STAFF_PROMPTS } from './prompts';
import { fill } from './prompts-schema';

export function noticeText(notice: { escalationId: number | undefined; level: EscalationLevel; pseudonym: string }): string {
  return fill(STAFF_PROMPTS.staff_notice, {
    level: LEVEL_LABELS[notice.level],
    pseudonym: notice.pseudonym,
    id: notice.escalationId === undefined ? '—' : String(notice.escalationId),
  });
}

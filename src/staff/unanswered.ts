// The console's list of questions the bot could not answer, similar ones grouped: what to add to knowledge/.
import { fold } from '../analyse/normalise';
import type { UnansweredRow } from '../record/staff-stats';

export type UnansweredGroup = { sample: string; count: number; residents: number; latestAt: string; texts: string[]; notHelpful: number };

/**
 * Grouped by their matching form (width, kana, spacing and punctuation folded, as the search sees
 * them), the group asked most recently first. Rows arrive newest first, so a Map's insertion order is
 * already newest group first.
 */
export function groupUnanswered(rows: UnansweredRow[]): UnansweredGroup[] {
  const groups = new Map<string, { sample: string; count: number; users: Set<string>; latestAt: string; texts: Set<string>; notHelpful: number }>();
  for (const row of rows) {
    const key = fold(row.text) || row.text;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, {
        sample: row.text,
        count: 1,
        users: new Set([row.userId]),
        latestAt: row.createdAt,
        texts: new Set([row.text]),
        notHelpful: row.notHelpful ? 1 : 0,
      });
    } else {
      group.count += 1;
      if (row.notHelpful) group.notHelpful += 1;
      group.users.add(row.userId);
      if (group.texts.size < 5) group.texts.add(row.text);
    }
  }
  return Array.from(groups.values(), (g) => ({
    sample: g.sample,
    count: g.count,
    residents: g.users.size,
    latestAt: g.latestAt,
    texts: Array.from(g.texts),
    notHelpful: g.notHelpful,
  }));
}

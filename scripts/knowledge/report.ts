// `npm run knowledge:report`: lists, per entry, what staff must still verify before going live
// (facts below `official`, unverified numbers, missing or unknown hours, stale dates, askFor-only entries),
// and the translations of window names and summaries not yet reviewed.
import { pathToFileURL } from 'node:url';
import type { Entry, Schedule, Source } from '../../src/knowledge/schema';
import { loadKnowledge } from './load';

/** The facts of an entry with what each one is, so a line of the report names the fact to check. */
function facts(e: Entry): Array<{ what: string; source: Source }> {
  const out: Array<{ what: string; source: Source }> = [];
  for (const p of e.phones) {
    out.push({ what: `phone ${p.number} (${p.label})`, source: p.source });
    if (p.hours) out.push({ what: `hours of ${p.number}`, source: p.hours.source });
  }
  if (e.fax) out.push({ what: `fax ${e.fax.number}`, source: e.fax.source });
  if (e.web) out.push({ what: `web ${e.web.url}`, source: e.web.source });
  if (e.address) out.push({ what: `address ${e.address.text}`, source: e.address.source });
  if (e.hours) out.push({ what: 'hours', source: e.hours.source });
  return out;
}

const timesUnknown = (h: Schedule): boolean => !h.always && h.weekly.some((r) => r.times === undefined);

/** One block per entry that needs a look; `today` is passed in so the report is testable. */
export function reportKnowledge(entries: Entry[], today: Date): string[] {
  const yearAgo = new Date(today);
  yearAgo.setFullYear(yearAgo.getFullYear() - 1);
  const stale = yearAgo.toISOString().slice(0, 10);
  const blocks: string[] = [];
  for (const e of entries) {
    const todo: string[] = [];
    for (const { what, source } of facts(e)) {
      if (source.confidence === 'unverified' && what.startsWith('phone')) todo.push(`UNVERIFIED NUMBER ${what}: ${source.ref}`);
      else if (source.confidence !== 'official') todo.push(`${source.confidence}: ${what}: ${source.ref}${source.seen ? ` (seen ${source.seen})` : ''}`);
      if (source.seen && source.seen < stale) todo.push(`stale: ${what} last seen ${source.seen}`);
    }
    if (!e.hours) todo.push('no hours');
    else if (timesUnknown(e.hours)) todo.push('hours: days known, times unknown');
    if (e.askFor && e.phones.length === 0 && !e.web && !e.address) todo.push(`only askFor: ask for 「${e.askFor}」 at the ward's main number`);
    if (todo.length) blocks.push(`${e.id} — ${e.name}\n${todo.map((t) => `  - ${t}`).join('\n')}`);
  }
  return blocks;
}

/** Translations staff have not reviewed yet (issue 15): one line per locale file with `reviewed: false`. */
export function reportTranslations(translations: Record<string, { reviewed: boolean; entries: Record<string, unknown> }>): string[] {
  return Object.entries(translations)
    .filter(([, t]) => !t.reviewed)
    .map(
      ([locale, t]) => `knowledge/translations/${locale}.yaml: ${Object.keys(t.entries).length} window names and summaries, not yet reviewed (cards say so)`,
    );
}

export type ReachCounts = { entries: number; officialNumber: number; anyNumber: number; mainNumberOnly: number; noNumber: number };

/** How residents can reach the entries: an official number, a number of any confidence, or only the ward's main number. */
export function countReach(entries: Entry[]): ReachCounts {
  const officialNumber = entries.filter((e) => e.phones.some((p) => p.source.confidence === 'official' || p.source.confidence === 'well-known')).length;
  const anyNumber = entries.filter((e) => e.phones.length > 0).length;
  const mainNumberOnly = entries.filter((e) => e.phones.length === 0 && e.askFor !== undefined).length;
  return { entries: entries.length, officialNumber, anyNumber, mainNumberOnly, noNumber: entries.length - anyNumber - mainNumberOnly };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { entries, translations } = loadKnowledge();
  const blocks = reportKnowledge(entries, new Date());
  console.log(blocks.join('\n'));
  const unreviewed = reportTranslations(translations);
  if (unreviewed.length > 0) console.log(`\nTranslations to review (then set reviewed: true):\n${unreviewed.map((l) => `  - ${l}`).join('\n')}`);
  const c = countReach(entries);
  console.log(`\nknowledge:report: ${blocks.length} of ${entries.length} entries have something to verify`);
  console.log(
    `knowledge:report: of ${c.entries} entries, ${c.officialNumber} have an official number, ${c.anyNumber} a number of any confidence, ${c.mainNumberOnly} only the ward's main number (askFor), ${c.noNumber} no number (a chat line, a page or a place)`,
  );
}

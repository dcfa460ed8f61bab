// How a resident reaches an entry: the number to call now (a number's own hours win over the
// entry's), or the ward's main number with the section to ask for when no source gives a number.
import type { Entry, Phone, Schedule } from '../knowledge/schema';
import { entryById, ROUTING } from '../knowledge/data';
import { openStatus, isOpenNow } from '../hours/open-status';

export type Reach = { number: string; label?: string; viaWard?: string; schedule: Schedule | undefined };

export function reachFor(entry: Entry, now: Date): Reach | undefined {
  const phones = entry.phones;
  const phone: Phone | undefined =
    phones.find((p) => p.hours !== undefined && isOpenNow(openStatus(p.hours, now))) ?? phones.find((p) => p.hours === undefined) ?? phones[0];
  if (phone !== undefined) return { number: phone.number, label: phone.label, schedule: phone.hours ?? entry.hours };
  const ward = entryById(ROUTING.wardOffice);
  const main = ward?.phones[0];
  if (entry.askFor !== undefined && main !== undefined) return { number: main.number, viaWard: entry.askFor, schedule: ward?.hours };
  return undefined;
}

/** `tel:` links want digits only; short numbers (#8008) keep their # encoded. */
export function telUri(number: string): string {
  return `tel:${number.replace(/[^\d#]/g, '').replace('#', '%23')}`;
}

/** True when any fact the bot shows for this entry is below `official` (the card says so). */
export function hasUnverifiedFacts(entry: Entry): boolean {
  const facts = [...entry.phones.map((p) => p.source), entry.address?.source, entry.hours?.source].filter((s) => s !== undefined);
  return facts.some((s) => s.confidence !== 'official');
}

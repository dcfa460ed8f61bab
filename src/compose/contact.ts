// How a resident reaches an entry, decided once per printed number: which number to call now (a
// number's own hours win over the entry's), its status from that number's own schedule, whether the
// call is free, and whether any fact printed with it is not yet confirmed — or the ward's main number
// with the section to ask for when no source gives a number. Every reply kind prints from this.
import { type OpenStatus, isOpenNow, openStatus } from '../hours/open-status';
import { entryById, ROUTING } from '../knowledge/data';
import type { Entry, Phone, Schedule, Source } from '../knowledge/schema';

export type Reach = {
  number: string;
  label?: string | undefined;
  /** No number of the entry's own: the section to ask for at the ward's main number. */
  viaWard?: string | undefined;
  schedule: Schedule | undefined;
  status: OpenStatus;
  /** A free dial (0120, 0800) or a source says the call is free. */
  free: boolean;
  /** A fact printed with this number (the number, its hours) is below `official`. */
  unverified: boolean;
};

const CONFIRMED: readonly Source['confidence'][] = ['official', 'well-known'];

export function reachFor(entry: Entry, now: Date): Reach | undefined {
  const phone: Phone | undefined =
    entry.phones.find((p) => p.hours !== undefined && isOpenNow(openStatus(p.hours, now))) ??
    entry.phones.find((p) => p.hours === undefined) ??
    entry.phones[0];
  if (phone !== undefined) {
    const schedule = phone.hours ?? entry.hours;
    return {
      number: phone.number,
      label: phone.label,
      schedule,
      status: openStatus(schedule, now),
      free: isFreeCall(phone),
      unverified: [phone.source, schedule?.source].some((s) => s !== undefined && !CONFIRMED.includes(s.confidence)),
    };
  }
  const ward = entryById(ROUTING.wardOffice);
  const main = ward?.phones[0];
  if (entry.askFor === undefined || main === undefined) return undefined;
  return {
    number: main.number,
    viaWard: entry.askFor,
    schedule: ward?.hours,
    status: openStatus(ward?.hours, now),
    free: false,
    unverified: [main.source, ward?.hours?.source].some((s) => s !== undefined && !CONFIRMED.includes(s.confidence)),
  };
}

/** The status of an entry as a resident can reach it now: its number's, or its own when it has no number (a chat line). */
/** Free dials (0120, 0800) are free by definition; any other number only where its source says so. */
export function isFreeCall(phone: Phone): boolean {
  return /^0(120|800)-/.test(phone.number) || phone.free === true;
}

/** `tel:` links want digits only; short numbers (#8008) keep their # encoded. */
export function telUri(number: string): string {
  return `tel:${number.replace(/[^\d#]/g, '').replace('#', '%23')}`;
}

/** True when any fact the bot shows for this entry is below `official` (the card says so). */
export function hasUnverifiedFacts(entry: Entry, now: Date): boolean {
  const reach = reachFor(entry, now);
  return reach?.unverified === true || (entry.address !== undefined && !CONFIRMED.includes(entry.address.source.confidence));
}

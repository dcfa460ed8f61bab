// The Japanese calendar in JST: weekdays, public holidays (@holiday-jp/holiday_jp, maintained upstream,
// not a hand-typed list) and the ward's year-end closure (12/29–1/3).
import holidayJp from '@holiday-jp/holiday_jp';
import type { Day } from '../knowledge/schema';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const WEEKDAYS: readonly Day[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A calendar day in Japan, as numbers (no Date arithmetic in local time zones). */
export type JstDate = { year: number; month: number; day: number; weekday: Day };

export function jstDate(instant: Date): JstDate {
  const t = new Date(instant.getTime() + JST_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), weekday: WEEKDAYS[t.getUTCDay()] ?? 'sun' };
}

/** Minutes since 00:00 JST of the instant's day. */
export function jstMinutes(instant: Date): number {
  const t = new Date(instant.getTime() + JST_OFFSET_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/** The instant at `minutes` after 00:00 JST of `date` (minutes may pass 1440: the next day). */
export function jstInstant(date: JstDate, minutes: number): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - JST_OFFSET_MS + minutes * 60_000);
}

export function addDays(date: JstDate, days: number): JstDate {
  return jstDate(jstInstant(date, 12 * 60 + days * 24 * 60));
}

const key = (d: JstDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function isPublicHoliday(date: JstDate): boolean {
  return Object.hasOwn(holidayJp.holidays, key(date));
}

/** 12月29日〜1月3日: the ward office and its windows are closed (contacts.md, 区の窓口の閉庁日). */
export function isYearEnd(date: JstDate): boolean {
  return (date.month === 12 && date.day >= 29) || (date.month === 1 && date.day <= 3);
}

export function sameDay(a: JstDate, b: JstDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

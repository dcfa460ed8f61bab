// "Open now", "closes at" and "opens next" for a schedule from knowledge/, computed in JST with
// weekends, public holidays and 12/29–1/3 — each as the schedule's own source says, nothing assumed:
// where the source gives the days but not the hours, the status is about days only; where it does not
// say whether a holiday or the year-end is open, today is unknown, not closed. This is the one place a
// line's or window's status is decided (compose/contact.ts applies it to the number being printed).
import type { Schedule } from '../knowledge/schema';
import { addDays, isPublicHoliday, isYearEnd, type JstDate, jstDate, jstInstant, jstMinutes } from './calendar';

export type OpenStatus =
  | { kind: 'always' }
  | { kind: 'open'; closesAt: Date }
  /** Times known and not open now. `next` undefined: nothing within the look-ahead. */
  | { kind: 'closed'; next: NextOpening | undefined }
  /** The source gives the days it takes people, not the hours: say the days, claim nothing about now. */
  | { kind: 'days' }
  /** Today is a holiday or in 12/29–1/3 and the source does not say whether it opens. */
  | { kind: 'unknown-today'; why: 'holiday' | 'year-end' }
  /** No schedule at all. */
  | { kind: 'unknown' };

/** The next opening; `uncertain` when it falls on a holiday or year-end day its source says nothing about. */
export type NextOpening = { at: Date; uncertain: boolean };

type DayPlan = { ranges: [number, number][]; unknown: 'holiday' | 'year-end' | undefined };

const LOOKAHEAD_DAYS = 21;

function parseRange(range: string): [number, number] {
  const [from = '00:00', to = '00:00'] = range.split('-');
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return [minutes(from), minutes(to)];
}

function planFor(schedule: Schedule, date: JstDate): DayPlan {
  const weekdayRanges = schedule.weekly.filter((r) => r.days.includes(date.weekday)).flatMap((r) => (r.times ?? []).map(parseRange));
  const monthly = schedule.monthly.filter((r) => r.dayOfMonth === date.day).flatMap((r) => r.times.map(parseRange));
  let ranges = [...weekdayRanges, ...monthly];
  let unknown: DayPlan['unknown'];
  if (isPublicHoliday(date)) {
    const holidayRules = schedule.weekly.filter((r) => r.days.includes('hol'));
    if (holidayRules.length > 0) ranges = [...holidayRules.flatMap((r) => (r.times ?? []).map(parseRange)), ...monthly];
    else if (schedule.closedOnHolidays === true) ranges = monthly;
    else if (schedule.closedOnHolidays === undefined && weekdayRanges.length > 0) unknown = 'holiday';
  }
  if (isYearEnd(date)) {
    if (schedule.yearEnd !== undefined) return { ranges: schedule.yearEnd.times.map(parseRange), unknown: undefined };
    if (schedule.closedYearEnd === true) return { ranges: [], unknown: undefined };
    if (schedule.closedYearEnd === undefined && ranges.length > 0) unknown = 'year-end';
  }
  return { ranges, unknown };
}

export function openStatus(schedule: Schedule | undefined, now: Date): OpenStatus {
  if (schedule === undefined) return { kind: 'unknown' };
  // `always` is 24 hours, every day of the year: no holiday or year-end closure applies.
  if (schedule.always) return { kind: 'always' };
  if (schedule.weekly.some((r) => r.times === undefined)) return { kind: 'days' };
  const today = jstDate(now);
  const minute = jstMinutes(now);

  // Ranges from yesterday may run past midnight ("20:00-26:30").
  const yesterday = planFor(schedule, addDays(today, -1));
  if (yesterday.unknown === undefined) {
    for (const [from, to] of yesterday.ranges)
      if (minute + 1440 >= from && minute + 1440 < to) return { kind: 'open', closesAt: jstInstant(addDays(today, -1), to) };
  }
  const plan = planFor(schedule, today);
  if (plan.unknown !== undefined) return { kind: 'unknown-today', why: plan.unknown };
  const current = plan.ranges.filter(([from, to]) => minute >= from && minute < to);
  if (current.length > 0) return { kind: 'open', closesAt: jstInstant(today, Math.max(...current.map(([, to]) => to))) };
  return { kind: 'closed', next: nextOpening(schedule, today, minute) };
}

function nextOpening(schedule: Schedule, today: JstDate, minute: number): NextOpening | undefined {
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const date = addDays(today, offset);
    const plan = planFor(schedule, date);
    if (plan.unknown !== undefined) {
      // The source does not say whether this day opens: name it, and say it must be checked.
      const usual = schedule.weekly.filter((r) => r.days.includes(date.weekday)).flatMap((r) => (r.times ?? []).map(parseRange));
      const from = Math.min(...usual.map(([f]) => f));
      if (Number.isFinite(from) && (offset > 0 || from > minute)) return { at: jstInstant(date, from), uncertain: true };
      continue;
    }
    const starts = plan.ranges.map(([from]) => from).filter((from) => offset > 0 || from > minute);
    if (starts.length > 0) return { at: jstInstant(date, Math.min(...starts)), uncertain: false };
  }
  return undefined;
}

/** Whether the line can be reached right now (for crisis replies: only lines open now are offered first). */
export function isOpenNow(status: OpenStatus): boolean {
  return status.kind === 'always' || status.kind === 'open';
}

/**
 * Known to be closed now: its hours say so, or its days do (today is not one of its days, or a holiday or
 * the year-end its source says it closes on). For "closed now" sentences, which must be true.
 */
export function knownClosedNow(status: OpenStatus, schedule: Schedule | undefined, now: Date): boolean {
  if (status.kind === 'closed') return true;
  if (status.kind !== 'days' || schedule === undefined) return false;
  const date = jstDate(now);
  if (isYearEnd(date) && schedule.closedYearEnd === true) return true;
  if (isPublicHoliday(date)) return schedule.closedOnHolidays === true && !schedule.weekly.some((r) => r.days.includes('hol'));
  return !schedule.weekly.some((r) => r.days.includes(date.weekday));
}

/**
 * For choosing what to offer after hours (never printed): a days-only window is taken as reachable on
 * its days during the day (08:00–18:00) — a guess for the bot's own routing, not a claim to the resident.
 */
export function mayBeReachableNow(status: OpenStatus, schedule: Schedule | undefined, now: Date): boolean {
  if (isOpenNow(status)) return true;
  if (status.kind !== 'days' || schedule === undefined) return false;
  const date = jstDate(now);
  const minute = jstMinutes(now);
  const holiday = isPublicHoliday(date) && schedule.closedOnHolidays !== false;
  const yearEnd = isYearEnd(date) && schedule.closedYearEnd !== false;
  return !holiday && !yearEnd && schedule.weekly.some((r) => r.days.includes(date.weekday)) && minute >= 8 * 60 && minute < 18 * 60;
}

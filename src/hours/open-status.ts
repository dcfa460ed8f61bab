// "Open now", "closes at" and "opens next" for a schedule from knowledge/, computed in JST with
// weekends, public holidays and 12/29–1/3. Where a source gives the days but not the hours, the answer
// is about days only: the bot never states an hour that no source gives.
import type { Schedule } from '../knowledge/schema';
import { addDays, isPublicHoliday, isYearEnd, jstDate, jstInstant, jstMinutes, type JstDate } from './calendar';

export type OpenStatus =
  | { kind: 'always' }
  | { kind: 'open'; closesAt: Date }
  /** Today is a day it takes people, but no source gives the hours. */
  | { kind: 'open-day' }
  | { kind: 'closed'; next: NextOpening | undefined }
  | { kind: 'unknown' };

export type NextOpening = { at: Date; timeKnown: true } | { date: JstDate; timeKnown: false };

type DayPlan = { ranges: [number, number][]; timesUnknown: boolean };

/**
 * Days-only windows are not treated as open in the night: before 08:00 the next opening is "today",
 * from 18:00 it is the next opening day. A wording choice (no hour is shown), so the bot never says
 * "today" to someone writing at 23:30.
 */
const DAYTIME = [8 * 60, 18 * 60] as const;
const LOOKAHEAD_DAYS = 21;

function planFor(schedule: Schedule, date: JstDate): DayPlan {
  if (schedule.always) return { ranges: [[0, 24 * 60]], timesUnknown: false };
  if (schedule.closedYearEnd && isYearEnd(date)) return { ranges: [], timesUnknown: false };
  const ranges: [number, number][] = [];
  let timesUnknown = false;
  const holiday = isPublicHoliday(date);
  const holidayRules = schedule.weekly.filter((r) => r.days.includes('hol'));
  const rules = holiday && (holidayRules.length > 0 || schedule.closedOnHolidays) ? holidayRules : schedule.weekly.filter((r) => r.days.includes(date.weekday));
  for (const rule of rules) {
    if (rule.times === undefined) timesUnknown = true;
    else for (const t of rule.times) ranges.push(parseRange(t));
  }
  for (const rule of schedule.monthly) if (rule.dayOfMonth === date.day) for (const t of rule.times) ranges.push(parseRange(t));
  return { ranges, timesUnknown };
}

function parseRange(range: string): [number, number] {
  const [from = '00:00', to = '00:00'] = range.split('-');
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return [minutes(from), minutes(to)];
}

export function openStatus(schedule: Schedule | undefined, now: Date): OpenStatus {
  if (schedule === undefined) return { kind: 'unknown' };
  // `always` is 24 hours, every day of the year: no holiday or year-end closure applies.
  if (schedule.always) return { kind: 'always' };
  const today = jstDate(now);
  const minute = jstMinutes(now);

  // Ranges from yesterday may run past midnight ("20:00-26:30").
  const yesterday = planFor(schedule, addDays(today, -1));
  for (const [from, to] of yesterday.ranges)
    if (minute + 1440 >= from && minute + 1440 < to) return { kind: 'open', closesAt: jstInstant(addDays(today, -1), to) };
  const plan = planFor(schedule, today);
  const current = plan.ranges.filter(([from, to]) => minute >= from && minute < to);
  if (current.length > 0) return { kind: 'open', closesAt: jstInstant(today, Math.max(...current.map(([, to]) => to))) };
  if (plan.timesUnknown && minute >= DAYTIME[0] && minute < DAYTIME[1] && plan.ranges.length === 0) return { kind: 'open-day' };
  return { kind: 'closed', next: nextOpening(schedule, today, minute) };
}

function nextOpening(schedule: Schedule, today: JstDate, minute: number): NextOpening | undefined {
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const date = addDays(today, offset);
    const plan = planFor(schedule, date);
    const starts = plan.ranges.map(([from]) => from).filter((from) => offset > 0 || from > minute);
    if (starts.length > 0) return { at: jstInstant(date, Math.min(...starts)), timeKnown: true };
    if (plan.timesUnknown && (offset > 0 || minute < DAYTIME[0])) return { date, timeKnown: false };
  }
  return undefined;
}

/** Whether the line can be reached right now (for crisis replies: only lines open now are offered first). */
export function isOpenNow(status: OpenStatus): boolean {
  return status.kind === 'always' || status.kind === 'open';
}

// Puts an opening status into words for a resident: 「いま受付中（17:00まで）」「時間外・次は11月30日（月）9:00から」.
import type { LocaleTexts } from './locale';
import { fill } from './prompts-schema';
import type { Day, Schedule } from '../knowledge/schema';
import { jstDate, jstMinutes } from '../hours/calendar';
import type { OpenStatus } from '../hours/open-status';

const hhmm = (instant: Date) => {
  const m = jstMinutes(instant);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
};

export function describeStatus(status: OpenStatus, schedule: Schedule | undefined, now: Date, t: LocaleTexts): string {
  switch (status.kind) {
    case 'always':
      return t.openAlways;
    case 'open':
      return fill(t.openUntil, { time: hhmm(status.closesAt) });
    case 'days':
      return fill(t.daysOnly, { days: describeDays(schedule, t) });
    case 'closed': {
      const next = status.next;
      if (next === undefined) return t.closedNoNext;
      return fill(next.uncertain ? t.closedNextUncertain : t.closedNext, { when: `${t.dayLabel(jstDate(next.at), now)} ${hhmm(next.at)}` });
    }
    case 'unknown-today':
      return status.why === 'holiday' ? t.unknownHoliday : t.unknownYearEnd;
    case 'unknown':
      return t.unknown;
  }
}

const ORDER: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'hol'];

/** The days a schedule names, short, in the resident's language: 「平日（年末年始を除く）」 / "weekdays". */
export function describeDays(schedule: Schedule | undefined, t: LocaleTexts): string {
  if (schedule === undefined) return t.unknown;
  if (schedule.always) return t.openAlways;
  const days = new Set(schedule.weekly.flatMap((r) => r.days));
  const list = ORDER.filter((d) => days.has(d));
  const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).every((d) => days.has(d));
  const { names } = t.dayNames;
  let text: string;
  if (list.length === 8 || (list.length === 7 && schedule.closedOnHolidays === false)) text = t.dayNames.everyDay;
  else if (weekdays && list.length === 5) text = t.dayNames.weekdays;
  else text = list.map((d) => names[d] ?? d).join(t.dayNames.separator);
  // Only what the source says: a closure is named when it is known.
  const holidays = schedule.closedOnHolidays === true && !days.has('hol');
  if (holidays && schedule.closedYearEnd === true) return text + t.dayNames.holidaysAndYearEnd;
  if (holidays) return text + t.dayNames.holidaysClosed;
  if (schedule.closedYearEnd === true) return text + t.dayNames.yearEnd;
  return text;
}

/** The schedule's hours in one line for a card: 「平日 9:00〜17:00（祝日を除く）」, or the days with 「時間は要確認」. */
export function describeHours(schedule: Schedule | undefined, t: LocaleTexts): string {
  if (schedule === undefined) return t.timetableUnknown;
  if (schedule.always) return t.openAlways;
  const { dayNames, timetable } = t;
  const parts = schedule.weekly.map((rule) => {
    const listed = ORDER.filter((d) => rule.days.includes(d));
    const days =
      listed.join() === 'mon,tue,wed,thu,fri'
        ? dayNames.weekdays
        : listed.length >= 7
          ? dayNames.everyDay
          : listed.map((d) => dayNames.names[d]).join(dayNames.separator);
    const times = rule.times?.map((r) => formatRange(r, t)).join(', ') ?? timetable.timesUnknown;
    return `${days} ${times}`;
  });
  for (const rule of schedule.monthly)
    parts.push(fill(timetable.monthly, { day: String(rule.dayOfMonth), times: rule.times.map((r) => formatRange(r, t)).join(', ') }));
  if (schedule.yearEnd !== undefined) parts.push(fill(timetable.yearEnd, { times: schedule.yearEnd.times.map((r) => formatRange(r, t)).join(', ') }));
  const holidays = schedule.closedOnHolidays === true && !schedule.weekly.some((r) => r.days.includes('hol'));
  const yearEnd = schedule.closedYearEnd === true;
  const closures = holidays && yearEnd ? dayNames.holidaysAndYearEnd : holidays ? dayNames.holidaysClosed : yearEnd ? dayNames.yearEnd : '';
  return parts.join(' / ') + closures;
}

/** "20:00-26:30" → 「20:00〜翌2:30」, as timetables print hours past midnight. */
function formatRange(range: string, t: LocaleTexts): string {
  return range
    .split('-')
    .map((part) => {
      const hour = Number(part.slice(0, 2));
      return hour >= 24 ? fill(t.timetable.nextDay, { time: `${hour - 24}:${part.slice(3)}` }) : `${hour}:${part.slice(3)}`;
    })
    .join(t.timetable.range);
}

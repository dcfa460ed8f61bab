// Puts an opening status into words for a resident: 「いま受付中（17:00まで）」「時間外・次は11月30日（月）9:00から」.
import type { LocaleTexts } from './locale';
import { fill } from './prompts-schema';
import type { Day, Schedule } from '../knowledge/schema';
import { jstDate, jstMinutes, WEEKDAY_JA } from '../hours/calendar';
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

/** The schedule's hours in one line for a card: 「平日 9:00〜17:00（祝日休み）」, or the days with 「時間は要確認」. */
export function describeHours(schedule: Schedule | undefined): string {
  if (schedule === undefined) return '受付時間は要確認';
  if (schedule.always) return '24時間・年中無休';
  const parts = schedule.weekly.map((rule) => {
    const listed = ORDER.filter((d) => rule.days.includes(d));
    const days = listed.join() === 'mon,tue,wed,thu,fri' ? '平日' : listed.length >= 7 ? '毎日' : listed.map((d) => WEEKDAY_JA[d]).join('・');
    const times = rule.times?.map(formatRange).join('、') ?? '時間は要確認';
    return `${days} ${times}`;
  });
  for (const rule of schedule.monthly) parts.push(`毎月${rule.dayOfMonth}日 ${rule.times.map(formatRange).join('、')}`);
  if (schedule.yearEnd !== undefined) parts.push(`年末年始 ${schedule.yearEnd.times.map(formatRange).join('、')}`);
  const holidays = schedule.weekly.some((r) => r.days.includes('hol')) ? '' : schedule.closedOnHolidays === true ? '（祝日休み）' : '';
  const yearEnd = schedule.closedYearEnd === true ? '（年末年始休み）' : '';
  return parts.join('／') + holidays + yearEnd;
}

/** "20:00-26:30" → 「20:00〜翌2:30」, as timetables print hours past midnight. */
function formatRange(range: string): string {
  return range
    .split('-')
    .map((t) => {
      const hour = Number(t.slice(0, 2));
      return hour >= 24 ? `翌${hour - 24}:${t.slice(3)}` : `${hour}:${t.slice(3)}`;
    })
    .join('〜');
}

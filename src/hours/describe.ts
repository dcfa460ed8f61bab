// Puts an opening status into words for a resident: 「いま受付中（17:00まで）」「時間外・次は11月30日（月）9:00から」.
import type { Prompts } from '../compose/prompts-schema';
import { fill } from '../compose/prompts-schema';
import type { Day, Schedule } from '../knowledge/schema';
import { addDays, jstDate, jstMinutes, sameDay, WEEKDAY_JA, type JstDate } from './calendar';
import type { OpenStatus } from './open-status';

const hhmm = (instant: Date) => {
  const m = jstMinutes(instant);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
};

/** 「今日（月）」「明日（火）」「11月30日（月）」: the date a resident can act on. */
export function dayLabel(date: JstDate, now: Date): string {
  const today = jstDate(now);
  const wd = WEEKDAY_JA[date.weekday];
  if (sameDay(date, today)) return `今日（${wd}）`;
  if (sameDay(date, addDays(today, 1))) return `明日${date.month}月${date.day}日（${wd}）`;
  return `${date.month}月${date.day}日（${wd}）`;
}

export function describeStatus(status: OpenStatus, schedule: Schedule | undefined, now: Date, prompts: Prompts): string {
  switch (status.kind) {
    case 'always':
      return prompts.hours_open_always;
    case 'open':
      return fill(prompts.hours_open_until, { time: hhmm(status.closesAt) });
    case 'open-day':
      return fill(prompts.hours_days_only, { days: describeDays(schedule) });
    case 'closed': {
      const next = status.next;
      if (next === undefined) return prompts.hours_unknown;
      if (next.timeKnown) return fill(prompts.hours_closed_next, { when: `${dayLabel(jstDate(next.at), now)}${hhmm(next.at)}` });
      return fill(prompts.hours_closed_next_day, { when: dayLabel(next.date, now) });
    }
    case 'unknown':
      return prompts.hours_unknown;
  }
}

const ORDER: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'hol'];

/** The days a schedule names, short: 「平日」「月〜土」「毎日」, with 土日祝 and year-end closures as the ward writes them. */
export function describeDays(schedule: Schedule | undefined): string {
  if (schedule === undefined) return '要確認';
  if (schedule.always) return '毎日24時間';
  const days = new Set(schedule.weekly.flatMap((r) => r.days));
  const list = ORDER.filter((d) => days.has(d));
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].every((d) => days.has(d as Day));
  let text: string;
  if (list.length === 8 || (list.length === 7 && !schedule.closedOnHolidays)) text = '毎日';
  else if (weekdays && list.length === 5) text = '平日';
  else if (weekdays && days.has('sat') && list.length === 6) text = '月〜土';
  else text = list.map((d) => WEEKDAY_JA[d]).join('・');
  if (schedule.closedYearEnd && text !== '毎日') text += '（年末年始を除く）';
  return text;
}

/** The schedule's hours in one line for a card: 「平日 9:00〜17:00」, or the days with 「時間は要確認」. */
export function describeHours(schedule: Schedule | undefined): string {
  if (schedule === undefined) return '受付時間は要確認';
  if (schedule.always) return '24時間・年中無休';
  const parts = schedule.weekly.map((rule) => {
    const days = ORDER.filter((d) => rule.days.includes(d)).map((d) => WEEKDAY_JA[d]).join('・');
    const times = rule.times?.map((t) => t.replace('-', '〜').replace(/(\d\d):(\d\d)/g, (_, h: string, m: string) => formatHour(Number(h), m))).join('、') ?? '時間は要確認';
    return `${days} ${times}`;
  });
  for (const rule of schedule.monthly) parts.push(`毎月${rule.dayOfMonth}日 ${rule.times.join('、').replace('-', '〜')}`);
  return parts.join('／') + (schedule.note ? `（${schedule.note}）` : '');
}

/** 26:30 → 翌2:30, as timetables print hours past midnight. */
function formatHour(hour: number, minute: string): string {
  return hour >= 24 ? `翌${hour - 24}:${minute}` : `${hour}:${minute}`;
}

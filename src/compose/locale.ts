// The words a card and an hours line use, in the resident's language: Japanese, or English for anyone
// writing in another language (issue 6, "Foreign residents": English at least). Texts live in prompts/.
import type { JstDate } from '../hours/calendar';
import { addDays, jstDate, sameDay, WEEKDAY_JA } from '../hours/calendar';
import { PROMPTS } from './prompts';

export type Locale = 'ja' | 'en';

export type LocaleTexts = {
  labelCall: string;
  labelMap: string;
  labelWeb: string;
  openAlways: string;
  openUntil: string;
  closedNext: string;
  closedNextUncertain: string;
  closedNoNext: string;
  daysOnly: string;
  unknownHoliday: string;
  unknownYearEnd: string;
  unknown: string;
  free: string;
  paid: string;
  unverifiedMark: string;
  askFor: string;
  unverified: string;
  dayLabel: (date: JstDate, now: Date) => string;
  /** Names the days of a weekly rule: 「平日」「土」 / "weekdays", "Sat". */
  dayNames: {
    weekdays: string;
    everyDay: string;
    names: Record<string, string>;
    separator: string;
    holidaysClosed: string;
    yearEnd: string;
    holidaysAndYearEnd: string;
  };
};

const WEEKDAY_EN: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun', hol: 'Hol' };
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function localeTexts(locale: Locale): LocaleTexts {
  if (locale === 'en') {
    return {
      labelCall: PROMPTS.en_label_call,
      labelMap: PROMPTS.en_label_map,
      labelWeb: PROMPTS.en_label_web,
      openAlways: PROMPTS.en_hours_open_always,
      openUntil: PROMPTS.en_hours_open_until,
      closedNext: PROMPTS.en_hours_closed_next,
      closedNextUncertain: PROMPTS.en_hours_closed_next_uncertain,
      closedNoNext: PROMPTS.en_hours_closed_no_next,
      daysOnly: PROMPTS.en_hours_days_only,
      unknownHoliday: PROMPTS.en_hours_unknown_holiday,
      unknownYearEnd: PROMPTS.en_hours_unknown_year_end,
      unknown: PROMPTS.en_hours_unknown,
      free: PROMPTS.en_call_free,
      paid: PROMPTS.en_call_paid,
      unverifiedMark: PROMPTS.en_unverified_mark,
      askFor: PROMPTS.en_ask_for_section,
      unverified: PROMPTS.en_unverified_note,
      dayNames: {
        weekdays: 'weekdays',
        everyDay: 'every day',
        names: WEEKDAY_EN,
        separator: ', ',
        holidaysClosed: ' (not on public holidays)',
        yearEnd: ' (closed Dec 29–Jan 3)',
        holidaysAndYearEnd: ' (not on public holidays or Dec 29–Jan 3)',
      },
      dayLabel: (date, now) => {
        const today = jstDate(now);
        const name = `${WEEKDAY_EN[date.weekday]} ${MONTH_EN[date.month - 1]} ${date.day}`;
        if (sameDay(date, today)) return `today (${name})`;
        if (sameDay(date, addDays(today, 1))) return `tomorrow (${name})`;
        return name;
      },
    };
  }
  return {
    labelCall: PROMPTS.label_call,
    labelMap: PROMPTS.label_map,
    labelWeb: PROMPTS.label_web,
    openAlways: PROMPTS.hours_open_always,
    openUntil: PROMPTS.hours_open_until,
    closedNext: PROMPTS.hours_closed_next,
    closedNextUncertain: PROMPTS.hours_closed_next_uncertain,
    closedNoNext: PROMPTS.hours_closed_no_next,
    daysOnly: PROMPTS.hours_days_only,
    unknownHoliday: PROMPTS.hours_unknown_holiday,
    unknownYearEnd: PROMPTS.hours_unknown_year_end,
    unknown: PROMPTS.hours_unknown,
    free: PROMPTS.call_free,
    paid: PROMPTS.call_paid,
    unverifiedMark: PROMPTS.unverified_mark,
    askFor: PROMPTS.ask_for_section,
    unverified: PROMPTS.unverified_note,
    dayNames: {
      weekdays: '平日',
      everyDay: '毎日',
      names: WEEKDAY_JA,
      separator: '・',
      holidaysClosed: '（祝日を除く）',
      yearEnd: '（年末年始を除く）',
      holidaysAndYearEnd: '（祝日・年末年始を除く）',
    },
    dayLabel: (date, now) => {
      const today = jstDate(now);
      const wd = WEEKDAY_JA[date.weekday];
      if (sameDay(date, today)) return `今日（${wd}）`;
      if (sameDay(date, addDays(today, 1))) return `明日${date.month}月${date.day}日（${wd}）`;
      return `${date.month}月${date.day}日（${wd}）`;
    },
  };
}

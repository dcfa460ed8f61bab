// The words a card and an hours line use, in the resident's language, all from prompts/<locale>.yaml
// (labels, hours, days and dates), so adding a language is adding a file.
import { isJapanese, type Locale } from '../core/locale';
import { addDays, type JstDate, jstDate, sameDay } from '../hours/calendar';
import type { Day } from '../knowledge/schema';
import { promptsFor } from './prompts';
import { fill } from './prompts-schema';

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
  timetableUnknown: string;
  /** A card's timetable line: hours unknown on a day, monthly days, year-end hours, past midnight. */
  timetable: { timesUnknown: string; monthly: string; yearEnd: string; nextDay: string; range: string };
  dayLabel: (date: JstDate, now: Date) => string;
  /** Names the days of a weekly rule: 「平日」「土」 / "weekdays", "Sat". */
  dayNames: {
    weekdays: string;
    everyDay: string;
    names: Record<Day, string>;
    separator: string;
    holidaysClosed: string;
    yearEnd: string;
    holidaysAndYearEnd: string;
  };
};

const cache = new Map<Locale, LocaleTexts>();

export function localeTexts(locale: Locale): LocaleTexts {
  const known = cache.get(locale);
  if (known !== undefined) return known;
  const p = promptsFor(locale);
  const names: Record<Day, string> = {
    mon: p.weekday_mon,
    tue: p.weekday_tue,
    wed: p.weekday_wed,
    thu: p.weekday_thu,
    fri: p.weekday_fri,
    sat: p.weekday_sat,
    sun: p.weekday_sun,
    hol: p.weekday_hol,
  };
  const texts: LocaleTexts = {
    labelCall: p.label_call,
    labelMap: p.label_map,
    labelWeb: p.label_web,
    openAlways: p.hours_open_always,
    openUntil: p.hours_open_until,
    closedNext: p.hours_closed_next,
    closedNextUncertain: p.hours_closed_next_uncertain,
    closedNoNext: p.hours_closed_no_next,
    daysOnly: p.hours_days_only,
    unknownHoliday: p.hours_unknown_holiday,
    unknownYearEnd: p.hours_unknown_year_end,
    unknown: p.hours_unknown,
    free: p.call_free,
    paid: p.call_paid,
    unverifiedMark: p.unverified_mark,
    askFor: p.ask_for_section,
    unverified: p.unverified_note,
    timetableUnknown: p.timetable_unknown,
    timetable: {
      timesUnknown: p.timetable_times_unknown,
      monthly: p.timetable_monthly,
      yearEnd: p.timetable_year_end,
      nextDay: p.timetable_next_day,
      range: isJapanese(locale) ? '〜' : '–',
    },
    dayNames: {
      weekdays: p.days_weekdays,
      everyDay: p.days_every_day,
      names,
      separator: p.days_separator,
      holidaysClosed: p.days_except_holidays,
      yearEnd: p.days_except_year_end,
      holidaysAndYearEnd: p.days_except_both,
    },
    dayLabel: (date, now) => {
      const today = jstDate(now);
      const values = { weekday: names[date.weekday], month: String(date.month), day: String(date.day) };
      if (sameDay(date, today)) return fill(p.date_today, values);
      if (sameDay(date, addDays(today, 1))) return fill(p.date_tomorrow, values);
      return fill(p.date_other, values);
    },
  };
  cache.set(locale, texts);
  return texts;
}

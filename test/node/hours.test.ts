import { describe, expect, it } from 'vitest';
import { openStatus } from '../../src/hours/open-status';
import { describeStatus } from '../../src/compose/describe-hours';
import { localeTexts } from '../../src/compose/locale';
import { ScheduleSchema } from '../../src/knowledge/schema';

const src = { ref: 'test', confidence: 'official' as const };
const wardDays = ScheduleSchema.parse({ weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] }], source: src });
const officeHours = ScheduleSchema.parse({
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['09:00-17:00'] }],
  closedOnHolidays: true,
  closedYearEnd: true,
  source: src,
});
/** The same hours where the source says nothing about holidays or the year-end. */
const silentHours = ScheduleSchema.parse({ weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['09:00-17:00'] }], source: src });
/** 児相の夜間ダイヤル: weekday nights, weekends and holidays all day, the year-end too (contacts.md). */
const nightLine = ScheduleSchema.parse({
  weekly: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['17:00-33:00'] },
    { days: ['sat', 'sun', 'hol'], times: ['00:00-33:00'] },
  ],
  closedOnHolidays: false,
  yearEnd: { times: ['00:00-33:00'] },
  source: src,
});
const tokyoLine = ScheduleSchema.parse({
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['12:00-29:30'] }],
  closedOnHolidays: false,
  closedYearEnd: false,
  source: src,
});
const withHolidayHours = ScheduleSchema.parse({
  weekly: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['09:00-21:00'] },
    { days: ['sat', 'sun', 'hol'], times: ['09:00-17:00'] },
  ],
  source: src,
});
const at = (iso: string) => new Date(iso);
const ja = localeTexts('ja');

describe('openStatus (JST, weekends, holidays, 12/29–1/3)', () => {
  it('is open on a weekday afternoon and says until when', () => {
    const s = openStatus(officeHours, at('2026-11-25T14:00:00+09:00'));
    expect(s.kind).toBe('open');
    expect(describeStatus(s, officeHours, at('2026-11-25T14:00:00+09:00'), ja)).toBe('いま受付中（17:00まで）');
  });

  it('on Saturday 23:30 opens next on Monday morning, with the date', () => {
    const now = at('2026-11-28T23:30:00+09:00');
    expect(describeStatus(openStatus(officeHours, now), officeHours, now, ja)).toBe('時間外・次は11月30日（月） 9:00から');
  });

  it('skips a public holiday (2026-11-23, 勤労感謝の日, a Monday)', () => {
    const now = at('2026-11-22T20:00:00+09:00');
    expect(describeStatus(openStatus(officeHours, now), officeHours, now, ja)).toBe('時間外・次は11月24日（火） 9:00から');
  });

  it('is closed from 12/29 to 1/3 and opens on 1/4', () => {
    const now = at('2026-12-29T10:00:00+09:00');
    expect(describeStatus(openStatus(officeHours, now), officeHours, now, ja)).toBe('時間外・次は1月4日（月） 9:00から');
  });

  it('says the days only, at any hour, when no source gives the times (never 「今日」 at 06:00)', () => {
    for (const iso of ['2026-11-28T23:30:00+09:00', '2026-11-25T06:00:00+09:00', '2026-11-25T11:00:00+09:00']) {
      const now = at(iso);
      expect(openStatus(wardDays, now).kind).toBe('days');
      expect(describeStatus(openStatus(wardDays, now), wardDays, now, ja)).toBe('受付：平日（時間は窓口に確認してください）');
    }
  });

  it('leaves a holiday and the year-end unknown when the source does not say (never a guessed closure)', () => {
    const holiday = at('2026-11-23T10:00:00+09:00');
    expect(openStatus(silentHours, holiday)).toEqual({ kind: 'unknown-today', why: 'holiday' });
    expect(describeStatus(openStatus(silentHours, holiday), silentHours, holiday, ja)).toBe('今日は祝日です。受付しているかは窓口に確認してください');
    const yearEnd = at('2026-12-30T10:00:00+09:00');
    expect(openStatus(silentHours, yearEnd)).toEqual({ kind: 'unknown-today', why: 'year-end' });
    const before = at('2026-11-22T20:00:00+09:00');
    expect(describeStatus(openStatus(silentHours, before), silentHours, before, ja)).toBe(
      '時間外・ふだんは明日11月23日（月） 9:00から（祝日・年末年始の受付は窓口に確認してください）',
    );
  });

  it('keeps the 児相 night line open at night, on weekends, holidays and at the year-end', () => {
    for (const iso of [
      '2026-12-02T23:30:00+09:00',
      '2026-12-05T03:00:00+09:00',
      '2026-11-23T14:00:00+09:00',
      '2026-12-30T14:00:00+09:00',
      '2026-11-30T05:00:00+09:00',
    ]) {
      expect(openStatus(nightLine, at(iso)).kind, iso).toBe('open');
    }
    expect(openStatus(nightLine, at('2026-12-02T10:00:00+09:00')).kind).toBe('closed');
  });

  it('keeps a line open past midnight (12:00–翌5:30)', () => {
    expect(openStatus(tokyoLine, at('2026-11-29T02:00:00+09:00'))).toMatchObject({ kind: 'open' });
    expect(openStatus(tokyoLine, at('2026-11-29T06:00:00+09:00')).kind).toBe('closed');
    expect(openStatus(tokyoLine, at('2027-01-01T03:00:00+09:00')).kind).toBe('open');
  });

  it('uses holiday hours where a schedule has them', () => {
    const s = openStatus(withHolidayHours, at('2026-11-23T18:00:00+09:00'));
    expect(s.kind).toBe('closed');
    expect(openStatus(withHolidayHours, at('2026-11-23T10:00:00+09:00')).kind).toBe('open');
  });
});

import { describe, expect, it } from 'vitest';
import { openStatus } from '../../src/hours/open-status';
import { describeStatus } from '../../src/compose/describe-hours';
import { localeTexts } from '../../src/compose/locale';
import { ScheduleSchema } from '../../src/knowledge/schema';

const src = { ref: 'test', confidence: 'official' as const };
const wardDays = ScheduleSchema.parse({ weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] }], source: src });
const officeHours = ScheduleSchema.parse({ weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['09:00-17:00'] }], source: src });
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

  it('gives the day, not an hour, when no source gives the times', () => {
    const night = at('2026-11-28T23:30:00+09:00');
    expect(describeStatus(openStatus(wardDays, night), wardDays, night, ja)).toBe('時間外・次の受付日は11月30日（月）（時間は要確認）');
    const day = at('2026-11-25T11:00:00+09:00');
    expect(openStatus(wardDays, day).kind).toBe('open-day');
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

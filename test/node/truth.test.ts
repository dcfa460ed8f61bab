// Truth in every reply (issue 12): every crisis and abuse reply rendered at six moments of the week and
// year, and each printed number checked against its OWN schedule — with an oracle written apart from
// src/hours: a 24-hour number never reads as closed, a number is said to be open only inside its own
// hours, "free" stands only beside free numbers, and an unconfirmed fact always carries its mark.
import { describe, expect, it } from 'vitest';
import { crisisMessages } from '../../src/compose/crisis';
import type { AbuseKind, RiskAssessment } from '../../src/core/risk-level';
import { ENTRIES } from '../../src/knowledge/data';
import type { Entry, Phone, Schedule } from '../../src/knowledge/schema';
import holidayJp from '@holiday-jp/holiday_jp';

const MOMENTS: [string, string][] = [
  ['weekday 10:00', '2026-12-02T10:00:00+09:00'],
  ['weekday 18:00', '2026-12-02T18:00:00+09:00'],
  ['weekday 23:30', '2026-12-02T23:30:00+09:00'],
  ['Saturday 03:00', '2026-12-05T03:00:00+09:00'],
  ['a public holiday 14:00 (勤労感謝の日)', '2026-11-23T14:00:00+09:00'],
  ['12/30 14:00', '2026-12-30T14:00:00+09:00'],
];

const RISKS: [string, RiskAssessment][] = [
  ['high', { level: 'high' }],
  ['emergency (self)', { level: 'emergency' }],
  ['emergency (someone else is the danger)', { level: 'emergency', otherDanger: true, abuseKind: 'dv' }],
  ['concern', { level: 'concern' }],
  ['concern (urgent)', { level: 'concern', urgent: true }],
  ...(['child', 'dv', 'elder', 'disability', 'sexual'] as AbuseKind[]).map((k): [string, RiskAssessment] => [`abuse (${k})`, { level: 'abuse', abuseKind: k }]),
  ['abuse (a child about their own home)', { level: 'abuse', abuseKind: 'child', childVoice: true }],
];

/** The independent oracle: JST day and minute, holidays from the same upstream list, ranges read as written. */
function jst(instant: Date) {
  const t = new Date(instant.getTime() + 9 * 3600_000);
  const key = t.toISOString().slice(0, 10);
  return {
    key,
    weekday: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][t.getUTCDay()] ?? 'sun',
    minute: t.getUTCHours() * 60 + t.getUTCMinutes(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
  };
}
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Open according to the schedule's own words? `undefined` when the schedule leaves today unknown. */
function oracleOpen(schedule: Schedule | undefined, now: Date): boolean | undefined {
  if (schedule === undefined) return undefined;
  if (schedule.always) return true;
  const inRanges = (ranges: string[], minute: number) => ranges.some((r) => minute >= minutes(r.slice(0, 5)) && minute < minutes(r.slice(6)));
  const rangesFor = (at: Date): string[] | undefined => {
    const d = jst(at);
    const yearEnd = (d.month === 12 && d.day >= 29) || (d.month === 1 && d.day <= 3);
    const holiday = Object.hasOwn(holidayJp.holidays, d.key);
    if (yearEnd && schedule.yearEnd) return schedule.yearEnd.times;
    if (yearEnd && schedule.closedYearEnd === true) return [];
    const day = holiday && (schedule.weekly.some((r) => r.days.includes('hol')) || schedule.closedOnHolidays === true) ? 'hol' : d.weekday;
    const ranges = [
      ...schedule.weekly.filter((r) => r.days.includes(day as never)).flatMap((r) => r.times ?? []),
      ...schedule.monthly.filter((m) => m.dayOfMonth === d.day).flatMap((m) => m.times),
    ];
    if ((holiday && schedule.closedOnHolidays === undefined && day !== 'hol') || (yearEnd && schedule.closedYearEnd === undefined))
      return ranges.length > 0 ? undefined : [];
    return ranges;
  };
  const today = rangesFor(now);
  const yesterday = rangesFor(new Date(now.getTime() - 24 * 3600_000));
  if (yesterday !== undefined && inRanges(yesterday, jst(now).minute + 1440)) return true;
  if (today === undefined) return undefined;
  return inRanges(today, jst(now).minute);
}

type Printed = { name: string; number: string; status: string; cost: string; marked: boolean };

/** 「・名前\n　番号（状態・通話料）\n　※確認中の情報です」 as the replies print a line. */
function printedLines(text: string): Printed[] {
  return [...text.matchAll(/^・(.+)\n　([^\s（]+)（(.+)・(通話無料|通話料がかかります)）(\n　※確認中の情報です)?/gmu)].map((m) => ({
    name: m[1] ?? '',
    number: m[2] ?? '',
    status: m[3] ?? '',
    cost: m[4] ?? '',
    marked: m[5] !== undefined,
  }));
}

function phoneOf(name: string, number: string): { entry: Entry; phone: Phone } {
  for (const entry of ENTRIES) for (const phone of entry.phones) if (entry.name === name && phone.number === number) return { entry, phone };
  throw new Error(`truth: ${name} ${number} is printed but is no entry's phone`);
}

const confirmed = (c: string) => c === 'official' || c === 'well-known';

describe.each(MOMENTS)('every crisis and abuse reply at %s', (_when, iso) => {
  const now = new Date(iso);
  it.each(RISKS)('%s: each number printed with its own status, cost and confidence', (_name, risk) => {
    const text = crisisMessages(risk, now)
      .map((m) => (m.type === 'text' ? m.text : ''))
      .join('\n');
    const lines = printedLines(text);
    expect(lines.length, text).toBeGreaterThan(0);
    for (const line of lines) {
      const { entry, phone } = phoneOf(line.name, line.number);
      const schedule = phone.hours ?? entry.hours;
      const open = oracleOpen(schedule, now);
      const where = `${line.name} ${line.number} at ${iso}: "${line.status}"`;
      if (schedule?.always === true) expect(line.status, where).toBe('24時間受付');
      else if (open === true) expect(line.status, where).toMatch(/^いま受付中/);
      else if (open === false) expect(line.status, where).not.toMatch(/^いま受付中|24時間/);
      else expect(line.status, where).not.toMatch(/^いま受付中|24時間|^時間外・次は/);
      const free = /^0(120|800)-/.test(phone.number) || phone.free === true;
      expect(line.cost, where).toBe(free ? '通話無料' : '通話料がかかります');
      expect(line.marked, where).toBe(!confirmed(phone.source.confidence) || (schedule !== undefined && !confirmed(schedule.source.confidence)));
    }
    // 「お金はかかりません」 only when every number listed is free.
    if (text.includes('お金はかかりません')) for (const line of lines) expect(line.cost, line.number).toBe('通話無料');
  });
});

describe('the oracle itself', () => {
  it('reads a 24-hour line as open and a weekday line as closed at night', () => {
    expect(oracleOpen({ always: true, weekly: [], monthly: [], source: { ref: 'x', confidence: 'official' } }, new Date('2026-12-05T03:00:00+09:00'))).toBe(
      true,
    );
    const weekdays: Schedule = {
      always: false,
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], times: ['09:00-17:00'] }],
      monthly: [],
      closedOnHolidays: true,
      source: { ref: 'x', confidence: 'official' },
    };
    expect(oracleOpen(weekdays, new Date('2026-12-02T10:00:00+09:00'))).toBe(true);
    expect(oracleOpen(weekdays, new Date('2026-12-02T23:30:00+09:00'))).toBe(false);
    expect(oracleOpen(weekdays, new Date('2026-11-23T10:00:00+09:00'))).toBe(false);
    expect(oracleOpen({ ...weekdays, closedOnHolidays: undefined }, new Date('2026-11-23T10:00:00+09:00'))).toBeUndefined();
  });
});

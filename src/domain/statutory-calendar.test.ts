/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LunarDay } from 'tyme4ts';
import {
  type CalendarYear,
  addWorkingDays,
  calendarVersionsBetween,
  calendarYearData,
  isWorkingDay,
  provisionalYearsToWarn,
  workingDaysBetween,
  yearStatus,
} from './calendar';
import { STATUTE_LAST_YEAR, calendarInForce, lunarLibraryCovers, provisionalYear, statutoryFestivals } from './statutory-calendar';
import { addDays, dayOfWeek, fromDayNumber, toDayNumber } from './local-date';
import { DomainFailure } from './result';
import { parseHolidayNotice } from './holiday-notice';

const published = import.meta.glob<CalendarYear>('../../resources/calendar/*.json', { eager: true, import: 'default' });
const official = Object.values(published);
const notices = import.meta.glob<string>('../../tests/fixtures/calendar-notices/*.txt', { eager: true, query: '?raw', import: 'default' });
const plausible2027 = (() => {
  const r = parseHolidayNotice(notices['../../tests/fixtures/calendar-notices/2027-plausible.txt']!, 2027);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.calendar;
})();

const offDays = (y: CalendarYear): string[] =>
  y.holidays.flatMap((h) => {
    const out: string[] = [];
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) out.push(d);
    return out;
  });

function failureOf(run: () => unknown): DomainFailure {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainFailure) return e;
    throw e;
  }
  throw new Error('expected a DomainFailure');
}

describe('the provisional year from the statute', () => {
  it('takes 2027 lunar dates from the lunar library: new year 02-06, eve 02-05, 清明 04-05, 端午 06-09, 中秋 09-15', () => {
    const f = Object.fromEntries(statutoryFestivals(2027).map((x) => [x.name, x.days]));
    expect(f['春节']).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(f['清明节']).toEqual(['2027-04-05']);
    expect(f['端午节']).toEqual(['2027-06-09']);
    expect(f['中秋节']).toEqual(['2027-09-15']);
    expect(f['元旦']).toEqual(['2027-01-01']);
    expect(f['劳动节']).toEqual(['2027-05-01', '2027-05-02']);
    expect(f['国庆节']).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });

  it('makes up the rest days that fall on a weekend right after the holiday (2027: 02-09/10, 05-03/04, 10-04/05), with no make-up working days', () => {
    const y = provisionalYear(2027);
    expect(y.holidays).toEqual([
      { from: '2027-01-01', to: '2027-01-01', name: '元旦' },
      { from: '2027-02-05', to: '2027-02-10', name: '春节' },
      { from: '2027-04-05', to: '2027-04-05', name: '清明节' },
      { from: '2027-05-01', to: '2027-05-04', name: '劳动节' },
      { from: '2027-06-09', to: '2027-06-09', name: '端午节' },
      { from: '2027-09-15', to: '2027-09-15', name: '中秋节' },
      { from: '2027-10-01', to: '2027-10-05', name: '国庆节' },
    ]);
    expect(y.workdays).toEqual([]);
    expect(y.source).toContain('全国年节及纪念日放假办法');
  });

  it('gives a weekday for a New Year on Saturday, and a day for 中秋 falling on 国庆 (2028)', () => {
    const y = provisionalYear(2028);
    expect(y.holidays[0]).toEqual({ from: '2028-01-01', to: '2028-01-03', name: '元旦' });
    // 10-01 is a Sunday and 中秋 is 10-03: two days made up, 10-04 and 10-05.
    expect(y.holidays.at(-1)).toEqual({ from: '2028-10-01', to: '2028-10-05', name: '国庆节、中秋节' });
  });

  it('rests the 13 statutory days every year: weekdays off = 13 minus none lost (2025..2060)', () => {
    for (let year = 2025; year <= 2060; year++) {
      const y = provisionalYear(year);
      const weekdaysOff = offDays(y).filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6);
      expect(weekdaysOff, String(year)).toHaveLength(13);
      // 春节 starts on the eve, always in late January or February.
      const spring = y.holidays.find((h) => h.name.includes('春节'))!;
      expect(spring.from, String(year)).toBe(
        (() => {
          const d = LunarDay.fromYmd(year, 1, 1).next(-1).getSolarDay();
          return `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;
        })(),
      );
    }
  });

  it('covers 2025 to the lunar library last year, and nothing outside', () => {
    expect(lunarLibraryCovers(STATUTE_LAST_YEAR)).toBe(true);
    expect(lunarLibraryCovers(STATUTE_LAST_YEAR + 1)).toBe(false);
    expect(provisionalYear(STATUTE_LAST_YEAR).holidays.length).toBeGreaterThan(5);
    expect(failureOf(() => provisionalYear(2024)).code).toBe('CALENDAR_YEAR_UNKNOWN');
    const cal = calendarInForce(official);
    expect(addWorkingDays(cal, '9999-12-01', 10)).toMatch(/^9999-12-/);
    expect(failureOf(() => addWorkingDays(cal, '9999-12-20', 20)).details).toMatchObject({ year: 10000 });
    expect(failureOf(() => addWorkingDays(cal, '2024-12-30', 1)).details).toMatchObject({ year: 2024, knownYears: [2025, 2026] });
  });
});

describe('the calendar in force', () => {
  const cal = calendarInForce(official);

  it('counts a 20-working-day matter taken in on 2026-12-07 into the provisional 2027', () => {
    // Dec 7 + 18 working days = Dec 31 (Thu); Jan 1 off; Jan 4 (Mon) is the 19th, Jan 5 the 20th.
    expect(addWorkingDays(cal, '2026-12-07', 20)).toBe('2027-01-05');
    expect(calendarVersionsBetween(cal, '2026-12-07', '2027-01-05')).toEqual([
      { year: 2026, revision: 1 },
      { year: 2027, revision: 0 },
    ]);
    expect(isWorkingDay(cal, '2027-02-09')).toBe(false);
    expect(isWorkingDay(cal, '2027-02-11')).toBe(true);
  });

  it('marks each year official or provisional', () => {
    expect(yearStatus(cal, 2026)).toEqual({ year: 2026, status: 'official', revision: 1 });
    expect(yearStatus(cal, 2027)).toEqual({ year: 2027, status: 'provisional', revision: 0 });
    expect(yearStatus(cal, 2024)).toBeNull();
    expect(calendarYearData(cal, 2027)).toEqual(provisionalYear(2027));
    const entered = calendarInForce([...official, { ...plausible2027, revision: 2 }]);
    expect(yearStatus(entered, 2027)).toEqual({ year: 2027, status: 'official', revision: 2 });
    expect(isWorkingDay(entered, '2027-02-20')).toBe(true);
  });

  it('warns from November 1 while next year is still provisional', () => {
    expect(provisionalYearsToWarn(cal, '2026-10-31')).toEqual([]);
    expect(provisionalYearsToWarn(cal, '2026-11-01')).toEqual([2027]);
    expect(provisionalYearsToWarn(cal, '2027-01-04')).toEqual([2027]);
    expect(provisionalYearsToWarn(calendarInForce([...official, plausible2027]), '2026-12-07')).toEqual([]);
  });

  describe('properties, 2025–2028', () => {
    const startArb = fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2028-12-31') }).map(fromDayNumber);
    const limitArb = fc.integer({ min: 0, max: 120 });
    const calendars = [
      ['official 2025–2026, provisional after', cal],
      ['with the 2027 notice entered', calendarInForce([...official, plausible2027])],
    ] as const;

    for (const [label, c] of calendars) {
      it(`${label}: the due date is a working day, counts exactly the limit's working days, and never throws`, () => {
        fc.assert(
          fc.property(startArb, limitArb, (from, n) => {
            const due = addWorkingDays(c, from, n);
            if (n > 0) expect(isWorkingDay(c, due)).toBe(true);
            expect(workingDaysBetween(c, from, due)).toBe(n);
            // Counted day by day: exactly n working days after `from`, the last one on the due date.
            let counted = 0;
            for (let d = addDays(from, 1); d <= due; d = addDays(d, 1)) if (isWorkingDay(c, d)) counted++;
            expect(counted).toBe(n);
          }),
          { numRuns: 300 },
        );
      });
    }
  });
});

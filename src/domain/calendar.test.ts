/// <reference types="vite/client" />
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  type CalendarYear,
  type ClockPause,
  addWorkingDays,
  buildCalendar,
  dayInfo,
  isWorkingDay,
  knownYears,
  workingDaysBetween,
} from './calendar';
import { addDays, dayOfWeek, fromDayNumber, toDayNumber } from './local-date';
import { DomainFailure } from './result';

// Every file in resources/calendar, so a newly published year is checked by buildCalendar too.
// (import.meta.glob rather than a JSON import: resources/ lies outside the tsconfig projects.)
const published = import.meta.glob<CalendarYear>('../../resources/calendar/*.json', { eager: true, import: 'default' });
const calendarFile = (year: number): CalendarYear => {
  const data = published[`../../resources/calendar/${year}.json`];
  if (!data) throw new Error(`resources/calendar/${year}.json is missing`);
  return data;
};
const year2025 = calendarFile(2025);
const year2026 = calendarFile(2026);
const cal = buildCalendar([year2025, year2026]);

function failureOf(run: () => unknown): DomainFailure {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainFailure) return e;
    throw e;
  }
  throw new Error('expected a DomainFailure');
}

/** Dates from 2025-01-01 to 2026-10-31, so that + up to 30 working days stays inside 2026. */
const startArb = fc
  .integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2026-10-31') })
  .map((day) => fromDayNumber(day));
const pauseArb = fc
  .tuple(fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2026-10-31') }), fc.integer({ min: 0, max: 10 }))
  .map(([start, len]): ClockPause => ({ from: fromDayNumber(start), to: fromDayNumber(start + len) }));

describe('working-day calendar', () => {
  it('loads the published 2025 and 2026 arrangements', () => {
    expect(knownYears(cal)).toEqual([2025, 2026]);
    const all = buildCalendar(Object.values(published));
    expect(knownYears(all)).toEqual(
      Object.keys(published)
        .map((path) => Number(/(\d{4})\.json$/.exec(path)?.[1]))
        .sort((a, b) => a - b),
    );
    expect(year2026.source).toContain('2026');
    expect(year2025.source).toContain('2025');
  });

  it('counts the official 2026 cases: Spring Festival and National Day', () => {
    expect(addWorkingDays(cal, '2026-02-12', 5)).toBe('2026-02-26');
    expect(addWorkingDays(cal, '2026-09-28', 3)).toBe('2026-10-08');
  });

  it('counts make-up working days even on weekends', () => {
    expect(isWorkingDay(cal, '2026-01-04')).toBe(true);
    expect(dayOfWeek('2026-01-04')).toBe(0);
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true);
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(addWorkingDays(cal, '2026-01-03', 1)).toBe('2026-01-04');
    expect(addWorkingDays(cal, '2026-10-09', 1)).toBe('2026-10-10');
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-14');
  });

  it('skips holidays on weekdays and ordinary weekends', () => {
    expect(isWorkingDay(cal, '2026-10-05')).toBe(false);
    expect(isWorkingDay(cal, '2026-11-28')).toBe(false);
    expect(isWorkingDay(cal, '2026-11-30')).toBe(true);
    expect(addWorkingDays(cal, '2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays(cal, '2026-04-03', 1)).toBe('2026-04-07');
  });

  it('counts the 2025 arrangement, including across the new year', () => {
    expect(addWorkingDays(cal, '2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkingDays(cal, '2025-01-27', 1)).toBe('2025-02-05');
    expect(addWorkingDays(cal, '2025-09-26', 2)).toBe('2025-09-29');
    expect(addWorkingDays(cal, '2025-09-30', 3)).toBe('2025-10-11');
    expect(addWorkingDays(cal, '2025-12-31', 1)).toBe('2026-01-04');
    expect(isWorkingDay(cal, '2025-06-02')).toBe(false);
  });

  it('has 248 working days in each of 2025 and 2026 (261 weekdays, minus holidays on weekdays, plus make-up days)', () => {
    expect(workingDaysBetween(cal, '2025-01-01', '2025-12-31')).toBe(248);
    expect(workingDaysBetween(cal, '2025-12-31', '2026-12-31')).toBe(248);
  });

  it('does not count the start day and returns it for 0 days', () => {
    expect(addWorkingDays(cal, '2026-11-30', 0)).toBe('2026-11-30');
    expect(addWorkingDays(cal, '2026-11-28', 0)).toBe('2026-11-28');
    expect(addWorkingDays(cal, '2026-11-30', 1)).toBe('2026-12-01');
    expect(workingDaysBetween(cal, '2026-11-30', '2026-11-30')).toBe(0);
  });

  it('counts backwards as negative when the end lies before the start', () => {
    expect(workingDaysBetween(cal, '2026-02-26', '2026-02-12')).toBe(-5);
    expect(workingDaysBetween(cal, '2026-11-29', '2026-11-28')).toBe(0);
    expect(Object.is(workingDaysBetween(cal, '2026-11-29', '2026-11-28'), 0)).toBe(true);
  });

  it('stops the clock while a special procedure runs', () => {
    expect(addWorkingDays(cal, '2026-11-02', 5)).toBe('2026-11-09');
    const hearing = [{ from: '2026-11-04', to: '2026-11-05' }];
    expect(addWorkingDays(cal, '2026-11-02', 5, hearing)).toBe('2026-11-11');
    expect(workingDaysBetween(cal, '2026-11-02', '2026-11-11', hearing)).toBe(5);
    expect(workingDaysBetween(cal, '2026-11-02', '2026-11-11')).toBe(7);
  });

  it('refuses a clock pause that ends before it starts', () => {
    const f = failureOf(() => addWorkingDays(cal, '2026-11-02', 5, [{ from: '2026-11-05', to: '2026-11-04' }]));
    expect(f.code).toBe('CLOCK_PAUSE_INVALID');
  });

  it('refuses negative or fractional numbers of working days', () => {
    expect(failureOf(() => addWorkingDays(cal, '2026-11-02', -1)).code).toBe('WORKING_DAYS_INVALID');
    expect(failureOf(() => addWorkingDays(cal, '2026-11-02', 1.5)).code).toBe('WORKING_DAYS_INVALID');
  });

  it('names the missing year instead of guessing a deadline beyond the known calendar', () => {
    const late = failureOf(() => addWorkingDays(cal, '2026-12-28', 5));
    expect(late.code).toBe('CALENDAR_YEAR_UNKNOWN');
    expect(late.details).toMatchObject({ year: 2027, knownYears: [2025, 2026] });
    expect(late.message).toContain('2027');
    expect(failureOf(() => isWorkingDay(cal, '2024-12-31')).details).toMatchObject({ year: 2024 });
    expect(failureOf(() => addWorkingDays(cal, '2024-12-31', 0)).details).toMatchObject({ year: 2024 });
    expect(failureOf(() => workingDaysBetween(cal, '2026-12-01', '2027-01-05')).details).toMatchObject({ year: 2027 });
  });

  it('also refuses a gap between known years', () => {
    const gappy = buildCalendar([year2025, { year: 2027, source: 'test', holidays: [], workdays: [] }]);
    expect(failureOf(() => addWorkingDays(gappy, '2025-12-30', 3)).details).toMatchObject({ year: 2026 });
    expect(isWorkingDay(gappy, '2027-01-04')).toBe(true);
  });

  it('explains each day for calendar screens', () => {
    expect(dayInfo(cal, '2026-02-16')).toEqual({ date: '2026-02-16', working: false, reason: 'holiday', name: '春节' });
    expect(dayInfo(cal, '2026-02-14')).toMatchObject({ working: true, reason: 'makeup' });
    expect(dayInfo(cal, '2026-11-28')).toEqual({ date: '2026-11-28', working: false, reason: 'weekend' });
    expect(dayInfo(cal, '2026-11-27')).toEqual({ date: '2026-11-27', working: true, reason: 'weekday' });
  });

  describe('properties', () => {
    it('lands on a working day for any n > 0', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 1, max: 30 }), (from, n) => {
          expect(isWorkingDay(cal, addWorkingDays(cal, from, n))).toBe(true);
        }),
      );
    });

    it('is undone by workingDaysBetween, with and without pauses', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 0, max: 30 }), fc.array(pauseArb, { maxLength: 3 }), (from, n, pauses) => {
          expect(workingDaysBetween(cal, from, addWorkingDays(cal, from, n))).toBe(n);
          expect(workingDaysBetween(cal, from, addWorkingDays(cal, from, n, pauses), pauses)).toBe(n);
        }),
      );
    });

    it('never gives an earlier date for more working days', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 0, max: 29 }), (from, n) => {
          expect(addWorkingDays(cal, from, n + 1) > addWorkingDays(cal, from, n)).toBe(true);
        }),
      );
    });

    it('only ever moves the deadline later when the clock is paused', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 0, max: 30 }), fc.array(pauseArb, { maxLength: 3 }), (from, n, pauses) => {
          expect(addWorkingDays(cal, from, n, pauses) >= addWorkingDays(cal, from, n)).toBe(true);
        }),
      );
    });

    it('agrees with counting day by day', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 0, max: 60 }), (from, span) => {
          const to = addDays(from, span);
          let expected = 0;
          for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(cal, d)) expected++;
          expect(workingDaysBetween(cal, from, to)).toBe(expected);
          expect(workingDaysBetween(cal, to, from)).toBe(0 - expected);
        }),
      );
    });
  });
});

describe('calendar data checks', () => {
  const base = (over: Partial<CalendarYear>): CalendarYear => ({
    year: 2026,
    source: 'test',
    holidays: [],
    workdays: [],
    ...over,
  });

  it('refuses a holiday outside its year', () => {
    const f = failureOf(() => buildCalendar([base({ holidays: [{ from: '2027-01-01', to: '2027-01-01', name: '元旦' }] })]));
    expect(f.code).toBe('CALENDAR_INVALID');
    expect(f.details).toMatchObject({ year: 2026, date: '2027-01-01' });
  });

  it('refuses a day that is both off and worked', () => {
    const f = failureOf(() =>
      buildCalendar([
        base({
          holidays: [{ from: '2026-02-14', to: '2026-02-16', name: '春节' }],
          workdays: [{ date: '2026-02-14', name: '春节调休上班' }],
        }),
      ]),
    );
    expect(f.code).toBe('CALENDAR_INVALID');
    expect(f.details).toMatchObject({ date: '2026-02-14' });
  });

  it('refuses a make-up working day on a weekday, a reversed range, a bad date and a repeated year', () => {
    expect(failureOf(() => buildCalendar([base({ workdays: [{ date: '2026-11-27', name: 'x' }] })])).code).toBe('CALENDAR_INVALID');
    expect(
      failureOf(() => buildCalendar([base({ holidays: [{ from: '2026-10-07', to: '2026-10-01', name: '国庆节' }] })])).code,
    ).toBe('CALENDAR_INVALID');
    expect(
      failureOf(() => buildCalendar([base({ holidays: [{ from: '2026-02-30', to: '2026-03-01', name: 'x' }] })])).code,
    ).toBe('CALENDAR_INVALID');
    expect(failureOf(() => buildCalendar([base({}), base({})])).details).toEqual({ year: 2026 });
  });

  it('refuses overlapping holidays, which usually mean a copy mistake', () => {
    const f = failureOf(() =>
      buildCalendar([
        base({
          holidays: [
            { from: '2026-10-01', to: '2026-10-07', name: '国庆节' },
            { from: '2026-10-07', to: '2026-10-08', name: '国庆节' },
          ],
        }),
      ]),
    );
    expect(f.details).toMatchObject({ date: '2026-10-07' });
  });
});

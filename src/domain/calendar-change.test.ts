/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CalendarYear } from './calendar';
import { calendarChangeGuard, calendarYearFromDays, dayChanges, specialDaysOf } from './calendar-change';
import { provisionalYear } from './statutory-calendar';

const published = import.meta.glob<CalendarYear>('../../resources/calendar/*.json', { eager: true, import: 'default' });
const y2026 = published['../../resources/calendar/2026.json']!;

describe('what entering a year changes', () => {
  it('lists every changed day when the notice replaces the provisional 2026', () => {
    const changes = dayChanges(provisionalYear(2026), y2026);
    const byDate = new Map(changes.map((c) => [c.date, c]));
    // Sun 01-04 becomes a working day; Fri 01-02 a rest day; 02-16 stays off but its reason stays too.
    expect(byDate.get('2026-01-04')).toEqual({ date: '2026-01-04', before: { working: false, reason: 'weekend' }, after: { working: true, reason: 'makeup', name: '元旦调休上班' } });
    expect(byDate.get('2026-01-02')).toEqual({ date: '2026-01-02', before: { working: true, reason: 'weekday' }, after: { working: false, reason: 'holiday', name: '元旦' } });
    expect(byDate.has('2026-02-16')).toBe(false);
    expect(byDate.has('2026-03-10')).toBe(false);
    expect(dayChanges(y2026, y2026)).toEqual([]);
  });

  it('round-trips a year through the month grid', () => {
    expect(calendarYearFromDays(2026, y2026.source, specialDaysOf(y2026))).toStrictEqual(y2026);
    fc.assert(
      fc.property(fc.integer({ min: 2025, max: 2040 }), (year) => {
        const y = provisionalYear(year);
        expect(calendarYearFromDays(year, y.source, specialDaysOf(y))).toStrictEqual(y);
      }),
      { numRuns: 16 },
    );
  });
});

describe('the guard on saving a year', () => {
  const emptied: CalendarYear = { ...y2026, holidays: [], workdays: [] };

  it('asks for force to replace a year holidays with nothing, official or provisional', () => {
    for (const [status, before] of [['official', y2026], ['provisional', provisionalYear(2026)]] as const) {
      const reasons = calendarChangeGuard({ beforeStatus: status, before, after: emptied, changes: dayChanges(before, emptied), openCases: [] });
      expect(reasons[0]).toMatchObject({ code: 'HOLIDAYS_EMPTIED' });
    }
  });

  it('asks for force to take out rest days of an entered year that open cases count over, and only then', () => {
    const fewer: CalendarYear = { ...y2026, holidays: y2026.holidays.map((h) => (h.name === '国庆节' ? { ...h, to: '2026-10-05' } : h)) };
    const changes = dayChanges(y2026, fewer);
    expect(changes.map((c) => c.date)).toEqual(['2026-10-06', '2026-10-07']);
    const open = [
      { caseNo: 'TS-20260928-B1-0001', acceptedOn: '2026-09-28', dueDate: '2026-10-12' },
      { caseNo: 'TS-20261009-B1-0001', acceptedOn: '2026-10-09', dueDate: '2026-10-16' },
      { caseNo: 'TS-20260930-B1-0002', acceptedOn: '2026-09-30', dueDate: null },
    ];
    expect(calendarChangeGuard({ beforeStatus: 'official', before: y2026, after: fewer, changes, openCases: open })).toEqual([
      { code: 'COUNTED_REST_DAYS_REMOVED', dates: ['2026-10-06', '2026-10-07'], caseNos: ['TS-20260928-B1-0001', 'TS-20260930-B1-0002'], cases: 2 },
    ]);
    expect(calendarChangeGuard({ beforeStatus: 'official', before: y2026, after: fewer, changes, openCases: [open[1]!] })).toEqual([]);
    // Replacing the provisional year with the notice is what provisional means: no force.
    const prov = provisionalYear(2026);
    expect(calendarChangeGuard({ beforeStatus: 'provisional', before: prov, after: y2026, changes: dayChanges(prov, y2026), openCases: open })).toEqual([]);
  });
});

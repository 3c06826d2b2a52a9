import { describe, expect, it } from 'vitest';
import { monthWeeks, toggleDay } from '../../../src/ui/calendar-grid';

describe('the month grid of the calendar screen', () => {
  it('lays a month out Monday first, with what each day is', () => {
    const special = new Map([
      ['2027-02-05', { date: '2027-02-05', kind: 'holiday' as const, name: '春节' }],
      ['2027-02-20', { date: '2027-02-20', kind: 'makeup' as const, name: '春节调休上班' }],
    ]);
    const weeks = monthWeeks(2027, 2, special, new Set(['2027-02-20']));
    // 2027-02-01 is a Monday: no blank lead; 28 days fill exactly four weeks.
    expect(weeks).toHaveLength(4);
    expect(weeks[0]![0]).toMatchObject({ date: '2027-02-01', kind: 'weekday', changed: false });
    expect(weeks[0]![4]).toMatchObject({ date: '2027-02-05', kind: 'holiday', name: '春节' });
    expect(weeks[0]![5]).toMatchObject({ date: '2027-02-06', kind: 'weekend' });
    expect(weeks[2]![5]).toMatchObject({ date: '2027-02-20', kind: 'makeup', changed: true });
    // 2026-03-01 is a Sunday: six blanks before it.
    expect(monthWeeks(2026, 3, new Map(), new Set())[0]!.slice(0, 7).map((d) => d?.day ?? null)).toEqual([null, null, null, null, null, null, 1]);
  });

  it('makes a weekday a day off, a weekend day a working day, and undoes either with a second click', () => {
    const off = toggleDay([], '2027-10-08', '国庆节');
    expect(off).toEqual([{ date: '2027-10-08', kind: 'holiday', name: '国庆节' }]);
    const worked = toggleDay(off, '2027-10-09', '国庆节');
    expect(worked).toEqual([off[0], { date: '2027-10-09', kind: 'makeup', name: '国庆节调休上班' }]);
    expect(toggleDay(worked, '2027-10-08', '春节')).toEqual([{ date: '2027-10-09', kind: 'makeup', name: '国庆节调休上班' }]);
  });
});

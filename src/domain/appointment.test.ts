/// <reference types="vite/client" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInTiming, instantOf, isoWeekday, slotClosed, slotsOverlap, templateDays } from './appointment';
import { buildCalendar, dayInfo, isWorkingDay, type CalendarYear } from './calendar';
import { addDays } from './local-date';

const slot = { day: '2026-12-08', start: '09:00', end: '09:30' };
const w = { earlyMinutes: 30, lateMinutes: 0 };

describe('appointment times', () => {
  it('reads a slot time as Asia/Shanghai', () => {
    expect(instantOf('2026-12-08', '09:00').toISOString()).toBe('2026-12-08T01:00:00.000Z');
  });

  it('opens check-in 30 minutes before the start and closes it at the end', () => {
    expect(checkInTiming(slot, new Date('2026-12-08T00:29:59Z'), w)).toBe('too-early');
    expect(checkInTiming(slot, new Date('2026-12-08T00:30:00Z'), w)).toBe('open');
    expect(checkInTiming(slot, new Date('2026-12-08T01:30:00Z'), w)).toBe('open');
    expect(checkInTiming(slot, new Date('2026-12-08T01:30:01Z'), w)).toBe('too-late');
    expect(checkInTiming(slot, new Date('2026-12-08T01:40:00Z'), { earlyMinutes: 0, lateMinutes: 15 })).toBe('open');
  });

  it('closes booking when the slot ends', () => {
    expect(slotClosed(slot, new Date('2026-12-08T01:29:59Z'))).toBe(false);
    expect(slotClosed(slot, new Date('2026-12-08T01:30:00Z'))).toBe(true);
  });

  it('finds overlaps symmetrically, touching slots apart', () => {
    expect(slotsOverlap({ start: '09:00', end: '09:30' }, { start: '09:30', end: '10:00' })).toBe(false);
    expect(slotsOverlap({ start: '09:00', end: '10:00' }, { start: '09:15', end: '09:45' })).toBe(true);
    const hhmm = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    const range = fc.tuple(hhmm, hhmm).filter(([a, b]) => a < b).map(([start, end]) => ({ start, end }));
    fc.assert(fc.property(range, range, (a, b) => slotsOverlap(a, b) === slotsOverlap(b, a) && slotsOverlap(a, a)));
  });
});

const published = import.meta.glob<CalendarYear>('../../resources/calendar/*.json', { eager: true, import: 'default' });
const hallCalendar = buildCalendar(Object.values(published));

describe('the days a week template lays slots on', () => {
  it('skips the National Day holiday and lays the 补班 Saturday out as a Monday', () => {
    const t = templateDays(hallCalendar, '2026-09-28', 14, [1, 2, 3, 4, 5]);
    expect(t.days).toEqual([
      { day: '2026-09-28', makeup: null },
      { day: '2026-09-29', makeup: null },
      { day: '2026-09-30', makeup: null },
      { day: '2026-10-08', makeup: null },
      { day: '2026-10-09', makeup: null },
      { day: '2026-10-10', makeup: '国庆节调休上班' },
    ]);
    expect(t.skipped).toEqual(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((day) => ({ day, reason: 'holiday', name: '国庆节' })));
  });

  it('lays a 补班 day out only when Monday is chosen, and never on a rest day even when its weekday is chosen', () => {
    // 2026-02-14 (Saturday) is 春节调休上班; 2026-02-07 an ordinary Saturday.
    expect(templateDays(hallCalendar, '2026-02-07', 8, [2, 6]).days).toEqual([{ day: '2026-02-10', makeup: null }]);
    expect(templateDays(hallCalendar, '2026-02-07', 8, [2, 6]).skipped).toEqual([{ day: '2026-02-07', reason: 'weekend', name: null }]);
    expect(templateDays(hallCalendar, '2026-02-14', 1, [1]).days).toEqual([{ day: '2026-02-14', makeup: '春节调休上班' }]);
  });

  it('never lays a slot on a non-working day, and misses no working day of a chosen weekday (property)', () => {
    const first = Date.UTC(2025, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 14 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        (offset, count, weekdays) => {
          const from = new Date(first + offset * 86_400_000).toISOString().slice(0, 10);
          const t = templateDays(hallCalendar, from, count, weekdays);
          const laid = new Set(t.days.map((d) => d.day));
          for (const d of t.days) expect(isWorkingDay(hallCalendar, d.day)).toBe(true);
          for (const s of t.skipped) {
            expect(isWorkingDay(hallCalendar, s.day)).toBe(false);
            expect(laid.has(s.day)).toBe(false);
            expect(weekdays).toContain(isoWeekday(s.day));
          }
          for (let i = 0; i < count; i++) {
            const day = addDays(from, i);
            const info = dayInfo(hallCalendar, day);
            const wanted = info.reason === 'makeup' ? weekdays.includes(1) : info.working && weekdays.includes(isoWeekday(day));
            expect(laid.has(day)).toBe(wanted);
          }
        },
      ),
    );
  });
});

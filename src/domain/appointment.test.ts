import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInTiming, instantOf, slotClosed, slotsOverlap } from './appointment';

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

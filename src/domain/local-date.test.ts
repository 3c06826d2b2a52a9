import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  compactLocalDate,
  compareLocalDate,
  dayOfWeek,
  formatChineseDate,
  fromDayNumber,
  isLocalDate,
  localDateInShanghai,
  startOfLocalDate,
  toDayNumber,
  yearOf,
} from './local-date';
import { DomainFailure } from './result';

/** Any date of years 1900..2100 through the UTC calendar of Date, as an independent oracle. */
const dateArb = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('local dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2026-11-28')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-00-10')).toBe(false);
    expect(isLocalDate('2026-1-5')).toBe(false);
    expect(isLocalDate('20261128')).toBe(false);
    expect(isLocalDate('2026-11-28T00:00')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });

  it('gives the Shanghai date of an instant: after 16:00 UTC it is already tomorrow in the hall', () => {
    expect(localDateInShanghai(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(localDateInShanghai(new Date('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    expect(localDateInShanghai(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(localDateInShanghai(new Date('1969-12-31T20:00:00Z'))).toBe('1970-01-01');
  });

  it('refuses an invalid instant instead of inventing a date', () => {
    expect(() => localDateInShanghai(new Date('nonsense'))).toThrow(DomainFailure);
  });

  it('starts a local date at midnight Shanghai time', () => {
    expect(startOfLocalDate('2026-11-28').toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('agrees with the UTC calendar of Date on day numbers, weekdays and years', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const utc = new Date(`${d}T00:00:00Z`);
        expect(toDayNumber(d)).toBe(utc.getTime() / 86_400_000);
        expect(fromDayNumber(toDayNumber(d))).toBe(d);
        expect(dayOfWeek(d)).toBe(utc.getUTCDay());
        expect(yearOf(d)).toBe(utc.getUTCFullYear());
        expect(isLocalDate(d)).toBe(true);
      }),
    );
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-11-28', 0)).toBe('2026-11-28');
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(toDayNumber(addDays(d, n)) - toDayNumber(d)).toBe(n);
      }),
    );
  });

  it('knows the weekdays of the hall calendar', () => {
    expect(dayOfWeek('2026-11-28')).toBe(6);
    expect(dayOfWeek('2026-01-04')).toBe(0);
    expect(dayOfWeek('2026-10-01')).toBe(4);
  });

  it('orders dates like a comparator', () => {
    expect(compareLocalDate('2026-11-28', '2026-11-29')).toBeLessThan(0);
    expect(compareLocalDate('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
    expect(compareLocalDate('2026-11-28', '2026-11-28')).toBe(0);
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(Math.sign(compareLocalDate(a, b))).toBe(Math.sign(toDayNumber(a) - toDayNumber(b)));
      }),
    );
  });

  it('throws DATE_INVALID with the bad value rather than computing with it', () => {
    try {
      addDays('2026-02-30', 1);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainFailure);
      expect((e as DomainFailure).code).toBe('DATE_INVALID');
      expect((e as DomainFailure).details).toEqual({ value: '2026-02-30' });
    }
    expect(() => yearOf('yesterday')).toThrow(DomainFailure);
    expect(() => addDays('2026-01-01', 0.5)).toThrow(DomainFailure);
  });

  it('writes dates the way case numbers and notices need them', () => {
    expect(compactLocalDate('2026-11-28')).toBe('20261128');
    expect(formatChineseDate('2026-02-06')).toBe('2026年2月6日');
  });
});

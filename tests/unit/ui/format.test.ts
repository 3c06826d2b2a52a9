import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clockTime, dateTime, drainProgress, formatDuration, minutesSeconds, secondsBetween, secondsSince, today, waitTone } from '../../../src/ui/format';

describe('timers on the window console', () => {
  it('shows minutes and seconds under an hour, hours once the service runs long', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(250)).toBe('04:10');
    expect(formatDuration(18 * 60 + 42)).toBe('18:42');
    expect(formatDuration(3723)).toBe('1:02:03');
  });

  it('never shows a negative or broken time when clocks disagree', () => {
    expect(formatDuration(-5)).toBe('00:00');
    expect(formatDuration(Number.NaN)).toBe('00:00');
    const now = Date.parse('2026-11-28T02:00:00Z');
    expect(secondsSince('2026-11-28T02:00:05Z', now)).toBe(0);
    expect(secondsSince(null, now)).toBe(0);
    expect(secondsSince('garbage', now)).toBe(0);
    expect(secondsBetween('2026-11-28T02:00:00Z', null)).toBe(0);
  });

  it('round-trips any duration: the digits read back to the same number of seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 * 3600 }), (secs) => {
        const parts = formatDuration(secs).split(':').map(Number);
        const back = parts.length === 3 ? parts[0]! * 3600 + parts[1]! * 60 + parts[2]! : parts[0]! * 60 + parts[1]!;
        expect(back).toBe(secs);
      }),
    );
  });

  it('counts the waiting time from issue to call', () => {
    expect(secondsBetween('2026-11-28T01:00:00Z', '2026-11-28T01:18:42Z')).toBe(18 * 60 + 42);
  });
});

describe('clock times are Shanghai times whatever the PC is set to', () => {
  it('shows 09:05 for 01:05 UTC', () => {
    expect(clockTime('2026-11-28T01:05:00Z')).toBe('09:05');
    expect(dateTime('2026-11-28T01:05:00Z')).toBe('2026-11-28 09:05');
  });

  it('puts 16:30 UTC on the next local day', () => {
    expect(dateTime('2026-11-28T16:30:00Z')).toBe('2026-11-29 00:30');
    expect(today(Date.parse('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
  });

  it('words averages the way the hall board does', () => {
    expect(minutesSeconds(372)).toBe('6分12秒');
    expect(minutesSeconds(45)).toBe('45秒');
    expect(minutesSeconds(372, 'en')).toBe('6 min 12 s');
  });
});

describe('the supervisor warning colour', () => {
  it('turns orange at the threshold and red at twice the threshold', () => {
    expect(waitTone(29 * 60, 30)).toBe('ok');
    expect(waitTone(30 * 60, 30)).toBe('warn');
    expect(waitTone(59 * 60, 30)).toBe('warn');
    expect(waitTone(60 * 60, 30)).toBe('alarm');
  });

  it('is off when the threshold is zero', () => {
    expect(waitTone(10_000, 0)).toBe('ok');
  });
});

describe('sync progress bar', () => {
  it('counts what has drained out of the backlog', () => {
    expect(drainProgress({ drainTotal: 40, pending: 10 })).toEqual({ done: 30, total: 40, percent: 75 });
  });

  it('never reaches 100% while anything is still pending, never goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (drainTotal, pending) => {
        const p = drainProgress({ drainTotal, pending });
        expect(p.percent).toBeGreaterThanOrEqual(0);
        expect(p.percent).toBeLessThanOrEqual(100);
        expect(p.done).toBeGreaterThanOrEqual(0);
        if (pending > 0) expect(p.percent).toBeLessThan(100);
        else expect(p.percent).toBe(100);
      }),
    );
  });

  it('shows a full bar when nothing is waiting', () => {
    expect(drainProgress({ drainTotal: 0, pending: 0 }).percent).toBe(100);
  });
});

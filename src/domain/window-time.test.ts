import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowTimeOfDay, type WindowMoment, type WindowMomentKind } from './window-time';

const t = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+08:00`);

describe('a window day as time', () => {
  it('splits a clerk morning into serving, paused and idle, from sign-in to sign-out', () => {
    const day: WindowMoment[] = [
      { at: t('08:30'), kind: 'sign-in', staff: 'clerk-B1' },
      { at: t('08:40'), kind: 'serve-start', staff: 'clerk-B1' },
      { at: t('08:55'), kind: 'serve-end' },
      { at: t('10:00'), kind: 'pause' },
      { at: t('10:20'), kind: 'resume' },
      { at: t('11:00'), kind: 'serve-start', staff: 'clerk-B1' },
      { at: t('11:30'), kind: 'serve-end' },
      { at: t('12:00'), kind: 'sign-out' },
      // Nobody signed in: not open, whatever happens.
      { at: t('13:00'), kind: 'serve-end' },
    ];
    expect(windowTimeOfDay(day)).toEqual([{ staff: 'clerk-B1', openSeconds: 12_600, servingSeconds: 2_700, pausedSeconds: 1_200, idleSeconds: 8_700 }]);
  });

  it('opens at the first call when the sign-in was another day, stops at the last moment, and knows a pause carried over', () => {
    expect(
      windowTimeOfDay([
        { at: t('09:00'), kind: 'resume' },
        { at: t('08:00'), kind: 'sign-in', staff: 'clerk-B2' },
        { at: t('09:30'), kind: 'serve-start', staff: 'clerk-B2' },
        { at: t('09:40'), kind: 'serve-end' },
      ]),
    ).toEqual([{ staff: 'clerk-B2', openSeconds: 6_000, servingSeconds: 600, pausedSeconds: 3_600, idleSeconds: 1_800 }]);
    expect(windowTimeOfDay([{ at: t('09:00'), kind: 'serve-start', staff: 'a' }, { at: t('09:05'), kind: 'serve-end' }])).toEqual([
      { staff: 'a', openSeconds: 300, servingSeconds: 300, pausedSeconds: 0, idleSeconds: 0 },
    ]);
  });

  it('gives each clerk the stretches they were signed in for', () => {
    const r = windowTimeOfDay([
      { at: t('08:00'), kind: 'sign-in', staff: 'a' },
      { at: t('12:00'), kind: 'sign-in', staff: 'b' },
      { at: t('13:00'), kind: 'sign-out' },
    ]);
    expect(r.map((x) => [x.staff, x.idleSeconds])).toEqual([
      ['a', 14_400],
      ['b', 3_600],
    ]);
  });

  it('always adds up: open = serving + paused + idle, never more than the day it spans', () => {
    const kinds: WindowMomentKind[] = ['sign-in', 'sign-out', 'pause', 'resume', 'serve-start', 'serve-end'];
    const moment = fc.record({ at: fc.integer({ min: t('08:00'), max: t('18:00') }), kind: fc.constantFrom(...kinds), staff: fc.constantFrom('a', 'b', '') });
    fc.assert(
      fc.property(fc.array(moment, { maxLength: 30 }), (ms) => {
        const r = windowTimeOfDay(ms);
        const span = ms.length ? (Math.max(...ms.map((m) => m.at)) - Math.min(...ms.map((m) => m.at))) / 1000 : 0;
        let open = 0;
        for (const x of r) {
          expect(x.openSeconds).toBe(x.servingSeconds + x.pausedSeconds + x.idleSeconds);
          expect(Math.min(x.servingSeconds, x.pausedSeconds, x.idleSeconds)).toBeGreaterThanOrEqual(0);
          open += x.openSeconds;
        }
        expect(open).toBeLessThanOrEqual(Math.ceil(span) + r.length);
      }),
    );
  });
});

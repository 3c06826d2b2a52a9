import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowTimeOfDay, type WindowMoment, type WindowMomentKind } from './window-time';

const t = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+08:00`);
const none = { lunch: 0, meeting: 0, consult: 0, fault: 0, other: 0 };

describe('a window day as time', () => {
  it('splits a clerk morning into serving, paused and idle, from sign-in to sign-out', () => {
    const day: WindowMoment[] = [
      { at: t('08:30'), kind: 'sign-in', staff: 'clerk-B1' },
      { at: t('08:40'), kind: 'serve-start', staff: 'clerk-B1' },
      { at: t('08:55'), kind: 'serve-end' },
      { at: t('10:00'), kind: 'pause', reason: '会议' },
      { at: t('10:20'), kind: 'resume' },
      { at: t('11:00'), kind: 'serve-start', staff: 'clerk-B1' },
      { at: t('11:30'), kind: 'serve-end' },
      { at: t('12:00'), kind: 'sign-out' },
      // Nobody signed in: not open, whatever happens.
      { at: t('13:00'), kind: 'serve-end' },
    ];
    expect(windowTimeOfDay(day)).toEqual([{ staff: 'clerk-B1', openSeconds: 12_600, servingSeconds: 2_700, pausedSeconds: 1_200, pausedByReason: { ...none, meeting: 1_200 }, idleSeconds: 8_700 }]);
  });

  it('opens at the first call when the sign-in was another day, stops at the last moment, and knows a pause carried over', () => {
    expect(
      windowTimeOfDay([
        { at: t('09:00'), kind: 'resume' },
        { at: t('08:00'), kind: 'sign-in', staff: 'clerk-B2' },
        { at: t('09:30'), kind: 'serve-start', staff: 'clerk-B2' },
        { at: t('09:40'), kind: 'serve-end' },
      ]),
    ).toEqual([{ staff: 'clerk-B2', openSeconds: 6_000, servingSeconds: 600, pausedSeconds: 3_600, pausedByReason: { ...none, other: 3_600 }, idleSeconds: 1_800 }]);
    expect(windowTimeOfDay([{ at: t('09:00'), kind: 'serve-start', staff: 'a' }, { at: t('09:05'), kind: 'serve-end' }])).toEqual([
      { staff: 'a', openSeconds: 300, servingSeconds: 300, pausedSeconds: 0, pausedByReason: none, idleSeconds: 0 },
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

  it('splits paused time by the reason of each pause, serving still winning over paused', () => {
    const [r] = windowTimeOfDay([
      { at: t('08:00'), kind: 'sign-in', staff: 'a' },
      { at: t('09:00'), kind: 'pause', reason: '业务咨询' },
      { at: t('09:10'), kind: 'resume' },
      { at: t('11:50'), kind: 'pause', reason: '午休' },
      { at: t('11:55'), kind: 'serve-end' },
      { at: t('13:30'), kind: 'resume' },
      { at: t('15:00'), kind: 'pause', reason: '打印机卡纸' },
      { at: t('15:20'), kind: 'serve-start', staff: 'a' },
      { at: t('15:30'), kind: 'serve-end' },
      { at: t('15:40'), kind: 'resume' },
      { at: t('16:00'), kind: 'sign-out' },
    ]);
    expect(r!.pausedByReason).toEqual({ lunch: 6_000, meeting: 0, consult: 600, fault: 0, other: 1_800 });
    expect(r!.pausedSeconds).toBe(8_400);
    expect(r!.servingSeconds).toBe(600);
  });

  it('always adds up: open = serving + paused + idle, never more than the day it spans', () => {
    const kinds: WindowMomentKind[] = ['sign-in', 'sign-out', 'pause', 'resume', 'serve-start', 'serve-end'];
    const moment = fc.record({
      at: fc.integer({ min: t('08:00'), max: t('18:00') }),
      kind: fc.constantFrom(...kinds),
      staff: fc.constantFrom('a', 'b', ''),
      reason: fc.constantFrom('午休', '会议', '设备故障', '临时离岗'),
    });
    fc.assert(
      fc.property(fc.array(moment, { maxLength: 30 }), (ms) => {
        const r = windowTimeOfDay(ms);
        const span = ms.length ? (Math.max(...ms.map((m) => m.at)) - Math.min(...ms.map((m) => m.at))) / 1000 : 0;
        let open = 0;
        for (const x of r) {
          expect(x.openSeconds).toBe(x.servingSeconds + x.pausedSeconds + x.idleSeconds);
          expect(Object.values(x.pausedByReason).reduce((a, b) => a + b, 0)).toBe(x.pausedSeconds);
          expect(Math.min(x.servingSeconds, x.pausedSeconds, x.idleSeconds)).toBeGreaterThanOrEqual(0);
          open += x.openSeconds;
        }
        expect(open).toBeLessThanOrEqual(Math.ceil(span) + r.length);
      }),
    );
  });
});

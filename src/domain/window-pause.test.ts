import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pausedFigure, pauseReasonCode, pauseSeconds } from './window-pause';

describe('how long a window was paused', () => {
  const at = new Date('2026-12-07T04:00:00Z');
  it('counts a closed pause to its resume and an open one to now', () => {
    expect(pauseSeconds(at, new Date('2026-12-07T04:12:30Z'), new Date('2026-12-07T09:00:00Z'))).toBe(750);
    expect(pauseSeconds(at, null, new Date('2026-12-07T04:01:00Z'))).toBe(60);
  });

  it('never counts below zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (ms) => {
        const s = pauseSeconds(at, new Date(at.getTime() + ms), at);
        expect(s).toBe(Math.max(0, Math.floor(ms / 1000)));
      }),
    );
  });
});

describe('pause reasons as the reports count them', () => {
  it("knows the hall's own reasons in Chinese and English, and counts anything typed as 其他", () => {
    expect(['午休', ' 会议 ', '业务咨询', '设备故障。', 'Lunch', 'Equipment fault'].map(pauseReasonCode)).toEqual(['lunch', 'meeting', 'consult', 'fault', 'lunch', 'fault']);
    expect(['临时离岗', '午休去了', '', null].map(pauseReasonCode)).toEqual(['other', 'other', 'other', 'other']);
    expect([pausedFigure('lunch'), pausedFigure('other')]).toEqual(['pausedLunchSeconds', 'pausedOtherSeconds']);
  });
});

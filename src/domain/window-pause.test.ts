import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pauseSeconds } from './window-pause';

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

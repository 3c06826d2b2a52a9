import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseChannels, channelShares, formatShare } from './channel-share';

const tenthsOf = (p: number | null) => Math.round((p ?? 0) * 10);

describe('the share of cases by channel on the board', () => {
  it("reads the district's figures as a supervisor would count them", () => {
    const s = channelShares({ window: 7, online: 80, town: 13 });
    expect(s.total).toBe(100);
    expect(s.channels.map((c) => [c.channel, c.count, formatShare(c.percent)])).toEqual([
      ['window', 7, '7.0%'],
      ['online', 80, '80.0%'],
      ['town', 13, '13.0%'],
    ]);
  });

  it('never shows thirds that add up to 99.9%', () => {
    const s = channelShares({ window: 1, online: 1, town: 1 });
    expect(s.channels.map((c) => c.percent)).toEqual([33.4, 33.3, 33.3]);
  });

  it('shows a dash, not 0% or NaN, on a day nothing was taken in', () => {
    const s = channelShares({});
    expect(s.total).toBe(0);
    expect(s.channels.map((c) => [c.count, formatShare(c.percent)])).toEqual([
      [0, '—'],
      [0, '—'],
      [0, '—'],
    ]);
  });

  it('adds up to exactly 100% whenever anything was taken in, each share within a tenth of the exact one', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 }), (window, online, town) => {
        const s = channelShares({ window, online, town });
        const total = window + online + town;
        expect(s.total).toBe(total);
        if (total === 0) {
          expect(s.channels.every((c) => c.percent === null)).toBe(true);
          return;
        }
        expect(s.channels.reduce((a, c) => a + tenthsOf(c.percent), 0)).toBe(1000);
        for (const c of s.channels) {
          expect(Math.abs(c.percent! - (c.count * 100) / total)).toBeLessThan(0.1 + 1e-9);
          expect(c.percent).toBeGreaterThanOrEqual(0);
          if (c.count === 0) expect(c.percent).toBe(0);
          if (c.count === total) expect(c.percent).toBe(100);
        }
        expect(s.channels.map((c) => c.channel)).toEqual([...caseChannels]);
      }),
    );
  });

  it('reads nonsense counts as none rather than showing a negative share', () => {
    const s = channelShares({ window: -3, online: 2.7, town: Number.NaN });
    expect(s.channels.map((c) => [c.count, c.percent])).toEqual([
      [0, 0],
      [2, 100],
      [0, 0],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from './local-date';
import {
  buildReport,
  durationFigures,
  figureNames,
  groupKey,
  groupLabel,
  isoWeek,
  percentileRanks,
  periodRange,
  rate,
  reportDefinitions,
  validateGrouping,
  validateReportRange,
  type FactDimensions,
  type FactRow,
} from './report';

const dims = (over: Partial<FactDimensions> = {}): FactDimensions => ({
  day: '2026-12-07',
  hour: 9,
  zone: 'A',
  window: 'A1',
  staff: 's1',
  matter: 'M1',
  department: 'D1',
  channel: 'window',
  ...over,
});

describe('wait and service figures', () => {
  it('gives average, median, 90th percentile and longest of the waits a supervisor would count by hand', () => {
    expect(durationFigures([60, 120, 180, 600])).toEqual({ avg: 240, median: 150, p90: 600, max: 600 });
    expect(durationFigures([30])).toEqual({ avg: 30, median: 30, p90: 30, max: 30 });
    expect(durationFigures([])).toEqual({ avg: null, median: null, p90: null, max: null });
    // Whole seconds are counted, anything else sorted: both give the same figures.
    expect(durationFigures([1.5, 0.5, 2.5])).toEqual({ avg: 2, median: 2, p90: 2.5, max: 2.5 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 100 }), (xs) => {
        const f = durationFigures(xs);
        const nudged = durationFigures([...xs.map((x) => x + 0.25), -1]);
        expect(f.max! + 0.25).toBe(nudged.max);
      }),
    );
  });

  it('names the ranks the median and 90th percentile sit at, as SQL picks them', () => {
    expect(percentileRanks(1)).toEqual({ lo: 0, hi: 0, p90: 0 });
    expect(percentileRanks(4)).toEqual({ lo: 1, hi: 2, p90: 3 });
    expect(percentileRanks(10)).toEqual({ lo: 4, hi: 5, p90: 8 });
    expect(percentileRanks(11)).toEqual({ lo: 5, hi: 5, p90: 9 });
  });

  it('keeps median and 90th percentile between the shortest and the longest, nine in ten at or under the p90', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 200 }), (xs) => {
        const f = durationFigures(xs);
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        expect(f.max).toBe(hi);
        for (const v of [f.avg!, f.median!, f.p90!]) {
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
        }
        expect(xs.filter((x) => x <= f.p90!).length).toBeGreaterThanOrEqual(Math.ceil(0.9 * xs.length));
        expect(xs).toContain(f.p90);
      }),
    );
  });

  it('gives no rate when there is nothing to divide by', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(49, 50)).toBe(0.98);
  });
});

describe('grouping keys in Asia/Shanghai local dates', () => {
  it('numbers weeks as ISO 8601 does (Monday first, week 1 holds the first Thursday)', () => {
    expect(isoWeek('2026-12-07')).toEqual({ year: 2026, week: 50, monday: '2026-12-07' });
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1, monday: '2025-12-29' });
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53, monday: '2026-12-28' });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1, monday: '2024-12-30' });
  });

  it('puts seven days in a row into one week, always starting on a Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') }), (n) => {
        const w = isoWeek(fromDayNumber(n));
        const weekday = (((toDayNumber(w.monday) + 3) % 7) + 7) % 7;
        expect(weekday).toBe(0);
        for (let i = 0; i < 7; i++) expect(isoWeek(fromDayNumber(toDayNumber(w.monday) + i))).toEqual(w);
        expect(w.week).toBeGreaterThanOrEqual(1);
        expect(w.week).toBeLessThanOrEqual(53);
      }),
    );
  });

  it('labels keys the way the hall reads them', () => {
    expect(groupKey('month', dims())).toBe('2026-12');
    expect(groupLabel('month', '2026-12')).toBe('2026年12月');
    expect(groupKey('week', dims())).toBe('2026-W50');
    expect(groupLabel('week', '2026-W50')).toBe('2026年第50周');
    expect(groupKey('hour', dims({ hour: 9 }))).toBe('09');
    expect(groupLabel('hour', '09')).toBe('09:00–10:00');
    expect(groupLabel('channel', 'online')).toBe('网上');
    expect(groupLabel('window', 'A1', { window: new Map([['A1', '商事登记1号窗口']]) })).toBe('商事登记1号窗口');
    expect(groupLabel('staff', '')).toBe('（未指定）');
    expect(groupKey('weekhour', dims({ day: '2026-12-06', hour: 9 }))).toBe('7-09');
    expect(groupLabel('weekhour', '1-14')).toBe('周一 14:00');
  });
});

describe('the report range and grouping', () => {
  it('refuses a range that ends before it starts, or runs over three years', () => {
    expect(validateReportRange('2026-12-07', '2026-12-01')).toMatchObject({ ok: false, error: { code: 'REPORT_RANGE_INVERTED' } });
    expect(validateReportRange('2024-01-01', '2026-12-31')).toMatchObject({ ok: true, value: { days: 1096 } });
    expect(validateReportRange('2024-01-01', '2027-01-01')).toMatchObject({ ok: false, error: { code: 'REPORT_RANGE_TOO_LONG' } });
    expect(validateReportRange('2024-02-29', '2027-02-28')).toMatchObject({ ok: true });
    expect(validateReportRange('2026-02-30', '2026-03-01')).toMatchObject({ ok: false, error: { code: 'REPORT_RANGE_INVALID' } });
  });

  it('gives a 日报 its day and a 月报 its whole month', () => {
    expect(periodRange('day', '2026-11-30')).toEqual({ ok: true, value: { from: '2026-11-30', to: '2026-11-30', title: '2026年11月30日' } });
    expect(periodRange('month', '2026-02-14')).toEqual({ ok: true, value: { from: '2026-02-01', to: '2026-02-28', title: '2026年2月' } });
    expect(periodRange('month', '2028-02')).toEqual({ ok: true, value: { from: '2028-02-01', to: '2028-02-29', title: '2028年2月' } });
    expect(periodRange('day', '2026-11')).toMatchObject({ ok: false, error: { code: 'REPORT_RANGE_INVALID' } });
  });

  it('groups each report only by what it knows', () => {
    expect(validateGrouping('queue', 'channel')).toMatchObject({ ok: false, error: { code: 'REPORT_GROUPING_UNSUPPORTED' } });
    expect(validateGrouping('cases', 'channel')).toEqual({ ok: true, value: 'channel' });
    expect(validateGrouping('evaluations', 'color')).toMatchObject({ ok: false });
  });
});

describe('building a report from fact rows', () => {
  const facts: FactRow[] = [
    { dims: dims({ window: 'A1', hour: 9 }), counts: { issued: 3, called: 2, served: 2, noShow: 0 }, samples: { wait: [60, 120], service: [300, 500] } },
    { dims: dims({ window: 'A2', hour: 10 }), counts: { issued: 1, called: 2, served: 1, noShow: 1 }, samples: { wait: [600, 30], service: [200] } },
    { dims: dims({ window: 'A1', day: '2026-12-08', hour: 14 }), counts: { issued: 2, called: 1, served: 1 }, samples: { wait: [90], service: [100] } },
    { dims: dims({ day: '2026-12-31' }), counts: { issued: 100 } },
  ];

  it('gives per-window figures and totals over the range, leaving out days outside it', () => {
    const r = buildReport('queue', facts, { from: '2026-12-07', to: '2026-12-08' }, 'window');
    expect(r.rows.map((x) => [x.key, x.figures.issued, x.figures.served, x.figures.waitAvgSeconds, x.figures.waitMaxSeconds])).toEqual([
      ['A1', 5, 3, 90, 120],
      ['A2', 1, 1, 315, 600],
    ]);
    expect(r.totals).toMatchObject({ issued: 6, called: 5, served: 4, noShow: 1, waitMedianSeconds: 90, waitMaxSeconds: 600, serviceAvgSeconds: 275, noShowRate: 0.2 });
    expect(Object.keys(r.totals)).toEqual(figureNames('queue'));
  });

  it('orders days and hours in time order', () => {
    expect(buildReport('queue', facts, { from: '2026-12-01', to: '2026-12-31' }, 'hour').rows.map((x) => x.label)).toEqual(['09:00–10:00', '10:00–11:00', '14:00–15:00']);
    expect(buildReport('queue', facts, { from: '2026-12-01', to: '2026-12-31' }, 'day').rows.map((x) => x.key)).toEqual(['2026-12-07', '2026-12-08', '2026-12-31']);
  });

  it('takes a new source of facts as more rows: online cases and pad ratings need no new code', () => {
    const windowCase: FactRow = { dims: dims(), counts: { received: 1, accepted: 1, window: 1, decided: 1, decidedOnTime: 1 } };
    const onlineCase: FactRow = { dims: dims({ channel: 'online', window: '', staff: '' }), counts: { received: 1, accepted: 1, online: 1, decided: 1, decidedOnTime: 0, overdue: 1 } };
    const r = buildReport('cases', [windowCase, onlineCase], { from: '2026-12-01', to: '2026-12-31' }, 'channel');
    expect(r.rows.map((x) => [x.label, x.figures.received])).toEqual([
      ['网上', 1],
      ['窗口', 1],
    ]);
    expect(r.totals).toMatchObject({ onTimeRate: 0.5, onlineShare: 0.5, overdue: 1 });
  });

  it('adds up to the same totals whatever the grouping', () => {
    const fact = fc.record({
      dims: fc.record({
        day: fc.integer({ min: toDayNumber('2026-01-01'), max: toDayNumber('2026-12-31') }).map(fromDayNumber),
        hour: fc.integer({ min: 7, max: 18 }),
        zone: fc.constantFrom('A', 'B'),
        window: fc.constantFrom('A1', 'A2', 'B1', ''),
        staff: fc.constantFrom('s1', 's2', ''),
        matter: fc.constantFrom('M1', 'M2'),
        department: fc.constantFrom('D1', 'D2'),
        channel: fc.constantFrom('window', 'online', 'town'),
      }),
      counts: fc.record({ rated: fc.nat(5), good: fc.nat(5), bad: fc.nat(5) }),
    });
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 60 }), fc.constantFrom(...reportDefinitions.evaluations.groupings), (facts, g) => {
        const range = { from: '2026-01-01', to: '2026-12-31' };
        const r = buildReport('evaluations', facts, range, g);
        const byDay = buildReport('evaluations', facts, range, 'day');
        expect(r.totals).toEqual(byDay.totals);
        for (const f of ['rated', 'good', 'bad']) expect(r.rows.reduce((a, x) => a + (x.figures[f] ?? 0), 0)).toBe(r.totals[f]);
        expect(new Set(r.rows.map((x) => x.key)).size).toBe(r.rows.length);
      }),
    );
  });
});

/**
 * The reports a hall is run by (issue 19): queue, cases, ratings, over a range of local dates
 * (Asia/Shanghai), grouped by one key. Everything a source of facts knows goes in as fact rows —
 * each row carries its dimensions, its counts and its samples of durations — so a new source (the
 * online inbox's channel, the rating pad) adds rows, never a code path. The figures come out under
 * stable names (`issued`, `waitAvgSeconds`, `onTimeRate`, `goodRate` …).
 */
import { compareLocalDate, daysInMonth, fromDayNumber, isLocalDate, toDayNumber, type LocalDate } from './local-date';
import { fail, ok, type Result } from './result';
import { pausedFigure, pauseReasonCodes, pauseReasonNames } from './window-pause';

/** Paused seconds by reason (window-pause.ts): `pausedLunchSeconds` … `pausedOtherSeconds`, adding up to `pausedSeconds`. */
export const pausedByReasonFigures: readonly string[] = pauseReasonCodes.map(pausedFigure);

export const reportKinds = ['queue', 'cases', 'evaluations'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** `weekhour`: weekday × hour of day, for the heat map of waits over the week. */
export const reportGroupings = ['day', 'week', 'month', 'zone', 'window', 'staff', 'matter', 'department', 'channel', 'hour', 'weekhour'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

/** What each fact row is about. Empty string: not known (a ticket drawn at the kiosk has no window). */
export interface FactDimensions {
  day: LocalDate;
  /** Hour of day in Asia/Shanghai, 0..23. */
  hour: number;
  zone: string;
  window: string;
  staff: string;
  matter: string;
  department: string;
  /** How it came in: window, town, online (cases and ratings); the queue has one channel, the hall. */
  channel: string;
}

export interface FactRow {
  dims: FactDimensions;
  counts: Readonly<Record<string, number>>;
  /** Durations in seconds, one value per event (a wait, a service). */
  samples?: Readonly<Record<string, readonly number[]>>;
}

/** A duration sample becomes four figures: `<name>AvgSeconds`, `MedianSeconds`, `P90Seconds`, `MaxSeconds`. */
export interface RateDefinition {
  name: string;
  numerator: string;
  denominator: string;
}

export interface ReportDefinition {
  kind: ReportKind;
  counts: readonly string[];
  durations: readonly string[];
  rates: readonly RateDefinition[];
  groupings: readonly ReportGrouping[];
}

const timeGroupings: ReportGrouping[] = ['day', 'week', 'month'];

export const reportDefinitions: Record<ReportKind, ReportDefinition> = {
  queue: {
    kind: 'queue',
    // Windows' time (seconds, open = serving + paused + idle, paused split by reason): by day, week,
    // month, zone, window and clerk only.
    counts: ['issued', 'called', 'served', 'noShow', 'cancelled', 'transferred', 'openSeconds', 'servingSeconds', 'pausedSeconds', ...pausedByReasonFigures, 'idleSeconds'],
    durations: ['wait', 'service'],
    rates: [{ name: 'noShowRate', numerator: 'noShow', denominator: 'called' }],
    groupings: [...timeGroupings, 'zone', 'window', 'staff', 'matter', 'department', 'hour', 'weekhour'],
  },
  cases: {
    kind: 'cases',
    counts: ['received', 'accepted', 'acceptedDeferred', 'deferredOnTime', 'corrections', 'rejections', 'decided', 'decidedOnTime', 'delivered', 'overdue', 'window', 'online', 'town'],
    durations: [],
    rates: [
      { name: 'onTimeRate', numerator: 'decidedOnTime', denominator: 'decided' },
      { name: 'deferredOnTimeRate', numerator: 'deferredOnTime', denominator: 'acceptedDeferred' },
      { name: 'onlineShare', numerator: 'online', denominator: 'received' },
    ],
    groupings: [...timeGroupings, 'zone', 'window', 'staff', 'matter', 'department', 'channel', 'hour'],
  },
  evaluations: {
    kind: 'evaluations',
    // A bad rating's follow-up is open, overdue or closed (a case rated by its clerk has none).
    counts: ['rated', 'good', 'bad', 'badOpen', 'badOverdue', 'badClosed'],
    durations: [],
    rates: [{ name: 'goodRate', numerator: 'good', denominator: 'rated' }],
    groupings: [...timeGroupings, 'zone', 'window', 'staff', 'matter', 'department', 'channel', 'hour'],
  },
};

/* ---- statistics ------------------------------------------------------------------------------- */

export interface DurationFigures {
  avg: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

/**
 * Where the nearest-rank figures of n sorted values sit (0-based ranks): the median is the value at
 * `lo` and `hi` averaged (the same rank when n is odd), the 90th percentile the value at `p90`. The
 * SQL that figures durations next to the data (reports/facts.ts) picks the same ranks, computed
 * with the same float arithmetic (`ceil(0.9 * n)` in double precision on both sides).
 */
export function percentileRanks(n: number): { lo: number; hi: number; p90: number } {
  return { lo: Math.floor((n - 1) / 2), hi: Math.floor(n / 2), p90: Math.ceil(0.9 * n) - 1 };
}

/**
 * What a duration's figures need, taken where the values are (in SQL): how many, their sum and
 * maximum, and the values at the ranks of percentileRanks(count).
 */
export interface DurationRanks {
  count: number;
  sum: number;
  max: number;
  lo: number;
  hi: number;
  p90: number;
}

/** The figures of a duration from its ranks: exactly what durationFigures gives on the values themselves. */
export function figuresFromRanks(r: DurationRanks | undefined): DurationFigures {
  if (!r || r.count === 0) return { avg: null, median: null, p90: null, max: null };
  return { avg: Math.round(r.sum / r.count), median: Math.round((r.lo + r.hi) / 2), p90: r.p90, max: r.max };
}

/**
 * Average and median rounded to whole seconds; the 90th percentile by nearest rank (a value that
 * really occurred: "nine in ten waited at most this long"); null when nothing was measured.
 */
export function durationFigures(values: readonly number[]): DurationFigures {
  const n = values.length;
  if (n === 0) return { avg: null, median: null, p90: null, max: null };
  let sum = 0;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    if (v > max) max = v;
    if (!Number.isInteger(v) || v < 0) whole = false;
  }
  const at = whole && max <= COUNTING_LIMIT ? rankByCounting(values, max) : rankBySorting(values);
  const ranks = percentileRanks(n);
  return figuresFromRanks({ count: n, sum, max, lo: at(ranks.lo), hi: at(ranks.hi), p90: at(ranks.p90) });
}

// Durations are whole seconds: counting them is linear, where sorting a year of waits (a million
// and a half values) is not. Anything else (fractions, beyond a week) is sorted.
const COUNTING_LIMIT = 7 * 86_400;

function rankByCounting(values: readonly number[], max: number): (rank: number) => number {
  const counts = new Uint32Array(max + 1);
  for (let i = 0; i < values.length; i++) counts[values[i]!]!++;
  return (rank) => {
    let seen = 0;
    for (let v = 0; v <= max; v++) {
      seen += counts[v]!;
      if (seen > rank) return v;
    }
    return max;
  };
}

function rankBySorting(values: readonly number[]): (rank: number) => number {
  const s = [...values].sort((a, b) => a - b);
  return (rank) => s[rank]!;
}

/** numerator / denominator to four decimals; null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
}

/* ---- keys and labels -------------------------------------------------------------------------- */

/** ISO 8601 week of a local date: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(d: LocalDate): { year: number; week: number; monday: LocalDate } {
  const n = toDayNumber(d);
  // 1970-01-01 was a Thursday: weekday 0 = Monday.
  const weekday = (((n + 3) % 7) + 7) % 7;
  const thursday = n - weekday + 3;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const jan1 = toDayNumber(`${String(year).padStart(4, '0')}-01-01`);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1, monday: fromDayNumber(n - weekday) };
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  return ((((toDayNumber(d) + 3) % 7) + 7) % 7) + 1;
}

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function groupKey(g: ReportGrouping, dims: FactDimensions): string {
  switch (g) {
    case 'day':
      return dims.day;
    case 'week': {
      const w = isoWeek(dims.day);
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
    case 'month':
      return dims.day.slice(0, 7);
    case 'hour':
      return String(dims.hour).padStart(2, '0');
    case 'weekhour':
      return `${isoWeekday(dims.day)}-${String(dims.hour).padStart(2, '0')}`;
    default:
      return dims[g];
  }
}

const channelLabels: Record<string, string> = { window: '窗口', online: '网上', town: '镇街' };

/** Names of zones, windows, staff, matters, departments, as the catalogue and staff table have them. */
export type ReportNames = Partial<Record<ReportGrouping, ReadonlyMap<string, string>>>;

export function groupLabel(g: ReportGrouping, key: string, names: ReportNames = {}): string {
  if (key === '') return '（未指定）';
  switch (g) {
    case 'day':
      return key;
    case 'week': {
      const [y, w] = key.split('-W');
      return `${y}年第${Number(w)}周`;
    }
    case 'month':
      return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
    case 'hour': {
      const h = Number(key);
      return `${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00`;
    }
    case 'weekhour': {
      const [d, h] = key.split('-');
      return `${weekdayNames[Number(d)] ?? d} ${h}:00`;
    }
    case 'channel':
      return names.channel?.get(key) ?? channelLabels[key] ?? key;
    case 'window':
      return names.window?.get(key) ?? `${key}窗口`;
    default:
      return names[g]?.get(key) ?? key;
  }
}

/* ---- the range -------------------------------------------------------------------------------- */

export const REPORT_MAX_YEARS = 3;

/** A report covers from..to, both inclusive, at most three years. */
export function validateReportRange(from: LocalDate, to: LocalDate): Result<{ from: LocalDate; to: LocalDate; days: number }> {
  if (!isLocalDate(from) || !isLocalDate(to)) return fail('REPORT_RANGE_INVALID', `from and to are dates like 2026-12-01 (got ${from} … ${to})`, { from, to });
  if (compareLocalDate(to, from) < 0) return fail('REPORT_RANGE_INVERTED', `the range ends (${to}) before it starts (${from})`, { from, to });
  // Three years on from `from` (a 29 February compares as the last day of February).
  const limit = `${String(Number(from.slice(0, 4)) + REPORT_MAX_YEARS).padStart(4, '0')}${from.slice(4)}`;
  if (to >= limit) return fail('REPORT_RANGE_TOO_LONG', `a report covers at most ${REPORT_MAX_YEARS} years (${from} … ${to})`, { from, to, maxYears: REPORT_MAX_YEARS });
  return ok({ from, to, days: toDayNumber(to) - toDayNumber(from) + 1 });
}

export function validateGrouping(kind: ReportKind, groupBy: string): Result<ReportGrouping> {
  const allowed = reportDefinitions[kind].groupings;
  if (!(allowed as readonly string[]).includes(groupBy)) {
    return fail('REPORT_GROUPING_UNSUPPORTED', `the ${kind} report groups by ${allowed.join(', ')}, not ${groupBy}`, { groupBy, allowed: [...allowed] });
  }
  return ok(groupBy as ReportGrouping);
}

/** The day or the month a 日报 / 月报 covers, from any date in it ('2026-11' also names a month). */
export function periodRange(period: 'day' | 'month', date: string): Result<{ from: LocalDate; to: LocalDate; title: string }> {
  const day = period === 'month' && /^\d{4}-\d{2}$/.test(date) ? `${date}-01` : date;
  if (!isLocalDate(day)) return fail('REPORT_RANGE_INVALID', `a ${period} report needs a date like 2026-12-01 (got ${date})`, { date });
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  if (period === 'day') return ok({ from: day, to: day, title: `${y}年${m}月${d}日` });
  const first = `${day.slice(0, 7)}-01`;
  const last = fromDayNumber(toDayNumber(first) + daysInMonth(y, m) - 1);
  return ok({ from: first, to: last, title: `${y}年${m}月` });
}

/* ---- the report ------------------------------------------------------------------------------- */

export type Figures = Record<string, number | null>;

export interface Report {
  kind: ReportKind;
  from: LocalDate;
  to: LocalDate;
  groupBy: ReportGrouping;
  rows: Array<{ key: string; label: string; figures: Figures }>;
  totals: Figures;
}

interface Accumulator {
  counts: Map<string, number>;
  samples: Map<string, number[]>;
}

const newAccumulator = (): Accumulator => ({ counts: new Map(), samples: new Map() });

function add(acc: Accumulator, row: FactRow): void {
  for (const [k, v] of Object.entries(row.counts)) acc.counts.set(k, (acc.counts.get(k) ?? 0) + v);
  for (const [k, vs] of Object.entries(row.samples ?? {})) {
    const into = acc.samples.get(k);
    if (!into) acc.samples.set(k, [...vs]);
    else for (let i = 0; i < vs.length; i++) into.push(vs[i]!);
  }
}

function figuresOf(def: ReportDefinition, acc: Accumulator, ranks?: Readonly<Record<string, DurationRanks>>): Figures {
  const out: Figures = {};
  for (const c of def.counts) out[c] = acc.counts.get(c) ?? 0;
  for (const d of def.durations) {
    const f = ranks ? figuresFromRanks(ranks[d]) : durationFigures(acc.samples.get(d) ?? []);
    out[`${d}AvgSeconds`] = f.avg;
    out[`${d}MedianSeconds`] = f.median;
    out[`${d}P90Seconds`] = f.p90;
    out[`${d}MaxSeconds`] = f.max;
  }
  for (const r of def.rates) out[r.name] = rate(acc.counts.get(r.numerator) ?? 0, acc.counts.get(r.denominator) ?? 0);
  return out;
}

/** The figure names a report answers with, in order (the table's and the export's columns). */
export function figureNames(kind: ReportKind): string[] {
  const def = reportDefinitions[kind];
  return [...def.counts, ...def.durations.flatMap((d) => [`${d}AvgSeconds`, `${d}MedianSeconds`, `${d}P90Seconds`, `${d}MaxSeconds`]), ...def.rates.map((r) => r.name)];
}

/**
 * Durations already figured where the values are (SQL over the aggregates), per group key (the key
 * groupKey gives) and over everything. When a report is given them, its rows' samples are not read.
 */
export interface FiguredDurations {
  groups: ReadonlyMap<string, Readonly<Record<string, DurationRanks>>>;
  total: Readonly<Record<string, DurationRanks>>;
}

/**
 * Group fact rows into a report: rows outside from..to are left out; groups sorted by key (days,
 * weeks, months and hours in time order). Totals are figured over all facts, not summed from rows
 * (a median of medians is not a median). Durations come from the rows' samples, or figured as
 * given (the same definition, worked out next to the data).
 */
export function buildReport(
  kind: ReportKind,
  facts: Iterable<FactRow>,
  range: { from: LocalDate; to: LocalDate },
  groupBy: ReportGrouping,
  names: ReportNames = {},
  durations?: FiguredDurations,
): Report {
  const def = reportDefinitions[kind];
  const groups = new Map<string, Accumulator>();
  const total = newAccumulator();
  for (const f of facts) {
    if (f.dims.day < range.from || f.dims.day > range.to) continue;
    const key = groupKey(groupBy, f.dims);
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = newAccumulator()));
    add(acc, f);
    add(total, f);
  }
  const rows = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, acc]) => ({ key, label: groupLabel(groupBy, key, names), figures: figuresOf(def, acc, durations ? (durations.groups.get(key) ?? {}) : undefined) }));
  return { kind, from: range.from, to: range.to, groupBy, rows, totals: figuresOf(def, total, durations?.total) };
}

/** Chinese column headings of the figures (tables and exports). */
export const figureLabels: Record<string, string> = {
  issued: '取号',
  called: '叫号',
  served: '办结',
  noShow: '过号',
  cancelled: '取消',
  transferred: '转移',
  waitAvgSeconds: '平均等候(秒)',
  waitMedianSeconds: '等候中位数(秒)',
  waitP90Seconds: '等候90分位(秒)',
  waitMaxSeconds: '最长等候(秒)',
  serviceAvgSeconds: '平均办理(秒)',
  serviceMedianSeconds: '办理中位数(秒)',
  serviceP90Seconds: '办理90分位(秒)',
  serviceMaxSeconds: '最长办理(秒)',
  noShowRate: '过号率',
  openSeconds: '开窗时长(秒)',
  servingSeconds: '服务时长(秒)',
  pausedSeconds: '暂停时长(秒)',
  ...Object.fromEntries(pauseReasonCodes.map((c) => [pausedFigure(c), `${pauseReasonNames[c]}暂停(秒)`])),
  idleSeconds: '空闲时长(秒)',
  received: '收件',
  accepted: '受理',
  acceptedDeferred: '容缺受理',
  deferredOnTime: '容缺按期补齐',
  corrections: '补正告知',
  rejections: '不予受理',
  decided: '办结',
  decidedOnTime: '按期办结',
  delivered: '已出件',
  overdue: '超期',
  window: '窗口收件',
  online: '网上收件',
  town: '镇街收件',
  onTimeRate: '按期办结率',
  deferredOnTimeRate: '容缺按期补齐率',
  onlineShare: '网办占比',
  rated: '评价数',
  good: '好评',
  bad: '差评',
  goodRate: '好评率',
  badOpen: '差评跟进中',
  badOverdue: '差评跟进超期',
  badClosed: '差评已办结',
};

export const groupingLabels: Record<ReportGrouping, string> = {
  day: '日',
  week: '周',
  month: '月',
  zone: '服务区',
  window: '窗口',
  staff: '工作人员',
  matter: '事项',
  department: '部门',
  channel: '渠道',
  hour: '时段',
  weekhour: '星期×时段',
};

export const reportTitles: Record<ReportKind, string> = { queue: '排队叫号', cases: '办件', evaluations: '好差评' };

/** A rate as a figure is 0..1; people read percentages. */
export const isRateFigure = (name: string): boolean => reportDefinitions.queue.rates.concat(reportDefinitions.cases.rates, reportDefinitions.evaluations.rates).some((r) => r.name === name);

import { sql, type SQL } from 'drizzle-orm';
import { fromDayNumber, toDayNumber } from '../../domain/local-date';
import { isoWeekday, type FactDimensions, type FactRow, type ReportGrouping, type ReportKind, type ReportNames } from '../../domain/report';
import type { ScopeFilter } from '../auth/policy';
import type { HallQueryable } from '../db/client';
import { rowsOf } from '../db/client';

/**
 * The aggregates of a range as fact rows of the report model (src/domain/report.ts), narrowed to
 * the caller's scope and the filters. Staff are keyed by username (what people know them by);
 * departments come from the matter's owner in the catalogue.
 */

export interface FactFilters {
  zone?: string | undefined;
  windowCode?: string | undefined;
  /** A username. */
  staff?: string | undefined;
  matter?: string | undefined;
}

interface Catalogue {
  names: ReportNames;
  departmentOf: Map<string, string>;
  usernameOf: Map<string, string>;
  staffIdOf: Map<string, string>;
}

async function catalogue(db: HallQueryable): Promise<Catalogue> {
  const [zones, windows, staff, matters, departments] = await Promise.all([
    db.execute(sql`select code, name from zones`),
    db.execute(sql`select code, name from windows`),
    db.execute(sql`select id, username, name from staff`),
    db.execute(sql`select code, department_code, data->>'name' as name from matters`),
    db.execute(sql`select code, data->>'name' as name from departments`),
  ]);
  const pairs = (r: unknown, k: string, v: string) => new Map(rowsOf<Record<string, string>>(r).map((x) => [x[k]!, x[v]!]));
  const staffRows = rowsOf<{ id: string; username: string; name: string }>(staff);
  return {
    names: {
      zone: pairs(zones, 'code', 'name'),
      window: pairs(windows, 'code', 'name'),
      staff: new Map(staffRows.map((s) => [s.username, s.name])),
      matter: pairs(matters, 'code', 'name'),
      department: pairs(departments, 'code', 'name'),
    },
    departmentOf: pairs(matters, 'code', 'department_code'),
    usernameOf: new Map(staffRows.map((s) => [s.id, s.username])),
    staffIdOf: new Map(staffRows.map((s) => [s.username, s.id])),
  };
}

const tables: Record<ReportKind, string> = { queue: 'report_queue_daily', cases: 'report_case_daily', evaluations: 'report_rating_daily' };

/**
 * The column a grouping needs (days for day, week and month; the matter for its department). The
 * aggregates are summed by it in SQL, so a year by window reads 40 rows, not a row per day, hour,
 * window, clerk and matter.
 */
const groupColumn: Record<ReportGrouping, string> = {
  day: 'day::text',
  week: 'day::text',
  month: 'day::text',
  zone: 'zone_code',
  window: 'window_code',
  staff: 'staff_id',
  matter: 'matter_code',
  department: 'matter_code',
  channel: 'channel',
  hour: 'hour::text',
  weekhour: "extract(isodow from day)::int || '-' || lpad(hour::text, 2, '0')",
};

const sums = (today: string): Record<ReportKind, SQL> => ({
  queue: sql`sum(issued) as issued, sum(called) as called, sum(served) as served, sum(no_show) as no_show, sum(cancelled) as cancelled, sum(transferred) as transferred`,
  cases: sql`sum(received) as received, sum(accepted) as accepted, sum(accepted_deferred) as accepted_deferred, sum(deferred_on_time) as deferred_on_time,
    sum(corrections) as corrections, sum(rejections) as rejections, sum(decided) as decided, sum(decided_on_time) as decided_on_time, sum(delivered) as delivered,
    sum((select count(*) from unnest(open_promised) p where p < ${today}::date)) as open_overdue,
    sum(received) filter (where channel = 'window') as by_window, sum(received) filter (where channel = 'online') as by_online,
    sum(received) filter (where channel = 'town') as by_town`,
  evaluations: sql`sum(rated) as rated, sum(good) as good, sum(bad) as bad, sum(follow_up_open) as follow_up_open, sum(follow_up_closed) as follow_up_closed,
    sum((select count(*) from unnest(follow_up_due) d where d < ${today}::date)) as follow_up_overdue`,
});

const windowTimeGroupings = new Set<ReportGrouping>(['day', 'week', 'month', 'zone', 'window', 'staff']);

/** "60:3,75:1" → [60, 60, 60, 75]. */
function expandCounted(s: unknown): number[] {
  if (typeof s !== 'string' || s === '') return [];
  const out: number[] = [];
  for (const pair of s.split(',')) {
    const at = pair.indexOf(':');
    const v = Number(pair.slice(0, at));
    for (let c = Number(pair.slice(at + 1)); c > 0; c--) out.push(v);
  }
  return out;
}
const n = (v: unknown) => Number(v ?? 0);

function countsOf(kind: ReportKind, r: Record<string, unknown>): Record<string, number> {
  switch (kind) {
    case 'queue':
      return { issued: n(r.issued), called: n(r.called), served: n(r.served), noShow: n(r.no_show), cancelled: n(r.cancelled), transferred: n(r.transferred) };
    case 'cases': {
      const decided = n(r.decided);
      const onTime = n(r.decided_on_time);
      return {
        received: n(r.received),
        accepted: n(r.accepted),
        acceptedDeferred: n(r.accepted_deferred),
        deferredOnTime: n(r.deferred_on_time),
        corrections: n(r.corrections),
        rejections: n(r.rejections),
        decided,
        decidedOnTime: onTime,
        delivered: n(r.delivered),
        // Late decisions, and open cases whose promised date has passed as of today.
        overdue: decided - onTime + n(r.open_overdue),
        window: n(r.by_window),
        online: n(r.by_online),
        town: n(r.by_town),
      };
    }
    case 'evaluations': {
      // Bad ratings by their follow-up: open within its deadlines, overdue as of today, closed.
      const overdue = n(r.follow_up_overdue);
      return { rated: n(r.rated), good: n(r.good), bad: n(r.bad), badOpen: n(r.follow_up_open) - overdue, badOverdue: overdue, badClosed: n(r.follow_up_closed) };
    }
  }
}

export interface Facts {
  rows: FactRow[];
  names: ReportNames;
}

export async function readFacts(
  db: HallQueryable,
  kind: ReportKind,
  range: { from: string; to: string },
  scope: ScopeFilter,
  filters: FactFilters,
  today: string,
  groupBy: ReportGrouping,
): Promise<Facts> {
  const cat = await catalogue(db);
  const where: SQL[] = [sql`day >= ${range.from}::date`, sql`day <= ${range.to}::date`];
  if (filters.zone) where.push(sql`zone_code = ${filters.zone}`);
  if (filters.windowCode) where.push(sql`window_code = ${filters.windowCode}`);
  if (filters.matter) where.push(sql`matter_code = ${filters.matter}`);
  if (filters.staff) where.push(sql`staff_id = ${cat.staffIdOf.get(filters.staff) ?? '\u0001none'}`);
  switch (scope.kind) {
    case 'all':
      break;
    case 'self':
      where.push(sql`staff_id = ${scope.staffId}`);
      break;
    case 'zones':
      where.push(sql`zone_code = any(string_to_array(${scope.zoneCodes.join(',')}, ','))`);
      break;
    case 'departments': {
      const mine = [...cat.departmentOf].filter(([, d]) => scope.departmentCodes.includes(d)).map(([m]) => m);
      where.push(sql`matter_code = any(string_to_array(${mine.join(',')}, ','))`);
      break;
    }
    default:
      // Reports have no window or station scope (policy.ts): nothing rather than too much.
      where.push(sql`false`);
  }
  const g = sql.raw(groupColumn[groupBy]);
  const table = sql.raw(tables[kind]);
  const filter = sql.join(where, sql` and `);
  const counted = rowsOf<Record<string, unknown>>(await db.execute(sql`select ${g} as g, ${sums(today)[kind]} from ${table} where ${filter} group by 1`));
  // Durations go over as their samples, so medians and 90th percentiles stay exact over any range:
  // counted per distinct value in SQL ("value:count,…"; a year of waits has a few thousand values,
  // not a million and a half), expanded back here.
  const samples = new Map<string, { wait: number[]; service: number[] }>();
  if (kind === 'queue') {
    for (const col of ['wait', 'service'] as const) {
      const arr = sql.raw(`${col}_seconds`);
      const r = await db.execute(sql`
        select g, string_agg(v::text || ':' || c::text, ',') as v from (
          select ${g} as g, v, count(*) as c from ${table}, unnest(${arr}) v where ${filter} group by 1, 2) x
        group by g`);
      for (const x of rowsOf<{ g: unknown; v: string }>(r)) {
        const key = String(x.g);
        const into = samples.get(key) ?? { wait: [], service: [] };
        into[col] = expandCounted(x.v);
        samples.set(key, into);
      }
    }
  }
  const dimsOf = (key: string): FactDimensions => {
    const dims: FactDimensions = { day: range.from, hour: 0, zone: '', window: '', staff: '', matter: '', department: '', channel: '' };
    if (groupBy === 'day' || groupBy === 'week' || groupBy === 'month') dims.day = key;
    else if (groupBy === 'hour') dims.hour = Number(key);
    else if (groupBy === 'weekhour') {
      // A day of that weekday inside the range (there is one: the facts came from it), and the hour.
      const [weekday, hour] = key.split('-').map(Number) as [number, number];
      dims.day = fromDayNumber(toDayNumber(range.from) + ((weekday - isoWeekday(range.from) + 7) % 7));
      dims.hour = hour;
    }
    else if (groupBy === 'staff') dims.staff = key === '' ? '' : (cat.usernameOf.get(key) ?? key);
    else if (groupBy === 'department') dims.department = cat.departmentOf.get(key) ?? '';
    else dims[groupBy] = key;
    return dims;
  };
  const rows: FactRow[] = counted.map((r) => {
    const key = String(r.g);
    return { dims: dimsOf(key), counts: countsOf(kind, r), ...(kind === 'queue' ? { samples: samples.get(key) ?? { wait: [], service: [] } } : {}) };
  });
  // Windows' time is a source of its own rows: by day, week, month, zone, window and clerk (it has no matter or hour).
  if (kind === 'queue' && windowTimeGroupings.has(groupBy) && !filters.matter && scope.kind !== 'departments') {
    const r = await db.execute(sql`
      select ${g} as g, sum(open_seconds) as open, sum(serving_seconds) as serving, sum(paused_seconds) as paused, sum(idle_seconds) as idle
      from report_window_daily where ${filter} group by 1`);
    for (const x of rowsOf<Record<string, unknown>>(r)) {
      rows.push({ dims: dimsOf(String(x.g)), counts: { openSeconds: n(x.open), servingSeconds: n(x.serving), pausedSeconds: n(x.paused), idleSeconds: n(x.idle) } });
    }
  }
  return { rows, names: cat.names };
}

import { sql, type SQL } from 'drizzle-orm';
import { fromDayNumber, toDayNumber } from '../../domain/local-date';
import {
  groupKey,
  isoWeekday,
  reportDefinitions,
  type DurationRanks,
  type FactDimensions,
  type FactRow,
  type FiguredDurations,
  type ReportGrouping,
  type ReportKind,
  type ReportNames,
} from '../../domain/report';
import { pausedFigure, pauseReasonCodes } from '../../domain/window-pause';
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

/**
 * The column durations are figured by in SQL: one value per group of the report itself (a week by
 * its Monday, a month by its first day, a department by the matter's owner), since a median cannot
 * be put together from the medians of its days.
 */
const durationGroupColumn = (groupBy: ReportGrouping, table: string): string => {
  switch (groupBy) {
    case 'week':
      return "date_trunc('week', day::timestamp)::date::text";
    case 'month':
      return "date_trunc('month', day::timestamp)::date::text";
    case 'department':
      return `coalesce((select m.department_code from matters m where m.code = ${table}.matter_code), '')`;
    default:
      return groupColumn[groupBy];
  }
};

/**
 * A duration's figures per group and over all, exact, worked out in SQL from the aggregates'
 * samples: each distinct value's count per group, a running count in value order, and the values
 * at the nearest ranks the domain uses (percentileRanks: the median's one or two, the 90th
 * percentile's), with the count, sum and maximum. Only these figures come back, not the samples.
 */
// The samples are unnested in the select list (cheaper per value than a lateral join) and the
// group compared byte-wise (collate "C": its sorts need no locale), a third less time on a year.
async function figureDuration(db: HallQueryable, table: SQL, column: string, g: SQL, filter: SQL): Promise<Array<{ total: boolean; key: string; ranks: DurationRanks }>> {
  const arr = sql.raw(column);
  const r = await db.execute(sql`
    with vc as (
      select g, v, count(*) as c from (select ${g} collate "C" as g, unnest(${arr}) as v from ${table} where ${filter}) s group by 1, 2
    ), vt as (
      select false as t, g, v, c from vc
      union all select true, '', v, sum(c)::bigint from vc group by v
    ), cum as (
      select t, g, v, (sum(c) over (partition by t, g order by v))::bigint as upto, (sum(c) over (partition by t, g))::bigint as n,
        sum(v::bigint * c) over (partition by t, g) as total
      from vt
    )
    select t, g, max(n) as n, max(total) as total, max(v) as max,
      min(v) filter (where upto > (n - 1) / 2) as lo, min(v) filter (where upto > n / 2) as hi,
      min(v) filter (where upto > ceil(0.9::float8 * n) - 1) as p90
    from cum group by t, g`);
  return rowsOf<Record<string, unknown>>(r).map((x) => ({
    total: x.t === true || x.t === 't',
    key: String(x.g),
    ranks: { count: n(x.n), sum: n(x.total), max: n(x.max), lo: n(x.lo), hi: n(x.hi), p90: n(x.p90) },
  }));
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
  /** The queue's waits and services, figured in SQL per group of the report (buildReport's `durations`). */
  durations?: FiguredDurations;
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
  const rows: FactRow[] = counted.map((r) => ({ dims: dimsOf(String(r.g)), counts: countsOf(kind, r) }));
  let durations: FiguredDurations | undefined;
  if (kind === 'queue') {
    const gd = sql.raw(durationGroupColumn(groupBy, tables[kind]));
    const groups = new Map<string, Record<string, DurationRanks>>();
    const total: Record<string, DurationRanks> = {};
    const keyOf = (k: string) => (groupBy === 'department' ? k : groupKey(groupBy, dimsOf(k)));
    const figured = await Promise.all(reportDefinitions.queue.durations.map((d) => figureDuration(db, table, `${d}_seconds`, gd, filter)));
    reportDefinitions.queue.durations.forEach((d, i) => {
      for (const x of figured[i]!) {
        if (x.total) total[d] = x.ranks;
        else {
          const key = keyOf(x.key);
          groups.set(key, { ...groups.get(key), [d]: x.ranks });
        }
      }
    });
    durations = { groups, total };
  }
  // Windows' time is a source of its own rows: by day, week, month, zone, window and clerk (it has no
  // matter or hour), paused time split by reason.
  if (kind === 'queue' && windowTimeGroupings.has(groupBy) && !filters.matter && scope.kind !== 'departments') {
    const r = await db.execute(sql`
      select ${g} as g, sum(open_seconds) as open, sum(serving_seconds) as serving, sum(paused_seconds) as paused, sum(idle_seconds) as idle,
        ${sql.raw(pauseReasonCodes.map((c) => `sum(paused_${c}_seconds) as paused_${c}`).join(', '))}
      from report_window_daily where ${filter} group by 1`);
    for (const x of rowsOf<Record<string, unknown>>(r)) {
      const counts: Record<string, number> = { openSeconds: n(x.open), servingSeconds: n(x.serving), pausedSeconds: n(x.paused), idleSeconds: n(x.idle) };
      for (const c of pauseReasonCodes) counts[pausedFigure(c)] = n(x[`paused_${c}`]);
      rows.push({ dims: dimsOf(String(x.g)), counts });
    }
  }
  return { rows, names: cat.names, ...(durations ? { durations } : {}) };
}

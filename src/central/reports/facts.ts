import { sql, type SQL } from 'drizzle-orm';
import type { FactRow, ReportKind, ReportNames } from '../../domain/report';
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

const columns: Record<ReportKind, SQL> = {
  queue: sql`issued, called, served, no_show, cancelled, transferred,
    array_to_string(wait_seconds, ',') as wait_seconds, array_to_string(service_seconds, ',') as service_seconds`,
  cases: sql`channel, received, accepted, accepted_deferred, deferred_on_time, corrections, rejections, decided, decided_on_time,
    delivered, array_to_string(open_promised, ',') as open_promised`,
  evaluations: sql`channel, rated, good, bad`,
};

const numbers = (s: unknown): number[] => (typeof s === 'string' && s !== '' ? s.split(',').map(Number) : []);
const n = (v: unknown) => Number(v ?? 0);

function countsOf(kind: ReportKind, r: Record<string, unknown>, today: string): Record<string, number> {
  switch (kind) {
    case 'queue':
      return { issued: n(r.issued), called: n(r.called), served: n(r.served), noShow: n(r.no_show), cancelled: n(r.cancelled), transferred: n(r.transferred) };
    case 'cases': {
      const open = typeof r.open_promised === 'string' && r.open_promised !== '' ? r.open_promised.split(',') : [];
      const decided = n(r.decided);
      const onTime = n(r.decided_on_time);
      const channel = String(r.channel);
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
        overdue: decided - onTime + open.filter((d) => d < today).length,
        window: channel === 'window' ? n(r.received) : 0,
        online: channel === 'online' ? n(r.received) : 0,
        town: channel === 'town' ? n(r.received) : 0,
      };
    }
    case 'evaluations':
      return { rated: n(r.rated), good: n(r.good), bad: n(r.bad) };
  }
}

export interface Facts {
  rows: FactRow[];
  names: ReportNames;
}

export async function readFacts(db: HallQueryable, kind: ReportKind, range: { from: string; to: string }, scope: ScopeFilter, filters: FactFilters, today: string): Promise<Facts> {
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
  const result = await db.execute(sql`
    select day::text as day, hour, zone_code, window_code, staff_id, matter_code, ${columns[kind]}
    from ${sql.raw(tables[kind])} where ${sql.join(where, sql` and `)}`);
  const rows: FactRow[] = rowsOf<Record<string, unknown>>(result).map((r) => {
    const matter = String(r.matter_code);
    const staffId = String(r.staff_id);
    return {
      dims: {
        day: String(r.day),
        hour: Number(r.hour),
        zone: String(r.zone_code),
        window: String(r.window_code),
        staff: staffId === '' ? '' : (cat.usernameOf.get(staffId) ?? staffId),
        matter,
        department: cat.departmentOf.get(matter) ?? '',
        channel: kind === 'queue' ? 'hall' : String(r.channel),
      },
      counts: countsOf(kind, r, today),
      ...(kind === 'queue' ? { samples: { wait: numbers(r.wait_seconds), service: numbers(r.service_seconds) } } : {}),
    };
  });
  return { rows, names: cat.names };
}

import { sql, type SQL } from 'drizzle-orm';
import type { HallDrizzle, HallQueryable } from '../db/client';
import { rowsOf } from '../db/client';
import { fromDayNumber, toDayNumber } from '../../domain/local-date';
import { windowTimeOfDay, type WindowMoment } from '../../domain/window-time';
import { reportWindowDaily } from '../db/schema';

/**
 * The daily aggregates (db/schema/reports.ts) kept up to date from the raw rows. A day is always
 * recounted whole from ticket_events / tickets / cases / case_events: the aggregates can never
 * drift from the truth by more than "not yet recounted". Which days to recount comes from the change
 * log: its seq is commit order (migration 0002), so a watermark over it misses nothing, and a
 * change committed while a recount runs is simply counted again on the next refresh.
 *
 * Refresh runs before each report read (cheap when nothing changed: one indexed read of the log),
 * under an advisory lock so two hall instances do not recount the same days side by side.
 */

const REFRESH_LOCK = 7_300_019;
const WATERMARK = 'reports';

/** Local date and hour in Asia/Shanghai (UTC+8, no daylight saving) of a timestamptz expression. */
const shanghaiDay = (at: SQL) => sql`((${at} at time zone 'UTC') + interval '8 hours')::date`;
const shanghaiHour = (at: SQL) => sql`(extract(hour from (${at} at time zone 'UTC') + interval '8 hours'))::smallint`;
const dayList = (days: readonly string[]) => sql`string_to_array(${days.join(',')}, ',')::date[]`;

/**
 * Queue facts of the given days. A wait runs from the ticket's latest issue, transfer or
 * reactivation to its call (as the supervisor board counts it); a service from start to finish.
 * Each event is counted at the window and clerk that did it, under the ticket's matter.
 */
function recountQueue(days: readonly string[]): SQL {
  return sql`
    with ev as (
      select e.id, e.ticket_id, e.day, e.zone_code, coalesce(e.window_code, '') as window_code,
             coalesce(e.staff_id, '') as staff_id, e.action, e.at, ${shanghaiHour(sql`e.at`)} as hour
      from ticket_events e
      where e.day = any(${dayList(days)}) and e.action in ('issue', 'call', 'finish', 'no-show', 'cancel', 'transfer')
    ), facts as (
      select ev.*, coalesce(t.matter_code, '') as matter_code,
        case when ev.action = 'call' then (
          select round(extract(epoch from ev.at - q.at))::int from ticket_events q
          where q.ticket_id = ev.ticket_id and q.action in ('issue', 'transfer', 'reactivate') and q.id < ev.id
          order by q.id desc limit 1) end as wait,
        case when ev.action = 'finish' then (
          select round(extract(epoch from ev.at - s.at))::int from ticket_events s
          where s.ticket_id = ev.ticket_id and s.action = 'start' and s.id < ev.id
          order by s.id desc limit 1) end as service
      from ev left join tickets t on t.id = ev.ticket_id
    )
    insert into report_queue_daily (day, hour, zone_code, window_code, staff_id, matter_code,
      issued, called, served, no_show, cancelled, transferred, wait_seconds, service_seconds)
    select day, hour, zone_code, window_code, staff_id, matter_code,
      count(*) filter (where action = 'issue'), count(*) filter (where action = 'call'),
      count(*) filter (where action = 'finish'), count(*) filter (where action = 'no-show'),
      count(*) filter (where action = 'cancel'), count(*) filter (where action = 'transfer'),
      coalesce(array_agg(wait order by wait) filter (where wait is not null), '{}'),
      coalesce(array_agg(service order by service) filter (where service is not null), '{}')
    from facts group by day, hour, zone_code, window_code, staff_id, matter_code`;
}

/**
 * Cases of the given acceptance days (the cohort taken in that day) and what became of them. A case
 * of several matters counts once, under its first matter and that matter's zone. Decided: the first
 * decision (approved or denied); on time: decided on or before the promised date. 容缺 on time: every
 * deferred material received by its due date.
 */
function recountCases(days: readonly string[]): SQL {
  return sql`
    with c as (
      select k.*, ${shanghaiDay(sql`k.accepted_at`)} as day, ${shanghaiHour(sql`k.accepted_at`)} as hour,
        (select e.action from case_events e where e.case_id = k.id order by e.id limit 1) as intake,
        (select min(e.at) from case_events e where e.case_id = k.id and e.to_status in ('approved', 'denied')) as decided_at,
        not exists (
          select 1 from jsonb_array_elements(k.materials) m
          where m->>'dueDate' is not null
            and (m->>'receivedAt' is null or ${shanghaiDay(sql`(m->>'receivedAt')::timestamptz`)} > (m->>'dueDate')::date)
        ) as deferred_in_time
      from cases k
      where k.accepted_at >= (${days.reduce((a, b) => (a < b ? a : b))}::date - interval '1 day')
        and k.accepted_at < (${days.reduce((a, b) => (a > b ? a : b))}::date + interval '1 day')
        and ${shanghaiDay(sql`k.accepted_at`)} = any(${dayList(days)})
    )
    insert into report_case_daily (day, hour, zone_code, window_code, staff_id, matter_code, channel,
      received, accepted, accepted_deferred, deferred_on_time, corrections, rejections, decided, decided_on_time, delivered, open_promised)
    select day, hour, coalesce(zone_codes->>0, ''), window_code, clerk_id, coalesce(matter_codes->>0, ''), source,
      count(*),
      count(*) filter (where intake in ('case.accept', 'case.accept-deferred')),
      count(*) filter (where intake = 'case.accept-deferred'),
      count(*) filter (where intake = 'case.accept-deferred' and deferred_in_time),
      count(*) filter (where intake = 'case.notify-correction'),
      count(*) filter (where intake = 'case.reject'),
      count(*) filter (where decided_at is not null),
      count(*) filter (where decided_at is not null and ${shanghaiDay(sql`decided_at`)} <= promised_date),
      count(*) filter (where status = 'delivered'),
      coalesce(array_agg(promised_date order by promised_date) filter (where decided_at is null and status not in ('rejected', 'correction-notified')), '{}')
    from c group by 1, 2, 3, 4, 5, 6, 7`;
}

/** The instant a Shanghai day starts, as the ISO text ratings store their time in (a prefilter the index serves). */
const utcStartOf = (day: string) => `${fromDayNumber(toDayNumber(day) - 1)}T16:00:00.000Z`;

/**
 * Ratings given on the given days, as rows of one shape from two sources: the pad's (or the
 * clerk's) rating of a service (`evaluations`, one per ticket, at the window and clerk that served,
 * under the case's matter if one was taken in at it, else the ticket's), and a case rated by its
 * clerk where no service was rated (a case with no ticket), at the window and clerk that took it in.
 * A rating an upheld appeal found malicious stays on record but is not counted. Levels 1..3 are
 * good. A bad rating's follow-up is open, closed, or overdue after its next missing step's deadline
 * (kept as a date, so "overdue" is figured against the hall's today when read).
 */
function recountRatings(days: readonly string[]): SQL {
  const at = sql`(k.evaluation->>'at')::timestamptz`;
  const lo = days.reduce((a, b) => (a < b ? a : b));
  const hi = days.reduce((a, b) => (a > b ? a : b));
  return sql`
    with r as (
      select e.day, ${shanghaiHour(sql`e.at`)} as hour, e.zone_code, e.window_code, e.staff_id,
        coalesce(k.matter_codes->>0, t.matter_code, '') as matter_code, coalesce(k.source, 'window') as channel, e.level,
        f.evaluation_id is not null and f.closed_at is null as open, f.closed_at is not null as closed,
        case when f.closed_at is null then
          case when f.return_visit is null then f.return_visit_due when f.rectification is null then f.rectification_due end
        end as due
      from evaluations e
        left join tickets t on t.id = e.ticket_id
        left join cases k on k.id = e.case_id
        left join evaluation_follow_ups f on f.evaluation_id = e.id
      where e.day = any(${dayList(days)}) and coalesce(e.appeal->>'status', '') <> 'upheld'
      union all
      select ${shanghaiDay(at)}, ${shanghaiHour(at)}, coalesce(k.zone_codes->>0, ''), coalesce(k.window_code, ''), coalesce(k.clerk_id, ''),
        coalesce(k.matter_codes->>0, ''), k.source, (k.evaluation->>'level')::int, false, false, null::date
      from cases k
      where k.evaluation is not null
        and (k.evaluation->>'at') >= ${utcStartOf(lo)} and (k.evaluation->>'at') < ${utcStartOf(fromDayNumber(toDayNumber(hi) + 1))}
        and ${shanghaiDay(at)} = any(${dayList(days)})
        and not exists (select 1 from evaluations x where x.ticket_id = k.ticket_id)
    )
    insert into report_rating_daily (day, hour, zone_code, window_code, staff_id, matter_code, channel, rated, good, bad,
      follow_up_open, follow_up_closed, follow_up_due)
    select day, hour, zone_code, window_code, staff_id, matter_code, channel,
      count(*), count(*) filter (where level <= 3), count(*) filter (where level >= 4),
      count(*) filter (where open), count(*) filter (where closed),
      coalesce(array_agg(due order by due) filter (where due is not null), '{}')
    from r group by 1, 2, 3, 4, 5, 6, 7`;
}

const ticketEnds = new Set(['finish', 'no-show', 'transfer', 'cancel']);
const epoch = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

/**
 * Windows' open, serving, paused (by reason) and idle time on the given days (domain/window-time.ts), per
 * window and clerk: sign-ins, sign-outs, pauses and resumes from the change log, a ticket's call at
 * a window and its end (finish, no-show, transfer, cancel) from the ticket history.
 */
async function recountWindows(tx: HallQueryable, days: readonly string[]): Promise<void> {
  await tx.execute(sql`delete from report_window_daily where day = any(${dayList(days)})`);
  const lo = days.reduce((a, b) => (a < b ? a : b));
  const hi = days.reduce((a, b) => (a > b ? a : b));
  const states = rowsOf<{ day: string; window_code: string; event: string; at: unknown; staff_id: string | null; reason: string | null }>(
    await tx.execute(sql`
      select ${shanghaiDay(sql`c.at`)}::text as day, c.entity_id as window_code, c.event, c.at, c.data->'staff'->>'id' as staff_id,
        c.data->>'pauseReason' as reason
      from change_log c
      where c.entity = 'window-state' and c.at >= ${utcStartOf(lo)}::timestamptz and c.at < ${utcStartOf(fromDayNumber(toDayNumber(hi) + 1))}::timestamptz
        and ${shanghaiDay(sql`c.at`)} = any(${dayList(days)})
      order by c.seq`),
  );
  const events = rowsOf<{ day: string; ticket_id: string; action: string; window_code: string | null; staff_id: string | null; at: unknown }>(
    await tx.execute(sql`
      select ${shanghaiDay(sql`e.at`)}::text as day, e.ticket_id, e.action, e.window_code, e.staff_id, e.at from ticket_events e
      where e.day = any(${dayList(days)}) and e.action in ('call', 'finish', 'no-show', 'transfer', 'cancel')
      order by e.id`),
  );
  const zoneOf = new Map(
    rowsOf<{ code: string; zone: string | null }>(await tx.execute(sql`select code, zones->0->>'zoneCode' as zone from windows`)).map((w) => [w.code, w.zone ?? '']),
  );
  const moments = new Map<string, WindowMoment[]>();
  const at = (day: string, window: string, m: WindowMoment) => {
    const k = `${day}|${window}`;
    const list = moments.get(k);
    if (list) list.push(m);
    else moments.set(k, [m]);
  };
  const kindOf: Record<string, WindowMoment['kind']> = { 'window.signed-in': 'sign-in', 'window.signed-out': 'sign-out', 'window.paused': 'pause', 'window.resumed': 'resume' };
  for (const c of states) {
    const kind = kindOf[c.event];
    if (kind) at(c.day, c.window_code, { at: epoch(c.at), kind, staff: c.staff_id ?? '', reason: c.reason });
  }
  const calledAt = new Map<string, string>();
  for (const e of events) {
    if (e.action === 'call' && e.window_code) {
      calledAt.set(e.ticket_id, e.window_code);
      at(e.day, e.window_code, { at: epoch(e.at), kind: 'serve-start', staff: e.staff_id ?? '' });
    } else if (ticketEnds.has(e.action)) {
      const w = calledAt.get(e.ticket_id);
      calledAt.delete(e.ticket_id);
      if (w) at(e.day, w, { at: epoch(e.at), kind: 'serve-end' });
    }
  }
  const rows = [...moments].flatMap(([k, ms]) => {
    const [day, windowCode] = k.split('|') as [string, string];
    return windowTimeOfDay(ms)
      .filter((t) => t.openSeconds > 0)
      .map((t) => ({
        day,
        zoneCode: zoneOf.get(windowCode) ?? '',
        windowCode,
        staffId: t.staff,
        openSeconds: t.openSeconds,
        servingSeconds: t.servingSeconds,
        pausedSeconds: t.pausedSeconds,
        pausedLunchSeconds: t.pausedByReason.lunch,
        pausedMeetingSeconds: t.pausedByReason.meeting,
        pausedConsultSeconds: t.pausedByReason.consult,
        pausedFaultSeconds: t.pausedByReason.fault,
        pausedOtherSeconds: t.pausedByReason.other,
        idleSeconds: t.idleSeconds,
      }));
  });
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(reportWindowDaily).values(rows.slice(i, i + 1000));
}

export interface TouchedDays {
  queue: string[];
  cases: string[];
  ratings: string[];
  /** Days of windows' time: the queue's days and days a window signed in, out, paused or resumed. */
  windows?: string[];
}

async function recount(tx: HallQueryable, days: TouchedDays): Promise<void> {
  if (days.queue.length) {
    await tx.execute(sql`delete from report_queue_daily where day = any(${dayList(days.queue)})`);
    await tx.execute(recountQueue(days.queue));
  }
  if (days.cases.length) {
    await tx.execute(sql`delete from report_case_daily where day = any(${dayList(days.cases)})`);
    await tx.execute(recountCases(days.cases));
  }
  if (days.ratings.length) {
    await tx.execute(sql`delete from report_rating_daily where day = any(${dayList(days.ratings)})`);
    await tx.execute(recountRatings(days.ratings));
  }
  if (days.windows?.length) await recountWindows(tx, days.windows);
}

const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();

const column = (rows: Array<Record<string, unknown>>, name: string) =>
  [...new Set(rows.map((r) => r[name]).filter((v): v is string | Date => v !== null && v !== undefined).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v))))].sort();

/** Days touched by changes after `after` up to `upTo` (change-log seqs). */
async function touchedDays(tx: HallQueryable, after: number, upTo: number): Promise<TouchedDays> {
  const queue = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select distinct t.day::text as day from change_log c join tickets t on t.id = c.entity_id
      where c.entity = 'ticket' and c.seq > ${after} and c.seq <= ${upTo}`),
  );
  const cases = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select distinct ${shanghaiDay(sql`k.accepted_at`)}::text as day,
        case when k.evaluation is not null then ${shanghaiDay(sql`(k.evaluation->>'at')::timestamptz`)}::text end as rated
      from change_log c join cases k on k.id = c.entity_id
      where c.entity = 'case' and c.seq > ${after} and c.seq <= ${upTo}`),
  );
  // A rating of a service: recorded, its appeal decided, its follow-up moved on (entity `evaluation`).
  const rated = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select distinct e.day::text as day from change_log c join evaluations e on e.id = c.entity_id
      where c.entity = 'evaluation' and c.seq > ${after} and c.seq <= ${upTo}`),
  );
  const windows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select distinct ${shanghaiDay(sql`c.at`)}::text as day from change_log c
      where c.entity = 'window-state' and c.seq > ${after} and c.seq <= ${upTo}`),
  );
  const queueDays = column(queue, 'day');
  return { queue: queueDays, cases: column(cases, 'day'), ratings: union(column(cases, 'rated'), column(rated, 'day')), windows: union(queueDays, column(windows, 'day')) };
}

/**
 * Bring the aggregates up to the change log's latest committed seq. Returns the days recounted.
 * Safe to call from any number of requests and instances at once.
 */
export async function refreshReportAggregates(db: HallDrizzle): Promise<TouchedDays> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    const mark = rowsOf<{ seq: string | number }>(await tx.execute(sql`select seq from report_refresh where name = ${WATERMARK}`));
    const after = Number(mark[0]?.seq ?? 0);
    const latest = rowsOf<{ seq: string | number | null }>(await tx.execute(sql`select max(seq) as seq from change_log`));
    const upTo = Number(latest[0]?.seq ?? 0);
    if (upTo <= after) return { queue: [], cases: [], ratings: [], windows: [] };
    const days = await touchedDays(tx, after, upTo);
    await recount(tx, days);
    await tx.execute(sql`
      insert into report_refresh (name, seq) values (${WATERMARK}, ${upTo})
      on conflict (name) do update set seq = excluded.seq`);
    return days;
  });
}

/**
 * Recount every day that has facts, whatever the watermark says: after facts were written past the
 * app (a generated year loaded by COPY), or to check the aggregates against the raw rows.
 */
export async function rebuildReportAggregates(db: HallDrizzle): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    const latest = rowsOf<{ seq: string | number | null }>(await tx.execute(sql`select max(seq) as seq from change_log`));
    await tx.execute(sql`delete from report_queue_daily`);
    await tx.execute(sql`delete from report_case_daily`);
    await tx.execute(sql`delete from report_rating_daily`);
    await tx.execute(sql`delete from report_window_daily`);
    const queue = column(rowsOf(await tx.execute(sql`select distinct day::text as day from ticket_events`)), 'day');
    const cases = column(rowsOf(await tx.execute(sql`select distinct ${shanghaiDay(sql`accepted_at`)}::text as day from cases`)), 'day');
    const ratings = column(
      rowsOf(
        await tx.execute(sql`
          select distinct ${shanghaiDay(sql`(evaluation->>'at')::timestamptz`)}::text as day from cases where evaluation is not null
          union select distinct day::text from evaluations`),
      ),
      'day',
    );
    const windows = union(queue, column(rowsOf(await tx.execute(sql`select distinct ${shanghaiDay(sql`at`)}::text as day from change_log where entity = 'window-state'`)), 'day'));
    // A month of days at a time keeps each statement's arrays of days and its working set small.
    for (let i = 0; i < Math.max(queue.length, cases.length, ratings.length, windows.length); i += 31) {
      await recount(tx, { queue: queue.slice(i, i + 31), cases: cases.slice(i, i + 31), ratings: ratings.slice(i, i + 31), windows: windows.slice(i, i + 31) });
    }
    await tx.execute(sql`
      insert into report_refresh (name, seq) values (${WATERMARK}, ${Number(latest[0]?.seq ?? 0)})
      on conflict (name) do update set seq = excluded.seq`);
  });
  // Every aggregate row is new: without fresh statistics the planner takes a year's aggregates for a
  // few hundred rows and reads the year's samples one index lookup at a time (2–3× slower).
  await db.execute(sql`analyze report_queue_daily, report_case_daily, report_rating_daily, report_window_daily`);
}

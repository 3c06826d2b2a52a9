import { and, count, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { HallView, WindowView, ZoneView } from '../../contract/queue';
import { localDateInShanghai } from '../../domain/local-date';
import { listWindows, type WindowInfo } from '../catalog/repository';
import type { HallQueryable } from '../db/client';
import { rowsOf } from '../db/client';
import { sessions, staff, ticketEvents, tickets, windowPauses, zones } from '../db/schema';
import { ticketView, type TicketRow } from './tickets';
import { readWindowStates, type WindowStateRow } from './window-state';

interface WindowStaff {
  id: string;
  name: string;
  username: string;
}

/** Who works at each window now: the latest open session signed in there. */
async function staffAtWindows(db: HallQueryable, now: Date): Promise<Map<string, WindowStaff>> {
  const rows = await db
    .select({ windowCode: sessions.windowCode, id: staff.id, name: staff.name, username: staff.username, createdAt: sessions.createdAt })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(and(isNotNull(sessions.windowCode), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(staff.active, true)))
    .orderBy(desc(sessions.createdAt));
  const out = new Map<string, WindowStaff>();
  for (const r of rows) if (r.windowCode && !out.has(r.windowCode)) out.set(r.windowCode, { id: r.id, name: r.name, username: r.username });
  return out;
}

async function heldTickets(db: HallQueryable, day: string): Promise<Map<string, TicketRow>> {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.day, day), inArray(tickets.status, ['called', 'serving']), isNotNull(tickets.windowCode)));
  return new Map(rows.map((r) => [r.windowCode as string, r]));
}

async function servedTodayByWindow(db: HallQueryable, day: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ windowCode: ticketEvents.windowCode, n: count() })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.day, day), eq(ticketEvents.action, 'finish')))
    .groupBy(ticketEvents.windowCode);
  return new Map(rows.filter((r) => r.windowCode).map((r) => [r.windowCode as string, Number(r.n)]));
}

/** Who paused each window that is paused now (its open row in the pause timeline). */
async function openPauses(db: HallQueryable): Promise<Map<string, string | null>> {
  const rows = await db.select({ windowCode: windowPauses.windowCode, by: windowPauses.pausedByName }).from(windowPauses).where(isNull(windowPauses.resumedAt));
  return new Map(rows.map((r) => [r.windowCode, r.by]));
}

function windowView(
  w: WindowInfo,
  state: WindowStateRow | undefined,
  who: WindowStaff | undefined,
  held: TicketRow | undefined,
  served: number,
  pausedBy: string | null = null,
): WindowView {
  const st: WindowView['state'] = state?.paused
    ? 'paused'
    : held?.status === 'serving'
      ? 'serving'
      : held
        ? 'calling'
        : who
          ? 'idle'
          : 'signed-out';
  return {
    code: w.code,
    name: w.name,
    kind: w.kind,
    zoneCodes: w.zoneCodes,
    state: st,
    pauseReason: state?.paused ? (state.pauseReason ?? null) : null,
    pausedAt: state?.paused ? (state.pausedAt?.toISOString() ?? null) : null,
    pausedBy: state?.paused ? pausedBy : null,
    staff: who ?? null,
    current: held ? ticketView(held) : null,
    servedToday: served,
  };
}

export async function readWindowView(db: HallQueryable, window: WindowInfo, now: Date): Promise<WindowView> {
  const day = localDateInShanghai(now);
  const [states, who, held, served, pauses] = await Promise.all([
    readWindowStates(db),
    staffAtWindows(db, now),
    heldTickets(db, day),
    servedTodayByWindow(db, day),
    openPauses(db),
  ]);
  return windowView(window, states.get(window.code), who.get(window.code), held.get(window.code), served.get(window.code) ?? 0, pauses.get(window.code) ?? null);
}

// Times between events of one ticket: the wait ends at a call and starts at the latest issue,
// transfer or reactivation before it (a reassign keeps the place); the service runs start → finish.
const waitSql = (day: string) => sql`
  select c.zone_code as zone, floor(extract(epoch from q.at) / 3600 + 8)::int % 24 as hour,
         extract(epoch from (c.at - q.at)) as seconds
  from ticket_events c
  join lateral (
    select e.at from ticket_events e
    where e.ticket_id = c.ticket_id and e.action in ('issue', 'transfer', 'reactivate') and e.id < c.id
    order by e.id desc limit 1
  ) q on true
  where c.day = ${day} and c.action = 'call'`;

const serviceSql = (day: string) => sql`
  select f.zone_code as zone, extract(epoch from (f.at - s.at)) as seconds
  from ticket_events f
  join lateral (
    select e.at from ticket_events e
    where e.ticket_id = f.ticket_id and e.action = 'start' and e.id < f.id
    order by e.id desc limit 1
  ) s on true
  where f.day = ${day} and f.action = 'finish'`;

const avg = (xs: number[]) => (xs.length === 0 ? 0 : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));

/**
 * Every window and zone live, for the supervisor. `only`: the zones the caller may see (a
 * supervisor's own), or null for the whole hall; windows serving none of them are left out.
 */
export async function readHallView(db: HallQueryable, now: Date, only: readonly string[] | null = null): Promise<HallView> {
  const seen = (z: string) => only === null || only.includes(z);
  const day = localDateInShanghai(now);
  const [windowList, states, who, held, served, zoneRows, waitingRows, waits, services, issuedRows, finishedRows, pauses] = await Promise.all([
    listWindows(db),
    readWindowStates(db),
    staffAtWindows(db, now),
    heldTickets(db, day),
    servedTodayByWindow(db, day),
    db.select().from(zones).orderBy(zones.sort),
    db
      .select({ zone: tickets.zoneCode, priority: tickets.priority, n: count(), oldest: sql<string | Date>`min(${tickets.queuedAt})` })
      .from(tickets)
      .where(and(eq(tickets.day, day), eq(tickets.status, 'waiting')))
      .groupBy(tickets.zoneCode, tickets.priority),
    db.execute(waitSql(day)).then((r) => rowsOf<{ zone: string; hour: number | string; seconds: number | string }>(r).filter((x) => seen(x.zone))),
    db.execute(serviceSql(day)).then((r) => rowsOf<{ zone: string; seconds: number | string }>(r)),
    db
      .execute(sql`select zone_code as zone, floor(extract(epoch from at) / 3600 + 8)::int % 24 as hour, count(*) as n from ticket_events where day = ${day} and action = 'issue' group by 1, 2`)
      .then((r) => rowsOf<{ zone: string; hour: number | string; n: number | string }>(r).filter((x) => seen(x.zone))),
    db
      .select({ zone: ticketEvents.zoneCode, n: count() })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.day, day), eq(ticketEvents.action, 'finish')))
      .groupBy(ticketEvents.zoneCode),
    openPauses(db),
  ]);

  const zoneViews: ZoneView[] = zoneRows.filter((z) => seen(z.code)).map((z) => {
    const mine = waitingRows.filter((r) => r.zone === z.code);
    const byClass = (p: string) => Number(mine.find((r) => r.priority === p)?.n ?? 0);
    const oldest = mine.map((r) => new Date(r.oldest).getTime()).filter((t) => !Number.isNaN(t));
    const longest = oldest.length ? Math.max(0, Math.floor((now.getTime() - Math.min(...oldest)) / 1000)) : 0;
    return {
      code: z.code,
      name: z.name,
      waiting: { normal: byClass('normal'), appointment: byClass('appointment'), green: byClass('green'), total: mine.reduce((a, r) => a + Number(r.n), 0) },
      longestWaitSeconds: longest,
      servedToday: Number(finishedRows.find((r) => r.zone === z.code)?.n ?? 0),
      averageWaitSeconds: avg(waits.filter((r) => r.zone === z.code).map((r) => Number(r.seconds))),
      averageServiceSeconds: avg(services.filter((r) => r.zone === z.code).map((r) => Number(r.seconds))),
    };
  });

  const hours = new Set<number>([...issuedRows.map((r) => Number(r.hour)), ...waits.map((r) => Number(r.hour))]);
  const waitByHour = [...hours]
    .sort((a, b) => a - b)
    .map((hour) => ({
      hour,
      averageWaitSeconds: avg(waits.filter((r) => Number(r.hour) === hour).map((r) => Number(r.seconds))),
      issued: issuedRows.filter((r) => Number(r.hour) === hour).reduce((a, r) => a + Number(r.n), 0),
    }));

  return {
    at: now.toISOString(),
    day,
    windows: windowList.filter((w) => w.zoneCodes.some(seen)).map((w) => windowView(w, states.get(w.code), who.get(w.code), held.get(w.code), served.get(w.code) ?? 0, pauses.get(w.code) ?? null)),
    zones: zoneViews,
    waitByHour,
  };
}

import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ticket } from '../../contract/queue';
import type { TicketStatus } from '../../domain/ticket';
import type { HallQueryable } from '../db/client';
import { ticketEvents, tickets } from '../db/schema';
import { rememberVersion, rowVersion, sameVersion, versionOf, type Work } from '../db/work';
import { HallError } from '../http/errors';
import type { Actor, AuditEntry } from '../audit/writer';
import type { ChangeEntry } from '../events/change-log';

export type TicketRow = typeof tickets.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A ticket as it crosses processes: the masked ID number only. */
export function ticketView(r: TicketRow): Ticket {
  return {
    id: r.id,
    number: r.number,
    zoneCode: r.zoneCode,
    matterCode: r.matterCode,
    priority: r.priority,
    status: r.status,
    windowCode: r.windowCode,
    front: r.front,
    recallCount: r.recallCount,
    idNumberMasked: r.idNumberMasked,
    issuedAt: r.issuedAt.toISOString(),
    queuedAt: r.queuedAt.toISOString(),
    calledAt: iso(r.calledAt),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    noShowAt: iso(r.noShowAt),
    day: r.day,
  };
}

export async function findTicket(db: HallQueryable, id: string): Promise<TicketRow | null> {
  const rows = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findTicketByRequest(db: HallQueryable, requestId: string): Promise<TicketRow | null> {
  const rows = await db.select().from(tickets).where(eq(tickets.requestId, requestId)).limit(1);
  return rows[0] ?? null;
}

export async function requireTicket(db: HallQueryable, id: string): Promise<TicketRow> {
  const t = await findTicket(db, id);
  if (!t) throw new HallError('TICKET_NOT_FOUND', `no ticket ${id}`, { id });
  return t;
}

/**
 * The ticket a command decides on: in a transaction locked for the rest of it (waits for whoever
 * holds it); in a guarded unit read with its version, which the write re-checks (db/work.ts).
 */
export async function lockTicket(w: Work, id: string): Promise<TicketRow> {
  const t = (await readTicketsFor(w, eq(tickets.id, id)))[0];
  if (!t) throw new HallError('TICKET_NOT_FOUND', `no ticket ${id}`, { id });
  return t;
}

/**
 * Tickets a command decides on, by `where`: locked in a transaction, or with their versions
 * remembered in a guarded unit.
 */
export async function readTicketsFor(w: Work, where: SQL): Promise<TicketRow[]> {
  if (w.locking) {
    return w.tx.select().from(tickets).where(where).for('update');
  }
  const rows = await w.tx.select({ row: tickets, version: rowVersion(tickets) }).from(tickets).where(where);
  return rows.map((r) => rememberVersion(r.row, r.version));
}

/** The tickets a caller may list: of these zones (null: every zone), or at this window. */
export interface TicketScope {
  zoneCodes: readonly string[] | null;
  windowCode: string | null;
}

export interface TicketFilter {
  day: string;
  zoneCode?: string;
  scope?: TicketScope;
  status?: TicketStatus;
  windowCode?: string;
  limit: number;
}

/** Queue order: waiting before the rest, front first, then by time and number. */
export async function listTickets(db: HallQueryable, f: TicketFilter): Promise<TicketRow[]> {
  const where: SQL[] = [eq(tickets.day, f.day)];
  if (f.zoneCode) where.push(eq(tickets.zoneCode, f.zoneCode));
  if (f.scope && f.scope.zoneCodes !== null) {
    const inZones = f.scope.zoneCodes.length > 0 ? inArray(tickets.zoneCode, [...f.scope.zoneCodes]) : sql`false`;
    where.push(f.scope.windowCode ? or(inZones, eq(tickets.windowCode, f.scope.windowCode))! : inZones);
  }
  if (f.status) where.push(eq(tickets.status, f.status));
  if (f.windowCode) where.push(eq(tickets.windowCode, f.windowCode));
  return db
    .select()
    .from(tickets)
    .where(and(...where))
    .orderBy(sql`case when ${tickets.status} = 'waiting' then 0 else 1 end`, desc(tickets.front), asc(tickets.queuedAt), asc(tickets.serial), asc(tickets.id))
    .limit(f.limit);
}

/**
 * Write a ticket's new state with everything that goes with a state change (`ticketChangeRows`). All of
 * it goes out with the unit of work's last statement (`w.later`): a command reads what it decides
 * on first, then writes once.
 */
export function saveTicketChange(w: Work, before: TicketRow | null, after: TicketRow, action: string, extra?: Record<string, unknown>): void {
  const version = before ? versionOf(before) : undefined;
  if (before && version) {
    // Read without a lock: write only if nobody changed the ticket since.
    const { id: _id, ...set } = after;
    w.laterGuarded(w.tx.update(tickets).set(set).where(and(eq(tickets.id, after.id), sameVersion(version))).returning({ id: tickets.id }));
  } else if (before) {
    const { id: _id, ...set } = after;
    w.later(w.tx.update(tickets).set(set).where(eq(tickets.id, after.id)));
  } else {
    w.later(w.tx.insert(tickets).values(after));
  }
  const rows = ticketChangeRows(w.actor, w.at, before, after, action, extra);
  w.later(w.tx.insert(ticketEvents).values(rows.event));
  w.change(rows.change);
  w.audit(rows.audit);
}

/**
 * What goes with a ticket's state change besides the ticket row: its history row (wait and service
 * times are computed from these), its change-log entry and its audit entry.
 */
export function ticketChangeRows(
  actor: Actor,
  at: Date,
  before: TicketRow | null,
  after: TicketRow,
  action: string,
  extra?: Record<string, unknown>,
): { event: typeof ticketEvents.$inferInsert; change: ChangeEntry; audit: AuditEntry } {
  const view = ticketView(after);
  return {
    event: {
      ticketId: after.id,
      day: after.day,
      zoneCode: after.zoneCode,
      priority: after.priority,
      action,
      fromStatus: before?.status ?? null,
      toStatus: after.status,
      windowCode: after.windowCode ?? before?.windowCode ?? null,
      staffId: actor.staffId,
      at,
      data: extra ?? null,
    },
    change: { entity: 'ticket', id: after.id, op: 'upsert', event: `ticket.${eventName(action)}`, data: view },
    audit: { action: `ticket.${action}`, entity: 'ticket', entityId: after.id, before: before ? ticketView(before) : null, after: view },
  };
}

function eventName(action: string): string {
  switch (action) {
    case 'issue':
      return 'issued';
    case 'call':
      return 'called';
    case 'recall':
      return 'recalled';
    case 'start':
      return 'started';
    case 'finish':
      return 'finished';
    case 'no-show':
      return 'no-show';
    case 'reactivate':
      return 'reactivated';
    case 'transfer':
      return 'transferred';
    case 'reassign':
      return 'reassigned';
    case 'cancel':
      return 'cancelled';
    default:
      return action;
  }
}

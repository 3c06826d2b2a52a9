import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { bundleSchema, calendarYearSchema, departmentSchema, hallSchema, materialSchema, matterSchema, siteSchema, windowSchema, zoneSchema } from '../../contract/catalog';
import type { Change } from '../../contract/sync';
import { ticketSchema, windowViewSchema, type Ticket, type WindowView } from '../../contract/queue';
import type { CalendarYear } from '../../domain/calendar';
import type { Catalog, Hall } from '../../domain/catalog';
import { calendarYears, catalogEntries, tickets } from '../db/schema';
import type { DbOrTx, StoreDeps } from './types';

/** Catalogue entities as the change log names them, each with the schema its data must satisfy. */
const catalogEntities = {
  hall: hallSchema,
  zone: zoneSchema,
  window: windowSchema,
  department: departmentSchema,
  material: materialSchema,
  matter: matterSchema,
  bundle: bundleSchema,
  site: siteSchema,
  // The server's pause flag for a window ({ windowCode, paused, pauseReason, … }); kept as sent.
  'window-state': z.object({ windowCode: z.string() }).loose(),
} as const satisfies Record<string, z.ZodType>;
type CatalogEntity = keyof typeof catalogEntities;

export type AppliedKind = 'catalog' | 'calendar' | 'ticket' | 'window-state' | 'ignored';

export interface CatalogSnapshot extends Catalog {
  version: number;
}

/** The hall server's data as the station last saw it: catalogue, calendar, today's queue. */
export function cacheRepo(deps: StoreDeps) {
  const { db } = deps;

  function entries<T>(entity: CatalogEntity): T[] {
    return db
      .select({ data: catalogEntries.data })
      .from(catalogEntries)
      .where(eq(catalogEntries.entity, entity))
      .orderBy(asc(catalogEntries.code))
      .all()
      .map((r) => r.data as T);
  }

  return {
    /**
     * One change from a pull page, inside the page's transaction. Data that does not parse is
     * skipped (reported to the caller) rather than stored: a half-understood matter on the intake
     * screen is worse than a missing one, and the sync must not stall on it.
     */
    applyChange(tx: DbOrTx, c: Change): { kind: AppliedKind; problem?: string } {
      if (c.entity === 'calendar') {
        const year = Number(c.id);
        if (c.op === 'delete') {
          tx.delete(calendarYears).where(eq(calendarYears.year, year)).run();
          return { kind: 'calendar' };
        }
        const parsed = calendarYearSchema.safeParse(c.data);
        if (!parsed.success) return { kind: 'ignored', problem: `calendar ${c.id}: ${parsed.error.issues[0]?.message}` };
        tx.insert(calendarYears)
          .values({ year: parsed.data.year, data: parsed.data, seq: c.seq })
          .onConflictDoUpdate({ target: calendarYears.year, set: { data: parsed.data, seq: c.seq } })
          .run();
        return { kind: 'calendar' };
      }
      if (c.entity === 'ticket') {
        if (c.op === 'delete') {
          tx.delete(tickets).where(eq(tickets.id, c.id)).run();
          return { kind: 'ticket' };
        }
        const parsed = ticketSchema.safeParse(c.data);
        if (!parsed.success) return { kind: 'ignored', problem: `ticket ${c.id}: ${parsed.error.issues[0]?.message}` };
        this.upsertTicket(tx, parsed.data, c.seq);
        return { kind: 'ticket' };
      }
      if (c.entity in catalogEntities) {
        const entity = c.entity as CatalogEntity;
        const kind: AppliedKind = entity === 'window-state' ? 'window-state' : 'catalog';
        if (c.op === 'delete') {
          tx.delete(catalogEntries)
            .where(and(eq(catalogEntries.entity, entity), eq(catalogEntries.code, c.id)))
            .run();
          return { kind };
        }
        const parsed = catalogEntities[entity].safeParse(c.data);
        if (!parsed.success) return { kind: 'ignored', problem: `${entity} ${c.id}: ${parsed.error.issues[0]?.message}` };
        tx.insert(catalogEntries)
          .values({ entity, code: c.id, data: parsed.data, seq: c.seq })
          .onConflictDoUpdate({ target: [catalogEntries.entity, catalogEntries.code], set: { data: parsed.data, seq: c.seq } })
          .run();
        return { kind };
      }
      return { kind: 'ignored' };
    },

    /** A ticket from a pull or straight from a queue command's answer; an older copy never wins. */
    upsertTicket(tx: DbOrTx, t: Ticket, seq: number): void {
      const row = { id: t.id, day: t.day, number: t.number, zoneCode: t.zoneCode, windowCode: t.windowCode, status: t.status, data: t, seq };
      const existing = tx.select({ seq: tickets.seq }).from(tickets).where(eq(tickets.id, t.id)).get();
      if (existing && existing.seq > seq) return;
      tx.insert(tickets).values(row).onConflictDoUpdate({ target: tickets.id, set: row }).run();
    },

    catalog(version: number): CatalogSnapshot | null {
      const hall = entries<Hall>('hall')[0];
      if (!hall) return null;
      return {
        version,
        hall,
        zones: entries('zone'),
        windows: entries('window'),
        departments: entries('department'),
        materials: entries('material'),
        matters: entries('matter'),
        bundles: entries('bundle'),
        sites: entries('site'),
      };
    },

    calendarYears(): CalendarYear[] {
      return db
        .select({ data: calendarYears.data })
        .from(calendarYears)
        .orderBy(asc(calendarYears.year))
        .all()
        .map((r) => r.data as CalendarYear);
    },

    ticketsOfDay(day: string, statuses?: string[]): Ticket[] {
      const where = statuses ? and(eq(tickets.day, day), inArray(tickets.status, statuses)) : eq(tickets.day, day);
      return db
        .select({ data: tickets.data })
        .from(tickets)
        .where(where)
        .all()
        .map((r) => r.data as Ticket);
    },

    /** The window as the hall server last described it (GET /windows/:code), for the offline queue panel. */
    windowView(code: string): WindowView | null {
      const r = db
        .select({ data: catalogEntries.data })
        .from(catalogEntries)
        .where(and(eq(catalogEntries.entity, 'window-view'), eq(catalogEntries.code, code)))
        .get();
      const parsed = windowViewSchema.safeParse(r?.data);
      return parsed.success ? parsed.data : null;
    },

    setWindowView(w: WindowView): void {
      db.insert(catalogEntries)
        .values({ entity: 'window-view', code: w.code, data: w, seq: 0 })
        .onConflictDoUpdate({ target: [catalogEntries.entity, catalogEntries.code], set: { data: w } })
        .run();
    },

    /** The public catalogue, when the station has never pulled (the sign-in screen needs the windows). */
    seedCatalog(c: Catalog): void {
      db.transaction((tx) => {
        const put = (entity: string, code: string, data: unknown) =>
          tx.insert(catalogEntries).values({ entity, code, data, seq: 0 }).onConflictDoNothing().run();
        put('hall', 'hall', c.hall);
        for (const z of c.zones) put('zone', z.code, z);
        for (const w of c.windows) put('window', w.code, w);
        for (const d of c.departments) put('department', d.code, d);
        for (const m of c.materials) put('material', m.code, m);
        for (const m of c.matters) put('matter', m.code, m);
        for (const b of c.bundles) put('bundle', b.code, b);
        for (const x of c.sites) put('site', x.code, x);
      });
    },

    /** Yesterday's queue is of no use at the window. */
    dropTicketsBefore(day: string): number {
      return db.delete(tickets).where(lt(tickets.day, day)).run().changes;
    },
  };
}
export type CacheRepo = ReturnType<typeof cacheRepo>;

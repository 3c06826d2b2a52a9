import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CalendarYear } from '../../contract/catalog';
import type { CalendarVersion, WorkCalendar } from '../../domain/calendar';
import { calendarInForce } from '../../domain/statutory-calendar';
import type { HallQueryable } from '../db/client';
import { calendarRevisions, calendarYears } from '../db/schema';
import { HallError } from '../http/errors';

export interface EnteredYear {
  year: number;
  /** The year as entered, with its revision (1 for the first entry). */
  data: CalendarYear;
  updatedAt: Date;
  updatedBy: string | null;
}

const withRevision = (data: CalendarYear): CalendarYear => ({ ...data, revision: data.revision ?? 1 });

/** The entered (official) years, ascending. */
export async function listCalendarYears(db: HallQueryable): Promise<EnteredYear[]> {
  const rows = await db
    .select({ year: calendarYears.year, data: calendarYears.data, updatedAt: calendarYears.updatedAt, updatedBy: calendarYears.updatedBy })
    .from(calendarYears)
    .orderBy(asc(calendarYears.year));
  return rows.map((r) => ({ ...r, data: withRevision(r.data) }));
}

export async function readCalendarYear(db: HallQueryable, year: number): Promise<CalendarYear | null> {
  const rows = await db.select({ data: calendarYears.data }).from(calendarYears).where(eq(calendarYears.year, year)).limit(1);
  return rows[0] ? withRevision(rows[0].data) : null;
}

/**
 * The calendar in force over every year the hall counts on: the entered years, and the statute's
 * provisional years from 2025 to the lunar library's last year (built per call: a few entered years,
 * provisional ones derived when first asked for).
 */
export async function loadWorkCalendar(db: HallQueryable): Promise<WorkCalendar> {
  return calendarInForce((await listCalendarYears(db)).map((y) => y.data));
}

/** One kept revision of a year (revision 0, the provisional year, is derived and never stored). */
export async function readCalendarRevision(db: HallQueryable, year: number, revision: number): Promise<CalendarYear | null> {
  const rows = await db
    .select({ data: calendarRevisions.data })
    .from(calendarRevisions)
    .where(and(eq(calendarRevisions.year, year), eq(calendarRevisions.revision, revision)))
    .limit(1);
  return rows[0]?.data ?? null;
}

export async function listCalendarRevisions(db: HallQueryable, year: number) {
  return db.select().from(calendarRevisions).where(eq(calendarRevisions.year, year)).orderBy(desc(calendarRevisions.revision));
}

/** The highest revision this hall has had of a year (0: never entered). */
export async function lastCalendarRevision(db: HallQueryable, year: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(max(${calendarRevisions.revision}), 0)::int` })
    .from(calendarRevisions)
    .where(eq(calendarRevisions.year, year));
  return Number(rows[0]?.n ?? 0);
}

/**
 * The calendar as a station had it: the entered years, except that each named year is taken at the
 * named revision (0: its provisional year). A revision the hall never had is CALENDAR_REVISION_UNKNOWN.
 */
export async function calendarAtVersions(db: HallQueryable, entered: CalendarYear[], versions: CalendarVersion[]): Promise<WorkCalendar> {
  const byYear = new Map(entered.map((y) => [y.year, y]));
  for (const v of versions) {
    if (v.revision === 0) {
      byYear.delete(v.year);
      continue;
    }
    if (byYear.get(v.year)?.revision === v.revision) continue;
    const kept = await readCalendarRevision(db, v.year, v.revision);
    if (!kept) {
      throw new HallError('CALENDAR_REVISION_UNKNOWN', `the hall never had revision ${v.revision} of the ${v.year} calendar`, { year: v.year, revision: v.revision });
    }
    byYear.set(v.year, withRevision(kept));
  }
  return calendarInForce([...byYear.values()]);
}

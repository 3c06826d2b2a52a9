import { asc, eq } from 'drizzle-orm';
import type { CalendarYear } from '../../contract/catalog';
import { buildCalendar, type WorkCalendar } from '../../domain/calendar';
import type { HallQueryable } from '../db/client';
import { calendarYears } from '../db/schema';
import type { Work } from '../db/work';

export async function listCalendarYears(db: HallQueryable): Promise<Array<{ year: number; data: CalendarYear; updatedAt: Date }>> {
  return db.select({ year: calendarYears.year, data: calendarYears.data, updatedAt: calendarYears.updatedAt }).from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function readCalendarYear(db: HallQueryable, year: number): Promise<CalendarYear | null> {
  const rows = await db.select({ data: calendarYears.data }).from(calendarYears).where(eq(calendarYears.year, year)).limit(1);
  return rows[0]?.data ?? null;
}

/** The working-day calendar over every year the hall knows (built per call: a few years, a few hundred days). */
export async function loadWorkCalendar(db: HallQueryable): Promise<WorkCalendar> {
  const years = await listCalendarYears(db);
  return buildCalendar(years.map((y) => y.data));
}

/**
 * Write one year. The whole calendar is rebuilt with it first, so data that would give wrong
 * deadlines (a make-up day on a weekday, a day both off and worked) is refused with CALENDAR_INVALID.
 */
export async function putCalendarYear(w: Work, data: CalendarYear): Promise<CalendarYear> {
  const others = (await listCalendarYears(w.tx)).filter((y) => y.year !== data.year).map((y) => y.data);
  buildCalendar([...others, data]);
  const before = await readCalendarYear(w.tx, data.year);
  await w.tx
    .insert(calendarYears)
    .values({ year: data.year, data, updatedAt: w.at, updatedBy: w.actor.username })
    .onConflictDoUpdate({ target: calendarYears.year, set: { data, updatedAt: w.at, updatedBy: w.actor.username } });
  w.change({ entity: 'calendar', id: String(data.year), op: 'upsert', event: 'calendar.changed', data });
  w.audit({ action: 'calendar.put', entity: 'calendar', entityId: String(data.year), before, after: data });
  return data;
}

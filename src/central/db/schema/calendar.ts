import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CalendarYear } from '../../../contract/catalog';

/**
 * One row per entered (official) year of holidays and make-up working days, as it now stands; its
 * `data.revision` counts the saves (1 for the first). Years nobody entered are provisional: derived
 * from the statute when needed (src/domain/statutory-calendar.ts), never stored.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  data: jsonb('data').$type<CalendarYear>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by'),
});

/**
 * Every revision a year has had at this hall, kept: a station that promised a date offline on an
 * earlier revision (or on the provisional year, revision 0, which is derived) names it with the
 * intake, and the hall checks the date against what the station had.
 */
export const calendarRevisions = pgTable(
  'calendar_revisions',
  {
    year: integer('year').notNull(),
    revision: integer('revision').notNull(),
    data: jsonb('data').$type<CalendarYear>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    savedBy: text('saved_by'),
    /** Saved past the guard on destructive writes (`force: true`). */
    forced: boolean('forced').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.year, t.revision] })],
);

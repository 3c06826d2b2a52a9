import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { CalendarYear } from '../../../contract/catalog';

/** One row per published year of holidays and make-up working days (admin-editable). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  data: jsonb('data').$type<CalendarYear>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by'),
});

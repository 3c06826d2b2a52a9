import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What the station keeps of the hall server's data: the catalogue, the calendar, today's queue.
 * Everything arrives by sync pull; each row holds the entity as the server sent it (parsed JSON),
 * plus the few columns the station queries by.
 */

/** hall, zone, window, department, material, matter, bundle, staff, window-state — one row per entity. */
export const catalogEntries = sqliteTable(
  'catalog_entries',
  {
    entity: text('entity').notNull(),
    code: text('code').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    /** The change-log sequence that last wrote the row. */
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.code] })],
);

export const calendarYears = sqliteTable('calendar_years', {
  year: integer('year').primaryKey(),
  data: text('data', { mode: 'json' }).notNull(),
  seq: integer('seq').notNull(),
});

/** The queue as last seen: refreshed by pull and SSE; never changed by the station itself. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    day: text('day').notNull(),
    number: text('number').notNull(),
    zoneCode: text('zone_code').notNull(),
    windowCode: text('window_code'),
    status: text('status').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('tickets_day_status_idx').on(t.day, t.status)],
);

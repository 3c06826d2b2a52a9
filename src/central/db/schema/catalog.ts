import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Bundle, Department, Hall, Material, Matter, Site, WindowZone } from '../../../domain/catalog';

/**
 * The catalogue as the hall server holds it. Each row keeps the whole record (`data`, exactly the
 * contract shape) plus the columns queries filter on; an import replaces records by code.
 */

export const hallInfo = pgTable('hall_info', {
  id: text('id').primaryKey(),
  data: jsonb('data').$type<Hall>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const zones = pgTable('zones', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sort: integer('sort').notNull(),
});

export const windows = pgTable('windows', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['counter', 'reception'] }).notNull(),
  zones: jsonb('zones').$type<WindowZone[]>().notNull(),
  sort: integer('sort').notNull(),
});

export const departments = pgTable('departments', {
  code: text('code').primaryKey(),
  data: jsonb('data').$type<Department>().notNull(),
  sort: integer('sort').notNull(),
});

export const materials = pgTable('materials', {
  code: text('code').primaryKey(),
  data: jsonb('data').$type<Material>().notNull(),
  sort: integer('sort').notNull(),
});

/**
 * `data.materials[]` are the matter's material rows, each deferrable row with its own
 * `deferralDays` (working days to supply it under 容缺); migration 0004 gave the rows stored before
 * it the limit intake used until then.
 */
export const matters = pgTable(
  'matters',
  {
    code: text('code').primaryKey(),
    zoneCode: text('zone_code').notNull(),
    departmentCode: text('department_code').notNull(),
    data: jsonb('data').$type<Matter>().notNull(),
    sort: integer('sort').notNull(),
  },
  (t) => [index('matters_zone_idx').on(t.zoneCode)],
);

export const bundles = pgTable('bundles', {
  code: text('code').primaryKey(),
  data: jsonb('data').$type<Bundle>().notNull(),
  sort: integer('sort').notNull(),
});

/** Town and community centres (migration 0016): the whole record, by site code. */
export const sites = pgTable('sites', {
  code: text('code').primaryKey(),
  data: jsonb('data').$type<Site>().notNull(),
  sort: integer('sort').notNull(),
});

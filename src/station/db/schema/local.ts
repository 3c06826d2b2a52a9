import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Every state change made at this station: who, which window, when, what (personal data masked). */
export const audit = sqliteTable('audit', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  staffId: text('staff_id'),
  windowCode: text('window_code'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  detail: text('detail', { mode: 'json' }),
});

/**
 * Offline sign-in: an scrypt verifier of the password the hall server last accepted, never the
 * password itself. `staff` is the staff record (id, username, name, role) the server returned.
 */
export const staffVerifiers = sqliteTable('staff_verifiers', {
  username: text('username').primaryKey(),
  staff: text('staff', { mode: 'json' }).notNull(),
  salt: text('salt').notNull(),
  hash: text('hash').notNull(),
  /** scrypt cost parameters, so they can be raised without breaking stored verifiers. */
  params: text('params', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Station settings changed at run time (printer target, paper width, reader). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

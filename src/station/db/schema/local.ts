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

/**
 * The ticket the window's evaluation pad asks about (at most one row): kept so a restart of the
 * station, or of Electron, while a citizen stands at the pad shows the same ticket again once the
 * same clerk is back at the same window. Cleared when rated, at sign-out, when someone else signs
 * in, and past its expiry (src/station/pad.ts).
 */
export const padTicket = sqliteTable('pad_ticket', {
  /** Always 1: the pad shows one ticket at a time. */
  slot: integer('slot').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  number: text('number').notNull(),
  windowCode: text('window_code').notNull(),
  staffId: text('staff_id').notNull(),
  /** When the clerk finished the ticket (ISO instant). */
  offeredAt: text('offered_at').notNull(),
});

import { boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Staff accounts: clerks, supervisors and administrators. */
export const staff = pgTable('staff', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['clerk', 'supervisor', 'admin'] }).notNull(),
  /** Zones this person works in; a supervisor sees and steers every window of these zones. */
  zoneCodes: jsonb('zone_codes').$type<string[]>().notNull(),
  /** The window a clerk signs in to when the login names none. */
  homeWindowCode: text('home_window_code'),
  /** scrypt$N$r$p$salt$hash (node:crypto). */
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Signed-in sessions. Only the sha256 of a token is stored, so a leaked table signs nobody in. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    windowCode: text('window_code'),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_window_idx').on(t.windowCode), index('sessions_staff_idx').on(t.staffId)],
);

/** Failed sign-ins, counted per user and per address to slow down password guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    address: text('address').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_user_idx').on(t.username, t.at), index('login_failures_address_idx').on(t.address, t.at)],
);

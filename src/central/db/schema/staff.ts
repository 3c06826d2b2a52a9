import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Staff accounts: clerks, supervisors, approvers, administrators and integration (portal) accounts. */
export const staff = pgTable('staff', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['clerk', 'supervisor', 'approver', 'admin', 'portal'] }).notNull(),
  /** Zones this person works in; a supervisor sees and steers every window of these zones. */
  zoneCodes: jsonb('zone_codes').$type<string[]>().notNull(),
  /** Departments an approver decides for (windows take in, departments decide). */
  departmentCodes: jsonb('department_codes').$type<string[]>().notNull().default([]),
  /** The window a clerk signs in to when the login names none. */
  homeWindowCode: text('home_window_code'),
  /** 工号: posted at the window and shown on its screen; unique where set. */
  staffNo: text('staff_no').unique('staff_staff_no_unique'),
  /** scrypt$N$r$p$salt$hash (node:crypto). */
  passwordHash: text('password_hash').notNull(),
  /** A first administrator's printed password, or one reset by an administrator: changed at first sign-in. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
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
    /** The registered station the sign-in came from (null: a script, the portal, a browser without a station). */
    stationId: text('station_id'),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Last use, written at most once a minute: the idle timeout counts from here. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Why it ended (auth/guard.ts SessionEnd), so the station can tell the clerk. */
    endedReason: text('ended_reason'),
  },
  (t) => [index('sessions_window_idx').on(t.windowCode), index('sessions_staff_idx').on(t.staffId), index('sessions_station_idx').on(t.stationId, t.staffId)],
);

/**
 * Sign-in attempts per key (`u:<user>@<address>` and `a:<address>`), counted and claimed in one
 * atomic statement BEFORE a password is checked, so parallel guesses and several instances on one
 * database count exactly (auth/throttle.ts).
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull(),
  /** No attempt under this key is evaluated before this time. */
  retryAt: timestamp('retry_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Long-lived keys of integration accounts (the online portal); only the sha256 is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    keyHash: text('key_hash').notNull().unique(),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_staff_idx').on(t.staffId)],
);

/**
 * Window PCs known to the hall. A station registers once with a secret of its own (only its
 * sha256 is kept); outside demo mode an administrator approves it by the short code it shows. Only
 * an approved station may push and pull, and a push names no station: it is the credential's.
 */
export const stations = pgTable('stations', {
  id: text('id').primaryKey(),
  /** The PC's host name and the window it was set up for, as the station reported them. */
  label: text('label').notNull(),
  windowCode: text('window_code'),
  keyHash: text('key_hash').notNull().unique(),
  /** The code the station shows while it waits; the administrator enters it to approve. */
  pairingCode: text('pairing_code').notNull(),
  status: text('status', { enum: ['pending', 'approved', 'revoked'] }).notNull(),
  address: text('address'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: text('decided_by'),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
});

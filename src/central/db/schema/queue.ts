import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export type TicketPriority = 'normal' | 'appointment' | 'green';
export type TicketStatusColumn = 'waiting' | 'called' | 'serving' | 'finished' | 'no-show' | 'cancelled';

/** Queue tickets. `day` is the queue day in Asia/Shanghai; the number's serial restarts each day. */
export const tickets = pgTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    serial: integer('serial').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    zoneCode: text('zone_code').notNull(),
    matterCode: text('matter_code'),
    priority: text('priority').$type<TicketPriority>().notNull(),
    status: text('status').$type<TicketStatusColumn>().notNull(),
    /** The window that holds it (called/serving), or the one it waits for after a transfer. */
    windowCode: text('window_code'),
    front: boolean('front').notNull().default(false),
    recallCount: integer('recall_count').notNull().default(0),
    idNumberMasked: text('id_number_masked'),
    /** HMAC-SM3 of the full ID number under the hall's index key (crypto/sealer.ts): lets a hall spot one person drawing many tickets without storing the number. */
    idNumberHash: text('id_number_hash'),
    requestId: text('request_id').notNull(),
    issuedBy: text('issued_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    noShowAt: timestamp('no_show_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Opens the queue-position page the slip's QR points at (/q/<token>); random, not derived from the id. */
    positionToken: text('position_token'),
  },
  (t) => [
    uniqueIndex('tickets_request_id_idx').on(t.requestId),
    uniqueIndex('tickets_position_token_idx').on(t.positionToken),
    uniqueIndex('tickets_day_number_idx').on(t.day, t.number),
    // The call-next candidate scan: today's waiting tickets of one zone and class, in queue order.
    index('tickets_waiting_idx')
      .on(t.day, t.zoneCode, t.priority, t.front, t.queuedAt)
      .where(sql`${t.status} = 'waiting'`),
    index('tickets_window_idx').on(t.windowCode, t.status),
    index('tickets_day_status_idx').on(t.day, t.status),
  ],
);

/** The daily serial per zone; `UPDATE … SET serial = serial + 1 RETURNING` hands out numbers. */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    zoneCode: text('zone_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    serial: integer('serial').notNull(),
  },
  (t) => [primaryKey({ columns: [t.zoneCode, t.day] })],
);

/** One row per ticket state change: wait and service times are computed from here. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: text('ticket_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    zoneCode: text('zone_code').notNull(),
    priority: text('priority').$type<TicketPriority>().notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<TicketStatusColumn>(),
    toStatus: text('to_status').$type<TicketStatusColumn>().notNull(),
    windowCode: text('window_code'),
    staffId: text('staff_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at), index('ticket_events_day_idx').on(t.day, t.action, t.zoneCode)],
);

/**
 * A window's runtime state. Its row is locked first by every command of that window, so one
 * window's commands run one after another while different windows run side by side.
 */
export const windowStates = pgTable('window_states', {
  windowCode: text('window_code').primaryKey(),
  paused: boolean('paused').notNull().default(false),
  pauseReason: text('pause_reason'),
  pausedAt: timestamp('paused_at', { withTimezone: true }),
  /** The queue policy's memory between calls (priority streak, calls per zone). */
  callState: jsonb('call_state').$type<Record<string, unknown>>(),
  callStateDay: date('call_state_day', { mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A window's pauses, one row each (migration 0014): who paused it, why, when, and when it came back.
 * The window state row keeps only the open pause; this is the timeline the reports and the board
 * read. The name is kept as written then, so a renamed or removed account still reads right.
 */
export const windowPauses = pgTable(
  'window_pauses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    windowCode: text('window_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    pausedBy: text('paused_by'),
    pausedByName: text('paused_by_name'),
    pausedAt: timestamp('paused_at', { withTimezone: true }).notNull(),
    resumedBy: text('resumed_by'),
    resumedAt: timestamp('resumed_at', { withTimezone: true }),
  },
  (t) => [index('window_pauses_window_idx').on(t.windowCode, t.pausedAt), index('window_pauses_day_idx').on(t.day)],
);

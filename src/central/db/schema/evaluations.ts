import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** A clerk's appeal against a rating it holds malicious, and the supervisor's decision. */
export interface StoredAppeal {
  status: 'pending' | 'upheld' | 'dismissed';
  reason: string;
  by: string;
  at: string;
  decision: { reason: string; by: string; at: string } | null;
}

/**
 * 好差评 per service (GB/T 39734: one rating per service): one row per ticket, recorded against the
 * window and the clerk who served it. Kept in the province's terms (level 1..5, label, source) so an
 * adapter can report it as it stands. The staff's username and name are copied at rating time: the
 * report says who served, even after the account is renamed.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    ticketNumber: text('ticket_number').notNull(),
    /** Local date (Asia/Shanghai) of the rating. */
    day: date('day', { mode: 'string' }).notNull(),
    zoneCode: text('zone_code').notNull(),
    windowCode: text('window_code').notNull(),
    staffId: text('staff_id').notNull(),
    staffUsername: text('staff_username').notNull(),
    staffName: text('staff_name').notNull(),
    caseId: text('case_id'),
    caseNo: text('case_no'),
    level: integer('level').notNull(),
    reason: text('reason'),
    source: text('source', { enum: ['pad', 'window'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Who sent it to the hall (the session at the window), and the sync mutation it came in, if any. */
    recordedBy: text('recorded_by'),
    mutationId: text('mutation_id'),
    appeal: jsonb('appeal').$type<StoredAppeal | null>(),
  },
  (t) => [
    uniqueIndex('evaluations_ticket_idx').on(t.ticketId),
    index('evaluations_day_idx').on(t.day, t.windowCode),
    index('evaluations_staff_idx').on(t.staffId, t.day),
  ],
);

export interface FollowUpStep {
  on: string;
  note: string;
  by: string;
}

/**
 * The answer to a bad rating (国办发〔2019〕51号: every bad rating answered), for the supervisors of
 * the zone: the return visit to the citizen, the finding, the rectification, and whether the
 * citizen accepts it. Deadlines are local dates counted in working days on the hall's calendar.
 */
export const evaluationFollowUps = pgTable(
  'evaluation_follow_ups',
  {
    evaluationId: text('evaluation_id').primaryKey(),
    zoneCode: text('zone_code').notNull(),
    windowCode: text('window_code').notNull(),
    returnVisitDue: date('return_visit_due', { mode: 'string' }).notNull(),
    rectificationDue: date('rectification_due', { mode: 'string' }).notNull(),
    returnVisit: jsonb('return_visit').$type<FollowUpStep | null>(),
    finding: text('finding'),
    rectification: jsonb('rectification').$type<FollowUpStep | null>(),
    citizenAccepts: boolean('citizen_accepts'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedReason: text('closed_reason', { enum: ['accepted', 'appeal-upheld'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evaluation_follow_ups_open_idx').on(t.zoneCode, t.closedAt)],
);

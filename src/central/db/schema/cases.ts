import { bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Applicant, CaseMaterial } from '../../../contract/case';
import type { CaseStatus } from '../../../domain/case';

/** The case lifecycle of the domain (src/domain/case.ts), stored as text. */
export type CaseStatusColumn = CaseStatus;

export interface StoredReview {
  departmentCode: string;
  decision: 'pending' | 'approved' | 'denied';
  opinion: string | null;
  decidedAt: string | null;
}

export interface StoredClockPause {
  kind: 'extension' | 'other';
  from: string;
  /** The last day the special procedure ran (inclusive); null while it still runs. */
  to: string | null;
  reason: string;
}

export interface StoredAgent {
  name: string;
  idNumber: string;
  phone?: string | undefined;
}

/**
 * Cases (办件) as the hall server holds them. The id and the case number come from the station
 * that took the case in; the status after intake is the server's. The applicant keeps the full ID
 * number (the case detail shows it); `id_number` is the normalised number, for the look-up.
 */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    caseNo: text('case_no').notNull(),
    stationId: text('station_id').notNull(),
    windowCode: text('window_code').notNull(),
    clerkId: text('clerk_id').notNull(),
    ticketId: text('ticket_id'),
    ticketNumber: text('ticket_number'),
    matterCodes: jsonb('matter_codes').$type<string[]>().notNull(),
    bundleCode: text('bundle_code'),
    applicant: jsonb('applicant').$type<Applicant>().notNull(),
    idNumber: text('id_number').notNull(),
    agent: jsonb('agent').$type<StoredAgent | null>(),
    source: text('source', { enum: ['window', 'town', 'online'] }).notNull(),
    status: text('status').$type<CaseStatusColumn>().notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    /** The longest promised limit of the matters (working days): the promised date is recomputed from it after clock pauses. */
    promisedDays: integer('promised_days').notNull(),
    promisedDate: date('promised_date', { mode: 'string' }).notNull(),
    noticeNo: text('notice_no').notNull(),
    materials: jsonb('materials').$type<CaseMaterial[]>().notNull(),
    rejection: jsonb('rejection').$type<{ reason: string; competentBody: string } | null>(),
    correctionDueDate: date('correction_due_date', { mode: 'string' }),
    reviews: jsonb('reviews').$type<StoredReview[]>().notNull(),
    clockPauses: jsonb('clock_pauses').$type<StoredClockPause[]>().notNull(),
    delivery: jsonb('delivery').$type<{ how: 'window' | 'express'; at: string; licenceName: string | null; licenceNo: string | null } | null>(),
    evaluation: jsonb('evaluation').$type<{ level: number; reason: string | null; at: string } | null>(),
    /** The calendar each year of the promised date's count was on at the station (0: provisional). */
    calendarVersions: jsonb('calendar_versions').$type<Array<{ year: number; revision: number }>>().notNull().default([]),
    /**
     * The hall's own deadline when an official calendar entered later makes the legal date earlier
     * than the printed promise (which stands); null when the promised date is the deadline.
     */
    internalDueDate: date('internal_due_date', { mode: 'string' }),
    /** Which calendar revision moved the internal deadline, and when. */
    internalDueMovedBy: jsonb('internal_due_moved_by').$type<{ year: number; revision: number; at: string } | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('cases_case_no_idx').on(t.caseNo),
    index('cases_id_number_idx').on(t.idNumber),
    index('cases_status_idx').on(t.status, t.acceptedAt),
    index('cases_accepted_at_idx').on(t.acceptedAt),
    index('cases_station_idx').on(t.stationId),
    index('cases_internal_due_idx').on(t.internalDueDate),
  ],
);

/** A case's history: one row per state change, with who did it and the mutation that carried it. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id').notNull(),
    /** When the clerk or department did it (the mutation's time). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<CaseStatusColumn>(),
    toStatus: text('to_status').$type<CaseStatusColumn>().notNull(),
    staffId: text('staff_id'),
    stationId: text('station_id'),
    mutationId: text('mutation_id'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

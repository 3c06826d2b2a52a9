import { bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CaseMaterial } from '../../../contract/case';
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
 * A person as the cases table keeps them: the name (lists show it masked) and the ID type in clear,
 * everything else — ID number, phone, address, company — sealed (crypto/sealer.ts, cases/sealed.ts).
 */
export interface SealedPerson {
  name: string;
  idType?: string;
  /** SM4 + HMAC-SM3 of the JSON of the rest of the person. */
  sealed: string;
}

/**
 * Cases (办件) as the hall server holds them. The id and the case number come from the station
 * that took the case in; the status after intake is the server's. The applicant's and agent's ID
 * number, phone and address are sealed under the hall's data key (the case detail opens them);
 * `id_index` is an HMAC-SM3 blind index of the normalised ID number, for the look-up.
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
    /** The zones of its matters, and the departments that own them or were sent it: who may see it (auth/policy.ts). */
    zoneCodes: jsonb('zone_codes').$type<string[]>().notNull().default([]),
    departmentCodes: jsonb('department_codes').$type<string[]>().notNull().default([]),
    bundleCode: text('bundle_code'),
    applicant: jsonb('applicant').$type<SealedPerson>().notNull(),
    idIndex: text('id_index').notNull(),
    /** 370902********1233, for lists, without opening the seal. */
    idNumberMasked: text('id_number_masked').notNull(),
    agent: jsonb('agent').$type<SealedPerson | null>(),
    source: text('source', { enum: ['window', 'town', 'online'] }).notNull(),
    status: text('status').$type<CaseStatusColumn>().notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    /** The longest promised limit of the matters (working days): the promised date is recomputed from it after clock pauses. */
    promisedDays: integer('promised_days').notNull(),
    promisedDate: date('promised_date', { mode: 'string' }).notNull(),
    noticeNo: text('notice_no').notNull(),
    /** sha256 of the receipt's code (contract/case.ts accessCode); null for a case taken in without one. */
    accessCodeHash: text('access_code_hash'),
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
    index('cases_id_index_idx').on(t.idIndex),
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
    /** When the clerk or department did it (the mutation's time, the station's clock). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** When the hall received it (its own clock): a station's claim stands beside the hall's record. */
    receivedAt: timestamp('received_at', { withTimezone: true }),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<CaseStatusColumn>(),
    toStatus: text('to_status').$type<CaseStatusColumn>().notNull(),
    staffId: text('staff_id'),
    stationId: text('station_id'),
    /** Who was signed in when it was pushed (differs from staffId for work recorded offline by someone else). */
    pushedBy: text('pushed_by'),
    mutationId: text('mutation_id'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

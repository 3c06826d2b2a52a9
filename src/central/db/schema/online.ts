import { bigint, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { SealedPerson } from './cases';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export interface StoredMaterialFile {
  n: number;
  materialCode: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  receivedAt: string;
  superseded: boolean;
}

export interface StoredNotice {
  noticeNo: string;
  at: string;
  by: string;
  items: Array<{ materialCode: string; problem: 'missing' | 'defective'; reason: string }>;
  note: string | null;
  correctionDueDate: string | null;
}

export interface StoredApplicationEvent {
  at: string;
  state: string;
  action: string;
  by: string;
  note: string | null;
}

/**
 * Applications filed online or at a town centre (网上申办), waiting for pre-review at a window of
 * their zone. The applicant, agent and form are sealed like a case's (crypto/sealer.ts); lists read
 * the masked ID number and the name. One per portal account and `portal_id`: a portal sending the
 * same filing twice gets the first back (`fingerprint` tells a resend from another filing).
 */
export const onlineApplications = pgTable(
  'online_applications',
  {
    id: text('id').primaryKey(),
    portalStaffId: text('portal_staff_id').notNull(),
    portalId: text('portal_id').notNull(),
    /** sha256 of the filing as sent (files by the hash of their text): the same filing again is a resend. */
    fingerprint: text('fingerprint').notNull(),
    channel: text('channel', { enum: ['online', 'town'] }).notNull(),
    siteName: text('site_name'),
    /** The centre that filed it (channel `town`), from the clerk's session; null for the portal's. */
    siteCode: text('site_code'),
    state: text('state', { enum: ['submitted', 'returned', 'accepted', 'refused', 'withdrawn'] }).notNull(),
    zoneCode: text('zone_code').notNull(),
    matterCodes: jsonb('matter_codes').$type<string[]>().notNull(),
    bundleCode: text('bundle_code'),
    applicant: jsonb('applicant').$type<SealedPerson>().notNull(),
    idIndex: text('id_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    agent: jsonb('agent').$type<SealedPerson | null>(),
    /** The portal's form, sealed (it names people and places). */
    formSealed: text('form_sealed').notNull(),
    commitments: jsonb('commitments').$type<string[]>().notNull(),
    files: jsonb('files').$type<StoredMaterialFile[]>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** When the hall received the filing, or its last correction: the review and art. 32 clocks start here. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    reviewDueDate: date('review_due_date', { mode: 'string' }).notNull(),
    notice: jsonb('notice').$type<StoredNotice | null>(),
    refusal: jsonb('refusal').$type<{ reason: string; competentBody: string | null; at: string; by: string } | null>(),
    /** Corrections taken, by the portal's correctionId → fingerprint (a resend answers the same). */
    corrections: jsonb('corrections').$type<Record<string, string>>().notNull(),
    caseId: text('case_id'),
    caseNo: text('case_no'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    promisedDate: date('promised_date', { mode: 'string' }),
    history: jsonb('history').$type<StoredApplicationEvent[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('online_applications_portal_idx').on(t.portalStaffId, t.portalId),
    index('online_applications_inbox_idx').on(t.zoneCode, t.state, t.reviewDueDate),
    index('online_applications_updated_idx').on(t.updatedAt),
    // A town centre opening the case accepted from what it filed (cases/routes.ts).
    index('online_applications_case_idx').on(t.caseId),
  ],
);

/**
 * Material files, content-addressed by the sha256 of their bytes and stored in chunks, each sealed
 * on its own: a file is written and read one chunk at a time, so neither filing nor download holds
 * a whole file twice in memory.
 */
export const materialChunks = pgTable(
  'material_chunks',
  {
    sha256: text('sha256').notNull(),
    n: integer('n').notNull(),
    sealed: bytea('sealed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.n] })],
);

/** The hall's own daily case-number series per zone (window part `<zone>00`) for applications it accepts. */
export const inboxCaseSerials = pgTable(
  'inbox_case_serials',
  {
    day: date('day', { mode: 'string' }).notNull(),
    zoneCode: text('zone_code').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.zoneCode] })],
);

/**
 * Each run of the material purge (online/retention.ts): when, who or what started it, the rules it
 * applied, and what it did, so "why is this file gone?" is a query, not a guess.
 */
export const materialPurgeRuns = pgTable(
  'material_purge_runs',
  {
    id: text('id').primaryKey(),
    /** `schedule` (the hall's daily run), `admin` (POST …/purge), `cli`. */
    trigger: text('trigger').notNull(),
    staffId: text('staff_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    rules: jsonb('rules').$type<{ acceptedDays: number; closedDays: number }>().notNull(),
    applicationsKept: integer('applications_kept').notNull(),
    applicationsExpired: integer('applications_expired').notNull(),
    filesDeleted: integer('files_deleted').notNull(),
    chunksDeleted: integer('chunks_deleted').notNull(),
    bytesDeleted: bigint('bytes_deleted', { mode: 'number' }).notNull(),
    /** The sha256 of every file deleted. */
    deleted: jsonb('deleted').$type<string[]>().notNull(),
  },
  (t) => [index('material_purge_runs_started_idx').on(t.startedAt)],
);

import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The cases this station took in. `data` is the full CaseRecord (the server's copy once pulled);
 * the columns beside it are what lists and the retention purge query by. Personal data lives in
 * `data` and in `id_number`; `id_number_masked` is what lists show.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    caseNo: text('case_no').notNull(),
    windowCode: text('window_code').notNull(),
    status: text('status').notNull(),
    applicantName: text('applicant_name').notNull(),
    idNumber: text('id_number').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    /** Local date (Asia/Shanghai) of acceptance: the list filter and the case-number day. */
    acceptedDay: text('accepted_day').notNull(),
    acceptedAt: text('accepted_at').notNull(),
    promisedDate: text('promised_date').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    /** When the hall server confirmed the intake mutation (applied or duplicate). */
    syncedAt: text('synced_at'),
    /** When the case reached a final state (delivered, rejected, …), for the retention purge. */
    closedAt: text('closed_at'),
    /** When the retention purge blanked the personal data (migration 0001). */
    purgedAt: text('purged_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('cases_case_no_idx').on(t.caseNo), index('cases_accepted_day_idx').on(t.acceptedDay)],
);

export const caseMaterials = sqliteTable(
  'case_materials',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    materialCode: text('material_code').notNull(),
    receipt: text('receipt').notNull(),
    receivedAt: text('received_at'),
    dueDate: text('due_date'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.materialCode] })],
);

/** Notices handed to the applicant: the document as printed, so a reprint is word for word. */
export const notices = sqliteTable(
  'notices',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    noticeNo: text('notice_no').notNull(),
    document: text('document', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('notices_case_idx').on(t.caseId)],
);

/** Case numbers: one serial per window and local day, so numbers are unique without asking anyone. */
export const counters = sqliteTable(
  'counters',
  {
    windowCode: text('window_code').notNull(),
    day: text('day').notNull(),
    serial: integer('serial').notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.windowCode, t.day] })],
);

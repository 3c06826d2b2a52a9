import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { cases } from './cases';

/**
 * Print jobs persist with the rendered document, so a failed job can be retried after the paper is
 * changed and any receipt of the day reprinted word for word.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    reference: text('reference').notNull(),
    caseId: text('case_id').references(() => cases.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['queued', 'printing', 'printed', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error', { mode: 'json' }),
    document: text('document', { mode: 'json' }).notNull(),
    day: text('day').notNull(),
    createdAt: text('created_at').notNull(),
    printedAt: text('printed_at'),
    reprintOf: text('reprint_of'),
  },
  (t) => [index('print_jobs_day_idx').on(t.day), index('print_jobs_case_idx').on(t.caseId)],
);

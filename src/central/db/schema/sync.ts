import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every mutation a station pushed, keyed by its id, with the answer it got. The primary key is
 * what makes a mutation apply at most once: a repeat (a retry, a concurrent push of the same
 * outbox) finds the row and gets the first answer back word for word.
 */
export const processedMutations = pgTable(
  'processed_mutations',
  {
    id: text('id').primaryKey(),
    stationId: text('station_id').notNull(),
    name: text('name').notNull(),
    staffId: text('staff_id'),
    /** The case it touched, so "what happened to case X" is one query. */
    caseId: text('case_id'),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
    value: jsonb('value'),
    /** The station's clock when the clerk did it. */
    mutationAt: timestamp('mutation_at', { withTimezone: true }).notNull(),
    /** When the hall server processed it. */
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('processed_mutations_station_idx').on(t.stationId, t.at), index('processed_mutations_case_idx').on(t.caseId)],
);

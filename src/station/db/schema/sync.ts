import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The outbox: every local write appends its mutation here in the same transaction. `seq` is the
 * push order. A rejected mutation stays with the server's reason; it does not block later ones.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    args: text('args', { mode: 'json' }).notNull(),
    at: text('at').notNull(),
    staffId: text('staff_id').notNull(),
    /** The case the mutation is about: its row must not be overwritten by a pull while pending. */
    caseId: text('case_id'),
    status: text('status', { enum: ['pending', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: text('last_attempt_at'),
  },
  (t) => [
    uniqueIndex('outbox_id_idx').on(t.id),
    index('outbox_case_idx').on(t.caseId),
    // The push reads "pending, in order" on every run (migration 0001).
    index('outbox_status_seq_idx').on(t.status, t.seq),
  ],
);

/** One row (id = 1): where the pull stands and how the link to the hall server is doing. */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  cursor: integer('cursor').notNull().default(0),
  lastSuccessAt: text('last_success_at'),
  lastError: text('last_error', { mode: 'json' }),
  offlineSince: text('offline_since'),
  /** Bumped whenever a pull changes the catalogue: the search index is rebuilt once per version. */
  catalogVersion: integer('catalog_version').notNull().default(0),
});

/** Each sync run: what it sent, what came back, how long it took ("why is A3 behind?" is a query). */
export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: text('id').primaryKey(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    trigger: text('trigger').notNull(),
    pushed: integer('pushed').notNull().default(0),
    applied: integer('applied').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    pulled: integer('pulled').notNull().default(0),
    cursorFrom: integer('cursor_from').notNull(),
    cursorTo: integer('cursor_to').notNull(),
    error: text('error'),
    durationMs: integer('duration_ms'),
  },
  (t) => [index('sync_runs_started_idx').on(t.startedAt)],
);

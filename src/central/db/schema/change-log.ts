import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every state change, in one global order. Sync pull pages through it, SSE replays it. Rows are
 * appended in the writing transaction with `seq` empty; a deferred trigger numbers them at COMMIT
 * (migration 0002 and events/change-log.ts say why), so no other transaction ever sees a row
 * without its seq.
 */
export const changeLog = pgTable(
  'change_log',
  {
    /** Insertion order only; readers go by seq. */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Commit order, set at COMMIT; null only inside the writing transaction. */
    seq: bigint('seq', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    /** What happened, for live screens: `ticket.called`, `window.paused`, `catalog.imported` … */
    event: text('event').notNull(),
    data: jsonb('data'),
    /** Cases are pulled only by the station that made them; null means every station. */
    stationId: text('station_id'),
  },
  (t) => [uniqueIndex('change_log_seq_idx').on(t.seq), index('change_log_entity_idx').on(t.entity, t.entityId)],
);

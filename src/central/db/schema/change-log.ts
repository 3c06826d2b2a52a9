import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every state change, in one global order. Sync pull pages through it, SSE replays it. Rows are
 * appended in the writing transaction (see events/change-log.ts for why the sequence has no holes).
 */
export const changeLog = pgTable(
  'change_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
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
  (t) => [index('change_log_entity_idx').on(t.entity, t.entityId)],
);

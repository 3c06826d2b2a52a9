import { asc, gt, sql } from 'drizzle-orm';
import type { ChangeEntity } from '../../contract/sync';
import type { HallQueryable } from '../db/client';
import { rowsOf } from '../db/client';
import { changeLog } from '../db/schema';

/** One change as a module records it; `data` is the entity as it now stands (null on delete). */
export interface ChangeEntry {
  entity: ChangeEntity;
  id: string;
  op: 'upsert' | 'delete';
  /** What happened, for live screens: `ticket.called`, `window.paused`, `catalog.imported` … */
  event: string;
  data: unknown;
  /** Set for rows only one station should pull (its own cases). */
  stationId?: string | null;
}

export interface ChangeRow {
  seq: number;
  at: Date;
  entity: ChangeEntity;
  id: string;
  op: 'upsert' | 'delete';
  event: string;
  data: unknown;
  stationId: string | null;
}

/** NOTIFY channel carrying each committed seq (sent by the numbering trigger, migration 0002). */
export const CHANGES_CHANNEL = 'hall_changes';

/**
 * The INSERT (unsent; null when there is nothing) that appends changes inside the writing transaction. The rows go in without a seq; the deferred
 * trigger of migration 0002 numbers them at COMMIT under an advisory lock held until the commit is
 * visible, and queues a NOTIFY with each seq. So seq order is commit order — a reader that has seen
 * seq 12 will never later find an 11 — while the lock is held only for the commit itself, not across
 * round trips to this process. (A bigserial handed out at INSERT would become visible at COMMIT,
 * and commits finish out of order.) The feed hears the NOTIFY on every instance, this one included.
 */
export function changeInsert(tx: HallQueryable, entries: ChangeEntry[], at: Date) {
  if (entries.length === 0) return null;
  return tx.insert(changeLog).values(entries.map((e) => changeRow(e, at)));
}

/** The change-log row of one entry, without its seq (numbered at COMMIT). */
export function changeRow(e: ChangeEntry, at: Date): typeof changeLog.$inferInsert {
  return { at, entity: e.entity, entityId: e.id, op: e.op, event: e.event, data: e.data ?? null, stationId: e.stationId ?? null };
}

function toRow(r: typeof changeLog.$inferSelect): ChangeRow {
  return {
    // Committed rows always carry their seq (readers filter on it).
    seq: r.seq!,
    at: r.at,
    entity: r.entity as ChangeEntity,
    id: r.entityId,
    op: r.op,
    event: r.event,
    data: r.data,
    stationId: r.stationId,
  };
}

/** The read side, for sync pull and SSE replay. */
export const changeLogReader = {
  /** Changes with seq > cursor, oldest first, at most `limit`. */
  async readAfter(db: HallQueryable, cursor: number, limit: number): Promise<ChangeRow[]> {
    const rows = await db.select().from(changeLog).where(gt(changeLog.seq, cursor)).orderBy(asc(changeLog.seq)).limit(limit);
    return rows.map(toRow);
  },

  async latestSeq(db: HallQueryable): Promise<number> {
    const r = rowsOf<{ seq: string | number | null }>(await db.execute(sql`select max(seq) as seq from change_log`));
    return Number(r[0]?.seq ?? 0);
  },
};

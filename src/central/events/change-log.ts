import { asc, gt, sql } from 'drizzle-orm';
import type { ChangeEntity } from '../../contract/sync';
import type { HallQueryable, HallTx } from '../db/client';
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

/** NOTIFY channel carrying the highest committed seq. */
export const CHANGES_CHANNEL = 'hall_changes';

// Any constant works; it only has to be the same in every instance.
const CHANGE_LOG_LOCK = 7_300_001;

/**
 * Append changes inside the writing transaction, as its LAST statement.
 *
 * Why the advisory lock: a bigserial is handed out at INSERT but becomes visible at COMMIT, and
 * commits can finish out of order, so a reader could see seq 12 before seq 11 exists and move its
 * cursor past 11 for good. Holding a transaction-scoped lock from the append until the commit makes
 * seq order equal commit order. The lock is taken after every row lock of the transaction, so it
 * is held only for the insert and the commit and cannot take part in a deadlock.
 *
 * On PostgreSQL the NOTIFY is queued in the same transaction, so it goes out only if the changes commit.
 */
export async function appendChanges(tx: HallTx, entries: ChangeEntry[], at: Date, notify: boolean): Promise<number[]> {
  if (entries.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`);
  const rows = await tx
    .insert(changeLog)
    .values(
      entries.map((e) => ({
        at,
        entity: e.entity,
        entityId: e.id,
        op: e.op,
        event: e.event,
        data: e.data ?? null,
        stationId: e.stationId ?? null,
      })),
    )
    .returning({ seq: changeLog.seq });
  const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
  if (notify) await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${String(seqs[seqs.length - 1])})`);
  return seqs;
}

function toRow(r: typeof changeLog.$inferSelect): ChangeRow {
  return {
    seq: r.seq,
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

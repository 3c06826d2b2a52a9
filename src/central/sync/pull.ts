import { and, asc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { PullResponse } from '../../contract/sync';
import type { ChangeEntity } from '../../contract/sync';
import type { HallQueryable } from '../db/client';
import { changeLog } from '../db/schema';
import { changeLogReader } from '../events/change-log';

export interface PullQuery {
  cursor: number;
  limit: number;
  stationId?: string | undefined;
}

/**
 * One page of the change log after `cursor`. The highest committed seq is read first: seq order is
 * commit order (events/change-log.ts), so every row up to it is visible and a page never skips a
 * row that commits later. When a station filter hides the rest of the log, the cursor still moves
 * to that seq, so the next pull does not scan the hidden rows again.
 */
export async function pullChanges(db: HallQueryable, q: PullQuery): Promise<PullResponse> {
  const upTo = await changeLogReader.latestSeq(db);
  // Case changes carry full personal data: they go only to the station that created the case. A pull
  // that names no station gets the shared hall data (catalogue, calendar, staff, windows, tickets).
  const visible = q.stationId === undefined ? isNull(changeLog.stationId) : or(isNull(changeLog.stationId), eq(changeLog.stationId, q.stationId));
  const rows = await db
    .select({ seq: changeLog.seq, entity: changeLog.entity, id: changeLog.entityId, op: changeLog.op, data: changeLog.data })
    .from(changeLog)
    .where(and(gt(changeLog.seq, q.cursor), lte(changeLog.seq, upTo), visible))
    .orderBy(asc(changeLog.seq))
    .limit(q.limit + 1);
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  // `seq > cursor` matched: every row here carries its seq.
  const cursor = hasMore ? page[page.length - 1]!.seq! : Math.max(q.cursor, upTo);
  return {
    changes: page.map((r) => ({ seq: r.seq!, entity: r.entity as ChangeEntity, id: r.id, op: r.op, data: r.data ?? null })),
    cursor,
    hasMore,
  };
}

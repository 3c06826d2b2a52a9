import { and, asc, gt, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PullResponse } from '../../contract/sync';
import type { ChangeEntity } from '../../contract/sync';
import type { Actor } from '../audit/writer';
import type { StaffAuth } from '../auth/guard';
import { permitFor, pullPolicy, type ScopeFilter } from '../auth/policy';
import { toCaseRecord } from '../cases/record';
import { caseReads } from '../cases/repository';
import type { HallContext } from '../context';
import { changeLog, cases } from '../db/schema';
import { auditInsert } from '../audit/writer';
import { changeLogReader } from '../events/change-log';
import type { StationRow } from '../stations/registry';

export interface PullQuery {
  cursor: number;
  limit: number;
}

/** Which case rows of the change log this caller may pull (auth/policy.ts pullPolicy); null: none. */
function visibleCases(f: ScopeFilter): SQL | null {
  switch (f.kind) {
    case 'all':
      return sql`true`;
    case 'station':
      return f.stationId === null ? null : sql`${changeLog.stationId} = ${f.stationId}`;
    case 'departments':
      return f.departmentCodes.length === 0
        ? null
        : sql`exists (select 1 from ${cases} where ${cases.id} = ${changeLog.entityId} and ${cases.departmentCodes} ?| array[${sql.join(
            f.departmentCodes.map((d) => sql`${d}`),
            sql`, `,
          )}]::text[])`;
    default:
      return null;
  }
}

/**
 * One page of the change log after `cursor`, as this station's session may see it. The highest
 * committed seq is read first: seq order is commit order (events/change-log.ts), so every row up to it
 * is visible and a page never skips a row that commits later. When the filter hides the rest of the
 * log, the cursor still moves to that seq, so the next pull does not scan the hidden rows again.
 *
 * Case rows carry no data in the log (it holds no personal data); a page brings each case it names
 * as it now stands, read from the cases table, once, and the hall records that this station read them.
 */
export async function pullChanges(ctx: HallContext, q: PullQuery, auth: StaffAuth, station: StationRow): Promise<PullResponse> {
  const db = ctx.db.drizzle;
  const upTo = await changeLogReader.latestSeq(db);
  const principal = { ...auth, stationId: station.id };
  const cases = visibleCases(permitFor(principal, pullPolicy, 'GET /api/v1/sync/pull').filter());
  const visible = cases ? or(isNull(changeLog.stationId), cases) : isNull(changeLog.stationId);
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
  const records = await caseRecords(ctx, auth, station, [...new Set(page.filter((r) => r.entity === 'case').map((r) => r.id))]);
  return {
    changes: page.map((r) => ({
      seq: r.seq!,
      entity: r.entity as ChangeEntity,
      id: r.id,
      op: r.op,
      data: r.entity === 'case' ? (records.get(r.id) ?? null) : (r.data ?? null),
    })),
    cursor,
    hasMore,
  };
}

/** The cases of a page as they now stand, with their history; one audit row says who pulled which. */
async function caseRecords(ctx: HallContext, auth: StaffAuth, station: StationRow, ids: string[]) {
  const out = new Map<string, ReturnType<typeof toCaseRecord>>();
  if (ids.length === 0) return out;
  const db = ctx.db.drizzle;
  const [rows, events] = await Promise.all([caseReads.byIds(db, ctx.sealer, ids), caseReads.historyOf(db, ids)]);
  for (const row of rows) out.set(row.id, toCaseRecord(row, events.get(row.id) ?? []));
  const actor: Actor = { staffId: auth.staffId, username: auth.username, role: auth.role, windowCode: auth.windowCode, address: null };
  const audit = auditInsert(db, actor, [{ action: 'case.read-full', entity: 'station', entityId: station.id, after: { reason: 'sync.pull', caseIds: ids } }], ctx.now());
  if (audit) await audit;
  return out;
}

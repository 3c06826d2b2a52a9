import type { FastifyRequest } from 'fastify';
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { StaffAuth } from '../auth/guard';
import { auditInsert, type Actor, type AuditEntry } from '../audit/writer';
import type { HallContext } from '../context';
import { changeInsert, type ChangeEntry } from '../events/change-log';
import type { HallTx } from './client';

/**
 * One unit of work: a transaction plus the writes, audit rows and change-log entries it collects.
 * At the end of `fn` (still inside the transaction) everything collected goes out as ONE statement;
 * the commit numbers the changes and tells every instance's live feed (events/change-log.ts).
 * Every state change of the hall goes through here.
 *
 * Why one statement: on these machines a round trip to PostgreSQL costs more than the work it
 * carries (a socket write and read on each side), so a queue command is as fast as it has few of
 * them. Reads that decide something still go one by one through `w.tx`; writes that nothing later
 * in the unit reads back are queued with `w.later` and ride along with the audit and the changes.
 *
 * Inside `fn`, query through `w.tx` only, never `ctx.db.drizzle`: PGlite runs one transaction at a
 * time, so a query outside the open transaction waits for it to end — forever.
 */
export interface Work {
  readonly tx: HallTx;
  readonly at: Date;
  readonly actor: Actor;
  change(entry: ChangeEntry): void;
  audit(entry: AuditEntry): void;
  /**
   * Queue a write (an unsent drizzle insert/update/delete) to go out with the unit's last statement.
   * Only for writes nothing later in the unit reads, and never two writes of one row: the parts of
   * one statement all see the rows as they were before it, and PostgreSQL applies only one of two
   * updates of the same row.
   */
  later(write: SQLWrapper): void;
}

export async function inWork<T>(ctx: HallContext, actor: Actor, fn: (w: Work) => Promise<T>): Promise<T> {
  return ctx.db.drizzle.transaction(async (tx) => {
    const changes: ChangeEntry[] = [];
    const audits: AuditEntry[] = [];
    const writes: SQLWrapper[] = [];
    const at = ctx.now();
    const work: Work = {
      tx,
      at,
      actor,
      change: (e) => void changes.push(e),
      audit: (e) => void audits.push(e),
      later: (q) => void writes.push(q),
    };
    const value = await fn(work);
    const audit = auditInsert(tx, actor, audits, at);
    const change = changeInsert(tx, changes, at);
    if (audit) writes.push(audit);
    if (change) writes.push(change);
    await sendTogether(tx, writes);
    return value;
  });
}

/** Several writes as one statement: each a data-modifying WITH part, all run to completion. */
export async function sendTogether(tx: HallTx, writes: SQLWrapper[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await tx.execute(writes[0]!.getSQL());
    return;
  }
  const parts = writes.map((q, i) => sql`${sql.raw(`w${i}`)} as ${q}`);
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}

export function actorOf(auth: StaffAuth | null, request?: FastifyRequest): Actor {
  return {
    staffId: auth?.staffId ?? null,
    username: auth?.username ?? null,
    role: auth?.role ?? null,
    windowCode: auth?.windowCode ?? null,
    address: request?.ip ?? null,
  };
}

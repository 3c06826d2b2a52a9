import type { FastifyRequest } from 'fastify';
import type { StaffAuth } from '../auth/guard';
import { writeAudit, type Actor, type AuditEntry } from '../audit/writer';
import type { HallContext } from '../context';
import { appendChanges, type ChangeEntry } from '../events/change-log';
import type { HallTx } from './client';

/**
 * One unit of work: a transaction plus the audit rows and change-log entries it collects. At the
 * end of `fn` (still inside the transaction) the audit rows and the changes are written; the commit
 * numbers the changes and tells every instance's live feed (events/change-log.ts). Every state
 * change of the hall goes through here.
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
}

export async function inWork<T>(ctx: HallContext, actor: Actor, fn: (w: Work) => Promise<T>): Promise<T> {
  return ctx.db.drizzle.transaction(async (tx) => {
    const changes: ChangeEntry[] = [];
    const audits: AuditEntry[] = [];
    const at = ctx.now();
    const work: Work = {
      tx,
      at,
      actor,
      change: (e) => void changes.push(e),
      audit: (e) => void audits.push(e),
    };
    const value = await fn(work);
    await writeAudit(tx, actor, audits, at);
    await appendChanges(tx, changes, at);
    return value;
  });
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

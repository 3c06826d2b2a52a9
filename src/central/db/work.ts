import type { FastifyRequest } from 'fastify';
import type { StaffAuth } from '../auth/guard';
import { writeAudit, type Actor, type AuditEntry } from '../audit/writer';
import type { HallContext } from '../context';
import { appendChanges, type ChangeEntry } from '../events/change-log';
import type { HallTx } from './client';

/**
 * One unit of work: a transaction plus the audit rows and change-log entries it collects. At the
 * end of `fn` (still inside the transaction) the audit rows are written, then the changes are
 * appended; after the commit the live feed is poked. Every state change of the hall goes through here.
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
  let lastSeq = 0;
  const result = await ctx.db.drizzle.transaction(async (tx) => {
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
    const seqs = await appendChanges(tx, changes, at, ctx.db.kind === 'postgres');
    lastSeq = seqs[seqs.length - 1] ?? 0;
    return value;
  });
  if (lastSeq > 0) ctx.feed.poke(lastSeq);
  return result;
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

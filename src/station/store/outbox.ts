import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { MutationName, PushResult } from '../../contract/sync';
import { cases, outbox } from '../db/schema';
import type { DbOrTx, StoreDeps } from './types';

export interface OutboxEntry {
  seq: number;
  id: string;
  name: MutationName;
  args: unknown;
  at: string;
  staffId: string;
  caseId: string | null;
}

export interface RejectedEntry {
  id: string;
  name: string;
  at: string;
  code: string;
  message: string;
  caseId: string | null;
  caseNo: string | null;
}

/** Mutations that create a case: when the hall server has one of them, the case is synced. */
const INTAKE_MUTATIONS = new Set<string>(['case.accept', 'case.accept-deferred', 'case.notify-correction', 'case.reject']);

export function outboxRepo(deps: StoreDeps) {
  const { db } = deps;
  return {
    /** Always inside the transaction that makes the local change. */
    append(tx: DbOrTx, m: { name: MutationName; args: unknown; at: Date; staffId: string; caseId: string | null }): string {
      const id = deps.newId();
      tx.insert(outbox)
        .values({ id, name: m.name, args: m.args, at: m.at.toISOString(), staffId: m.staffId, caseId: m.caseId, status: 'pending' })
        .run();
      return id;
    },

    /** The oldest pending mutations, in the order they were made. */
    nextBatch(limit: number): OutboxEntry[] {
      return db
        .select({ seq: outbox.seq, id: outbox.id, name: outbox.name, args: outbox.args, at: outbox.at, staffId: outbox.staffId, caseId: outbox.caseId })
        .from(outbox)
        .where(eq(outbox.status, 'pending'))
        .orderBy(asc(outbox.seq))
        .limit(limit)
        .all() as OutboxEntry[];
    },

    markAttempted(ids: string[]): void {
      if (ids.length === 0) return;
      db.update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, lastAttemptAt: deps.now().toISOString() })
        .where(inArray(outbox.id, ids))
        .run();
    },

    /**
     * The hall server's answers, in one transaction: applied and duplicate entries leave the
     * outbox (a duplicate is the server saying it already has it: the first push's answer was lost);
     * rejected ones stay with the reason for the clerk.
     */
    recordResults(results: PushResult[]): { applied: number; duplicates: number; rejected: number } {
      const tally = { applied: 0, duplicates: 0, rejected: 0 };
      const now = deps.now().toISOString();
      db.transaction((tx) => {
        for (const r of results) {
          const entry = tx.select({ name: outbox.name, caseId: outbox.caseId }).from(outbox).where(eq(outbox.id, r.id)).get();
          if (!entry) continue;
          if (r.status === 'rejected') {
            tally.rejected++;
            tx.update(outbox)
              .set({ status: 'rejected', code: r.code ?? 'REJECTED', message: r.message ?? '服务器拒绝了这条记录' })
              .where(eq(outbox.id, r.id))
              .run();
            continue;
          }
          if (r.status === 'applied') tally.applied++;
          else tally.duplicates++;
          tx.delete(outbox).where(eq(outbox.id, r.id)).run();
          if (entry.caseId && INTAKE_MUTATIONS.has(entry.name)) {
            tx.update(cases).set({ syncedAt: now }).where(eq(cases.id, entry.caseId)).run();
          }
        }
      });
      return tally;
    },

    counts(): { pending: number; rejected: number } {
      const rows = db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all();
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      return { pending: by.pending ?? 0, rejected: by.rejected ?? 0 };
    },

    rejected(): RejectedEntry[] {
      return db
        .select({ id: outbox.id, name: outbox.name, at: outbox.at, code: outbox.code, message: outbox.message, caseId: outbox.caseId, caseNo: cases.caseNo })
        .from(outbox)
        .leftJoin(cases, eq(cases.id, outbox.caseId))
        .where(eq(outbox.status, 'rejected'))
        .orderBy(asc(outbox.seq))
        .all()
        .map((r) => ({ ...r, code: r.code ?? 'REJECTED', message: r.message ?? '' }));
    },

    /** The rejection of a case's intake, if the hall server refused it. */
    rejectionOf(caseId: string): { code: string; message: string } | null {
      const r = db
        .select({ code: outbox.code, message: outbox.message })
        .from(outbox)
        .where(and(eq(outbox.caseId, caseId), eq(outbox.status, 'rejected')))
        .orderBy(asc(outbox.seq))
        .get();
      return r ? { code: r.code ?? 'REJECTED', message: r.message ?? '' } : null;
    },

    /**
     * Put a rejected mutation back in line (after the catalogue or calendar was fixed on the server).
     * It goes under a NEW mutation id, keeping its place in the order: the hall answers a repeated id
     * with its first answer forever, so only a new id makes it look at the mutation again.
     */
    retry(id: string): string | null {
      const newId = deps.newId();
      const r = db
        .update(outbox)
        .set({ id: newId, status: 'pending', code: null, message: null })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'rejected')))
        .run();
      return r.changes > 0 ? newId : null;
    },

    /** A case with a mutation still waiting to be pushed: a pull must not overwrite its local row. */
    hasPending(tx: DbOrTx, caseId: string): boolean {
      return (
        tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(and(eq(outbox.caseId, caseId), eq(outbox.status, 'pending')))
          .limit(1)
          .get() !== undefined
      );
    },

    oldestPendingAt(): string | null {
      return db.select({ at: outbox.at }).from(outbox).where(eq(outbox.status, 'pending')).orderBy(asc(outbox.seq)).limit(1).get()?.at ?? null;
    },
  };
}
export type OutboxRepo = ReturnType<typeof outboxRepo>;

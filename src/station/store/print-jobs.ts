import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ErrorBody } from '../../contract/primitives';
import type { PrintJob } from '../../contract/station-api';
import type { PrintDocument } from '../../domain/document';
import { printJobs } from '../db/schema';
import type { DbOrTx, StoreDeps } from './types';

type Row = typeof printJobs.$inferSelect;

export function toPrintJob(r: Row): PrintJob {
  return {
    id: r.id,
    kind: r.kind as PrintJob['kind'],
    reference: r.reference,
    caseId: r.caseId,
    status: r.status,
    attempts: r.attempts,
    error: (r.error as ErrorBody | null) ?? null,
    createdAt: r.createdAt,
    printedAt: r.printedAt,
    reprintOf: r.reprintOf,
  };
}

/**
 * Print jobs and their life: queued → printing → printed | failed. `claim` is the only way to
 * `printing`, and only from queued or failed, so a retry of a printed job prints nothing.
 */
export function printJobsRepo(deps: StoreDeps) {
  const { db } = deps;
  return {
    enqueue(tx: DbOrTx, job: { document: PrintDocument; caseId: string | null; day: string; reprintOf?: string | null }): PrintJob {
      const row = {
        id: deps.newId(),
        kind: job.document.kind,
        reference: job.document.reference,
        caseId: job.caseId,
        status: 'queued' as const,
        attempts: 0,
        error: null,
        document: job.document,
        day: job.day,
        createdAt: deps.now().toISOString(),
        printedAt: null,
        reprintOf: job.reprintOf ?? null,
      };
      tx.insert(printJobs).values(row).run();
      return toPrintJob(row);
    },

    get(id: string): { job: PrintJob; document: PrintDocument } | null {
      const r = db.select().from(printJobs).where(eq(printJobs.id, id)).get();
      return r ? { job: toPrintJob(r), document: r.document as PrintDocument } : null;
    },

    /** Take the job for the printer; null when it is printed already or another attempt holds it. */
    claim(id: string): PrintJob | null {
      const r = db
        .update(printJobs)
        .set({ status: 'printing', attempts: sql`${printJobs.attempts} + 1` })
        .where(and(eq(printJobs.id, id), inArray(printJobs.status, ['queued', 'failed'])))
        .returning()
        .get();
      return r ? toPrintJob(r) : null;
    },

    printed(id: string): PrintJob {
      return toPrintJob(db.update(printJobs).set({ status: 'printed', error: null, printedAt: deps.now().toISOString() }).where(eq(printJobs.id, id)).returning().get()!);
    },

    failed(id: string, error: ErrorBody): PrintJob {
      return toPrintJob(db.update(printJobs).set({ status: 'failed', error }).where(eq(printJobs.id, id)).returning().get()!);
    },

    /**
     * A job found `printing` at start-up was cut off by a crash: nobody knows whether the paper
     * came out, so it becomes failed and the clerk decides (retry, or look at the printer).
     */
    failInterrupted(): number {
      return db
        .update(printJobs)
        .set({ status: 'failed', error: { code: 'PRINT_INTERRUPTED', message: '打印过程中工作站被关闭，请确认回执是否已打印' } })
        .where(eq(printJobs.status, 'printing'))
        .run().changes;
    },

    ofDay(day: string): PrintJob[] {
      return db.select().from(printJobs).where(eq(printJobs.day, day)).orderBy(desc(printJobs.createdAt), desc(printJobs.id)).all().map(toPrintJob);
    },

    ofCase(caseId: string): PrintJob[] {
      return db.select().from(printJobs).where(eq(printJobs.caseId, caseId)).orderBy(asc(printJobs.createdAt), asc(printJobs.id)).all().map(toPrintJob);
    },
  };
}
export type PrintJobsRepo = ReturnType<typeof printJobsRepo>;

import type { PrintJob, StationHandlers } from '../../contract/station-api';
import type { PrintDocument } from '../../domain/document';
import { DomainFailure } from '../../domain/result';
import type { StationContext } from '../context';
import { toErrorBody } from '../errors';

/**
 * Sends a persisted job to the printer. Only a job that is queued or failed is claimed, so a
 * retry of a printed job, or a second click while it prints, prints nothing. A failure leaves the
 * job failed with the printer's reason (paper out, cover open) for the clerk to retry.
 */
export async function runPrintJob(ctx: StationContext, jobId: string): Promise<PrintJob> {
  const found = ctx.store.printJobs.get(jobId);
  if (!found) throw new DomainFailure('PRINT_JOB_NOT_FOUND', `找不到打印任务 ${jobId}`);
  const claimed = ctx.store.printJobs.claim(jobId);
  if (!claimed) return found.job;
  ctx.emit({ type: 'print', job: claimed });
  let job: PrintJob;
  try {
    await ctx.devices.printer.print(found.document);
    job = ctx.store.printJobs.printed(jobId);
  } catch (e) {
    const { body } = toErrorBody(e);
    job = ctx.store.printJobs.failed(jobId, body);
    ctx.log.warn({ job: jobId, code: body.code }, 'print job failed');
  }
  ctx.emit({ type: 'print', job });
  // The header's printer light must follow what the last job found (paper out, cover open, fixed
  // again): ask the printer once more after a failure, and after the first success that follows one.
  if (job.status === 'failed' || found.job.status === 'failed') refreshDeviceStatus(ctx);
  return job;
}

function refreshDeviceStatus(ctx: StationContext): void {
  ctx.devices
    .status()
    .then((status) => ctx.emit({ type: 'devices', status }))
    .catch((e: unknown) => ctx.log.warn({ err: String(e) }, 'device status after a print failed'));
}

/** A new job for a document (a reprint, a test page), printed at once. */
export async function printNew(ctx: StationContext, document: PrintDocument, caseId: string | null, reprintOf: string | null): Promise<PrintJob> {
  const job = ctx.store.printJobs.enqueue(ctx.store.db, { document, caseId, day: ctx.today(), reprintOf });
  return runPrintJob(ctx, job.id);
}

export function printingHandlers(ctx: StationContext): Pick<StationHandlers, 'print.jobs' | 'print.retry' | 'print.reprint'> {
  return {
    async 'print.jobs'({ date }) {
      return ctx.store.printJobs.ofDay(date ?? ctx.today());
    },
    async 'print.retry'({ jobId }) {
      return runPrintJob(ctx, jobId);
    },
    async 'print.reprint'({ jobId }) {
      const found = ctx.store.printJobs.get(jobId);
      if (!found) throw new DomainFailure('PRINT_JOB_NOT_FOUND', `找不到打印任务 ${jobId}`);
      return printNew(ctx, found.document, found.job.caseId, jobId);
    },
  };
}

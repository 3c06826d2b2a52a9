import type { CaseRecord } from '../../contract/case';
import type { CaseDetail, CaseSummary } from '../../contract/station-api';
import { isOverdue } from '../../domain/case';
import { maskIdNumber } from '../../domain/masking';
import type { StationContext } from '../context';
import { receiptUrl } from '../receipt-link';
import type { CaseRow } from '../store';

/** Statuses in which the promised date is still a promise (after that the case is decided). */
const RUNNING = new Set(['accepted', 'accepted-deferred', 'in-review']);

export function caseFlags(r: CaseRecord, today: string) {
  // The hall's earlier internal deadline (an official calendar entered after the promise) counts.
  const deadline = r.internalDueDate && r.internalDueDate < r.promisedDate ? r.internalDueDate : r.promisedDate;
  return {
    overdue: RUNNING.has(r.status) && isOverdue(deadline, today),
    deferredOverdue: r.materials.some((m) => m.dueDate !== null && m.receipt === 'missing' && isOverdue(m.dueDate, today)),
  };
}

function pendingSync(ctx: StationContext, row: CaseRow): boolean {
  return row.syncedAt === null || ctx.store.outbox.hasPending(ctx.store.db, row.record.id);
}

/** The case in full (the case detail is the one place the full ID number appears). */
export function caseDetail(ctx: StationContext, row: CaseRow): CaseDetail {
  const r = row.record;
  const materials = ctx.catalog.hasCatalog() ? new Map(ctx.catalog.catalog().materials.map((m) => [m.code, m.name])) : new Map<string, string>();
  return {
    ...r,
    matterNames: r.matterCodes.map((c) => ctx.catalog.matterName(c)),
    materialNames: Object.fromEntries(r.materials.map((m) => [m.materialCode, materials.get(m.materialCode) ?? m.materialCode])),
    overdue: caseFlags(r, ctx.today()).overdue,
    pendingSync: pendingSync(ctx, row),
    caseUrl: receiptUrl(ctx.store, ctx.config.publicBaseUrl, r),
    printJobs: ctx.store.printJobs.ofCase(r.id),
    syncRejection: ctx.store.outbox.rejectionOf(r.id),
  };
}

/** A list row: the ID number masked. */
export function caseSummary(ctx: StationContext, row: CaseRow): CaseSummary {
  const r = row.record;
  const flags = caseFlags(r, ctx.today());
  return {
    id: r.id,
    caseNo: r.caseNo,
    status: r.status,
    applicantName: r.applicant.name,
    idNumberMasked: maskIdNumber(r.applicant.idNumber),
    matterNames: r.matterCodes.map((c) => ctx.catalog.matterName(c)),
    windowCode: r.windowCode,
    acceptedAt: r.acceptedAt,
    promisedDate: r.promisedDate,
    overdue: flags.overdue,
    deferredOverdue: flags.deferredOverdue,
    pendingSync: pendingSync(ctx, row),
  };
}

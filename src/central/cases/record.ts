import type { CaseFlags, CaseListItem } from '../../contract/api-cases';
import type { CaseRecord } from '../../contract/case';
import type { WorkCalendar } from '../../domain/calendar';
import { closePauses, deferredOverdue, isOverdue, promisedDateWithPauses } from '../../domain/case';
import { localDateInShanghai } from '../../domain/local-date';
import { maskIdNumber, maskName } from '../../domain/masking';
import { DomainFailure } from '../../domain/result';
import type { caseEvents } from '../db/schema';
import type { CaseRow, StoredCaseRow } from './sealed';

export type { CaseRow, StoredCaseRow } from './sealed';
export type CaseEventRow = typeof caseEvents.$inferSelect;
/** A history row as a record shows it: read back, or still to be written by the push (no id yet). */
export type CaseHistoryEvent = Omit<CaseEventRow, 'id'>;

/** Statuses whose promised date still runs: accepted and not yet decided. */
export const RUNNING_STATUSES = ['accepted', 'accepted-deferred', 'in-review'] as const satisfies ReadonlyArray<CaseRow['status']>;
const RUNNING = new Set<CaseRow['status']>(RUNNING_STATUSES);
/** Statuses in which deferred (容缺) materials are still expected. */
const OWING = new Set<CaseRow['status']>(['accepted-deferred', 'in-review']);

/** The case as the contract describes it (pull, push answers, the case detail). */
export function toCaseRecord(row: CaseRow, events: readonly CaseHistoryEvent[]): CaseRecord {
  return {
    id: row.id,
    caseNo: row.caseNo,
    stationId: row.stationId,
    windowCode: row.windowCode,
    clerkId: row.clerkId,
    ticketId: row.ticketId,
    ticketNumber: row.ticketNumber,
    matterCodes: row.matterCodes,
    bundleCode: row.bundleCode,
    applicant: row.applicant,
    agent: row.agent ? { name: row.agent.name, idNumber: row.agent.idNumber, ...(row.agent.phone ? { phone: row.agent.phone } : {}) } : null,
    source: row.source,
    materials: row.materials,
    acceptedAt: row.acceptedAt.toISOString(),
    promisedDate: row.promisedDate,
    noticeNo: row.noticeNo,
    calendarVersions: row.calendarVersions,
    status: row.status,
    rejection: row.rejection ?? null,
    correctionDueDate: row.correctionDueDate,
    reviews: row.reviews,
    clockPauses: row.clockPauses.map((p) => ({ from: p.from, to: p.to, reason: p.reason })),
    delivery: row.delivery ?? null,
    evaluation: row.evaluation ?? null,
    internalDueDate: row.internalDueDate,
    history: events.map((e) => ({ at: e.at.toISOString(), status: e.toStatus, action: e.action, by: e.staffId, note: e.note })),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Deadline flags on `today`. A calendar that does not reach the promised date (beyond the years it
 * covers) leaves the stored promised date in place rather than failing a list. A case is overdue
 * past its promised date, or past the earlier internal deadline an official calendar gave it.
 */
export function caseFlags(
  row: Pick<CaseRow, 'status' | 'promisedDate' | 'clockPauses' | 'acceptedAt' | 'promisedDays' | 'materials' | 'internalDueDate'>,
  cal: WorkCalendar,
  today: string,
): CaseFlags {
  let promisedDateNow = row.promisedDate;
  const running = row.clockPauses.some((p) => p.to === null);
  if (RUNNING.has(row.status) && running) {
    try {
      promisedDateNow = promisedDateWithPauses(cal, localDateInShanghai(row.acceptedAt), row.promisedDays, closePauses(row.clockPauses, today));
    } catch (e) {
      if (!(e instanceof DomainFailure)) throw e;
    }
  }
  const owing = OWING.has(row.status);
  // The internal deadline was computed with the pauses that had ended; a running one still pushes it.
  const deadline = row.internalDueDate !== null && !running && row.internalDueDate < promisedDateNow ? row.internalDueDate : promisedDateNow;
  return {
    overdue: RUNNING.has(row.status) && isOverdue(deadline, today),
    overdueMaterials: owing
      ? row.materials
          .filter((m) => m.dueDate !== null && deferredOverdue(m.dueDate, today, m.receipt !== 'missing'))
          .map((m) => ({ materialCode: m.materialCode, dueDate: m.dueDate as string }))
      : [],
    promisedDateNow,
    internalDueDate: row.internalDueDate,
  };
}

/** A list line from the row as stored: the masked number is kept beside the seal, nothing is opened. */
export function toCaseListItem(row: StoredCaseRow, flags: CaseFlags): CaseListItem {
  return {
    id: row.id,
    caseNo: row.caseNo,
    stationId: row.stationId,
    windowCode: row.windowCode,
    status: row.status,
    matterCodes: row.matterCodes,
    applicantName: maskName(row.applicant.name),
    idNumberMasked: row.idNumberMasked,
    acceptedAt: row.acceptedAt.toISOString(),
    promisedDate: row.promisedDate,
    updatedAt: row.updatedAt.toISOString(),
    flags,
  };
}

/** What the audit trail keeps of a case: no full ID number, no phone, no address. */
export function auditView(row: CaseRow): Record<string, unknown> {
  return {
    caseNo: row.caseNo,
    status: row.status,
    applicant: maskName(row.applicant.name),
    idNumber: maskIdNumber(row.idNumber),
    promisedDate: row.promisedDate,
    internalDueDate: row.internalDueDate,
    materials: row.materials.map((m) => `${m.materialCode}:${m.receipt}`),
    reviews: row.reviews.map((r) => `${r.departmentCode}:${r.decision}`),
    clockPauses: row.clockPauses.length,
    delivered: row.delivery !== null,
    evaluation: row.evaluation?.level ?? null,
  };
}

import type { ApplicationListItem, OnlineApplication } from '../../contract/api-online';
import type { WorkCalendar } from '../../domain/calendar';
import type { ChecklistItem } from '../../domain/checklist';
import { localDateInShanghai } from '../../domain/local-date';
import { maskName } from '../../domain/masking';
import { deemedAcceptedByArt32, isReviewOverdue } from '../../domain/online-application';
import { DomainFailure } from '../../domain/result';
import type { ApplicationRow, StoredApplicationRow } from './repository';

/** How each material of the checklist stands: a current file, the applicant's commitment, or nothing. */
export function receivedOf(row: Pick<ApplicationRow, 'files' | 'commitments'>, item: Pick<ChecklistItem, 'materialCode'>): 'electronic' | 'commitment' | 'missing' {
  if (row.files.some((f) => !f.superseded && f.materialCode === item.materialCode)) return 'electronic';
  if (row.commitments.includes(item.materialCode)) return 'commitment';
  return 'missing';
}

/** Art. 32 on `today`, for an application still waiting (a year without calendar data counts as not yet). */
export function deemedOn(row: Pick<StoredApplicationRow, 'state' | 'receivedAt'>, cal: WorkCalendar, today: string): boolean {
  if (row.state !== 'submitted') return false;
  try {
    return deemedAcceptedByArt32(cal, localDateInShanghai(row.receivedAt), today);
  } catch (e) {
    if (e instanceof DomainFailure) return false;
    throw e;
  }
}

export function toApplication(row: ApplicationRow, checklist: ChecklistItem[], cal: WorkCalendar, today: string): OnlineApplication {
  return {
    id: row.id,
    portalId: row.portalId,
    channel: row.channel,
    siteName: row.siteName,
    siteCode: row.siteCode,
    state: row.state,
    zoneCode: row.zoneCode,
    matterCodes: row.matterCodes,
    bundleCode: row.bundleCode,
    applicant: row.applicant,
    agent: row.agent ? { name: row.agent.name, idNumber: row.agent.idNumber, ...(row.agent.phone ? { phone: row.agent.phone } : {}) } : null,
    form: row.form,
    commitments: row.commitments,
    files: row.files,
    checklist: checklist.map((i) => ({ materialCode: i.materialCode, name: i.name, necessity: i.necessity, commitmentAllowed: i.commitmentAllowed, received: receivedOf(row, i) })),
    submittedAt: row.submittedAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    reviewDueDate: row.reviewDueDate,
    overdue: isReviewOverdue(row.state, row.reviewDueDate, today),
    deemedAccepted: deemedOn(row, cal, today),
    notice: row.notice ?? null,
    refusal: row.refusal ?? null,
    caseNo: row.caseNo,
    acceptedAt: row.acceptedAt ? row.acceptedAt.toISOString() : null,
    promisedDate: row.promisedDate,
    history: row.history.map((h) => ({ ...h, state: h.state as OnlineApplication['state'] })),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A row of the inbox: masked, read without opening a seal. */
export function toListItem(row: StoredApplicationRow, cal: WorkCalendar, today: string): ApplicationListItem {
  return {
    id: row.id,
    portalId: row.portalId,
    channel: row.channel,
    siteName: row.siteName,
    state: row.state,
    zoneCode: row.zoneCode,
    matterCodes: row.matterCodes,
    caseNo: row.caseNo,
    applicantName: maskName(row.applicant.name),
    idNumberMasked: row.idNumberMasked,
    receivedAt: row.receivedAt.toISOString(),
    reviewDueDate: row.reviewDueDate,
    overdue: isReviewOverdue(row.state, row.reviewDueDate, today),
    deemedAccepted: deemedOn(row, cal, today),
    fileCount: row.files.filter((f) => !f.superseded).length,
    updatedAt: row.updatedAt.toISOString(),
  };
}

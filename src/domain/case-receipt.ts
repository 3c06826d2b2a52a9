/**
 * The receipt (受理通知书 or 容缺受理通知书) of a case that was accepted somewhere else, composed
 * again from the case as the hall holds it: a case accepted from the online inbox at a district
 * window, printed at the town centre that took the application in (就近受理、远程审批), or at the
 * window whose station pulled it. The station that took a case in at its own counter keeps the
 * notice it printed then and prints that one.
 */
import type { CaseStatus } from './case';
import type { Matter } from './catalog';
import type { ChecklistItem } from './checklist';
import type { PrintDocument } from './document';
import { localDateInShanghai, type LocalDate } from './local-date';
import { acceptanceNotice, deferralNotice, noticeMaterialsFromItems } from './notices';
import { fail, ok, type Result } from './result';

export interface AcceptedCase {
  caseNo: string;
  noticeNo: string;
  status: CaseStatus;
  windowCode: string;
  applicant: { name: string; idNumber: string };
  agent: { name: string; idNumber: string } | null;
  matterCodes: string[];
  materials: Array<{ materialCode: string; receipt: string; dueDate: string | null }>;
  acceptedAt: string;
  promisedDate: LocalDate;
}

/** Statuses a case reaches only once accepted (受理 or 容缺受理). */
const ACCEPTED: ReadonlySet<CaseStatus> = new Set(['accepted', 'accepted-deferred', 'in-review', 'approved', 'denied', 'ready', 'delivered']);

export function acceptedCaseReceipt(
  c: AcceptedCase,
  ctx: { hallName: string; matters: Matter[]; checklist: ChecklistItem[]; clerkName: string; caseUrl: string },
): Result<PrintDocument> {
  if (!ACCEPTED.has(c.status)) {
    return fail('NOTICE_NOT_FOUND', `case ${c.caseNo} was not accepted (${c.status}): it has no acceptance receipt`, { caseNo: c.caseNo, status: c.status });
  }
  const byCode = new Map(c.materials.map((m) => [m.materialCode, m]));
  const acceptedOn = localDateInShanghai(new Date(c.acceptedAt));
  const acceptance = {
    hallName: ctx.hallName,
    caseNo: c.caseNo,
    noticeNo: c.noticeNo,
    applicant: c.applicant,
    agent: c.agent,
    matters: ctx.matters.map((m) => ({ code: m.code, name: m.name })),
    appliedOn: acceptedOn,
    window: c.windowCode,
    clerkName: ctx.clerkName,
    caseUrl: ctx.caseUrl,
    acceptedOn,
    promisedDate: c.promisedDate,
    promisedDays: Math.max(0, ...ctx.matters.map((m) => m.promisedLimitDays)),
    legalBasis: [...new Set(ctx.matters.map((m) => m.legalBasis))].join('；'),
    committedMaterials: ctx.checklist.filter((i) => byCode.get(i.materialCode)?.receipt === 'commitment').map((i) => i.name),
  };
  // Still owed under 容缺: missing, with the date agreed at acceptance.
  const owed = ctx.checklist.flatMap((i) => {
    const m = byCode.get(i.materialCode);
    return m && m.receipt === 'missing' && m.dueDate ? [{ ...i, dueDate: m.dueDate }] : [];
  });
  if (owed.length === 0) return ok(acceptanceNotice(acceptance));
  return ok(
    deferralNotice({
      ...acceptance,
      deferredMaterials: noticeMaterialsFromItems(owed),
      dueDate: owed.reduce((last, m) => (m.dueDate > last ? m.dueDate : last), owed[0]!.dueDate),
    }),
  );
}

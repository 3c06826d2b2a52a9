import { eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { z } from 'zod';
import type { acceptRequestSchema, NoticeItem, refuseRequestSchema, returnRequestSchema } from '../../contract/api-online';
import type { CaseMaterial } from '../../contract/case';
import { calendarVersionsBetween } from '../../domain/calendar';
import { decideIntake, type ChecklistItem, type MaterialReceipt } from '../../domain/checklist';
import { compactLocalDate, compareLocalDate, localDateInShanghai } from '../../domain/local-date';
import { formatCaseNumber, formatNoticeNumber } from '../../domain/numbers';
import { applicationTransition, inboxWindowPart, promiseStartDay, type ApplicationAction } from '../../domain/online-application';
import type { StaffAuth } from '../auth/guard';
import { loadWorkCalendar } from '../calendar/repository';
import { checklistOf, mattersOf, requireOutcome } from '../cases/checklist';
import { auditView, type CaseHistoryEvent, type CaseRow } from '../cases/record';
import { caseWrites } from '../cases/repository';
import type { HallContext } from '../context';
import { caseEvents, hallInfo, inboxCaseSerials } from '../db/schema';
import type { Work } from '../db/work';
import { HallError } from '../http/errors';
import { INBOX_FEED } from './filing';
import { applicationWrites, type ApplicationRow } from './repository';
import { receivedOf } from './view';

function moved(row: ApplicationRow, action: ApplicationAction) {
  const r = applicationTransition(row.state, action);
  if (!r.ok) throw HallError.from(r.error);
  return r.value;
}

async function save(ctx: HallContext, w: Work, next: ApplicationRow, event: string, audit: Record<string, unknown>): Promise<ApplicationRow> {
  await applicationWrites.update(w.tx, ctx.sealer, next);
  w.change({ entity: 'application', id: next.id, op: 'upsert', event, data: null, stationId: INBOX_FEED });
  w.audit({ action: event, entity: 'application', entityId: next.id, after: audit });
  return next;
}

const historyRow = (w: Work, state: ApplicationRow['state'], action: string, by: string, note: string | null) => ({ at: w.at.toISOString(), state, action, by, note });

/**
 * 一次性告知 (Administrative Licensing Law art. 32): one notice listing everything to correct at
 * once. The clerk names what is defective or missing; the hall adds every required material that
 * has neither a file nor an allowed commitment, so no notice can forget one.
 */
export async function returnApplication(ctx: HallContext, w: Work, auth: StaffAuth, row: ApplicationRow, body: z.infer<typeof returnRequestSchema>): Promise<ApplicationRow> {
  const state = moved(row, 'return');
  const checklist = await checklistOf(w.tx, await mattersOf(w.tx, row.matterCodes));
  const onList = new Set(checklist.map((i) => i.materialCode));
  const items: NoticeItem[] = [];
  for (const item of body.items) {
    if (!onList.has(item.materialCode)) throw new HallError('CASE_MATERIAL_UNKNOWN', `material ${item.materialCode} is not asked for by the matters of this application`, { materialCode: item.materialCode });
    if (!items.some((i) => i.materialCode === item.materialCode)) items.push(item);
  }
  for (const i of checklist) {
    if (i.necessity !== 'required' || items.some((x) => x.materialCode === i.materialCode)) continue;
    const got = receivedOf(row, i);
    if (got === 'missing' || (got === 'commitment' && !i.commitmentAllowed)) items.push({ materialCode: i.materialCode, problem: 'missing', reason: `${i.name}：未提交` });
  }
  const today = localDateInShanghai(w.at);
  if (body.correctionDueDate !== undefined && compareLocalDate(body.correctionDueDate, today) < 0) {
    throw new HallError('CASE_CORRECTION_DUE_DATE_INVALID', `the correction due date ${body.correctionDueDate} is before today (${today})`, { correctionDueDate: body.correctionDueDate });
  }
  const sequence = row.history.filter((h) => h.action === 'return').length + 1;
  const notice = {
    noticeNo: `WS-${compactLocalDate(today)}-${row.id.slice(-6)}-BZ${sequence}`,
    at: w.at.toISOString(),
    by: auth.staffId,
    items,
    note: body.note ?? null,
    correctionDueDate: body.correctionDueDate ?? null,
  };
  const next: ApplicationRow = { ...row, state, notice, history: [...row.history, historyRow(w, state, 'return', auth.staffId, `一次性告知${items.length}项`)], updatedAt: w.at };
  return save(ctx, w, next, 'application.returned', { noticeNo: notice.noticeNo, items: items.map((i) => i.materialCode) });
}

export async function refuseApplication(ctx: HallContext, w: Work, auth: StaffAuth, row: ApplicationRow, body: z.infer<typeof refuseRequestSchema>): Promise<ApplicationRow> {
  const state = moved(row, 'refuse');
  const refusal = { reason: body.reason, competentBody: body.competentBody || null, at: w.at.toISOString(), by: auth.staffId };
  const next: ApplicationRow = { ...row, state, refusal, history: [...row.history, historyRow(w, state, 'refuse', auth.staffId, body.reason)], updatedAt: w.at };
  return save(ctx, w, next, 'application.refused', { reason: body.reason });
}

export async function withdrawApplication(ctx: HallContext, w: Work, auth: StaffAuth, row: ApplicationRow): Promise<ApplicationRow> {
  const state = moved(row, 'withdraw');
  const next: ApplicationRow = { ...row, state, history: [...row.history, historyRow(w, state, 'withdraw', auth.staffId, null)], updatedAt: w.at };
  return save(ctx, w, next, 'application.withdrawn', {});
}

/** The next number of the hall's own series for this zone and day: `<site>-<yyyymmdd>-<zone>00-<serial>`. */
async function mintCaseNo(w: Work, zoneCode: string, day: string): Promise<string> {
  const hall = (await w.tx.select({ data: hallInfo.data }).from(hallInfo).where(eq(hallInfo.id, 'hall')).limit(1))[0]?.data;
  const got = await w.tx
    .insert(inboxCaseSerials)
    .values({ day, zoneCode, last: 1 })
    .onConflictDoUpdate({ target: [inboxCaseSerials.day, inboxCaseSerials.zoneCode], set: { last: sql`${inboxCaseSerials.last} + 1` } })
    .returning({ last: inboxCaseSerials.last });
  return formatCaseNumber({ siteCode: hall?.siteCode ?? 'X', date: day, windowCode: inboxWindowPart(zoneCode), serial: got[0]!.last });
}

/**
 * 受理 from the inbox: the counter's intake decision (domain/checklist.ts decideIntake) on the
 * application's files (electronic receipts) and commitments (告知承诺); a case at the clerk's window
 * with source = the channel, numbered in the hall's own series. The promised date counts from today,
 * or from the day of receipt when the application waited past the art. 32 notice deadline.
 */
export async function acceptApplication(
  ctx: HallContext,
  w: Work,
  auth: StaffAuth,
  row: ApplicationRow,
  body: z.infer<typeof acceptRequestSchema>,
): Promise<{ row: ApplicationRow; caseRow: CaseRow; event: CaseHistoryEvent }> {
  const state = moved(row, 'accept');
  if (!auth.windowCode) throw new HallError('WINDOW_REQUIRED', 'accept an application signed in at a window: the case is taken in there', {});
  const matters = await mattersOf(w.tx, row.matterCodes);
  const checklist: ChecklistItem[] = await checklistOf(w.tx, matters);
  const received: Record<string, MaterialReceipt> = Object.fromEntries(checklist.map((i) => [i.materialCode, receivedOf(row, i)]));
  const cal = await loadWorkCalendar(w.tx);
  const today = localDateInShanghai(w.at);
  const start = promiseStartDay(cal, localDateInShanghai(row.receivedAt), today);
  const decision = decideIntake(checklist, received, { acceptedOn: start.from, calendar: cal, matters, creditOk: true });
  // The counter's rule for 受理 and 容缺受理 (cases/checklist.ts), on the same decision.
  requireOutcome(decision, body.outcome);
  const fileAt = (code: string) => row.files.filter((f) => !f.superseded && f.materialCode === code).at(-1)?.receivedAt ?? null;
  const materials: CaseMaterial[] = checklist.flatMap((i): CaseMaterial[] => {
    const r = received[i.materialCode]!;
    if (r !== 'missing') return [{ materialCode: i.materialCode, receipt: r, receivedAt: r === 'electronic' ? fileAt(i.materialCode) : null, dueDate: null }];
    const deferred = decision.deferred.find((d) => d.materialCode === i.materialCode);
    return deferred ? [{ materialCode: i.materialCode, receipt: 'missing', receivedAt: null, dueDate: deferred.dueDate }] : [];
  });
  const caseNo = await mintCaseNo(w, row.zoneCode, today);
  const status = body.outcome === 'accept' ? 'accepted' : 'accepted-deferred';
  const caseRow: CaseRow = {
    id: ulid(),
    caseNo,
    // The case belongs to the window PC it was accepted at: that station pulls it (sync/pull.ts).
    stationId: auth.stationId ?? INBOX_FEED,
    windowCode: auth.windowCode,
    clerkId: auth.staffId,
    ticketId: null,
    ticketNumber: null,
    matterCodes: row.matterCodes,
    zoneCodes: [...new Set(matters.map((m) => m.zoneCode))],
    departmentCodes: [...new Set(matters.map((m) => m.departmentCode))],
    bundleCode: row.bundleCode,
    applicant: row.applicant,
    idNumber: row.applicant.idNumber,
    agent: row.agent,
    source: row.channel,
    status,
    acceptedAt: w.at,
    promisedDays: decision.promisedDays,
    promisedDate: decision.promisedDate,
    noticeNo: formatNoticeNumber(caseNo, status === 'accepted' ? 'acceptance' : 'deferral'),
    accessCodeHash: null,
    calendarVersions: calendarVersionsBetween(cal, start.from, decision.promisedDate),
    internalDueDate: null,
    internalDueMovedBy: null,
    materials,
    rejection: null,
    correctionDueDate: null,
    reviews: [],
    clockPauses: [],
    delivery: null,
    evaluation: null,
    createdAt: w.at,
    updatedAt: w.at,
  };
  if (!(await caseWrites.insert(w.tx, ctx.sealer, caseRow))) throw new HallError('CASE_NUMBER_TAKEN', `case number ${caseNo} is taken`, { caseNo });
  const note = `网上申办 ${row.portalId}${start.deemed ? '；逾期未告知，自收到申请材料之日起即为受理（行政许可法第三十二条）' : ''}`;
  const event: CaseHistoryEvent = {
    caseId: caseRow.id,
    at: w.at,
    action: `case.${body.outcome}`,
    fromStatus: null,
    toStatus: status,
    staffId: auth.staffId,
    stationId: auth.stationId,
    pushedBy: auth.staffId,
    receivedAt: w.at,
    mutationId: null,
    note,
    data: null,
  };
  await w.tx.insert(caseEvents).values(event);
  w.change({ entity: 'case', id: caseRow.id, op: 'upsert', event: `case.${body.outcome}`, data: null, stationId: caseRow.stationId });
  w.audit({ action: `case.${body.outcome}`, entity: 'case', entityId: caseRow.id, after: { ...auditView(caseRow), application: row.id } });
  const next: ApplicationRow = {
    ...row,
    state,
    caseId: caseRow.id,
    caseNo,
    acceptedAt: w.at,
    promisedDate: decision.promisedDate,
    history: [...row.history, historyRow(w, state, 'accept', auth.staffId, `${caseNo}${start.deemed ? '（逾期视为受理，自收件日起算）' : ''}`)],
    updatedAt: w.at,
  };
  await save(ctx, w, next, 'application.accepted', { caseNo, deemed: start.deemed });
  return { row: next, caseRow, event };
}

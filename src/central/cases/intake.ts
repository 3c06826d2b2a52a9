import type { CaseIntake } from '../../contract/case';
import type { MutationArgs } from '../../contract/sync';
import { deferredDueDateProblem } from '../../domain/checklist';
import { addWorkingDays, calendarVersionsBetween, type CalendarVersion } from '../../domain/calendar';
import { compareLocalDate, localDateInShanghai } from '../../domain/local-date';
import { normaliseIdNumber, parseIdNumber } from '../../domain/id-number';
import { centreRoute } from '../../domain/site';
import { bundles } from '../db/schema';
import { evaluationReads } from '../evaluations/record';
import { HallError } from '../http/errors';
import { eq } from 'drizzle-orm';
import { checkMaterialsListed, decide, requireOutcome } from './checklist';
import { CLOCK_SKEW_MS, type CaseMutationContext } from './context';
import { hashToken } from '../auth/tokens';
import type { CaseHistoryEvent, CaseRow } from './record';
import { caseReads, caseWrites } from './repository';

export type IntakeName = 'case.accept' | 'case.accept-deferred' | 'case.notify-correction' | 'case.reject';

const statusOf = {
  'case.accept': 'accepted',
  'case.accept-deferred': 'accepted-deferred',
  'case.notify-correction': 'correction-notified',
  'case.reject': 'rejected',
} as const satisfies Record<IntakeName, CaseRow['status']>;

/**
 * A case taken in at a window, whatever the outcome. The station decided with its copy of the
 * catalogue and calendar; the server decides again with its own and refuses what does not add up,
 * so a notice handed to an applicant never promises what the hall did not.
 */
export async function recordIntake<N extends IntakeName>(mc: CaseMutationContext, name: N, args: MutationArgs<N>): Promise<{ row: CaseRow; event: CaseHistoryEvent }> {
  const c: CaseIntake = args.case;
  const tx = mc.w.tx;

  // Source `online` and `town` come only from the online inbox (issue 16): a window's push cannot claim them.
  if (c.source !== 'window') {
    throw new HallError('CASE_SOURCE_FORBIDDEN', `a case taken in at a window has source "window", not "${c.source}"`, { source: c.source });
  }
  if (c.clerkId !== mc.staffId) {
    throw new HallError('CASE_CLERK_MISMATCH', `case ${c.caseNo} names clerk ${c.clerkId}, but it was recorded by ${mc.staffId}`, { clerkId: c.clerkId });
  }
  const acceptedAt = new Date(c.acceptedAt);
  if (acceptedAt.getTime() > mc.w.at.getTime() + CLOCK_SKEW_MS) {
    throw new HallError('MUTATION_TIME_IN_FUTURE', `case ${c.caseNo} says it was taken in at ${c.acceptedAt}, later than the hall's clock allows`, { acceptedAt: c.acceptedAt });
  }
  if (c.stationId !== mc.stationId) {
    throw new HallError('CASE_STATION_MISMATCH', `case ${c.caseNo} was made by station ${c.stationId}, but station ${mc.stationId} pushed it`, {
      caseStation: c.stationId,
      pushStation: mc.stationId,
    });
  }
  if (await caseReads.exists(tx, { id: c.id })) {
    throw new HallError('CASE_ALREADY_RECORDED', `case ${c.caseNo} (${c.id}) is already recorded; a later change is a separate mutation`, { caseId: c.id });
  }
  const sameNo = await caseReads.exists(tx, { caseNo: c.caseNo });
  if (sameNo) {
    throw new HallError('CASE_NUMBER_TAKEN', `case number ${c.caseNo} already belongs to another case (taken in at window ${sameNo.windowCode})`, {
      caseNo: c.caseNo,
    });
  }
  if (!(await mc.lookups.windowExists(c.windowCode))) {
    throw new HallError('WINDOW_UNKNOWN', `window ${c.windowCode} is not in the hall catalogue`, { windowCode: c.windowCode });
  }
  if (c.bundleCode !== null && (await tx.select({ code: bundles.code }).from(bundles).where(eq(bundles.code, c.bundleCode)).limit(1)).length === 0) {
    throw new HallError('BUNDLE_UNKNOWN', `bundle ${c.bundleCode} is not in the hall catalogue`, { bundleCode: c.bundleCode });
  }

  const acceptedOn = localDateInShanghai(new Date(c.acceptedAt));
  const idNumber = checkIdNumber(c.applicant.idNumber, acceptedOn, 'applicant');
  if (c.agent) checkIdNumber(c.agent.idNumber, acceptedOn, 'agent');

  const matters = await mc.lookups.matters(c.matterCodes);
  // A town centre's counter takes in, as full cases, only what is delegated to it (the rest it files
  // into the district's inbox), and its case numbers carry its own site code.
  const site = await mc.lookups.siteOfWindow(c.windowCode);
  if (site) {
    if (!c.caseNo.startsWith(`${site.code}-`)) {
      throw new HallError('CASE_NUMBER_SITE_MISMATCH', `case ${c.caseNo} was taken in at window ${c.windowCode} of ${site.name}, whose case numbers begin with ${site.code}-`, {
        caseNo: c.caseNo,
        siteCode: site.code,
      });
    }
    const route = centreRoute(site, matters);
    if (route.kind === 'file') {
      throw new HallError('MATTER_NOT_DELEGATED', `matter ${route.notDelegated.join(', ')} is not delegated to ${site.name}: file it into the district's inbox`, {
        matterCodes: route.notDelegated,
        siteCode: site.code,
      });
    }
  }
  const zoneCodes = [...new Set(matters.map((m) => m.zoneCode))];
  const departmentCodes = [...new Set(matters.map((m) => m.departmentCode))];
  // Taken in at the window the clerk is signed in at (auth/policy.ts `TAKE_IN`).
  mc.authorize({ windowCode: c.windowCode, stationId: mc.stationId, zoneCodes, departmentCodes });
  const checklist = await mc.lookups.checklist(matters);
  checkMaterialsListed(checklist, c.materials);

  let promisedDays = 0;
  let promisedDate = c.promisedDate;
  let correctionDueDate: string | null = null;
  let calendarVersions: CalendarVersion[] = [];
  let internalDue: Pick<CaseRow, 'internalDueDate' | 'internalDueMovedBy'> = { internalDueDate: null, internalDueMovedBy: null };
  // A rejection promises nothing and needs no calendar: it is recorded as the station sent it.
  if (name !== 'case.reject') {
    const inForce = await mc.lookups.calendar();
    // The station's promise is checked on the calendar it had (an offline intake may predate the
    // official notice); stations that do not say are checked on the calendar in force.
    const named = c.calendarVersions ?? [];
    const calendar = named.length > 0 ? await mc.lookups.calendarAt(named) : inForce;
    const decision = decide(checklist, c.materials, matters, calendar, acceptedOn);
    promisedDays = decision.promisedDays;
    promisedDate = decision.promisedDate;
    if ((name === 'case.accept' || name === 'case.accept-deferred') && decision.promisedDate !== c.promisedDate) {
      throw new HallError(
        'CASE_PROMISED_DATE_MISMATCH',
        `the promised date should be ${decision.promisedDate} (${decision.promisedDays} working days after ${acceptedOn}), not ${c.promisedDate}: check that the station's calendar is up to date`,
        { promisedDate: c.promisedDate, expected: decision.promisedDate, acceptedOn, workingDays: decision.promisedDays, calendarVersions: named },
      );
    }
    calendarVersions = calendarVersionsBetween(calendar, acceptedOn, promisedDate);
    if (calendar !== inForce) {
      // The promise stands; where the calendar in force gives an earlier legal date, the hall keeps that one.
      const legal = addWorkingDays(inForce, acceptedOn, promisedDays);
      if (compareLocalDate(legal, promisedDate) < 0) {
        const now = calendarVersionsBetween(inForce, acceptedOn, promisedDate);
        const mover = now.find((v) => !calendarVersions.some((s) => s.year === v.year && s.revision === v.revision)) ?? now[now.length - 1]!;
        internalDue = { internalDueDate: legal, internalDueMovedBy: { ...mover, at: mc.w.at.toISOString() } };
      }
    }
    if (name === 'case.accept') requireOutcome(decision, 'accept');
    if (name === 'case.accept-deferred') {
      requireOutcome(decision, 'accept-deferred');
      // Each deferred material is due on its own date: the station proposed it from the material's
      // deferral limit (or the clerk agreed an earlier one); the same rule decides here.
      for (const item of decision.deferred) {
        const due = c.materials.find((m) => m.materialCode === item.materialCode)?.dueDate ?? null;
        const problem = deferredDueDateProblem(item, due, acceptedOn, decision.promisedDate);
        if (problem === 'beyond-deferral-limit') {
          throw new HallError(
            'CASE_DEFERRED_DUE_DATE_BEYOND_LIMIT',
            `deferred material ${item.name} (${item.materialCode}) may wait ${item.deferralDays} working days after ${acceptedOn}, so it is due by ${item.dueDate}, not ${due}`,
            { materialCode: item.materialCode, dueDate: due, acceptedOn, latest: item.dueDate, deferralDays: item.deferralDays },
          );
        }
        if (problem !== null) {
          throw new HallError(
            'CASE_DEFERRED_DUE_DATE_INVALID',
            `deferred material ${item.name} (${item.materialCode}) needs a due date after ${acceptedOn} and no later than the promised date ${decision.promisedDate}${due ? `, not ${due}` : ''}`,
            { materialCode: item.materialCode, dueDate: due, acceptedOn, promisedDate: decision.promisedDate },
          );
        }
      }
    }
    if (name === 'case.notify-correction') {
      const allowed = decision.allowed.notifyCorrection;
      if (!allowed.ok) throw new HallError(allowed.code, allowed.reason);
      const due = (args as MutationArgs<'case.notify-correction'>).correctionDueDate;
      if (compareLocalDate(due, acceptedOn) < 0) {
        throw new HallError('CASE_CORRECTION_DUE_DATE_INVALID', `the correction due date ${due} is before the day of the notice (${acceptedOn})`, {
          correctionDueDate: due,
          acceptedOn,
        });
      }
      correctionDueDate = due;
    }
  }

  const rejection =
    name === 'case.reject'
      ? { reason: (args as MutationArgs<'case.reject'>).reason, competentBody: (args as MutationArgs<'case.reject'>).competentBody }
      : null;
  const row: CaseRow = {
    id: c.id,
    caseNo: c.caseNo,
    stationId: c.stationId,
    windowCode: c.windowCode,
    clerkId: c.clerkId,
    ticketId: c.ticketId,
    ticketNumber: c.ticketNumber,
    matterCodes: c.matterCodes,
    zoneCodes,
    departmentCodes,
    bundleCode: c.bundleCode,
    applicant: { ...c.applicant, idNumber },
    idNumber,
    agent: c.agent ? { name: c.agent.name, idNumber: normaliseIdNumber(c.agent.idNumber), ...(c.agent.phone ? { phone: c.agent.phone } : {}) } : null,
    source: c.source,
    status: statusOf[name],
    acceptedAt: new Date(c.acceptedAt),
    promisedDays,
    promisedDate,
    noticeNo: c.noticeNo,
    accessCodeHash: c.accessCode ? hashToken(c.accessCode) : null,
    calendarVersions,
    ...internalDue,
    materials: c.materials,
    rejection,
    correctionDueDate,
    reviews: [],
    clockPauses: [],
    delivery: null,
    // A case pushed after its ticket was rated on the pad (taken in offline) carries that rating: one per service.
    evaluation: await ratingOfTicket(mc, c.ticketId),
    createdAt: mc.w.at,
    updatedAt: mc.w.at,
  };
  // Inserted now (its history row goes with the push's last statement): a later mutation of the push
  // looks for it, and another push racing for the same number must find it taken. When it finds
  // the id or number taken it writes nothing, so refusing is still clean.
  if (!(await caseWrites.insert(tx, mc.lookups.sealer, row))) {
    // Another push recorded the same id or number between our check and this insert.
    throw new HallError('CASE_NUMBER_TAKEN', `case number ${c.caseNo} or case id ${c.id} was recorded by another push just now`, { caseNo: c.caseNo });
  }
  mc.writing();
  const event: CaseHistoryEvent = {
    caseId: row.id,
    at: mc.at,
    action: name,
    fromStatus: null,
    toStatus: row.status,
    staffId: mc.staffId,
    stationId: mc.stationId,
    pushedBy: mc.pushedBy,
    receivedAt: mc.w.at,
    mutationId: mc.mutationId,
    note: rejection ? rejection.reason : correctionDueDate ? `补正期限 ${correctionDueDate}` : null,
    data: null,
  };
  return { row, event };
}

function checkIdNumber(raw: string, today: string, who: 'applicant' | 'agent'): string {
  const r = parseIdNumber(raw, today);
  if (!r.ok) throw new HallError(r.error.code, `the ${who}'s ID number is not valid: ${r.error.message}`, { ...r.error.details, who });
  return r.value.number;
}

async function ratingOfTicket(mc: CaseMutationContext, ticketId: string | null): Promise<CaseRow['evaluation']> {
  if (!ticketId) return null;
  const e = await evaluationReads.byTicket(mc.w.tx, ticketId);
  return e ? { level: e.level, reason: e.reason, at: e.at.toISOString() } : null;
}

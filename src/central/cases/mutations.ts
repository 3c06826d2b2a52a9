import type { CaseReceipt } from '../../contract/case';
import type { Target } from '../auth/policy';
import type { MutationArgs, MutationName } from '../../contract/sync';
import { caseTransition, closePauses, promisedDateWithPauses, type CaseAction, type CaseTransitionContext } from '../../domain/case';
import { validateEvaluation } from '../../domain/evaluation';
import { supplementMaterial } from '../../domain/supplement';
import { compareLocalDate, localDateInShanghai } from '../../domain/local-date';
import type { Result } from '../../domain/result';
import { HallError, unwrap } from '../http/errors';
import { evaluationReads } from '../evaluations/record';
import { decide } from './checklist';
import type { CaseMutationContext } from './context';
import { recordIntake, type IntakeName } from './intake';
import { auditView, type CaseHistoryEvent, type CaseRow } from './record';
import { caseWrites, catalogLookups } from './repository';

/**
 * Every case mutation a station (or a department) can push, applied inside the caller's unit of
 * work: the case row, a case_events row, an audit row and a `case` change-log entry for the
 * station that made the case. A refusal is a HallError with a code; nothing is written then.
 */
export async function applyCaseMutation<N extends MutationName>(mc: CaseMutationContext, name: N, args: MutationArgs<N>): Promise<CaseReceipt> {
  const before = intakeNames.has(name) ? null : await lockCase(mc, (args as { caseId: string }).caseId);
  if (before) {
    mc.authorize(caseTarget(before, name === 'case.decide' ? [(args as MutationArgs<'case.decide'>).departmentCode] : undefined));
    // A change dated before the case existed did not happen as told.
    if (mc.at.getTime() < before.acceptedAt.getTime()) {
      throw new HallError('MUTATION_TIME_BEFORE_CASE', `${name} is dated ${mc.at.toISOString()}, before case ${before.caseNo} was taken in (${before.acceptedAt.toISOString()})`, {
        at: mc.at.toISOString(),
        acceptedAt: before.acceptedAt.toISOString(),
      });
    }
  }
  const { row: after, event } = before === null ? await recordIntake(mc, name as IntakeName, args as MutationArgs<IntakeName>) : await change(mc, name, args, before);
  await mc.lookups.record(after, event, before === null);
  // The change log carries no personal data: a pull reads the case itself, sealed at rest (sync/pull.ts).
  mc.w.change({ entity: 'case', id: after.id, op: 'upsert', event: name, data: null, stationId: after.stationId });
  mc.w.audit({ action: name, entity: 'case', entityId: after.id, before: before ? auditView(before) : null, after: { ...auditView(after), mutationId: mc.mutationId, by: mc.staffId, pushedBy: mc.pushedBy } });
  return caseReceipt(after);
}

/** What a push answers about the case it changed: enough for the station, nothing personal. */
export function caseReceipt(row: CaseRow): CaseReceipt {
  return { id: row.id, caseNo: row.caseNo, status: row.status, promisedDate: row.promisedDate, updatedAt: row.updatedAt.toISOString() };
}

/**
 * What a case is, for the policy: the window and station that took it in, the zones of its matters,
 * and its departments (`departments` narrows them: a decision is one department's).
 */
export function caseTarget(row: Pick<CaseRow, 'windowCode' | 'stationId' | 'zoneCodes' | 'departmentCodes'>, departments?: string[]): Target {
  return { windowCode: row.windowCode, stationId: row.stationId, zoneCodes: row.zoneCodes, departmentCodes: departments ?? row.departmentCodes };
}

const intakeNames = new Set<MutationName>(['case.accept', 'case.accept-deferred', 'case.notify-correction', 'case.reject']);

async function lockCase(mc: CaseMutationContext, caseId: string): Promise<CaseRow> {
  // A case an earlier mutation of this push locked is still locked, and held as it now stands.
  const row = mc.lookups.heldCase(caseId) ?? (await caseWrites.lock(mc.w.tx, mc.lookups.sealer, caseId));
  if (!row) throw new HallError('CASE_NOT_FOUND', `case ${caseId} is not on the hall server (was its intake pushed and accepted?)`, { caseId });
  return row;
}

type Change = { set: Partial<CaseRow>; note: string | null; data?: Record<string, unknown> };

/** The case after the mutation, and its history row: kept by the push, written with its last statement. */
async function change<N extends MutationName>(mc: CaseMutationContext, name: N, args: MutationArgs<N>, row: CaseRow): Promise<{ row: CaseRow; event: CaseHistoryEvent }> {
  const c = await handlers[name as CaseChangeName](mc, row, args as never);
  const after: CaseRow = { ...row, ...c.set, updatedAt: mc.w.at };
  const event: CaseHistoryEvent = {
    caseId: row.id,
    at: mc.at,
    action: name,
    fromStatus: row.status,
    toStatus: after.status,
    staffId: mc.staffId,
    stationId: mc.stationId,
    pushedBy: mc.pushedBy,
    receivedAt: mc.w.at,
    mutationId: mc.mutationId,
    note: c.note,
    data: c.data ?? null,
  };
  return { row: after, event };
}

function transition(row: CaseRow, action: CaseAction, ctx: CaseTransitionContext = {}): CaseRow['status'] {
  return unwrap(caseTransition(row.status, action, ctx) as Result<CaseRow['status']>);
}

const clockPaused = (row: CaseRow) => row.clockPauses.some((p) => p.to === null);

/** What the checklist still misses for this case's materials (on `acceptedOn`). */
async function assess(mc: CaseMutationContext, row: CaseRow, materials: CaseRow['materials'], acceptedOn = localDateInShanghai(row.acceptedAt)) {
  const matters = await mc.lookups.matters(row.matterCodes);
  const checklist = await mc.lookups.checklist(matters);
  return { checklist, decision: decide(checklist, materials, matters, await mc.lookups.calendar(), acceptedOn) };
}

type Handler<N extends MutationName> = (mc: CaseMutationContext, row: CaseRow, args: MutationArgs<N>) => Promise<Change>;

/** Case mutations; `ticket.evaluate` rates a ticket (evaluations/rate.ts), not a case. */
type CaseChangeName = Exclude<MutationName, IntakeName | 'ticket.evaluate'>;

const handlers: { [N in CaseChangeName]: Handler<N> } = {
  /**
   * A material handed in later: a deferred (容缺) one, or one the correction notice asked for. A
   * corrected case counts as accepted on the day its materials are complete (Administrative
   * Licensing Law art. 32), so its promised date runs from that day.
   */
  async 'case.supplement-material'(mc, row, args) {
    const matters = await mc.lookups.matters(row.matterCodes);
    const done = unwrap(
      supplementMaterial({
        status: row.status,
        materials: row.materials,
        acceptedAt: row.acceptedAt,
        checklist: await mc.lookups.checklist(matters),
        matters,
        calendar: await mc.lookups.calendar(),
        materialCode: args.materialCode,
        receipt: args.receipt,
        at: mc.at,
      }),
    );
    const note = `${done.item.name} (${done.item.materialCode}): ${args.receipt}`;
    // A promise made anew is made on the calendar in force: no earlier internal deadline applies.
    const accepted = done.accepted
      ? { acceptedAt: done.accepted.at, promisedDays: done.accepted.promisedDays, promisedDate: done.accepted.promisedDate, internalDueDate: null, internalDueMovedBy: null }
      : {};
    return { set: { materials: done.materials, status: done.status, ...accepted }, note };
  },

  /** 并联审批: one review per department, all pending. */
  async 'case.dispatch'(mc, row, args) {
    const status = transition(row, 'dispatch');
    const codes = [...new Set(args.departmentCodes)];
    const known = await catalogLookups.departmentCodes(mc.w.tx, codes);
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new HallError('CASE_DEPARTMENT_UNKNOWN', `department ${unknown.join(', ')} is not in the hall catalogue`, { departmentCodes: unknown });
    }
    return {
      set: {
        status,
        reviews: codes.map((departmentCode) => ({ departmentCode, decision: 'pending', opinion: null, decidedAt: null })),
        // The departments it was sent to may now see it (and pull it to decide).
        departmentCodes: [...new Set([...row.departmentCodes, ...codes])],
      },
      note: codes.join(', '),
    };
  },

  /** One department's decision; the case is approved when all approved, denied as soon as one denies. */
  async 'case.decide'(mc, row, args) {
    if (row.status !== 'in-review') transition(row, 'decide');
    if (clockPaused(row)) transition(row, 'decide', { clockPaused: true });
    const review = row.reviews.find((r) => r.departmentCode === args.departmentCode);
    if (!review) {
      throw new HallError('CASE_REVIEW_NOT_FOUND', `case ${row.caseNo} was not sent to department ${args.departmentCode}`, {
        departmentCode: args.departmentCode,
        departments: row.reviews.map((r) => r.departmentCode),
      });
    }
    if (review.decision !== 'pending') {
      throw new HallError('CASE_REVIEW_ALREADY_DECIDED', `department ${args.departmentCode} already ${review.decision} case ${row.caseNo}`, {
        departmentCode: args.departmentCode,
        decision: review.decision,
      });
    }
    const reviews = row.reviews.map((r) =>
      r.departmentCode === args.departmentCode ? { ...r, decision: args.decision, opinion: args.opinion, decidedAt: mc.at.toISOString() } : r,
    );
    const pendingLeft = reviews.some((r) => r.decision === 'pending');
    const denied = reviews.some((r) => r.decision === 'denied');
    let status: CaseRow['status'] = 'in-review';
    if (denied || !pendingLeft) {
      const { decision } = await assess(mc, row, row.materials);
      status = transition(row, 'decide', { reviews, clockPaused: false, deferredPending: decision.deferred.length > 0 });
    }
    return { set: { reviews, status }, note: `${args.departmentCode}: ${args.decision} — ${args.opinion}`, data: { departmentCode: args.departmentCode, decision: args.decision } };
  },

  /** A special procedure (extension, hearing, inspection, expert review) stops the clock. */
  async 'case.pause-clock'(mc, row, args) {
    const status = transition(row, 'pause-clock', { clockPaused: clockPaused(row) });
    const acceptedOn = localDateInShanghai(row.acceptedAt);
    const lastEnd = row.clockPauses.reduce<string | null>((m, p) => (p.to !== null && (m === null || p.to > m) ? p.to : m), null);
    if (compareLocalDate(args.from, acceptedOn) < 0 || (lastEnd !== null && compareLocalDate(args.from, lastEnd) <= 0)) {
      throw new HallError('CASE_CLOCK_PAUSE_INVALID', lastEnd !== null ? `a pause must start after the last one ended (${lastEnd}), not on ${args.from}` : `a pause cannot start before the case was accepted (${acceptedOn})`, { from: args.from, acceptedOn, lastEnd });
    }
    return {
      set: { status, clockPauses: [...row.clockPauses, { kind: args.kind, from: args.from, to: null, reason: args.reason }] },
      note: `${args.kind}: ${args.reason}`,
      data: { kind: args.kind, from: args.from },
    };
  },

  /**
   * The special procedure ended on `on`: that day still belongs to it, the count goes on the next
   * working day, and the promised date moves by the working days the pause covered.
   */
  async 'case.resume-clock'(mc, row, args) {
    const status = transition(row, 'resume-clock', { clockPaused: clockPaused(row) });
    const open = row.clockPauses.find((p) => p.to === null)!;
    if (compareLocalDate(args.on, open.from) < 0) {
      throw new HallError('CASE_CLOCK_PAUSE_INVALID', `the pause started on ${open.from}; it cannot end on ${args.on}`, { from: open.from, on: args.on });
    }
    const clockPauses = row.clockPauses.map((p) => (p === open ? { ...p, to: args.on } : p));
    const calendar = await mc.lookups.calendar();
    const promisedDate = promisedDateWithPauses(calendar, localDateInShanghai(row.acceptedAt), row.promisedDays, closePauses(clockPauses, args.on));
    // The date is counted again on the calendar in force, so it is the deadline: no earlier internal one.
    return { set: { status, clockPauses, promisedDate, internalDueDate: null, internalDueMovedBy: null }, note: `${open.from}..${args.on}`, data: { from: open.from, to: args.on, promisedDate } };
  },

  async 'case.mark-ready'(_mc, row) {
    return { set: { status: transition(row, 'mark-ready') }, note: null };
  },

  async 'case.deliver'(mc, row, args) {
    const status = transition(row, 'deliver');
    return {
      set: { status, delivery: { how: args.how, at: mc.at.toISOString(), licenceName: args.licenceName, licenceNo: args.licenceNo } },
      note: args.how,
    };
  },

  /** 好差评: one rating per case, a reason for 不满意 and 非常不满意. */
  async 'case.evaluate'(mc, row, args) {
    if (row.evaluation) {
      throw new HallError('CASE_ALREADY_EVALUATED', `case ${row.caseNo} was already rated (${row.evaluation.level}) on ${row.evaluation.at}`, { level: row.evaluation.level });
    }
    // One rating per service (GB/T 39734): the pad's rating of the ticket it was taken in at stands for it.
    if (row.ticketId !== null && (await evaluationReads.byTicket(mc.w.tx, row.ticketId))) {
      throw new HallError('TICKET_ALREADY_EVALUATED', `ticket ${row.ticketNumber ?? row.ticketId} of case ${row.caseNo} was already rated on the pad`, { ticketNumber: row.ticketNumber }, 409);
    }
    const evaluation = unwrap(validateEvaluation({ level: args.level, reason: args.reason }));
    return {
      set: { status: transition(row, 'evaluate'), evaluation: { level: evaluation.level, reason: evaluation.reason, at: mc.at.toISOString() } },
      note: String(evaluation.level),
    };
  },
};

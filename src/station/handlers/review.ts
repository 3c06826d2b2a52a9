import type { CaseRecord } from '../../contract/case';
import type { StationHandlers } from '../../contract/station-api';
import { addWorkingDays } from '../../domain/calendar';
import { caseTransition, closePauses, promisedDateWithPauses, type CaseStatus } from '../../domain/case';
import { localDateInShanghai } from '../../domain/local-date';
import { DomainFailure, type Result } from '../../domain/result';
import type { StationContext } from '../context';
import type { CaseRow } from '../store';
import { caseDetail, caseSummary } from './case-view';

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new DomainFailure(r.error.code, r.error.message, r.error.details);
  return r.value;
}

/** Statuses a department works on: sent to it, or accepted and waiting to be sent. */
const REVIEWABLE = new Set<CaseStatus>(['accepted', 'accepted-deferred', 'in-review', 'approved', 'denied']);

/**
 * The departments' side (并联审批): an approver signs in at a station without a window, its station
 * pulls the cases of its departments (auth/policy.ts pullPolicy), and it sends them for review,
 * decides for its department, stops and restarts the clock for a special procedure, and marks the
 * result ready. Each change is checked with the domain rules the hall applies, written locally with
 * its outbox entry, and pushed; the hall decides again and answers by pull.
 */
export function reviewHandlers(
  ctx: StationContext,
): Pick<StationHandlers, 'review.list' | 'review.dispatch' | 'review.decide' | 'review.pauseClock' | 'review.resumeClock' | 'review.markReady'> {
  function approver() {
    const s = ctx.session.require();
    if (s.staff.role !== 'approver' && s.staff.role !== 'admin') throw new DomainFailure('ROLE_FORBIDDEN', '部门审批只能由审批人员办理');
    return s;
  }

  /** The departments a case concerns: those it was sent to, else those owning its matters. */
  function departmentsOf(r: CaseRecord): string[] {
    if (r.reviews.length > 0) return r.reviews.map((x) => x.departmentCode);
    return [...new Set(ctx.catalog.matters(r.matterCodes).map((m) => m.departmentCode))];
  }

  function mine(r: CaseRecord, departments: readonly string[], admin: boolean): boolean {
    return admin || departmentsOf(r).some((d) => departments.includes(d));
  }

  const owing = (r: CaseRecord) => r.materials.some((m) => m.receipt === 'missing' && m.dueDate !== null);
  const paused = (r: CaseRecord) => r.clockPauses.some((p) => p.to === null);
  const entry = (at: Date, status: CaseStatus, action: string, by: string, note: string | null) => ({ at: at.toISOString(), status, action, by, note });

  function change(caseId: string, fn: (r: CaseRecord, at: Date, staffId: string) => { record: CaseRecord; mutation: { name: 'case.dispatch' | 'case.decide' | 'case.pause-clock' | 'case.resume-clock' | 'case.mark-ready'; args: Record<string, unknown> }; audit: Record<string, unknown> }) {
    const s = approver();
    const at = ctx.now();
    ctx.store.cases.change({
      caseId,
      at,
      staffId: s.staff.id,
      windowCode: null,
      change: (row: CaseRow) => {
        if (!mine(row.record, s.staff.departmentCodes, s.staff.role === 'admin')) throw new DomainFailure('DEPARTMENT_FORBIDDEN', `办件 ${row.record.caseNo} 不属于您所在部门`);
        const out = fn(row.record, at, s.staff.id);
        return { ...out, action: out.mutation.name };
      },
    });
    ctx.emit({ type: 'cases', caseId });
    void ctx.sync.trigger('write');
    const row = ctx.store.cases.byId(caseId);
    if (!row) throw new DomainFailure('CASE_NOT_FOUND', `本工作站没有办件 ${caseId}`);
    return caseDetail(ctx, row);
  }

  return {
    async 'review.list'() {
      const s = approver();
      const rows = ctx.store.cases.list({ limit: 500 }).filter((row) => REVIEWABLE.has(row.record.status) && mine(row.record, s.staff.departmentCodes, s.staff.role === 'admin'));
      // Waiting for this department first (a pending review of one of its departments), then by promise.
      const waiting = (r: CaseRecord) => r.status === 'accepted' || r.status === 'accepted-deferred' || r.reviews.some((x) => x.decision === 'pending' && s.staff.departmentCodes.includes(x.departmentCode));
      return rows
        .sort((a, b) => Number(waiting(b.record)) - Number(waiting(a.record)) || a.record.promisedDate.localeCompare(b.record.promisedDate))
        .map((row) => ({ ...caseSummary(ctx, row), departments: departmentsOf(row.record), waitingForUs: waiting(row.record) }));
    },

    async 'review.dispatch'({ caseId, departmentCodes }) {
      return change(caseId, (r, at, by) => {
        const status = unwrap(caseTransition(r.status, 'dispatch'));
        const codes = [...new Set(departmentCodes)];
        const known = new Set(ctx.catalog.catalog().departments.map((d) => d.code));
        const unknown = codes.filter((c) => !known.has(c));
        if (unknown.length > 0) throw new DomainFailure('CASE_DEPARTMENT_UNKNOWN', `目录中没有部门 ${unknown.join('、')}`, { departmentCodes: unknown });
        const reviews = codes.map((departmentCode) => ({ departmentCode, decision: 'pending' as const, opinion: null, decidedAt: null }));
        return {
          record: { ...r, status, reviews, updatedAt: at.toISOString(), history: [...r.history, entry(at, status, 'case.dispatch', by, codes.join(', '))] },
          mutation: { name: 'case.dispatch', args: { caseId, departmentCodes: codes } },
          audit: { departmentCodes: codes },
        };
      });
    },

    async 'review.decide'({ caseId, departmentCode, decision, opinion }) {
      const s = approver();
      if (s.staff.role !== 'admin' && !s.staff.departmentCodes.includes(departmentCode)) throw new DomainFailure('DEPARTMENT_FORBIDDEN', `您不能代部门 ${departmentCode} 作出决定`);
      return change(caseId, (r, at, by) => {
        if (r.status !== 'in-review') unwrap(caseTransition(r.status, 'decide'));
        if (paused(r)) unwrap(caseTransition(r.status, 'decide', { clockPaused: true }));
        const review = r.reviews.find((x) => x.departmentCode === departmentCode);
        if (!review) throw new DomainFailure('CASE_REVIEW_NOT_FOUND', `办件 ${r.caseNo} 没有分送给部门 ${departmentCode}`);
        if (review.decision !== 'pending') throw new DomainFailure('CASE_REVIEW_ALREADY_DECIDED', `部门 ${departmentCode} 已经作出决定`);
        const reviews = r.reviews.map((x) => (x.departmentCode === departmentCode ? { ...x, decision, opinion, decidedAt: at.toISOString() } : x));
        const done = reviews.some((x) => x.decision === 'denied') || reviews.every((x) => x.decision !== 'pending');
        const status: CaseStatus = done ? unwrap(caseTransition(r.status, 'decide', { reviews, clockPaused: false, deferredPending: owing(r) })) : 'in-review';
        return {
          record: { ...r, reviews, status, updatedAt: at.toISOString(), history: [...r.history, entry(at, status, 'case.decide', by, `${departmentCode}: ${decision} — ${opinion}`)] },
          mutation: { name: 'case.decide', args: { caseId, departmentCode, decision, opinion } },
          audit: { departmentCode, decision },
        };
      });
    },

    async 'review.pauseClock'({ caseId, kind, reason, from }) {
      return change(caseId, (r, at, by) => {
        const status = unwrap(caseTransition(r.status, 'pause-clock', { clockPaused: paused(r) }));
        if (from < localDateInShanghai(new Date(r.acceptedAt))) throw new DomainFailure('CASE_CLOCK_PAUSE_INVALID', '暂停计时不能早于受理日');
        return {
          record: { ...r, status, clockPauses: [...r.clockPauses, { from, to: null, reason }], updatedAt: at.toISOString(), history: [...r.history, entry(at, status, 'case.pause-clock', by, `${kind}: ${reason}`)] },
          mutation: { name: 'case.pause-clock', args: { caseId, kind, reason, from } },
          audit: { kind, from },
        };
      });
    },

    async 'review.resumeClock'({ caseId, on }) {
      return change(caseId, (r, at, by) => {
        const status = unwrap(caseTransition(r.status, 'resume-clock', { clockPaused: paused(r) }));
        const open = r.clockPauses.find((p) => p.to === null)!;
        if (on < open.from) throw new DomainFailure('CASE_CLOCK_PAUSE_INVALID', `计时自 ${open.from} 暂停，恢复日不能早于它`);
        const clockPauses = r.clockPauses.map((p) => (p === open ? { ...p, to: on } : p));
        // The promise moves by the working days the pause covered (the hall recomputes it the same way).
        const cal = ctx.catalog.workCalendar();
        const acceptedOn = localDateInShanghai(new Date(r.acceptedAt));
        const days = countWorkingDays(cal, acceptedOn, r.promisedDate);
        const promisedDate = promisedDateWithPauses(cal, acceptedOn, days, closePauses(clockPauses, on));
        return {
          record: { ...r, status, clockPauses, promisedDate, updatedAt: at.toISOString(), history: [...r.history, entry(at, status, 'case.resume-clock', by, `${open.from}..${on}`)] },
          mutation: { name: 'case.resume-clock', args: { caseId, on } },
          audit: { on },
        };
      });
    },

    async 'review.markReady'({ caseId }) {
      return change(caseId, (r, at, by) => {
        const status = unwrap(caseTransition(r.status, 'mark-ready'));
        return {
          record: { ...r, status, updatedAt: at.toISOString(), history: [...r.history, entry(at, status, 'case.mark-ready', by, null)] },
          mutation: { name: 'case.mark-ready', args: { caseId } },
          audit: {},
        };
      });
    },
  };
}

/** The promised limit the record's date stands for (the station's record carries the date, not the limit). */
function countWorkingDays(cal: Parameters<typeof addWorkingDays>[0], from: string, to: string): number {
  let n = 0;
  while (addWorkingDays(cal, from, n) < to) n++;
  return n;
}

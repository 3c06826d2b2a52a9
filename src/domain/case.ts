/**
 * The life of a case (办件) after intake.
 *
 *   correction-notified ──supplement──▶ accepted | accepted-deferred
 *   accepted-deferred ──supplement──▶ accepted (or stays accepted-deferred while something is still owed)
 *   accepted | accepted-deferred ──dispatch──▶ in-review
 *   in-review ──decide──▶ approved | denied      (pause-clock / resume-clock / supplement stay in-review)
 *   approved | denied ──mark-ready──▶ ready ──deliver──▶ delivered
 *   approved | denied ──deliver──▶ delivered     (handed over at once, e.g. an immediate matter)
 *   rejected: the end of the case (不予受理).
 *   evaluate: in any status, unchanged (好差评 rates the service, whatever the outcome).
 *
 * 容缺受理 means the review may start before the deferred materials arrive ("先行审查"), but no
 * approval is given while they are still owed: decide → approved is refused with
 * CASE_DEFERRED_PENDING when the context says so (a denial stays possible).
 *
 * The clock stops only during review, for special procedures (extension, hearing, inspection,
 * expert review); no decision while it is stopped.
 */
import { addWorkingDays, type ClockPause, type WorkCalendar } from './calendar';
import { compareLocalDate, type LocalDate } from './local-date';
import { fail, ok, type Result } from './result';

export type CaseStatus =
  | 'accepted'
  | 'accepted-deferred'
  | 'correction-notified'
  | 'rejected'
  | 'in-review'
  | 'approved'
  | 'denied'
  | 'ready'
  | 'delivered';

export type CaseAction = 'supplement' | 'dispatch' | 'decide' | 'deliver' | 'evaluate' | 'pause-clock' | 'resume-clock' | 'mark-ready';

/** One department's part of a (parallel) review. */
export interface Review {
  departmentCode: string;
  decision: 'pending' | 'approved' | 'denied';
}

export interface CaseTransitionContext {
  /** decide: the decision taken, or … */
  decision?: 'approved' | 'denied';
  /** … the department reviews it follows from (parallel review). */
  reviews?: Review[];
  /** supplement / decide: deferred materials are still owed after this step. */
  deferredPending?: boolean;
  /** pause-clock / resume-clock / decide: whether the clock is stopped now. */
  clockPaused?: boolean;
}

type Rule = CaseStatus | ((ctx: CaseTransitionContext, status: CaseStatus) => Result<CaseStatus>);

const afterSupplement = (ctx: CaseTransitionContext): Result<CaseStatus> => ok(ctx.deferredPending ? 'accepted-deferred' : 'accepted');

function decide(ctx: CaseTransitionContext): Result<CaseStatus> {
  if (ctx.clockPaused) return fail('CASE_CLOCK_PAUSED', 'the clock is stopped for a special procedure: resume it before deciding');
  const outcome = ctx.reviews ? reviewOutcome(ctx.reviews) : undefined;
  const pending = () =>
    fail('CASE_REVIEWS_PENDING', 'not every department has approved the case', {
      pending: (ctx.reviews ?? []).filter((r) => r.decision === 'pending').map((r) => r.departmentCode),
    });
  if (ctx.decision !== undefined && (outcome === 'approved' || outcome === 'denied') && outcome !== ctx.decision) {
    return fail('CASE_DECISION_CONFLICT', `the reviews say ${outcome}, the decision says ${ctx.decision}`, { outcome, decision: ctx.decision });
  }
  // A denial may be taken before every department has answered; an approval needs them all.
  if (ctx.decision === 'approved' && outcome === 'pending') return pending();
  const decision = ctx.decision ?? (outcome === 'pending' ? undefined : outcome);
  if (decision === undefined) return outcome === 'pending' ? pending() : fail('CASE_DECISION_MISSING', 'a decision (approved or denied) is needed');
  if (decision === 'approved' && ctx.deferredPending) {
    return fail('CASE_DEFERRED_PENDING', 'deferred materials are still owed: the case cannot be approved yet');
  }
  return ok(decision);
}

function pause(ctx: CaseTransitionContext, status: CaseStatus): Result<CaseStatus> {
  return ctx.clockPaused === true ? fail('CASE_CLOCK_ALREADY_PAUSED', 'the clock is already stopped') : ok(status);
}

function resume(ctx: CaseTransitionContext, status: CaseStatus): Result<CaseStatus> {
  return ctx.clockPaused === false ? fail('CASE_CLOCK_NOT_PAUSED', 'the clock is running') : ok(status);
}

const transitions: Record<CaseStatus, Partial<Record<CaseAction, Rule>>> = {
  'correction-notified': { supplement: afterSupplement },
  'accepted-deferred': { supplement: afterSupplement, dispatch: 'in-review' },
  accepted: { dispatch: 'in-review' },
  'in-review': { decide, 'pause-clock': pause, 'resume-clock': resume, supplement: 'in-review' },
  approved: { 'mark-ready': 'ready', deliver: 'delivered' },
  denied: { 'mark-ready': 'ready', deliver: 'delivered' },
  ready: { deliver: 'delivered' },
  delivered: {},
  rejected: {},
};

export function caseTransition(status: CaseStatus, action: CaseAction, ctx: CaseTransitionContext = {}): Result<CaseStatus> {
  if (action === 'evaluate') return ok(status);
  const rule = transitions[status]?.[action];
  if (rule === undefined) {
    return fail('CASE_ILLEGAL_TRANSITION', `a case that is ${status} cannot ${action}`, { status, action });
  }
  return typeof rule === 'string' ? ok(rule) : rule(ctx, status);
}

/** Actions that may apply to a case in this status (some still depend on the context). */
export function caseActions(status: CaseStatus): CaseAction[] {
  return [...(Object.keys(transitions[status]) as CaseAction[]), 'evaluate'];
}

/** A case whose status no longer moves (evaluation aside). */
export function isCaseClosed(status: CaseStatus): boolean {
  return status === 'delivered' || status === 'rejected';
}

/**
 * Parallel review (并联审批): approved when every department approved; denied as soon as one
 * department denies (the others cannot turn it into an approval, so the applicant is not kept
 * waiting); pending otherwise, and for a case with no review at all.
 */
export function reviewOutcome(reviews: Review[]): 'pending' | 'approved' | 'denied' {
  if (reviews.some((r) => r.decision === 'denied')) return 'denied';
  if (reviews.length > 0 && reviews.every((r) => r.decision === 'approved')) return 'approved';
  return 'pending';
}

/** Overdue from the day after the promised date: the promised date itself is still in time. */
export function isOverdue(promisedDate: LocalDate, today: LocalDate): boolean {
  return compareLocalDate(today, promisedDate) > 0;
}

/** 容缺: deferred materials not supplied by their due date. */
export function deferredOverdue(dueDate: LocalDate | null, today: LocalDate, supplied: boolean): boolean {
  return !supplied && dueDate !== null && isOverdue(dueDate, today);
}

/**
 * The promised date once special procedures stopped the clock: `days` working days after
 * acceptance, not counting days inside a pause. Throws CALENDAR_YEAR_UNKNOWN like addWorkingDays.
 */
export function promisedDateWithPauses(cal: WorkCalendar, acceptedOn: LocalDate, days: number, pauses: ClockPause[]): LocalDate {
  return addWorkingDays(cal, acceptedOn, days, pauses);
}

/** A stored pause may still be running (`to` null): it counts up to `today` for now. */
export function closePauses(pauses: Array<{ from: LocalDate; to: LocalDate | null }>, today: LocalDate): ClockPause[] {
  return pauses
    .map((p) => ({ from: p.from, to: p.to ?? today }))
    .filter((p) => compareLocalDate(p.from, p.to) <= 0);
}

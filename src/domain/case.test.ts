import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCalendar } from './calendar';
import {
  caseActions,
  caseTransition,
  closePauses,
  deferredOverdue,
  isCaseClosed,
  isOverdue,
  promisedDateWithPauses,
  reviewOutcome,
  type CaseAction,
  type CaseStatus,
  type CaseTransitionContext,
  type Review,
} from './case';

const calendar = buildCalendar([
  {
    year: 2026,
    source: 'test',
    holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }],
    workdays: [
      { date: '2026-09-20', name: '国庆调休' },
      { date: '2026-10-10', name: '国庆调休' },
    ],
  },
]);

const statuses: CaseStatus[] = ['accepted', 'accepted-deferred', 'correction-notified', 'rejected', 'in-review', 'approved', 'denied', 'ready', 'delivered'];
const actions: CaseAction[] = ['supplement', 'dispatch', 'decide', 'deliver', 'evaluate', 'pause-clock', 'resume-clock', 'mark-ready'];

function run(from: CaseStatus, ...steps: Array<CaseAction | [CaseAction, CaseTransitionContext]>): CaseStatus {
  let s = from;
  for (const step of steps) {
    const [a, ctx] = typeof step === 'string' ? [step, {}] : step;
    const r = caseTransition(s, a, ctx);
    if (!r.ok) throw new Error(`${s} --${a}--> refused: ${r.error.code}`);
    s = r.value;
  }
  return s;
}

const reviews = (...d: Review['decision'][]): Review[] => d.map((decision, i) => ({ departmentCode: `D${i + 1}`, decision }));

describe('case lifecycle', () => {
  it('runs from acceptance through review to delivery', () => {
    expect(run('accepted', 'dispatch', ['decide', { decision: 'approved' }], 'mark-ready', 'deliver')).toBe('delivered');
  });

  it('hands an approved case over at once when there is nothing to prepare', () => {
    expect(run('accepted', 'dispatch', ['decide', { decision: 'approved' }], 'deliver')).toBe('delivered');
  });

  it('accepts a corrected application once the materials are supplied', () => {
    expect(run('correction-notified', 'supplement')).toBe('accepted');
    expect(run('correction-notified', ['supplement', { deferredPending: true }])).toBe('accepted-deferred');
  });

  it('keeps a deferred case deferred until everything owed has come', () => {
    expect(run('accepted-deferred', ['supplement', { deferredPending: true }])).toBe('accepted-deferred');
    expect(run('accepted-deferred', 'supplement')).toBe('accepted');
  });

  it('reviews a deferred case early but does not approve it while materials are owed', () => {
    const inReview = run('accepted-deferred', 'dispatch');
    expect(inReview).toBe('in-review');
    const r = caseTransition(inReview, 'decide', { decision: 'approved', deferredPending: true });
    expect(!r.ok && r.error.code).toBe('CASE_DEFERRED_PENDING');
    expect(run(inReview, ['decide', { decision: 'denied', deferredPending: true }])).toBe('denied');
  });

  it('does nothing more with a rejected application than take its evaluation', () => {
    for (const a of actions) {
      const r = caseTransition('rejected', a);
      if (a === 'evaluate') expect(r).toEqual({ ok: true, value: 'rejected' });
      else expect(!r.ok && r.error.code).toBe('CASE_ILLEGAL_TRANSITION');
    }
    expect(isCaseClosed('rejected')).toBe(true);
    expect(isCaseClosed('in-review')).toBe(false);
  });

  it('cannot deliver a case that has not been decided', () => {
    for (const s of ['accepted', 'accepted-deferred', 'correction-notified', 'in-review'] as const) {
      const r = caseTransition(s, 'deliver');
      expect(!r.ok && r.error).toMatchObject({ code: 'CASE_ILLEGAL_TRANSITION', details: { status: s, action: 'deliver' } });
    }
  });

  it('takes an evaluation in any status without moving the case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), (s) => {
        expect(caseTransition(s, 'evaluate')).toEqual({ ok: true, value: s });
      }),
    );
  });

  it('offers only actions the transition knows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.constantFrom(...actions), (s, a) => {
        const r = caseTransition(s, a, { decision: 'denied' });
        if (!caseActions(s).includes(a)) expect(!r.ok && r.error.code).toBe('CASE_ILLEGAL_TRANSITION');
        else expect(!r.ok && r.error.code === 'CASE_ILLEGAL_TRANSITION').toBe(false);
      }),
    );
  });
});

describe('the clock during review', () => {
  it('stops and restarts the clock, once each', () => {
    expect(run('in-review', ['pause-clock', { clockPaused: false }], ['resume-clock', { clockPaused: true }])).toBe('in-review');
    const twice = caseTransition('in-review', 'pause-clock', { clockPaused: true });
    expect(!twice.ok && twice.error.code).toBe('CASE_CLOCK_ALREADY_PAUSED');
    const notPaused = caseTransition('in-review', 'resume-clock', { clockPaused: false });
    expect(!notPaused.ok && notPaused.error.code).toBe('CASE_CLOCK_NOT_PAUSED');
  });

  it('takes no decision while the clock is stopped', () => {
    const r = caseTransition('in-review', 'decide', { decision: 'approved', clockPaused: true });
    expect(!r.ok && r.error.code).toBe('CASE_CLOCK_PAUSED');
  });

  it('moves the promised date by the working days of a pause', () => {
    // Mon 2026-09-14 + 5: 09-15, 16, 17, 18 are four; Sun 09-20 is a make-up working day and the fifth.
    expect(promisedDateWithPauses(calendar, '2026-09-14', 5, [])).toBe('2026-09-20');
    // An expert review stops the clock Tue 09-15 .. Wed 09-16: two working days later.
    expect(promisedDateWithPauses(calendar, '2026-09-14', 5, [{ from: '2026-09-15', to: '2026-09-16' }])).toBe('2026-09-22');
    // Across the National Day holiday: 09-28 + 3 = 10-08.
    expect(promisedDateWithPauses(calendar, '2026-09-28', 3, [])).toBe('2026-10-08');
  });

  it('counts a pause that is still running up to today', () => {
    expect(closePauses([{ from: '2026-09-15', to: null }, { from: '2026-09-01', to: '2026-09-02' }], '2026-09-16')).toEqual([
      { from: '2026-09-15', to: '2026-09-16' },
      { from: '2026-09-01', to: '2026-09-02' },
    ]);
    expect(closePauses([{ from: '2026-09-20', to: null }], '2026-09-16')).toEqual([]);
  });
});

describe('parallel review', () => {
  it('is approved only when every department approved', () => {
    expect(reviewOutcome(reviews('approved', 'approved', 'approved'))).toBe('approved');
    expect(reviewOutcome(reviews('approved', 'pending'))).toBe('pending');
    expect(reviewOutcome([])).toBe('pending');
  });

  it('is denied as soon as one department denies', () => {
    expect(reviewOutcome(reviews('approved', 'pending', 'denied'))).toBe('denied');
  });

  it('follows the departments when deciding, and refuses to approve over a pending one', () => {
    expect(run('in-review', ['decide', { reviews: reviews('approved', 'approved') }])).toBe('approved');
    expect(run('in-review', ['decide', { reviews: reviews('denied', 'pending') }])).toBe('denied');
    const early = caseTransition('in-review', 'decide', { reviews: reviews('approved', 'pending') });
    expect(!early.ok && early.error).toMatchObject({ code: 'CASE_REVIEWS_PENDING', details: { pending: ['D2'] } });
    const forced = caseTransition('in-review', 'decide', { decision: 'approved', reviews: reviews('approved', 'pending') });
    expect(!forced.ok && forced.error.code).toBe('CASE_REVIEWS_PENDING');
    const conflict = caseTransition('in-review', 'decide', { decision: 'approved', reviews: reviews('approved', 'denied') });
    expect(!conflict.ok && conflict.error.code).toBe('CASE_DECISION_CONFLICT');
    const none = caseTransition('in-review', 'decide');
    expect(!none.ok && none.error.code).toBe('CASE_DECISION_MISSING');
  });

  it('agrees with "done when all are, denied if any is" for any set of reviews', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Review['decision']>('pending', 'approved', 'denied'), { minLength: 1, maxLength: 6 }), (ds) => {
        const o = reviewOutcome(reviews(...ds));
        if (ds.includes('denied')) expect(o).toBe('denied');
        else if (ds.includes('pending')) expect(o).toBe('pending');
        else expect(o).toBe('approved');
      }),
    );
  });
});

describe('overdue flags', () => {
  it('is in time on the promised date and overdue the day after', () => {
    expect(isOverdue('2026-12-04', '2026-12-04')).toBe(false);
    expect(isOverdue('2026-12-04', '2026-12-05')).toBe(true);
  });

  it('flags deferred materials only when they are owed past their due date', () => {
    expect(deferredOverdue('2026-12-04', '2026-12-07', false)).toBe(true);
    expect(deferredOverdue('2026-12-04', '2026-12-07', true)).toBe(false);
    expect(deferredOverdue('2026-12-04', '2026-12-04', false)).toBe(false);
    expect(deferredOverdue(null, '2026-12-07', false)).toBe(false);
  });
});

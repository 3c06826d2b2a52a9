import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCalendar } from './calendar';
import {
  countEvaluations,
  evaluationLabel,
  evaluationLevels,
  evaluationReasons,
  followUpDeadlines,
  followUpOverdue,
  isBadEvaluation,
  oneRatingPerService,
  levelFromStars,
  returnVisitDue,
  starsFromLevel,
  validateEvaluation,
} from './evaluation';

describe('service evaluation', () => {
  it('names the five levels as GB/T 39046 does', () => {
    expect(evaluationLevels.map(evaluationLabel)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  });

  it('counts 3 stars or more as good and 2 or fewer as bad', () => {
    expect(isBadEvaluation(levelFromStars(3))).toBe(false);
    expect(isBadEvaluation(levelFromStars(2))).toBe(true);
    expect(evaluationLevels.filter(isBadEvaluation)).toEqual([4, 5]);
    for (const l of evaluationLevels) expect(levelFromStars(starsFromLevel(l))).toBe(l);
  });

  it('needs a reason for a bad rating, and not for a good one', () => {
    expect(validateEvaluation({ level: 2, reason: null })).toEqual({ ok: true, value: { level: 2, reason: null } });
    const r = validateEvaluation({ level: 4, reason: '   ' });
    expect(!r.ok && r.error.code).toBe('EVALUATION_REASON_REQUIRED');
    expect(validateEvaluation({ level: 5, reason: ' 等候时间太长 ' })).toEqual({ ok: true, value: { level: 5, reason: '等候时间太长' } });
  });

  it('refuses a level outside 1..5', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (n) => {
        const r = validateEvaluation({ level: n, reason: 'x' });
        expect(r.ok).toBe([1, 2, 3, 4, 5].includes(n));
        if (!r.ok) expect(r.error.code).toBe('EVALUATION_LEVEL_INVALID');
      }),
    );
  });

  it('sets the return visit 5 working days later, over the National Day holiday', () => {
    const cal = buildCalendar([
      { year: 2026, source: 'test', holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }], workdays: [{ date: '2026-10-10', name: '国庆调休' }] },
    ]);
    // 09-29, 09-30, 10-08, 10-09, Sat 10-10 (make-up working day).
    expect(returnVisitDue(cal, '2026-09-28')).toBe('2026-10-10');
  });
});

describe('one rating per service and the follow-up of a bad one', () => {
  const cal = buildCalendar([
    { year: 2026, source: 'test', holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }], workdays: [{ date: '2026-10-10', name: '国庆调休' }] },
  ]);

  it('offers the five reasons of the pad, 其他 last', () => {
    expect(evaluationReasons).toEqual(['态度不好', '办事效率低', '一次性告知不清', '材料要求不合理', '其他']);
  });

  it('refuses a second rating of the same service, whether the ticket or its case was rated', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (ticketRated, caseRated) => {
        const r = oneRatingPerService({ ticketRated, caseRated });
        expect(r.ok).toBe(!ticketRated && !caseRated);
        if (!r.ok) expect(r.error.code).toBe('TICKET_ALREADY_EVALUATED');
      }),
    );
  });

  it('sets the return visit within 5 and the rectification within 15 working days, over the National Day holiday', () => {
    const d = followUpDeadlines(cal, '2026-09-28');
    expect(d.returnVisitDue).toBe('2026-10-10');
    // 09-29, 09-30, 10-08 … 10-10 (5), 10-12 … 10-16 (10), 10-19 … 10-23 (15).
    expect(d.rectificationDue).toBe('2026-10-23');
  });

  it('lets the hall set its own deadlines', () => {
    expect(followUpDeadlines(cal, '2026-11-02', { returnVisitDays: 2, rectificationDays: 10 })).toEqual({ returnVisitDue: '2026-11-04', rectificationDue: '2026-11-16' });
  });

  it('flags the return visit late the day after its due date, then the rectification, never once closed', () => {
    const d = followUpDeadlines(cal, '2026-11-02');
    const open = { returnVisitOn: null, rectifiedOn: null, closed: false };
    expect(followUpOverdue(d, open, d.returnVisitDue)).toBeNull();
    expect(followUpOverdue(d, open, '2026-11-10')).toBe('return-visit');
    expect(followUpOverdue(d, { ...open, returnVisitOn: '2026-11-03' }, '2026-11-10')).toBeNull();
    expect(followUpOverdue(d, { ...open, returnVisitOn: '2026-11-03' }, '2026-11-24')).toBe('rectification');
    expect(followUpOverdue(d, { returnVisitOn: null, rectifiedOn: null, closed: true }, '2026-12-30')).toBeNull();
  });
});

describe('counting ratings', () => {
  it('counts good and bad per window, leaving out a rating an appeal found malicious', () => {
    const c = countEvaluations([
      { level: 1, windowCode: 'A2', appealUpheld: false },
      { level: 3, windowCode: 'A1', appealUpheld: false },
      { level: 4, windowCode: 'A1', appealUpheld: false },
      { level: 5, windowCode: 'A1', appealUpheld: true },
    ]);
    expect(c).toEqual({
      count: 3,
      good: 2,
      bad: 1,
      byLevel: { '1': 1, '2': 0, '3': 1, '4': 1, '5': 0 },
      byWindow: [
        { windowCode: 'A1', good: 1, bad: 1 },
        { windowCode: 'A2', good: 1, bad: 0 },
      ],
    });
  });

  it('always adds up: good plus bad is the count, and the levels sum to it', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ level: fc.integer({ min: 1, max: 5 }), windowCode: fc.constantFrom('A1', 'B2'), appealUpheld: fc.boolean() })), (list) => {
        const c = countEvaluations(list);
        expect(c.good + c.bad).toBe(c.count);
        expect(Object.values(c.byLevel).reduce((a, b) => a + b, 0)).toBe(c.count);
        expect(c.count).toBe(list.filter((e) => !e.appealUpheld).length);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICATION_STATES } from './online-application';
import { defaultRetentionRules, isRetained, retainedUntil, retentionCutoffs } from './material-retention';

const at = new Date('2026-12-07T02:00:00Z');
const days = (n: number) => new Date(at.getTime() + n * 86_400_000);
const rules = { acceptedDays: 3650, closedDays: 180 };

describe('how long online materials are kept', () => {
  it('keeps an open application\'s files whatever their age', () => {
    for (const state of ['submitted', 'returned'] as const) {
      expect(retainedUntil(state, at, rules)).toBeNull();
      expect(isRetained(state, at, { acceptedDays: 0, closedDays: 0 }, days(100_000))).toBe(true);
    }
  });

  it('keeps an accepted case\'s files ten years and a refused or withdrawn one\'s 180 days by default', () => {
    expect(defaultRetentionRules).toEqual({ acceptedDays: 3650, closedDays: 180 });
    expect(isRetained('accepted', at, rules, days(3649))).toBe(true);
    expect(isRetained('accepted', at, rules, days(3650))).toBe(false);
    for (const state of ['refused', 'withdrawn'] as const) {
      expect(isRetained(state, at, rules, days(179))).toBe(true);
      expect(isRetained(state, at, rules, days(180))).toBe(false);
    }
  });

  it('draws the same line as a query as it does application by application', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APPLICATION_STATES),
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.record({ acceptedDays: fc.integer({ min: 1, max: 36_500 }), closedDays: fc.integer({ min: 1, max: 36_500 }) }),
        (state, age, r) => {
          const finalAt = days(-age);
          const cut = retentionCutoffs(r, at);
          const open = state === 'submitted' || state === 'returned';
          const byQuery = open || finalAt.getTime() > (state === 'accepted' ? cut.accepted : cut.closed).getTime();
          expect(isRetained(state, finalAt, r, at)).toBe(byQuery);
        },
      ),
    );
  });
});

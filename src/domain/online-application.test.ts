import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar';
import {
  APPLICATION_ACTIONS,
  applicationActions,
  applicationTransition,
  applicationZone,
  art32NoticeDeadline,
  inboxWindowPart,
  isReviewOverdue,
  matterTakesChannel,
  promiseStartDay,
  reviewDueDate,
  type ApplicationAction,
  type ApplicationState,
} from './online-application';
import { formatCaseNumber, parseCaseNumber } from './numbers';

// 2026 as published: National Day 10-01..10-07, make-up working day Saturday 10-10.
const cal = buildCalendar([
  {
    year: 2026,
    source: 'test',
    holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }],
    workdays: [{ date: '2026-10-10', name: '国庆调休' }],
  },
]);

describe('the online application state machine', () => {
  it('goes filed → returned → corrected → accepted, and refuses what the law does not allow', () => {
    const step = (s: ApplicationState, a: ApplicationAction) => {
      const r = applicationTransition(s, a);
      return r.ok ? r.value : r.error.code;
    };
    expect(step('submitted', 'return')).toBe('returned');
    expect(step('returned', 'correct')).toBe('submitted');
    expect(step('submitted', 'accept')).toBe('accepted');
    expect(step('submitted', 'refuse')).toBe('refused');
    expect(step('returned', 'withdraw')).toBe('withdrawn');
    expect(step('returned', 'accept')).toBe('APPLICATION_ILLEGAL_TRANSITION');
    expect(step('submitted', 'correct')).toBe('APPLICATION_ILLEGAL_TRANSITION');
    expect(step('accepted', 'withdraw')).toBe('APPLICATION_ILLEGAL_TRANSITION');
    const r = applicationTransition('refused', 'accept');
    expect(!r.ok && r.error.details).toEqual({ state: 'refused', action: 'accept' });
  });

  it('never accepts an application twice, and nothing moves it once accepted, refused or withdrawn, whatever the sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...APPLICATION_ACTIONS), { maxLength: 40 }), (actions) => {
        let state: ApplicationState = 'submitted';
        let accepted = 0;
        for (const a of actions) {
          const r = applicationTransition(state, a);
          expect(r.ok).toBe(applicationActions(state).includes(a));
          if (!r.ok) continue;
          if (['accepted', 'refused', 'withdrawn'].includes(state)) throw new Error(`moved out of ${state}`);
          state = r.value;
          if (state === 'accepted') accepted += 1;
        }
        expect(accepted).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('pre-review and art. 32 deadlines', () => {
  it('is due one working day after receipt, over weekends and the National Day week', () => {
    expect(reviewDueDate(cal, '2026-12-04')).toBe('2026-12-07'); // Friday → Monday
    expect(reviewDueDate(cal, '2026-09-30')).toBe('2026-10-08');
    expect(reviewDueDate(cal, '2026-10-09', 1)).toBe('2026-10-10'); // the make-up Saturday works
    expect(reviewDueDate(cal, '2026-12-01', 3)).toBe('2026-12-04');
  });

  it('is overdue only while it waits for review, the day after its due date', () => {
    expect(isReviewOverdue('submitted', '2026-12-07', '2026-12-07')).toBe(false);
    expect(isReviewOverdue('submitted', '2026-12-07', '2026-12-08')).toBe(true);
    expect(isReviewOverdue('returned', '2026-12-07', '2026-12-08')).toBe(false);
  });

  it('counts an application left more than five working days without a notice as accepted on the day it was received', () => {
    expect(art32NoticeDeadline(cal, '2026-11-30')).toBe('2026-12-07');
    expect(promiseStartDay(cal, '2026-11-30', '2026-12-07')).toEqual({ from: '2026-12-07', deemed: false });
    expect(promiseStartDay(cal, '2026-11-30', '2026-12-08')).toEqual({ from: '2026-11-30', deemed: true });
    // The holiday week does not eat the five days.
    expect(art32NoticeDeadline(cal, '2026-09-29')).toBe('2026-10-12');
  });
});

describe('the zone and the case number of an online application', () => {
  it('belongs to its bundle\'s zone, else to the one zone of its matters', () => {
    expect(applicationZone([{ code: 'a', zoneCode: 'B' }, { code: 'b', zoneCode: 'B' }], null)).toEqual({ ok: true, value: 'B' });
    expect(applicationZone([{ code: 'a', zoneCode: 'B' }, { code: 'b', zoneCode: 'C' }], { zoneCode: 'E' })).toEqual({ ok: true, value: 'E' });
    const mixed = applicationZone([{ code: 'a', zoneCode: 'B' }, { code: 'b', zoneCode: 'C' }], null);
    expect(!mixed.ok && mixed.error.code).toBe('APPLICATION_ZONES_MIXED');
  });

  it('mints case numbers in the stations\' form with the window part <zone>00', () => {
    const no = formatCaseNumber({ siteCode: 'TS', date: '2026-12-07', windowCode: inboxWindowPart('B'), serial: 1 });
    expect(no).toBe('TS-20261207-B00-0001');
    expect(parseCaseNumber(no)).toEqual({ ok: true, value: { siteCode: 'TS', date: '2026-12-07', windowCode: 'B00', serial: 1 } });
  });

  it('takes online only matters handled online (网上办理), at a town centre also those delegated to centres', () => {
    expect(matterTakesChannel({ handlingForms: [1, 2, 3], townAvailable: false }, 'online')).toBe(true);
    expect(matterTakesChannel({ handlingForms: [1], townAvailable: true }, 'online')).toBe(false);
    expect(matterTakesChannel({ handlingForms: [1], townAvailable: true }, 'town')).toBe(true);
  });
});

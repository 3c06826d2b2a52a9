import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  callWording,
  canReactivate,
  canRecall,
  recallOutcome,
  ledWording,
  ticketActions,
  ticketTransition,
  windowSpokenName,
  type RecallRules,
  type TicketAction,
  type TicketStatus,
} from './ticket';

const statuses: TicketStatus[] = ['waiting', 'called', 'serving', 'finished', 'no-show', 'cancelled'];
const actions: TicketAction[] = ['call', 'recall', 'start', 'finish', 'no-show', 'reactivate', 'transfer', 'reassign', 'cancel'];
const rules: RecallRules = { maxRecalls: 2, noShowGraceMinutes: 30, reactivatePosition: 'front' };

function run(from: TicketStatus, ...steps: TicketAction[]): TicketStatus {
  let s = from;
  for (const a of steps) {
    const r = ticketTransition(s, a);
    if (!r.ok) throw new Error(`${s} --${a}--> refused: ${r.error.code}`);
    s = r.value;
  }
  return s;
}

describe('ticket lifecycle', () => {
  it('goes from waiting through called and serving to finished', () => {
    expect(run('waiting', 'call', 'recall', 'start', 'finish')).toBe('finished');
  });

  it('lets a no-show come back to the queue and be called again', () => {
    expect(run('waiting', 'call', 'recall', 'no-show', 'reactivate', 'call')).toBe('called');
  });

  it('sends a transferred applicant back to waiting under the same ticket', () => {
    expect(run('waiting', 'call', 'start', 'transfer')).toBe('waiting');
    expect(run('waiting', 'call', 'transfer')).toBe('waiting');
  });

  it('lets the supervisor reassign only a ticket that still waits', () => {
    expect(run('waiting', 'reassign')).toBe('waiting');
    for (const s of statuses.filter((x) => x !== 'waiting')) {
      expect(ticketTransition(s, 'reassign').ok).toBe(false);
    }
  });

  it('never calls a ticket that is already called, served or finished', () => {
    for (const s of ['called', 'serving', 'finished', 'cancelled', 'no-show'] as const) {
      const r = ticketTransition(s, 'call');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('TICKET_ILLEGAL_TRANSITION');
        expect(r.error.details).toEqual({ status: s, action: 'call' });
      }
    }
  });

  it('does nothing more with a finished or cancelled ticket', () => {
    for (const a of actions) {
      expect(ticketTransition('finished', a).ok).toBe(false);
      expect(ticketTransition('cancelled', a).ok).toBe(false);
    }
  });

  it('offers exactly the actions the transition accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.constantFrom(...actions), (s, a) => {
        expect(ticketActions(s).includes(a)).toBe(ticketTransition(s, a).ok);
      }),
    );
  });
});

describe('recall and no-show rules', () => {
  it('allows recalls up to the cap, then only no-show', () => {
    expect(canRecall(0, rules).ok).toBe(true);
    expect(canRecall(1, rules).ok).toBe(true);
    const third = canRecall(2, rules);
    expect(third.ok).toBe(false);
    if (!third.ok) expect(third.error.code).toBe('TICKET_RECALL_LIMIT');
  });

  it('turns no-show by itself once the recalls are used up', () => {
    expect(recallOutcome(0, rules)).toBe('recall');
    expect(recallOutcome(1, rules)).toBe('recall');
    expect(recallOutcome(2, rules)).toBe('no-show');
    fc.assert(
      fc.property(fc.nat(10), fc.nat(10), (count, max) => {
        expect(recallOutcome(count, { ...rules, maxRecalls: max })).toBe(count < max ? 'recall' : 'no-show');
      }),
    );
  });

  it('reactivates a no-show within the grace time and not after', () => {
    const at = new Date('2026-11-28T02:00:00Z');
    expect(canReactivate(at, new Date('2026-11-28T02:30:00Z'), rules).ok).toBe(true);
    const late = canReactivate(at, new Date('2026-11-28T02:30:01Z'), rules);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.code).toBe('TICKET_GRACE_EXPIRED');
  });

  it('treats a clock a little behind the no-show time as within grace', () => {
    expect(canReactivate(new Date('2026-11-28T02:00:05Z'), new Date('2026-11-28T02:00:00Z'), rules).ok).toBe(true);
  });
});

describe('call wording', () => {
  it('speaks and shows the call the way the hall does', () => {
    expect(callWording('A001', 'A3')).toBe('请A001号到3号窗口办理');
    expect(ledWording('A001', 'A3')).toBe('请A001到3号窗口');
  });

  it('reads the window by its display number without leading zeros', () => {
    expect(windowSpokenName('H12')).toBe('12号窗口');
    expect(windowSpokenName('B03')).toBe('3号窗口');
    expect(windowSpokenName('7')).toBe('7号窗口');
  });

  it('keeps a window name that already says 窗口', () => {
    expect(callWording('G015', '导服台窗口')).toBe('请G015号到导服台窗口办理');
  });
});

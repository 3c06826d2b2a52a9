import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classRanking,
  compareTicketNumbers,
  defaultQueuePolicy,
  emptyWindowCallState,
  pickNextTicket,
  rankNextTickets,
  type QueuePolicy,
  type WaitingTicket,
  type WindowCallState,
  type WindowService,
} from './queue-policy';
import type { PriorityClass } from './ticket';

const base = Date.parse('2026-11-28T01:00:00Z');
const at = (minute: number) => new Date(base + minute * 60_000).toISOString();

let serial = 0;
function ticket(p: Partial<WaitingTicket> & { zoneCode?: string; minute?: number } = {}): WaitingTicket {
  serial += 1;
  const zoneCode = p.zoneCode ?? 'A';
  return {
    id: p.id ?? `t${serial}`,
    number: p.number ?? `${zoneCode}${String(serial).padStart(3, '0')}`,
    zoneCode,
    matterCode: p.matterCode ?? null,
    priority: p.priority ?? 'normal',
    queuedAt: p.queuedAt ?? at(p.minute ?? serial),
    front: p.front ?? false,
    windowCode: p.windowCode ?? null,
  };
}

const a3: WindowService = { windowCode: 'A3', zones: [{ zoneCode: 'A', weight: 1 }] };

/** Calls until the queue is empty (or `limit` calls), as a window would over a morning. */
function drain(tickets: WaitingTicket[], window: WindowService, policy: QueuePolicy, state: WindowCallState = emptyWindowCallState, limit = 10_000) {
  const left = [...tickets];
  const called: WaitingTicket[] = [];
  const states: WindowCallState[] = [state];
  let s = state;
  while (called.length < limit) {
    const r = pickNextTicket(left, window, policy, s);
    if (!r) break;
    called.push(r.ticket);
    left.splice(left.indexOf(r.ticket), 1);
    s = r.state;
    states.push(s);
  }
  return { called, left, states };
}

describe('which ticket a window calls next', () => {
  it('calls nobody when nobody waits for this window', () => {
    expect(pickNextTicket([], a3, defaultQueuePolicy, emptyWindowCallState)).toBeNull();
    const others = [ticket({ zoneCode: 'B' }), ticket({ zoneCode: 'A', windowCode: 'A4' })];
    expect(pickNextTicket(others, a3, defaultQueuePolicy, emptyWindowCallState)).toBeNull();
  });

  it('calls in order of arrival within the zone', () => {
    const t1 = ticket({ minute: 1 });
    const t2 = ticket({ minute: 2 });
    const t3 = ticket({ minute: 3 });
    expect(drain([t3, t1, t2], a3, defaultQueuePolicy).called.map((t) => t.id)).toEqual([t1.id, t2.id, t3.id]);
  });

  it('breaks a tie in arrival time by ticket number, A9 before A10', () => {
    const t10 = ticket({ number: 'A10', minute: 5 });
    const t9 = ticket({ number: 'A9', minute: 5 });
    expect(pickNextTicket([t10, t9], a3, defaultQueuePolicy, emptyWindowCallState)?.ticket.number).toBe('A9');
    expect(compareTicketNumbers('A099', 'A100')).toBeLessThan(0);
  });

  it('calls the green channel before appointments and appointments before normal tickets', () => {
    const n = ticket({ minute: 1 });
    const ap = ticket({ minute: 2, priority: 'appointment' });
    const g = ticket({ minute: 3, priority: 'green' });
    expect(drain([n, ap, g], a3, defaultQueuePolicy).called.map((t) => t.priority)).toEqual(['green', 'appointment', 'normal']);
  });

  it('orders classes by the configured weights', () => {
    const policy: QueuePolicy = { classWeights: { green: 5, appointment: 9, normal: 1 }, interleaveAfter: 3 };
    expect(classRanking(policy)).toEqual(['appointment', 'green', 'normal']);
    const g = ticket({ priority: 'green' });
    const ap = ticket({ priority: 'appointment' });
    expect(pickNextTicket([g, ap], a3, policy, emptyWindowCallState)?.ticket.id).toBe(ap.id);
  });

  it('lets one normal ticket through after the configured run of priority calls', () => {
    const normal = ticket({ minute: 0 });
    const greens = Array.from({ length: 6 }, (_, i) => ticket({ priority: 'green', minute: i + 1 }));
    const { called } = drain([normal, ...greens], a3, { ...defaultQueuePolicy, interleaveAfter: 2 });
    expect(called.map((t) => t.priority)).toEqual(['green', 'green', 'normal', 'green', 'green', 'green', 'green']);
  });

  it('calls a ticket sent to this window before anyone else, even outside its zones', () => {
    const green = ticket({ priority: 'green' });
    const sent = ticket({ zoneCode: 'E', windowCode: 'A3', minute: 50 });
    const r = pickNextTicket([green, sent], a3, defaultQueuePolicy, emptyWindowCallState);
    expect(r?.ticket.id).toBe(sent.id);
  });

  it('never calls a ticket sent to another window', () => {
    const sent = ticket({ windowCode: 'A4' });
    const mine = ticket({ minute: 99 });
    expect(pickNextTicket([sent, mine], a3, defaultQueuePolicy, emptyWindowCallState)?.ticket.id).toBe(mine.id);
  });

  it('serves only the matters a window lists, and tickets taken for the whole zone', () => {
    const w: WindowService = { ...a3, matterCodes: ['M1'] };
    const m2 = ticket({ matterCode: 'M2', minute: 1 });
    const m1 = ticket({ matterCode: 'M1', minute: 2 });
    const any = ticket({ matterCode: null, minute: 3 });
    expect(drain([m2, m1, any], w, defaultQueuePolicy).called.map((t) => t.id)).toEqual([m1.id, any.id]);
  });

  it('puts a ticket transferred to the front ahead of its class, not ahead of the green channel', () => {
    const old = ticket({ minute: 1 });
    const moved = ticket({ minute: 30, front: true });
    const green = ticket({ minute: 40, priority: 'green' });
    expect(drain([old, moved, green], a3, defaultQueuePolicy).called.map((t) => t.id)).toEqual([green.id, moved.id, old.id]);
  });

  it('shares a window between zones by their weights', () => {
    const w: WindowService = { windowCode: 'A3', zones: [{ zoneCode: 'A', weight: 2 }, { zoneCode: 'B', weight: 1 }] };
    const tickets = [
      ...Array.from({ length: 20 }, (_, i) => ticket({ zoneCode: 'A', minute: i })),
      ...Array.from({ length: 20 }, (_, i) => ticket({ zoneCode: 'B', minute: i })),
    ];
    const first9 = drain(tickets, w, defaultQueuePolicy, emptyWindowCallState, 9).called;
    expect(first9.filter((t) => t.zoneCode === 'A')).toHaveLength(6);
    expect(first9.filter((t) => t.zoneCode === 'B')).toHaveLength(3);
  });

  it('does not let a zone that stood empty all morning take every call when it fills', () => {
    const w: WindowService = { windowCode: 'A3', zones: [{ zoneCode: 'A', weight: 1 }, { zoneCode: 'B', weight: 1 }] };
    const morning = Array.from({ length: 10 }, (_, i) => ticket({ zoneCode: 'A', minute: i }));
    const { states } = drain(morning, w, defaultQueuePolicy);
    const afterMorning = states[states.length - 1] as WindowCallState;
    const later = [
      ...Array.from({ length: 4 }, (_, i) => ticket({ zoneCode: 'A', minute: 100 + i })),
      ...Array.from({ length: 4 }, (_, i) => ticket({ zoneCode: 'B', minute: 100 + i })),
    ];
    const next4 = drain(later, w, defaultQueuePolicy, afterMorning, 4).called.map((t) => t.zoneCode);
    expect(next4.filter((z) => z === 'B')).toHaveLength(2);
  });

  it('does not change the state it was given', () => {
    const state: WindowCallState = { priorityStreak: 1, zoneCalls: { A: 2 } };
    pickNextTicket([ticket()], a3, defaultQueuePolicy, state);
    expect(state).toEqual({ priorityStreak: 1, zoneCalls: { A: 2 } });
  });
});

// --- properties ------------------------------------------------------------------------------

const zoneCodes = ['A', 'B', 'C', 'D'];
const classes: PriorityClass[] = ['normal', 'appointment', 'green'];

const ticketArb = (opts: { targeted: boolean; front: boolean; classes?: PriorityClass[] }) =>
  fc.record({
    zoneCode: fc.constantFrom(...zoneCodes),
    matterCode: fc.constantFrom(null, 'M1', 'M2', 'M3'),
    priority: fc.constantFrom(...(opts.classes ?? classes)),
    minute: fc.integer({ min: 0, max: 40 }),
    front: opts.front ? fc.boolean() : fc.constant(false),
    windowCode: opts.targeted ? fc.constantFrom(null, null, null, 'W1', 'W2') : fc.constant(null),
  });

const ticketsArb = (opts: { targeted: boolean; front: boolean; classes?: PriorityClass[] }, max = 30) =>
  fc.array(ticketArb(opts), { maxLength: max }).map((rows) =>
    rows.map((r, i): WaitingTicket => ({
      id: `p${i}`,
      number: `${r.zoneCode}${String(i + 1).padStart(3, '0')}`,
      zoneCode: r.zoneCode,
      matterCode: r.matterCode,
      priority: r.priority,
      queuedAt: at(r.minute),
      front: r.front,
      windowCode: r.windowCode,
    })),
  );

const windowArb: fc.Arbitrary<WindowService> = fc
  .record({
    zones: fc.uniqueArray(
      fc.record({ zoneCode: fc.constantFrom(...zoneCodes), weight: fc.integer({ min: 1, max: 4 }) }),
      { minLength: 1, maxLength: 4, selector: (z) => z.zoneCode },
    ),
    matterCodes: fc.option(fc.subarray(['M1', 'M2', 'M3']), { nil: undefined }),
  })
  .map((r) => (r.matterCodes === undefined ? { windowCode: 'W1', zones: r.zones } : { windowCode: 'W1', zones: r.zones, matterCodes: r.matterCodes }));

const policyArb: fc.Arbitrary<QueuePolicy> = fc.record({
  classWeights: fc.record({
    green: fc.integer({ min: 2, max: 9 }),
    appointment: fc.integer({ min: 2, max: 9 }),
    normal: fc.integer({ min: 0, max: 1 }),
  }),
  interleaveAfter: fc.integer({ min: 1, max: 5 }),
});

/** Written out again here, independent of the implementation, from the rule in the file comment. */
function allowed(w: WindowService, t: WaitingTicket): boolean {
  if (t.windowCode === w.windowCode) return true;
  if (t.windowCode !== null) return false;
  const zoneOk = w.zones.some((z) => z.zoneCode === t.zoneCode);
  const matterOk = w.matterCodes === undefined || t.matterCode === null || w.matterCodes.includes(t.matterCode);
  return zoneOk && matterOk;
}

describe('queue properties', () => {
  it('never calls a ticket the window may not serve, and stays silent only when nobody eligible waits', () => {
    fc.assert(
      fc.property(ticketsArb({ targeted: true, front: true }), windowArb, policyArb, (tickets, w, policy) => {
        const { called, left } = drain(tickets, w, policy);
        for (const t of called) expect(allowed(w, t)).toBe(true);
        expect(left.some((t) => allowed(w, t))).toBe(false);
      }),
    );
  });

  it('calls first come, first served within a class and a zone', () => {
    fc.assert(
      fc.property(ticketsArb({ targeted: false, front: false }), windowArb, policyArb, (tickets, w, policy) => {
        const { called } = drain(tickets, w, policy);
        for (let i = 0; i < called.length; i += 1) {
          for (let j = i + 1; j < called.length; j += 1) {
            const a = called[i] as WaitingTicket;
            const b = called[j] as WaitingTicket;
            if (a.priority === b.priority && a.zoneCode === b.zoneCode) {
              expect(Date.parse(a.queuedAt)).toBeLessThanOrEqual(Date.parse(b.queuedAt));
            }
          }
        }
      }),
    );
  });

  it('never makes a normal ticket wait through more priority calls in a row than the rule allows', () => {
    fc.assert(
      fc.property(ticketsArb({ targeted: false, front: true }, 40), windowArb, policyArb, (tickets, w, policy) => {
        const left = [...tickets];
        let s = emptyWindowCallState;
        let run = 0;
        for (;;) {
          const normalWaiting = left.some((t) => t.priority === 'normal' && allowed(w, t));
          const r = pickNextTicket(left, w, policy, s);
          if (!r) break;
          if (r.ticket.priority === 'normal') run = 0;
          else if (normalWaiting) {
            run += 1;
            expect(run).toBeLessThanOrEqual(policy.interleaveAfter);
          } else run = 0;
          left.splice(left.indexOf(r.ticket), 1);
          s = r.state;
        }
      }),
    );
  });

  it('calls a waiting normal ticket within interleaveAfter + 1 calls while priority tickets keep arriving', () => {
    fc.assert(
      fc.property(
        windowArb,
        policyArb,
        fc.nat({ max: 5 }),
        fc.array(fc.array(fc.record({ zone: fc.nat({ max: 3 }), cls: fc.constantFrom<PriorityClass>('green', 'appointment') }), { minLength: 1, maxLength: 3 }), {
          minLength: 12,
          maxLength: 12,
        }),
        (w, policy, streak, arrivals) => {
          const state: WindowCallState = { priorityStreak: Math.min(streak, policy.interleaveAfter), zoneCalls: {} };
          const zoneOf = (i: number) => (w.zones[i % w.zones.length] as { zoneCode: string }).zoneCode;
          const normal = ticket({ zoneCode: zoneOf(0), minute: 0 });
          const left: WaitingTicket[] = [normal];
          let s = state;
          let calls = 0;
          for (const batch of arrivals) {
            for (const a of batch) left.push(ticket({ zoneCode: zoneOf(a.zone), priority: a.cls, minute: 1 + calls }));
            const r = pickNextTicket(left, w, policy, s);
            if (!r) throw new Error('a waiting ticket was not called');
            calls += 1;
            if (r.ticket.id === normal.id) break;
            left.splice(left.indexOf(r.ticket), 1);
            s = r.state;
          }
          expect(calls).toBeLessThanOrEqual(policy.interleaveAfter + 1);
        },
      ),
    );
  });

  it('calls a ticket transferred to the front before every ticket of its class that is not in front', () => {
    fc.assert(
      fc.property(ticketsArb({ targeted: false, front: true }), windowArb, policyArb, (tickets, w, policy) => {
        const { called } = drain(tickets, w, policy);
        const pos = new Map(called.map((t, i) => [t.id, i]));
        for (const f of called.filter((t) => t.front)) {
          for (const t of called.filter((x) => !x.front && x.priority === f.priority)) {
            expect(pos.get(f.id) as number).toBeLessThan(pos.get(t.id) as number);
          }
        }
      }),
    );
  });

  it('ranks a window’s choices so that each is what the window would call were the ones before it taken', () => {
    fc.assert(
      fc.property(ticketsArb({ targeted: true, front: true }), windowArb, policyArb, fc.integer({ min: 1, max: 6 }), (tickets, w, policy, limit) => {
        const state: WindowCallState = { priorityStreak: 2, zoneCalls: { A: 1, B: 3 } };
        const ranked = rankNextTickets(tickets, w, policy, state, limit);
        expect(ranked.length).toBe(Math.min(limit, tickets.filter((t) => allowed(w, t)).length));
        let rest = tickets;
        for (const choice of ranked) {
          // The neighbours took every earlier choice: the policy, asked afresh, picks this one, leaving this state.
          expect(pickNextTicket(rest, w, policy, state)).toEqual(choice);
          rest = rest.filter((t) => t.id !== choice.ticket.id);
        }
      }),
    );
  });
});

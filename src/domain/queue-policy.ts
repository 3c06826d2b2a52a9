/**
 * Which ticket a window calls next. A pure function: the hall server ranks the heads of the queue
 * with it (`rankNextTickets`), calls the first choice no other window took, and stores the state
 * that choice leaves with the window.
 *
 * The rules, in the order they apply:
 *
 * 1. Eligibility. A window may call a ticket when
 *    - the ticket is targeted at this window (`windowCode` equal): the clerk or supervisor chose the
 *      window, so it may call it whatever the ticket's zone or matter (otherwise a ticket sent to a
 *      window outside its zone would wait forever); or
 *    - the ticket is not targeted (`windowCode` null), its zone is one of the window's zones, and when
 *      the window lists `matterCodes`, its matter is one of them or it has no matter (a ticket taken
 *      for the zone as a whole).
 *    A ticket targeted at another window is never eligible.
 * 2. Tickets targeted at this window come first: by class rank, then front, then FIFO.
 * 3. Class. Classes rank by `classWeights` (higher first; ties: green, appointment, normal). Green
 *    channel and appointment are the priority classes. After `interleaveAfter` priority calls in a row
 *    at this window, the next call goes to a normal ticket if one is eligible, so normal tickets never
 *    starve (values below 1 count as 1). Class comes before zone: the green channel is first by law
 *    ("军人依法优先") in the whole hall, not only within its zone.
 * 4. Front. Within the chosen class, tickets transferred or reactivated "to the front" go before every
 *    other ticket of that class, whatever their zone; among themselves, the one put in front earliest.
 * 5. Zone (weighted round robin). Otherwise, among the zones that have tickets of the chosen class,
 *    the zone with the lowest calls/weight ratio is served (ties: the zone whose first ticket has
 *    waited longest, then the order of the window's zones). A zone with weight 0 or less is served
 *    only when no other zone has a ticket of the class. A zone that has nothing waiting does not bank
 *    calls: when a call is made, every idle zone of the window whose ratio is lower than the served
 *    zone's is raised to it, so a zone that was empty all morning does not take the next ten calls
 *    when its first ticket arrives. Counts can therefore be fractional.
 * 6. Within a class and zone: FIFO by `queuedAt`, ties by ticket number (A9 before A10), then id.
 *
 * Every call updates the state: the priority streak (reset by a normal call, +1 by a priority call)
 * and the zone's call count (also for targeted and front calls: they used the window's time).
 */
import type { PriorityClass } from './ticket';

export interface WaitingTicket {
  id: string;
  number: string;
  zoneCode: string;
  matterCode: string | null;
  priority: PriorityClass;
  /** When it entered the current queue position (issue time, or transfer/reactivate time). */
  queuedAt: string;
  /** Transferred or reactivated "to the front": goes ahead of every ticket of its class that is not also in front. */
  front: boolean;
  /** Transferred/reassigned to one window: only that window may call it, and it comes first there. */
  windowCode: string | null;
}

export interface WindowService {
  windowCode: string;
  zones: Array<{ zoneCode: string; weight: number }>;
  /** If set, only these matters (tickets with matterCode null still match the zone). */
  matterCodes?: string[];
}

export interface QueuePolicy {
  classWeights: Record<PriorityClass, number>;
  /** After this many priority (green/appointment) calls in a row, one normal call if any normal waits. */
  interleaveAfter: number;
}

export interface WindowCallState {
  priorityStreak: number;
  /** served count per zone, for zone weights */
  zoneCalls: Record<string, number>;
}

export const defaultQueuePolicy: QueuePolicy = Object.freeze({
  classWeights: Object.freeze({ green: 3, appointment: 2, normal: 1 }),
  interleaveAfter: 3,
});

export const emptyWindowCallState: WindowCallState = Object.freeze({
  priorityStreak: 0,
  zoneCalls: Object.freeze({}) as Record<string, number>,
});

const classTieOrder: PriorityClass[] = ['green', 'appointment', 'normal'];

export function isPriorityClass(c: PriorityClass): boolean {
  return c !== 'normal';
}

/** The classes from first to last under this policy. */
export function classRanking(policy: QueuePolicy): PriorityClass[] {
  return [...classTieOrder].sort(
    (a, b) => policy.classWeights[b] - policy.classWeights[a] || classTieOrder.indexOf(a) - classTieOrder.indexOf(b),
  );
}

/** Rule 1: whether this window may call this ticket at all. */
export function windowMayServe(window: WindowService, ticket: WaitingTicket): boolean {
  if (ticket.windowCode !== null) return ticket.windowCode === window.windowCode;
  if (!window.zones.some((z) => z.zoneCode === ticket.zoneCode)) return false;
  if (window.matterCodes && ticket.matterCode !== null && !window.matterCodes.includes(ticket.matterCode)) return false;
  return true;
}

/** "A9" before "A10": prefix, then the serial as a number. */
export function compareTicketNumbers(a: string, b: string): number {
  const ma = /^(\D*)(\d+)$/.exec(a);
  const mb = /^(\D*)(\d+)$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) {
    const d = Number(ma[2]) - Number(mb[2]);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function queuedMs(t: WaitingTicket): number {
  const ms = Date.parse(t.queuedAt);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** Rule 6 (FIFO), the last word in every ordering. */
function fifo(a: WaitingTicket, b: WaitingTicket): number {
  return queuedMs(a) - queuedMs(b) || compareTicketNumbers(a.number, b.number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function first(tickets: WaitingTicket[], order: (a: WaitingTicket, b: WaitingTicket) => number): WaitingTicket {
  let best = tickets[0] as WaitingTicket;
  for (const t of tickets) if (order(t, best) < 0) best = t;
  return best;
}

function zoneWeight(window: WindowService, zoneCode: string): number {
  return window.zones.find((z) => z.zoneCode === zoneCode)?.weight ?? 0;
}

function zoneRatio(window: WindowService, state: WindowCallState, zoneCode: string): number {
  const w = zoneWeight(window, zoneCode);
  if (!(w > 0)) return Number.POSITIVE_INFINITY;
  return (state.zoneCalls[zoneCode] ?? 0) / w;
}

function chooseClass(eligible: WaitingTicket[], policy: QueuePolicy, state: WindowCallState): PriorityClass {
  const present = new Set(eligible.map((t) => t.priority));
  const interleaveAfter = Math.max(1, policy.interleaveAfter);
  if (present.has('normal') && state.priorityStreak >= interleaveAfter) return 'normal';
  return classRanking(policy).find((c) => present.has(c)) as PriorityClass;
}

function chooseZone(ofClass: WaitingTicket[], window: WindowService, state: WindowCallState): string {
  const heads = new Map<string, WaitingTicket>();
  for (const t of ofClass) {
    const h = heads.get(t.zoneCode);
    if (!h || fifo(t, h) < 0) heads.set(t.zoneCode, t);
  }
  const zoneOrder = (z: string) => {
    const i = window.zones.findIndex((x) => x.zoneCode === z);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const zones = [...heads.keys()].sort((a, b) => {
    const ra = zoneRatio(window, state, a);
    const rb = zoneRatio(window, state, b);
    if (ra !== rb) return ra < rb ? -1 : 1;
    return fifo(heads.get(a) as WaitingTicket, heads.get(b) as WaitingTicket) || zoneOrder(a) - zoneOrder(b);
  });
  return zones[0] as string;
}

function nextState(state: WindowCallState, ticket: WaitingTicket, eligible: WaitingTicket[], window: WindowService): WindowCallState {
  const zoneCalls = { ...state.zoneCalls };
  const servedRatio = zoneRatio(window, state, ticket.zoneCode);
  if (Number.isFinite(servedRatio)) {
    const busy = new Set(eligible.map((t) => t.zoneCode));
    for (const z of window.zones) {
      if (busy.has(z.zoneCode) || !(z.weight > 0)) continue;
      if (zoneRatio(window, state, z.zoneCode) < servedRatio) zoneCalls[z.zoneCode] = servedRatio * z.weight;
    }
  }
  zoneCalls[ticket.zoneCode] = (zoneCalls[ticket.zoneCode] ?? 0) + 1;
  return {
    priorityStreak: isPriorityClass(ticket.priority) ? state.priorityStreak + 1 : 0,
    zoneCalls,
  };
}

export function pickNextTicket(
  waiting: WaitingTicket[],
  window: WindowService,
  policy: QueuePolicy,
  state: WindowCallState,
): { ticket: WaitingTicket; state: WindowCallState } | null {
  const eligible = waiting.filter((t) => windowMayServe(window, t));
  if (eligible.length === 0) return null;

  const ranking = classRanking(policy);
  const targeted = eligible.filter((t) => t.windowCode === window.windowCode);
  let ticket: WaitingTicket;
  if (targeted.length > 0) {
    ticket = first(
      targeted,
      (a, b) => ranking.indexOf(a.priority) - ranking.indexOf(b.priority) || Number(b.front) - Number(a.front) || fifo(a, b),
    );
  } else {
    const cls = chooseClass(eligible, policy, state);
    const ofClass = eligible.filter((t) => t.priority === cls);
    const fronts = ofClass.filter((t) => t.front);
    if (fronts.length > 0) {
      ticket = first(fronts, fifo);
    } else {
      const zone = chooseZone(ofClass, window, state);
      ticket = first(
        ofClass.filter((t) => t.zoneCode === zone),
        fifo,
      );
    }
  }
  return { ticket, state: nextState(state, ticket, eligible, window) };
}

/**
 * The policy's choices in order, at most `limit`: the pick, then what the window would pick if
 * that ticket were gone (another window took it first), and so on, each with the state its call
 * leaves. The hall server hands these to one statement that takes the first still free
 * (queue/call-claim.ts), so a window that loses the head ticket to a neighbour calls its next
 * choice without reading the queue again.
 */
export function rankNextTickets(
  waiting: WaitingTicket[],
  window: WindowService,
  policy: QueuePolicy,
  state: WindowCallState,
  limit: number,
): Array<{ ticket: WaitingTicket; state: WindowCallState }> {
  const ranked: Array<{ ticket: WaitingTicket; state: WindowCallState }> = [];
  let rest = waiting;
  while (ranked.length < limit) {
    const pick = pickNextTicket(rest, window, policy, state);
    if (!pick) break;
    ranked.push(pick);
    rest = rest.filter((t) => t !== pick.ticket);
  }
  return ranked;
}

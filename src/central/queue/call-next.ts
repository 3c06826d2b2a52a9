import { inArray, sql } from 'drizzle-orm';
import type { CalledTicket } from '../../contract/api';
import { localDateInShanghai } from '../../domain/local-date';
import { emptyWindowCallState, pickNextTicket, type WaitingTicket, type WindowCallState } from '../../domain/queue-policy';
import { callWording, ledWording, type PriorityClass } from '../../domain/ticket';
import type { Actor } from '../audit/writer';
import type { WindowInfo } from '../catalog/repository';
import type { HallContext } from '../context';
import { tickets } from '../db/schema';
import { inWork, type Work } from '../db/work';
import { HallError } from '../http/errors';
import { findTicket, readTicketsFor, saveTicketChange, ticketView, type TicketRow } from './tickets';
import { lockWindowForCall, updateWindowState } from './window-state';

const CLASSES: PriorityClass[] = ['green', 'appointment', 'normal'];
/**
 * Rows locked per (zone, class) bucket. The policy only ever looks at the head of each bucket
 * (class, then front, then zone weights, then FIFO), so a few rows per bucket give it the same
 * choice as the whole queue; the spare rows cover ties the SQL order and the policy break differently.
 */
const PER_BUCKET = 3;

export function withCall(t: TicketRow): CalledTicket {
  const number = t.number;
  const window = t.windowCode ?? '';
  return { ...ticketView(t), call: { voice: callWording(number, window), led: ledWording(number, window) } };
}

function toWaiting(t: TicketRow): WaitingTicket {
  return {
    id: t.id,
    number: t.number,
    zoneCode: t.zoneCode,
    matterCode: t.matterCode,
    priority: t.priority,
    queuedAt: t.queuedAt.toISOString(),
    front: t.front,
    windowCode: t.windowCode,
  };
}

/**
 * Call the next ticket for a window, exactly once.
 *
 * Read the window's state (refusing while it is paused, or still holds a called/serving ticket —
 * WINDOW_BUSY: the clerk finishes it or marks it no-show first, so a ticket is never silently
 * dropped) and the heads of each eligible bucket, let the domain policy choose, and mark the chosen
 * one called.
 *
 * One transaction: lock the window's state row (one window's commands in series), then the bucket
 * heads with FOR UPDATE SKIP LOCKED (rows another window is deciding on are skipped, never waited
 * for and never taken twice). Not a guarded unit like the ticket commands (db/work.ts): every window
 * of a zone wants the same head ticket, and optimistic writers colliding on it queued behind each
 * other's commits — measured at a quarter of the locking version's throughput with 50 windows.
 * On PGlite everything runs one at a time, and the same SQL holds.
 */
export async function callNext(ctx: HallContext, actor: Actor, window: WindowInfo): Promise<CalledTicket | null> {
  if (window.kind === 'reception') {
    // The zones of a reception desk (导服台) are the zones it issues tickets for, not a queue it serves.
    throw new HallError('WINDOW_IS_RECEPTION', `${window.code} is a reception desk: it issues tickets, it does not call them`, { window: window.code });
  }
  // Audited at the window called for, also when a supervisor calls on a clerk's behalf.
  return inWork(ctx, { ...actor, windowCode: window.code }, async (w) => {
    const day = localDateInShanghai(w.at);
    const { state, heldId } = await lockWindowForCall(w, window.code, day);
    if (state.paused) {
      throw new HallError('WINDOW_PAUSED', `window ${window.code} is paused (${state.pauseReason ?? ''}); resume it first`, {
        window: window.code,
        pauseReason: state.pauseReason,
      });
    }
    const held = heldId ? await findTicket(w.tx, heldId) : null;
    if (held) {
      throw new HallError('WINDOW_BUSY', `window ${window.code} still holds ticket ${held.number} (${held.status}); finish it or mark it no-show first`, {
        window: window.code,
        current: ticketView(held),
      });
    }
    const candidates = await lockCandidates(w, window, day);
    const callState: WindowCallState =
      state.callStateDay === day && state.callState ? (state.callState as unknown as WindowCallState) : emptyWindowCallState;
    const pick = pickNextTicket(candidates.map(toWaiting), { windowCode: window.code, zones: window.zones }, ctx.config.queuePolicy, callState);
    if (!pick) return null;

    const before = candidates.find((c) => c.id === pick.ticket.id)!;
    const after: TicketRow = {
      ...before,
      status: 'called',
      windowCode: window.code,
      front: false,
      recallCount: 0,
      calledAt: w.at,
      updatedAt: w.at,
    };
    saveTicketChange(w, before, after, 'call', { targeted: before.windowCode !== null, front: before.front });
    updateWindowState(w, state, { callState: pick.state as unknown as Record<string, unknown>, callStateDay: day, updatedAt: w.at });
    return withCall(after);
  });
}

/**
 * One statement for every bucket: a LATERAL subquery per (zone, class) and per class of tickets
 * targeted at this window, each ordered and limited, each locking with SKIP LOCKED; the outer query
 * hands back the locked rows whole.
 */
async function lockCandidates(w: Work, window: WindowInfo, day: string): Promise<TicketRow[]> {
  const buckets = [
    ...CLASSES.map((p) => sql`(${''}::text, ${p}::text, true)`),
    ...window.zones.flatMap((z) => CLASSES.map((p) => sql`(${z.zoneCode}::text, ${p}::text, false)`)),
  ];
  const heads = sql`(
    select t.id from (values ${sql.join(buckets, sql`, `)}) as b(zone, priority, targeted)
    cross join lateral (
      select id from tickets
      where day = ${day} and status = 'waiting' and priority = b.priority
        and (case when b.targeted then window_code = ${window.code} else window_code is null and zone_code = b.zone end)
      order by front desc, queued_at, serial, id
      limit ${PER_BUCKET}
      ${w.locking ? sql`for update skip locked` : sql``}
    ) t)`;
  return readTicketsFor(w, inArray(tickets.id, heads));
}

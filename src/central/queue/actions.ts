import type { CalledTicket } from '../../contract/api';
import type { ReassignRequest, Ticket, TransferRequest } from '../../contract/queue';
import { localDateInShanghai } from '../../domain/local-date';
import { canReactivate, recallOutcome, ticketTransition, type TicketAction } from '../../domain/ticket';
import type { Actor } from '../audit/writer';
import type { Permit, Target as PolicyTarget } from '../auth/policy';
import { findMatter, findWindow, zoneExists } from '../catalog/repository';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { inGuardedWork, type Work } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { withCall } from './call-next';
import { lockTicket, saveTicketChange, ticketView, type TicketRow } from './tickets';

/**
 * What a ticket command touches, for the policy (auth/policy.ts): the window that holds the ticket
 * (or that it waits for) and the zones of the ticket and of that window. A clerk acts on tickets at
 * its own window; a supervisor on those of its zones; an administrator on any.
 */
export async function ticketTarget(db: HallQueryable, t: TicketRow): Promise<PolicyTarget> {
  const at = t.windowCode ? await findWindow(db, t.windowCode) : null;
  return { windowCode: t.windowCode, zoneCodes: [t.zoneCode, ...(at?.zoneCodes ?? [])] };
}

function transition(t: TicketRow, action: TicketAction) {
  const r = ticketTransition(t.status, action);
  if (!r.ok) {
    throw new HallError('TICKET_ILLEGAL_TRANSITION', `ticket ${t.number} is ${t.status}: it cannot ${action}`, {
      status: t.status,
      action,
      ticket: ticketView(t),
    });
  }
  return r.value;
}

/**
 * The shape of every ticket command: read the row, check access and the transition on it, and write
 * the change — as a guarded unit whose write only lands if the row is still as read (so nobody can
 * act in between), falling back to a transaction that locks the row (db/work.ts).
 */
async function act<T>(ctx: HallContext, permit: Permit, actor: Actor, id: string, fn: (w: Work, t: TicketRow) => Promise<T>): Promise<T> {
  return inGuardedWork(ctx, actor, async (w) => {
    const t = await lockTicket(w, id);
    permit.require(await ticketTarget(w.tx, t));
    return fn(w, t);
  });
}

export function recallTicket(ctx: HallContext, permit: Permit, actor: Actor, id: string): Promise<CalledTicket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const status = transition(t, 'recall');
    if (recallOutcome(t.recallCount, ctx.config.recall) === 'no-show') {
      // The recalls are used up: the ticket turns no-show by itself (the answer says so by its
      // status), the same change a clerk's 过号 makes, noted as automatic in the record.
      const missed: TicketRow = { ...t, status: transition(t, 'no-show'), noShowAt: w.at, updatedAt: w.at };
      saveTicketChange(w, t, missed, 'no-show', { auto: true, recallCount: t.recallCount });
      return withCall(missed);
    }
    const after: TicketRow = { ...t, status, recallCount: t.recallCount + 1, updatedAt: w.at };
    saveTicketChange(w, t, after, 'recall', { recallCount: after.recallCount });
    return withCall(after);
  });
}

export function markNoShow(ctx: HallContext, permit: Permit, actor: Actor, id: string): Promise<Ticket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const status = transition(t, 'no-show');
    // The window stays on the ticket: it is where the applicant was called, and who may reactivate it.
    const after: TicketRow = { ...t, status, noShowAt: w.at, updatedAt: w.at };
    saveTicketChange(w, t, after, 'no-show');
    return ticketView(after);
  });
}

export function reactivateTicket(ctx: HallContext, permit: Permit, actor: Actor, id: string, position?: 'front' | 'back'): Promise<Ticket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const status = transition(t, 'reactivate');
    requireToday(t, w);
    unwrap(canReactivate(t.noShowAt ?? t.updatedAt, w.at, ctx.config.recall));
    const where = position ?? ctx.config.recall.reactivatePosition;
    const after: TicketRow = {
      ...t,
      status,
      windowCode: null,
      front: where === 'front',
      queuedAt: w.at,
      recallCount: 0,
      calledAt: null,
      noShowAt: null,
      updatedAt: w.at,
    };
    saveTicketChange(w, t, after, 'reactivate', { position: where });
    return ticketView(after);
  });
}

export function startTicket(ctx: HallContext, permit: Permit, actor: Actor, id: string): Promise<Ticket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const after: TicketRow = { ...t, status: transition(t, 'start'), startedAt: w.at, updatedAt: w.at };
    saveTicketChange(w, t, after, 'start');
    return ticketView(after);
  });
}

export function finishTicket(ctx: HallContext, permit: Permit, actor: Actor, id: string): Promise<Ticket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const after: TicketRow = { ...t, status: transition(t, 'finish'), finishedAt: w.at, updatedAt: w.at };
    saveTicketChange(w, t, after, 'finish');
    return ticketView(after);
  });
}

export function cancelTicket(ctx: HallContext, permit: Permit, actor: Actor, id: string, reason?: string): Promise<Ticket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const after: TicketRow = { ...t, status: transition(t, 'cancel'), updatedAt: w.at };
    saveTicketChange(w, t, after, 'cancel', reason ? { reason } : undefined);
    return ticketView(after);
  });
}

function requireToday(t: TicketRow, w: Work): void {
  const today = localDateInShanghai(w.at);
  if (t.day !== today) {
    throw new HallError('TICKET_NOT_TODAY', `ticket ${t.number} belongs to ${t.day}; the queue restarts every day`, { day: t.day, today });
  }
}

interface Target {
  zoneCode: string;
  matterCode: string | null;
  windowCode: string | null;
}

/** Resolve and check where a ticket goes: the zone, matter and window must exist and agree. */
async function resolveTarget(db: HallQueryable, t: TicketRow, req: { zoneCode?: string; matterCode?: string; windowCode?: string }): Promise<Target> {
  let zoneCode = req.zoneCode ?? null;
  let matterCode = t.matterCode;
  if (zoneCode && !(await zoneExists(db, zoneCode))) throw new HallError('ZONE_UNKNOWN', `the hall has no zone ${zoneCode}`, { zoneCode });
  if (req.matterCode) {
    const m = await findMatter(db, req.matterCode);
    if (!m) throw new HallError('MATTER_UNKNOWN', `the catalogue has no matter ${req.matterCode}`, { matterCode: req.matterCode });
    if (zoneCode && zoneCode !== m.zoneCode) {
      throw new HallError('MATTER_NOT_IN_ZONE', `matter ${m.code} is handled in zone ${m.zoneCode}, not ${zoneCode}`, { matterCode: m.code, zoneCode: m.zoneCode });
    }
    zoneCode = m.zoneCode;
    matterCode = m.code;
  } else if (zoneCode && zoneCode !== t.zoneCode) {
    // A matter belongs to its zone; a ticket sent to another zone no longer names it.
    matterCode = null;
  }
  let windowCode: string | null = null;
  if (req.windowCode) {
    const win = await findWindow(db, req.windowCode);
    if (!win) throw new HallError('WINDOW_UNKNOWN', `the hall has no window ${req.windowCode}`, { windowCode: req.windowCode });
    windowCode = win.code;
  }
  return { zoneCode: zoneCode ?? t.zoneCode, matterCode, windowCode };
}

/**
 * 转移: the applicant is sent elsewhere and waits there under the same number, at the front of its
 * class or at the back. A clerk transfers the applicant in front of it; a supervisor any ticket.
 */
export function transferTicket(ctx: HallContext, permit: Permit, actor: Actor, id: string, req: TransferRequest): Promise<Ticket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const status = transition(t, 'transfer');
    requireToday(t, w);
    const target = await resolveTarget(w.tx, t, req);
    const after: TicketRow = {
      ...t,
      status,
      zoneCode: target.zoneCode,
      matterCode: target.matterCode,
      windowCode: target.windowCode,
      front: req.position === 'front',
      queuedAt: w.at,
      recallCount: 0,
      calledAt: null,
      startedAt: null,
      updatedAt: w.at,
    };
    saveTicketChange(w, t, after, 'transfer', {
      from: { zoneCode: t.zoneCode, matterCode: t.matterCode, windowCode: t.windowCode },
      to: target,
      position: req.position,
    });
    return ticketView(after);
  });
}

/**
 * 改派: a supervisor moves a ticket that still waits to one window or to another zone. It keeps
 * its place in time (queuedAt): being moved is not the applicant's fault.
 */
export function reassignTicket(ctx: HallContext, permit: Permit, actor: Actor, id: string, req: ReassignRequest): Promise<Ticket> {
  return act(ctx, permit, actor, id, async (w, t) => {
    const status = transition(t, 'reassign');
    requireToday(t, w);
    const target = await resolveTarget(w.tx, t, req);
    // Where it goes must be in scope too: a supervisor moves tickets between its own zones only.
    const targetZones = target.windowCode ? ((await findWindow(w.tx, target.windowCode))?.zoneCodes ?? []) : [target.zoneCode];
    permit.require({ windowCode: target.windowCode, zoneCodes: targetZones });
    const after: TicketRow = {
      ...t,
      status,
      zoneCode: target.windowCode ? t.zoneCode : target.zoneCode,
      matterCode: target.windowCode ? t.matterCode : target.matterCode,
      windowCode: target.windowCode,
      updatedAt: w.at,
    };
    saveTicketChange(w, t, after, 'reassign', { from: { zoneCode: t.zoneCode, windowCode: t.windowCode }, to: target });
    return ticketView(after);
  });
}

import { centralApi } from '../../contract/api';
import { localDateInShanghai } from '../../domain/local-date';
import type { Permit } from '../auth/policy';
import type { WindowInfo } from '../catalog/repository';
import type { HallContext } from '../context';
import { actorOf } from '../db/work';
import { HallError } from '../http/errors';
import { publicBaseUrlOf } from '../public/address';
import { created, hallModule, noContent, route } from '../http/route';
import { cancelTicket, finishTicket, markNoShow, reactivateTicket, reassignTicket, recallTicket, startTicket, ticketTarget, transferTicket } from './actions';
import { callNext } from './call-next';
import { readHallView, readWindowView } from './hall-view';
import { issueTicket } from './issue';
import { pauseWindow, readWindowPauses, resumeWindow } from './pause';
import { listTickets, requireTicket, ticketView, type TicketScope } from './tickets';

const TAG = 'queue';

/** The window a command names, in the caller's scope (its own window; a window of its zones). */
async function windowFor(ctx: HallContext, permit: Permit, code: string): Promise<WindowInfo> {
  const window = await ctx.windows.find(ctx.db.drizzle, code);
  if (!window) throw new HallError('WINDOW_NOT_FOUND', `the hall has no window ${code}`, { window: code });
  permit.require({ windowCode: window.code, zoneCodes: window.zoneCodes });
  return window;
}

/** The zones a list may show: the caller's (null: all), or ZONE_FORBIDDEN for a zone asked for outside them. */
function zonesInScope(permit: Permit, asked: string | undefined): string[] | null {
  const f = permit.filter();
  if (asked !== undefined) {
    permit.require({ zoneCodes: [asked] });
    return [asked];
  }
  return f.kind === 'all' ? null : f.kind === 'zones' ? [...f.zoneCodes] : [];
}

/**
 * The tickets a list may show: those of the caller's zones, and those held by or sent to the
 * caller's own window whatever their zone (a supervisor may reassign another zone's applicant to it).
 */
function ticketsInScope(permit: Permit, asked: string | undefined): TicketScope {
  return { zoneCodes: zonesInScope(permit, asked), windowCode: asked === undefined ? permit.principal.windowCode : null };
}

export const queueModule = hallModule('queue', () => [
  route(centralApi.issueTicket, TAG, async ({ ctx, auth, permit, body, request }) => {
    const out = await issueTicket(ctx, actorOf(auth, request), body, permit);
    const t = out.ticket.positionToken ? { ...out.ticket, positionUrl: `${publicBaseUrlOf(ctx, request)}/q/${out.ticket.positionToken}` } : out.ticket;
    return out.replay ? t : created(t);
  }),
  route(centralApi.listTickets, TAG, async ({ ctx, permit, query }) => {
    const day = query.day ?? localDateInShanghai(ctx.now());
    const rows = await listTickets(ctx.db.drizzle, { ...query, day, scope: ticketsInScope(permit, query.zoneCode) });
    return { day, tickets: rows.map(ticketView) };
  }),
  route(centralApi.getTicket, TAG, async ({ ctx, permit, params }) => {
    const t = await requireTicket(ctx.db.drizzle, params.id);
    permit.require(await ticketTarget(ctx.db.drizzle, t), () => new HallError('TICKET_NOT_FOUND', `no ticket ${params.id}`, { id: params.id }));
    return ticketView(t);
  }),
  route(centralApi.recall, TAG, async ({ ctx, auth, permit, params, request }) => recallTicket(ctx, permit, actorOf(auth, request), params.id)),
  route(centralApi.noShow, TAG, async ({ ctx, auth, permit, params, request }) => markNoShow(ctx, permit, actorOf(auth, request), params.id)),
  route(centralApi.reactivate, TAG, async ({ ctx, auth, permit, params, body, request }) =>
    reactivateTicket(ctx, permit, actorOf(auth, request), params.id, body.position),
  ),
  route(centralApi.start, TAG, async ({ ctx, auth, permit, params, request }) => startTicket(ctx, permit, actorOf(auth, request), params.id)),
  route(centralApi.finish, TAG, async ({ ctx, auth, permit, params, request }) => finishTicket(ctx, permit, actorOf(auth, request), params.id)),
  route(centralApi.transfer, TAG, async ({ ctx, auth, permit, params, body, request }) => transferTicket(ctx, permit, actorOf(auth, request), params.id, body)),
  route(centralApi.reassign, TAG, async ({ ctx, auth, permit, params, body, request }) => reassignTicket(ctx, permit, actorOf(auth, request), params.id, body)),
  route(centralApi.cancel, TAG, async ({ ctx, auth, permit, params, body, request }) => cancelTicket(ctx, permit, actorOf(auth, request), params.id, body.reason)),
  route(centralApi.callNext, TAG, async ({ ctx, auth, permit, params, request }) => {
    const window = await windowFor(ctx, permit, params.code);
    const called = await callNext(ctx, actorOf(auth, request), window);
    return called ?? noContent();
  }),
  route(centralApi.pauseWindow, TAG, async ({ ctx, auth, permit, params, body, request }) =>
    pauseWindow(ctx, actorOf(auth, request), await windowFor(ctx, permit, params.code), body.reason),
  ),
  route(centralApi.resumeWindow, TAG, async ({ ctx, auth, permit, params, request }) =>
    resumeWindow(ctx, actorOf(auth, request), await windowFor(ctx, permit, params.code)),
  ),
  route(centralApi.getWindow, TAG, async ({ ctx, permit, params }) => readWindowView(ctx.db.drizzle, await windowFor(ctx, permit, params.code), ctx.now())),
  route(centralApi.windowPauses, TAG, async ({ ctx, permit, params, query }) => {
    const window = await windowFor(ctx, permit, params.code);
    const day = query.day ?? localDateInShanghai(ctx.now());
    return { day, pauses: await readWindowPauses(ctx.db.drizzle, window.code, day, ctx.now()) };
  }),
  route(centralApi.hall, TAG, async ({ ctx, permit }) => readHallView(ctx.db.drizzle, ctx.now(), zonesInScope(permit, undefined))),
]);

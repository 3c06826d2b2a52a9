import { centralApi } from '../../contract/api';
import { localDateInShanghai } from '../../domain/local-date';
import { requireWindowAccess, type StaffAuth } from '../auth/guard';
import type { WindowInfo } from '../catalog/repository';
import type { HallContext } from '../context';
import { actorOf } from '../db/work';
import { HallError } from '../http/errors';
import { created, hallModule, noContent, route } from '../http/route';
import { cancelTicket, finishTicket, markNoShow, reactivateTicket, reassignTicket, recallTicket, startTicket, transferTicket } from './actions';
import { callNext } from './call-next';
import { readHallView, readWindowView } from './hall-view';
import { issueTicket } from './issue';
import { pauseWindow, resumeWindow } from './pause';
import { listTickets, requireTicket, ticketView } from './tickets';

const TAG = 'queue';

async function windowFor(ctx: HallContext, auth: StaffAuth, code: string): Promise<WindowInfo> {
  const window = await ctx.windows.find(ctx.db.drizzle, code);
  if (!window) throw new HallError('WINDOW_NOT_FOUND', `the hall has no window ${code}`, { window: code });
  requireWindowAccess(auth, window);
  return window;
}

export const queueModule = hallModule('queue', () => [
  route(centralApi.issueTicket, TAG, async ({ ctx, auth, body, request }) => {
    const out = await issueTicket(ctx, actorOf(auth, request), body);
    return out.replay ? out.ticket : created(out.ticket);
  }),
  route(centralApi.listTickets, TAG, async ({ ctx, query }) => {
    const day = query.day ?? localDateInShanghai(ctx.now());
    const rows = await listTickets(ctx.db.drizzle, { ...query, day });
    return { day, tickets: rows.map(ticketView) };
  }),
  route(centralApi.getTicket, TAG, async ({ ctx, params }) => ticketView(await requireTicket(ctx.db.drizzle, params.id))),
  route(centralApi.recall, TAG, async ({ ctx, auth, params, request }) => recallTicket(ctx, auth, actorOf(auth, request), params.id)),
  route(centralApi.noShow, TAG, async ({ ctx, auth, params, request }) => markNoShow(ctx, auth, actorOf(auth, request), params.id)),
  route(centralApi.reactivate, TAG, async ({ ctx, auth, params, body, request }) =>
    reactivateTicket(ctx, auth, actorOf(auth, request), params.id, body.position),
  ),
  route(centralApi.start, TAG, async ({ ctx, auth, params, request }) => startTicket(ctx, auth, actorOf(auth, request), params.id)),
  route(centralApi.finish, TAG, async ({ ctx, auth, params, request }) => finishTicket(ctx, auth, actorOf(auth, request), params.id)),
  route(centralApi.transfer, TAG, async ({ ctx, auth, params, body, request }) => transferTicket(ctx, auth, actorOf(auth, request), params.id, body)),
  route(centralApi.reassign, TAG, async ({ ctx, auth, params, body, request }) => reassignTicket(ctx, auth, actorOf(auth, request), params.id, body)),
  route(centralApi.cancel, TAG, async ({ ctx, auth, params, body, request }) => cancelTicket(ctx, auth, actorOf(auth, request), params.id, body.reason)),
  route(centralApi.callNext, TAG, async ({ ctx, auth, params, request }) => {
    const window = await windowFor(ctx, auth, params.code);
    const called = await callNext(ctx, actorOf(auth, request), window);
    return called ?? noContent();
  }),
  route(centralApi.pauseWindow, TAG, async ({ ctx, auth, params, body, request }) =>
    pauseWindow(ctx, actorOf(auth, request), await windowFor(ctx, auth, params.code), body.reason),
  ),
  route(centralApi.resumeWindow, TAG, async ({ ctx, auth, params, request }) =>
    resumeWindow(ctx, actorOf(auth, request), await windowFor(ctx, auth, params.code)),
  ),
  route(centralApi.getWindow, TAG, async ({ ctx, auth, params }) => readWindowView(ctx.db.drizzle, await windowFor(ctx, auth, params.code), ctx.now())),
  route(centralApi.hall, TAG, async ({ ctx }) => readHallView(ctx.db.drizzle, ctx.now())),
]);

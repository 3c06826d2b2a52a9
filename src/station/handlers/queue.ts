import type { IssuedTicket, Ticket, WindowView } from '../../contract/queue';
import type { PrintJob, QueueView, StationHandlers } from '../../contract/station-api';
import { checkGreenChannel } from '../../domain/green-channel';
import { ticketSlip } from '../../domain/notices';
import { DomainFailure } from '../../domain/result';
import type { StationContext } from '../context';
import { HALL_UNREACHABLE_MESSAGE } from '../errors';
import { HallCallError, isUnreachable } from '../hall-client';
import { printNew } from './printing';
import { waitingLine } from '../queue-view';

/** The call words travel with a called ticket; the station's contract carries the ticket alone. */
const ticketOnly = (t: Ticket & { call?: unknown }): Ticket => {
  const { call: _call, ...ticket } = t;
  return ticket;
};

/**
 * Queue commands are online calls: the hall server is the only place that decides who is next.
 * Offline, each refuses with HALL_UNREACHABLE (and a message that says what still works); the
 * queue view shows the last known state, marked not live.
 */
export function queueHandlers(ctx: StationContext): Pick<
  StationHandlers,
  | 'queue.view'
  | 'queue.callNext'
  | 'queue.recall'
  | 'queue.noShow'
  | 'queue.reactivate'
  | 'queue.start'
  | 'queue.finish'
  | 'queue.transfer'
  | 'queue.pause'
  | 'queue.resume'
  | 'queue.reassign'
  | 'queue.hall'
  | 'queue.issue'
  | 'queue.recentIssued'
> {
  const recentIssued = recentIssuedAt(ctx);

  /**
   * Runs an online call; a lost hall becomes the plain HALL_UNREACHABLE the clerk reads. A command
   * (reason given) pokes the UI and sync; a read (reason null) changes nothing, so it pokes nobody —
   * otherwise every screen that refetches on a poke would fetch itself in a loop.
   */
  async function online<T>(reason: string | null, fn: () => Promise<T>): Promise<T> {
    ctx.session.requireOnline();
    try {
      const out = await fn();
      if (reason !== null) {
        ctx.emit({ type: 'queue', reason });
        void ctx.sync.trigger('queue');
      }
      return out;
    } catch (e) {
      if (isUnreachable(e)) {
        void ctx.sync.trigger('queue');
        throw new HallCallError('HALL_UNREACHABLE', HALL_UNREACHABLE_MESSAGE, (e as HallCallError).status);
      }
      throw e;
    }
  }

  const hall = () => ctx.session.requireOnline();

  function view(window: WindowView | null, tickets: Ticket[], zoneCodes: string[], code: string | null, live: boolean): QueueView {
    const now = ctx.now();
    const waiting = waitingLine(tickets, code === null ? null : { code, zoneCodes });
    const oldest = waiting.reduce<number | null>((min, t) => {
      const q = Date.parse(t.queuedAt);
      return min === null || q < min ? q : min;
    }, null);
    return {
      window,
      waiting,
      counts: {
        normal: waiting.filter((t) => t.priority === 'normal').length,
        appointment: waiting.filter((t) => t.priority === 'appointment').length,
        green: waiting.filter((t) => t.priority === 'green').length,
        longestWaitSeconds: oldest === null ? 0 : Math.max(0, Math.floor((now.getTime() - oldest) / 1000)),
      },
      live,
      at: now.toISOString(),
    };
  }

  return {
    async 'queue.view'() {
      const session = ctx.session.require();
      const w = session.window;
      const zoneCodes = w?.zoneCodes ?? [];
      const code = w?.code ?? null;
      if (ctx.hall && !session.offline) {
        try {
          const [window, list] = await Promise.all([
            code ? ctx.hall.call('getWindow', { params: { code } }) : Promise.resolve(null),
            ctx.hall.call('listTickets', { query: { status: 'waiting' } }),
          ]);
          if (window) ctx.store.cache.setWindowView(window);
          return view(window, list.tickets, zoneCodes, code, true);
        } catch (e) {
          if (!isUnreachable(e)) throw e;
          void ctx.sync.trigger('queue');
        }
      }
      return view(code ? ctx.store.cache.windowView(code) : null, ctx.store.cache.ticketsOfDay(ctx.today(), ['waiting']), zoneCodes, code, false);
    },

    async 'queue.callNext'() {
      const { code } = ctx.session.requireWindow();
      return online('called', async () => {
        const t = await hall().call('callNext', { params: { code } });
        return t ? ticketOnly(t) : null;
      });
    },
    async 'queue.recall'({ ticketId }) {
      return online('recalled', async () => ticketOnly(await hall().call('recall', { params: { id: ticketId } })));
    },
    async 'queue.noShow'({ ticketId }) {
      return online('no-show', () => hall().call('noShow', { params: { id: ticketId } }));
    },
    async 'queue.reactivate'({ ticketId, position }) {
      return online('reactivated', () => hall().call('reactivate', { params: { id: ticketId }, body: position ? { position } : {} }));
    },
    async 'queue.start'({ ticketId }) {
      return online('started', () => hall().call('start', { params: { id: ticketId } }));
    },
    async 'queue.finish'({ ticketId }) {
      const done = await online('finished', () => hall().call('finish', { params: { id: ticketId } }));
      // The citizen rates the service on the pad, right after it (一次一评).
      ctx.pad.offer(done);
      return done;
    },
    async 'queue.transfer'({ ticketId, zoneCode, windowCode, matterCode, position }) {
      return online('transferred', () => hall().call('transfer', { params: { id: ticketId }, body: { zoneCode, windowCode, matterCode, position } }));
    },
    async 'queue.pause'({ reason, windowCode }) {
      const code = windowCode ?? ctx.session.requireWindow().code;
      return online('paused', () => hall().call('pauseWindow', { params: { code }, body: { reason } }));
    },
    async 'queue.resume'({ windowCode }) {
      const code = windowCode ?? ctx.session.requireWindow().code;
      return online('resumed', () => hall().call('resumeWindow', { params: { code } }));
    },
    async 'queue.reassign'({ ticketIds, windowCode, zoneCode }) {
      if (Boolean(windowCode) === Boolean(zoneCode)) throw new DomainFailure('REASSIGN_TARGET_INVALID', '请选择一个目标窗口或一个目标区域');
      return online('reassigned', async () => {
        const moved: Ticket[] = [];
        for (const id of ticketIds) moved.push(await hall().call('reassign', { params: { id }, body: windowCode ? { windowCode } : { zoneCode } }));
        return moved;
      });
    },
    async 'queue.hall'() {
      return online(null, () => hall().call('hall'));
    },
    async 'queue.issue'({ zoneCode, matterCode, priority, idNumber, greenReason }) {
      const green = checkGreenChannel(priority, idNumber, greenReason);
      if (!green.ok) throw new DomainFailure(green.error.code, green.error.message);
      const ticket = await online('issued', () => hall().call('issueTicket', { body: { zoneCode, matterCode, priority, idNumber, greenReason, requestId: ctx.store.newId() } }));
      rememberIssued(ctx, ticket);
      return { ticket, printJob: await printTicketSlip(ctx, ticket) };
    },
    async 'queue.recentIssued'() {
      return [...recentIssued];
    },
  };
}

/** The slip of a ticket just issued (at the reception desk, or by an appointment's check-in), with its QR. */
export async function printTicketSlip(ctx: StationContext, ticket: IssuedTicket): Promise<PrintJob | null> {
  const catalog = ctx.catalog.hasCatalog() ? ctx.catalog.catalog() : null;
  const slip = ticketSlip({
    hallName: catalog?.hall.name ?? ctx.session.require().hall.name,
    ticketId: ticket.id,
    ticketNo: ticket.number,
    zoneCode: ticket.zoneCode,
    zoneName: catalog?.zones.find((z) => z.code === ticket.zoneCode)?.name ?? '',
    priority: ticket.priority,
    peopleAhead: ticket.ahead,
    issuedAt: new Date(ticket.issuedAt),
    positionUrl: ticket.positionUrl,
  });
  // A ticket without its slip is still a ticket: the print result is reported, not thrown.
  return ctx.devices.settings.printer === 'none' ? null : printNew(ctx, slip, null, null);
}

/** The desk's last tickets (the reception screen's list): issued here, or by an appointment's check-in here. */
const recentByStation = new WeakMap<StationContext, IssuedTicket[]>();
function recentIssuedAt(ctx: StationContext): IssuedTicket[] {
  let list = recentByStation.get(ctx);
  if (!list) recentByStation.set(ctx, (list = []));
  return list;
}
export function rememberIssued(ctx: StationContext, ticket: IssuedTicket): void {
  const list = recentIssuedAt(ctx);
  list.unshift(ticket);
  list.splice(10);
}

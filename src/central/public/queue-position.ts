import { and, eq } from 'drizzle-orm';
import type { QueuePosition } from '../../contract/api-public';
import type { WaitingTicket } from '../../domain/queue-policy';
import { ticketsAhead } from '../../domain/queue-position';
import type { HallContext } from '../context';
import { tickets } from '../db/schema';
import { HallError } from '../http/errors';
import type { DisplayNames } from './display-data';

const waitingTicket = (r: typeof tickets.$inferSelect): WaitingTicket => ({
  id: r.id,
  number: r.number,
  zoneCode: r.zoneCode,
  matterCode: r.matterCode,
  priority: r.priority,
  queuedAt: r.queuedAt.toISOString(),
  front: r.front,
  windowCode: r.windowCode,
});

/** The ticket behind a slip's QR, or 404 TICKET_NOT_FOUND: a token that opens nothing tells nothing. */
export async function queuePosition(ctx: HallContext, names: DisplayNames, token: string): Promise<QueuePosition> {
  const db = ctx.db.drizzle;
  const [t] = token.length >= 22 ? await db.select().from(tickets).where(eq(tickets.positionToken, token)).limit(1) : [];
  if (!t) throw new HallError('TICKET_NOT_FOUND', 'no ticket has this slip code');
  let ahead = 0;
  if (t.status === 'waiting') {
    const waiting = await db.select().from(tickets).where(and(eq(tickets.day, t.day), eq(tickets.zoneCode, t.zoneCode), eq(tickets.status, 'waiting')));
    ahead = ticketsAhead(waiting.map(waitingTicket), waitingTicket(t), ctx.config.queuePolicy);
  }
  const atWindow = t.status === 'called' || t.status === 'serving' || t.status === 'finished';
  return {
    ticketNumber: t.number,
    zoneCode: t.zoneCode,
    zoneName: names.zoneName.get(t.zoneCode) ?? t.zoneCode,
    status: t.status as QueuePosition['status'],
    ahead,
    windowCode: atWindow ? t.windowCode : null,
    calledAt: t.calledAt ? t.calledAt.toISOString() : null,
    day: t.day,
  };
}

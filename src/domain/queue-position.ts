import { emptyWindowCallState, rankNextTickets, type QueuePolicy, type WaitingTicket } from './queue-policy';

/**
 * How many of its zone's waiting tickets the queue policy would call before `ticket` (the number on
 * the queue-position page the slip's QR opens): the order `rankNextTickets` gives a window serving
 * that zone alone, from a fresh call state. Windows aside: a ticket sent to one window waits for
 * that window, so it is left out, and the asking ticket is ranked as if free to go anywhere.
 */
export function ticketsAhead(waiting: readonly WaitingTicket[], ticket: WaitingTicket, policy: QueuePolicy): number {
  const own = { ...ticket, windowCode: null };
  const rivals = waiting.filter((t) => t.id !== ticket.id && t.zoneCode === ticket.zoneCode && t.windowCode === null);
  const all = [...rivals, own];
  const ranked = rankNextTickets(all, { windowCode: '', zones: [{ zoneCode: ticket.zoneCode, weight: 1 }] }, policy, emptyWindowCallState, all.length);
  const at = ranked.findIndex((r) => r.ticket.id === ticket.id);
  return at < 0 ? rivals.length : at;
}

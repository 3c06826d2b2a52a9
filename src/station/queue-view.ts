import type { Ticket } from '../contract/queue';

/**
 * The waiting line a PC shows. At a window: the tickets sent to that window, and the unassigned ones
 * of its zones (what its F1 may call). On a PC without a window (the supervisor's): every waiting
 * ticket the hall let it see, those already reassigned to a window included, so a ticket moved once
 * can be seen and moved again.
 */
export function waitingLine(tickets: Ticket[], window: { code: string; zoneCodes: string[] } | null): Ticket[] {
  const waiting = tickets.filter((t) => t.status === 'waiting');
  if (window === null) return waiting;
  return waiting.filter((t) => t.windowCode === window.code || (t.windowCode === null && window.zoneCodes.includes(t.zoneCode)));
}

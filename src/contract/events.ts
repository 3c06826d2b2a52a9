import { z } from 'zod';
import { changeEntitySchema } from './sync';

/**
 * What GET /api/v1/events (Server-Sent Events) sends. Every change-log row becomes one event:
 *
 *   id: <seq>
 *   data: {"seq":…,"type":"ticket.called","entity":"ticket","id":"…","op":"upsert","at":"…","data":{…}}
 *
 * No `event:` line, so `EventSource.onmessage` sees everything. A client reconnects with
 * `Last-Event-ID: <seq>` (or `?lastEventId=`) and gets every event after it, then live ones, with no
 * gap and no repeat. Lines starting with ':' are heartbeats. A station treats an event as a poke to
 * pull (sync), and updates its queue view at once from ticket and window events.
 */
export const hallEventTypes = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no-show',
  'ticket.reactivated',
  'ticket.transferred',
  'ticket.reassigned',
  'ticket.cancelled',
  'window.paused',
  'window.resumed',
  'window.signed-in',
  'window.signed-out',
  'catalog.changed',
  'calendar.changed',
  'staff.changed',
  'evaluation.recorded',
  'evaluation.follow-up',
  'evaluation.appeal',
  'appointment.booked',
  'appointment.cancelled',
  'appointment.checked-in',
  'appointment.missed',
] as const;
export type KnownHallEventType = (typeof hallEventTypes)[number];

/** Known types, plus `case.*` events written by the cases module. */
export const hallEventTypeSchema = z.union([z.enum(hallEventTypes), z.string().regex(/^case\.[a-z-]+$/)]);

export const hallEventSchema = z.object({
  seq: z.number().int().positive(),
  type: hallEventTypeSchema,
  entity: changeEntitySchema,
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  at: z.iso.datetime({ offset: true }),
  /** The entity as it now stands; null on delete, and for cases (a station pulls its own cases). */
  data: z.unknown(),
});
export type HallEvent = z.infer<typeof hallEventSchema>;

/** Parse one SSE `data:` line into an event (for station and screen clients). */
export function parseHallEvent(data: string): HallEvent | null {
  try {
    const r = hallEventSchema.safeParse(JSON.parse(data));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

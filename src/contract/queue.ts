import { z } from 'zod';
import { greenReasons } from '../domain/green-channel';
import { idSchema, instantSchema, matterCodeSchema, shortText, windowCodeSchema, zoneCodeSchema } from './primitives';

/**
 * The queue as it crosses processes: tickets, window states and the hall view. The hall server is
 * the only place that changes them; stations and screens read them (HTTP, SSE, sync pull).
 */

export const priorityClassSchema = z.enum(['normal', 'appointment', 'green']);
export const ticketStatusSchema = z.enum(['waiting', 'called', 'serving', 'finished', 'no-show', 'cancelled']);

export const ticketSchema = z.object({
  id: z.string(),
  /** Zone prefix + daily serial, e.g. A012; kept through transfers. */
  number: z.string(),
  zoneCode: z.string(),
  matterCode: z.string().nullable(),
  priority: priorityClassSchema,
  status: ticketStatusSchema,
  /** The window that called it, or the window it was transferred/reassigned to while waiting. */
  windowCode: z.string().nullable(),
  front: z.boolean(),
  recallCount: z.number().int(),
  /** Masked ID number (never the full value outside the case detail). */
  idNumberMasked: z.string().nullable(),
  issuedAt: instantSchema,
  queuedAt: instantSchema,
  calledAt: instantSchema.nullable(),
  startedAt: instantSchema.nullable(),
  finishedAt: instantSchema.nullable(),
  noShowAt: instantSchema.nullable(),
  /** The queue day (Asia/Shanghai) the serial belongs to. */
  day: z.string(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const issueTicketRequestSchema = z.object({
  zoneCode: zoneCodeSchema,
  matterCode: matterCodeSchema.optional(),
  priority: priorityClassSchema.default('normal'),
  idNumber: z.string().trim().max(24).optional(),
  /** Why a green-channel ticket jumps the line (kept with the ticket's issue event for the reports). */
  greenReason: z.enum(greenReasons).optional(),
  /** Makes issuing idempotent: a retried request gets the same ticket back. */
  requestId: idSchema,
});
export type IssueTicketRequest = z.infer<typeof issueTicketRequestSchema>;

export const issuedTicketSchema = ticketSchema.extend({
  /** People ahead of this ticket in its zone when it was issued. */
  ahead: z.number().int().min(0),
  /** Opens the queue-position page (22+ URL-safe random characters); null on tickets issued before it existed. */
  positionToken: z.string().nullable().default(null),
  /** `${PUBLIC_BASE_URL}/q/${positionToken}`: what the slip's QR carries. */
  positionUrl: z.string().nullable().default(null),
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

export const transferRequestSchema = z
  .object({
    zoneCode: zoneCodeSchema.optional(),
    windowCode: windowCodeSchema.optional(),
    matterCode: matterCodeSchema.optional(),
    position: z.enum(['front', 'back']).default('back'),
  })
  .refine((r) => Boolean(r.zoneCode || r.windowCode || r.matterCode), 'name a zone, a window or a matter to transfer to');
export type TransferRequest = z.infer<typeof transferRequestSchema>;

export const reassignRequestSchema = z
  .object({ windowCode: windowCodeSchema.optional(), zoneCode: zoneCodeSchema.optional() })
  .refine((r) => Boolean(r.windowCode) !== Boolean(r.zoneCode), 'name exactly one window or one zone');
export type ReassignRequest = z.infer<typeof reassignRequestSchema>;

export const reactivateRequestSchema = z.object({ position: z.enum(['front', 'back']).optional() });
export const pauseRequestSchema = z.object({ reason: shortText(100) });

/** One pause in a window's timeline: why, who paused it, when, and how long (so far, while open). */
export const windowPauseSchema = z.object({
  reason: z.string(),
  pausedBy: z.string().nullable(),
  pausedAt: z.string(),
  resumedAt: z.string().nullable(),
  seconds: z.number().int(),
});
export type WindowPause = z.infer<typeof windowPauseSchema>;
export const windowPausesSchema = z.object({ day: z.string(), pauses: z.array(windowPauseSchema) });

export const windowStateSchema = z.enum(['signed-out', 'idle', 'calling', 'serving', 'paused']);

export const windowViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['counter', 'reception']),
  zoneCodes: z.array(z.string()),
  state: windowStateSchema,
  pauseReason: z.string().nullable(),
  /** The open pause: since when and who paused it (a clerk, or a supervisor from the board). */
  pausedAt: z.string().nullish(),
  pausedBy: z.string().nullish(),
  staff: z.object({ id: z.string(), name: z.string(), username: z.string() }).nullable(),
  current: ticketSchema.nullable(),
  servedToday: z.number().int(),
});
export type WindowView = z.infer<typeof windowViewSchema>;

export const zoneViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  waiting: z.object({ normal: z.number().int(), appointment: z.number().int(), green: z.number().int(), total: z.number().int() }),
  longestWaitSeconds: z.number().int(),
  servedToday: z.number().int(),
  averageWaitSeconds: z.number().int(),
  averageServiceSeconds: z.number().int(),
});
export type ZoneView = z.infer<typeof zoneViewSchema>;

export const hallViewSchema = z.object({
  at: instantSchema,
  day: z.string(),
  windows: z.array(windowViewSchema),
  zones: z.array(zoneViewSchema),
  /** Average wait per hour of today (0..23, Asia/Shanghai), for the supervisor's chart. */
  waitByHour: z.array(z.object({ hour: z.number().int(), averageWaitSeconds: z.number().int(), issued: z.number().int() })),
});
export type HallView = z.infer<typeof hallViewSchema>;

import { z } from 'zod';
import { windowCodeSchema } from './primitives';
import type { Endpoint } from './api';
import { errorResponseSchema } from './api';

/**
 * The hall's public pages and feeds for citizens and hall screens (ARCHITECTURE "Citizen-facing
 * pages"): no sign-in, public fields only, rate-limited per address. Served under `/c/…` (the
 * receipt's QR), `/display` and `/q/…` by src/central/public.
 */

const endpoint = <const E extends Endpoint>(e: E): E => e;
const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

/**
 * Loose on purpose: a mistyped or altered address must answer the same 404 page as a wrong code,
 * never a 400 that tells which part was wrong.
 */
export const progressParamsSchema = z.object({ caseNo: z.string().max(200), code: z.string().max(200) });

/** `?zone=A,B`: the zones a screen shows; none: every zone. */
export const displayQuerySchema = z.object({
  zone: z
    .string()
    .regex(/^[A-Z](,[A-Z])*$/, 'zone codes like A or A,B')
    .optional(),
  lastEventId: z.coerce.number().int().min(0).optional(),
  /** `0`: leave the `window` events out of the stream (a hall display shows calls and counts only). */
  windowEvents: z.enum(['0', '1']).optional(),
});

/** One call as the hall's screens show and say it: never a name, an ID number or a staff id. */
export const displayCallSchema = z.object({
  ticketNumber: z.string(),
  windowCode: z.string(),
  windowName: z.string(),
  zoneCode: z.string(),
  zoneName: z.string(),
  calledAt: z.iso.datetime({ offset: true }),
  recall: z.boolean(),
  /** What the screen says: the hall's template filled in ("请A012号到A3窗口办理"). */
  voice: z.string(),
});
export type DisplayCall = z.infer<typeof displayCallSchema>;

export const displayZoneSchema = z.object({ code: z.string(), name: z.string(), waiting: z.number().int().min(0) });
export type DisplayZone = z.infer<typeof displayZoneSchema>;

export const displaySettingsSchema = z.object({
  voiceRepeat: z.number().int().min(0).max(5).default(2),
  recentCalls: z.number().int().min(1).max(20).default(8),
  template: z.string().trim().min(1).max(60).default('请{number}号到{window}窗口办理'),
});
export type DisplaySettings = z.infer<typeof displaySettingsSchema>;
export const displaySettingsPatchSchema = z
  .object({
    voiceRepeat: z.number().int().min(0).max(5),
    recentCalls: z.number().int().min(1).max(20),
    // The sentence must name the number and the window, or a citizen cannot tell whom it calls.
    template: z.string().trim().min(1).max(60).refine((t) => t.includes('{number}') && t.includes('{window}'), 'the template names {number} and {window}'),
  })
  .partial();

export const displayStateSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  day: z.string(),
  hallName: z.string(),
  voiceRepeat: z.number().int(),
  /** Newest first. */
  calls: z.array(displayCallSchema),
  zones: z.array(displayZoneSchema),
  /** The feed's position when this was read: a screen opens the feed from here (as Last-Event-ID). */
  seq: z.number().int().min(0),
});
export type DisplayState = z.infer<typeof displayStateSchema>;

/** A window event of the public feed: its state when that changed, or only its code when its ticket moved. */
export const displayWindowEventSchema = z.object({ code: z.string(), name: z.string(), state: z.enum(['open', 'paused', 'closed']).optional() });

/** A window as its own screen shows it: the clerk's name and 工号 are posted, as halls post them. */
export const windowScreenSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** `closed`: nobody is signed in there; the screen says 暂停服务 then, as while paused. */
  state: z.enum(['open', 'paused', 'closed']),
  current: z.object({ ticketNumber: z.string(), status: z.enum(['called', 'serving']) }).nullable(),
  staff: z.object({ name: z.string(), staffNo: z.string().nullable() }).nullable(),
  pauseReason: z.string().nullable(),
});
export type WindowScreen = z.infer<typeof windowScreenSchema>;
export const windowScreenParamsSchema = z.object({ code: windowCodeSchema });

/** The ticket behind a slip's QR, in public fields (CITIZEN.md C). */
export const queuePositionSchema = z.object({
  ticketNumber: z.string(),
  zoneCode: z.string(),
  zoneName: z.string(),
  status: z.enum(['waiting', 'called', 'serving', 'finished', 'no-show', 'cancelled']),
  /** Waiting tickets the queue would call first; 0 once called. */
  ahead: z.number().int().min(0),
  windowCode: z.string().nullable(),
  calledAt: z.iso.datetime({ offset: true }).nullable(),
  day: z.string(),
});
export type QueuePosition = z.infer<typeof queuePositionSchema>;
const positionParamsSchema = z.object({ token: z.string().max(100) });

export const publicApi = {
  caseProgressPage: endpoint({
    method: 'GET',
    path: '/c/:caseNo/:code',
    summary: "The citizen's progress page behind the receipt's QR (HTML): 404 for any other case number or code",
    params: progressParamsSchema,
    produces: 'text/html',
    responses: { 200: null, 404: null, ...err(429) },
  }),
  displayPage: endpoint({
    method: 'GET',
    path: '/display',
    summary: "The hall's call display (HTML, for a 1920×1080 screen): recent calls, waiting per zone, voice",
    query: z.object({ zone: z.string().max(60).optional() }),
    produces: 'text/html',
    responses: { 200: null, ...err(429) },
  }),
  display: endpoint({
    method: 'GET',
    path: '/api/v1/display',
    summary: 'What the call display shows now: recent calls (newest first) and waiting counts per zone; public fields only',
    query: displayQuerySchema,
    responses: { 200: displayStateSchema, ...err(400, 429) },
  }),
  displayEvents: endpoint({
    method: 'GET',
    path: '/api/v1/display/events',
    summary: 'SSE for the hall screens: `call`, `recall`, `window`, `zone` events with public fields only; resumable with Last-Event-ID',
    query: displayQuerySchema,
    produces: 'text/event-stream',
    responses: { 200: null, ...err(400, 429) },
  }),
  windowScreenPage: endpoint({
    method: 'GET',
    path: '/display/window/:code',
    summary: "A window's own screen (HTML): the number it serves, the clerk and 工号, 暂停服务 while paused or nobody is there",
    params: windowScreenParamsSchema,
    produces: 'text/html',
    responses: { 200: null, ...err(400, 404, 429) },
  }),
  windowScreen: endpoint({
    method: 'GET',
    path: '/api/v1/display/windows/:code',
    summary: "What a window's screen shows now (public)",
    params: windowScreenParamsSchema,
    responses: { 200: windowScreenSchema, ...err(400, 404, 429) },
  }),
  displaySettings: endpoint({
    method: 'GET',
    path: '/api/v1/display/settings',
    summary: 'How the call display speaks: repeats per call, calls shown, the sentence template',
    responses: { 200: displaySettingsSchema, ...err(429) },
  }),
  putDisplaySettings: endpoint({
    method: 'PUT',
    path: '/api/v1/display/settings',
    summary: 'Set how the call display speaks (administrator); fields left out keep their value',
    body: displaySettingsPatchSchema,
    responses: { 200: displaySettingsSchema, ...err(400, 401, 403) },
  }),
  displayVoice: endpoint({
    method: 'GET',
    path: '/api/v1/display/voice',
    summary: "One announcement said by the hall's voice pack (audio/wav), for displays without a local zh-CN voice",
    query: z.object({ text: z.string().min(1).max(60) }),
    produces: 'audio/wav',
    responses: { 200: null, ...err(400, 404, 429) },
  }),
  queuePositionPage: endpoint({
    method: 'GET',
    path: '/q/:token',
    summary: "The queue-position page behind the ticket slip's QR (HTML, for a phone): 前面还有 N 人, the window once called",
    params: positionParamsSchema,
    produces: 'text/html',
    responses: { 200: null, 404: null, ...err(429) },
  }),
  queuePosition: endpoint({
    method: 'GET',
    path: '/api/v1/q/:token',
    summary: 'Where the ticket of this slip stands in its queue (public)',
    params: positionParamsSchema,
    responses: { 200: queuePositionSchema, ...err(404, 429) },
  }),
} as const satisfies Record<string, Endpoint>;

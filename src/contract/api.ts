import { z } from 'zod';
import { calendarYearSchema, catalogSchema } from './catalog';
import { errorBodySchema, idSchema, instantSchema, localDateSchema, windowCodeSchema } from './primitives';
import {
  hallViewSchema,
  issueTicketRequestSchema,
  issuedTicketSchema,
  pauseRequestSchema,
  reactivateRequestSchema,
  reassignRequestSchema,
  ticketSchema,
  ticketStatusSchema,
  transferRequestSchema,
  windowViewSchema,
  windowPausesSchema,
} from './queue';

/**
 * The hall server's HTTP API under /api/v1: every route's method, path and the zod schemas of what
 * goes in and comes out. Who may call a route, and how far they reach, is the hall's policy table
 * (src/central/auth/policy.ts), keyed by method and path. The hall server registers its routes from these
 * declarations; a station's HTTP client can call them with full types. Errors are always
 * `{ error: { code, message, details? } }` (errorResponseSchema). The sync and case routes live
 * in sync.ts and case.ts and are declared here by the modules that serve them.
 */

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify style: `/api/v1/tickets/:id/recall`. */
  path: string;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status → schema of the JSON body (null: no body). */
  responses: Record<number, z.ZodType | null>;
  /** Content type of the success body when it is not JSON. */
  produces?: string;
}

const endpoint = <const E extends Endpoint>(e: E): E => e;

export const errorResponseSchema = z.object({ error: errorBodySchema });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// ---- shared pieces -------------------------------------------------------------------------------

/** Window codes as the catalogue allows them (A1, A12, R2, …). */
export const windowCodeParamSchema = windowCodeSchema;
export const staffRoleSchema = z.enum(['clerk', 'supervisor', 'approver', 'admin', 'portal']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  zoneCodes: z.array(z.string()),
  /** Departments an approver decides for. */
  departmentCodes: z.array(z.string()),
  homeWindowCode: z.string().nullable(),
  /** 工号: posted at the window and shown on its screen (CITIZEN.md B). */
  staffNo: z.string().nullable(),
  active: z.boolean(),
  /** Must choose a new password before anything else (a first administrator, a reset). */
  mustChangePassword: z.boolean(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

export const windowRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['counter', 'reception']),
  zoneCodes: z.array(z.string()),
});
export type WindowRef = z.infer<typeof windowRefSchema>;

/** 工号: up to 16 letters, digits or dashes. */
const staffNoSchema = z.string().trim().regex(/^[A-Za-z0-9-]{1,16}$/, 'up to 16 letters, digits or dashes');
const usernameSchema = z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (max 64)');
const passwordSchema = z.string().min(1).max(200);
/** The length only; the hall checks the rest of its rule (character classes, not the user name, not common). */
const newPasswordSchema = z.string().min(10, 'at least 10 characters').max(200);
const departmentCodesSchema = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,16}$/)).max(40);

/** The queue's words for a call: spoken and on the LED. */
export const callSchema = z.object({ voice: z.string(), led: z.string() });
export const calledTicketSchema = ticketSchema.extend({ call: callSchema });
export type CalledTicket = z.infer<typeof calledTicketSchema>;

// ---- auth and staff ----------------------------------------------------------------------------

export const loginRequestSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  /** The window this session works at; a clerk without one signs in at its home window. */
  windowCode: windowCodeParamSchema.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: instantSchema,
  staff: staffViewSchema,
  window: windowRefSchema.nullable(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ staff: staffViewSchema, window: windowRefSchema.nullable() });
export type MeResponse = z.infer<typeof meResponseSchema>;

export const changePasswordRequestSchema = z.object({ currentPassword: passwordSchema, newPassword: newPasswordSchema });

export const createStaffRequestSchema = z.object({
  username: usernameSchema,
  name: z.string().trim().min(1).max(40),
  role: staffRoleSchema,
  zoneCodes: z.array(z.string().regex(/^[A-Z]$/)).max(26).default([]),
  departmentCodes: departmentCodesSchema.default([]),
  homeWindowCode: windowCodeParamSchema.nullable().optional(),
  staffNo: staffNoSchema.nullable().optional(),
  password: newPasswordSchema,
});
export type CreateStaffRequest = z.infer<typeof createStaffRequestSchema>;

export const updateStaffRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    role: staffRoleSchema,
    zoneCodes: z.array(z.string().regex(/^[A-Z]$/)).max(26),
    departmentCodes: departmentCodesSchema,
    homeWindowCode: windowCodeParamSchema.nullable(),
    staffNo: staffNoSchema.nullable(),
    active: z.boolean(),
    password: newPasswordSchema,
  })
  .partial()
  .refine((r) => Object.keys(r).length > 0, 'change at least one field');
export type UpdateStaffRequest = z.infer<typeof updateStaffRequestSchema>;

export const staffListResponseSchema = z.object({ staff: z.array(staffViewSchema) });

// ---- stations and integration keys --------------------------------------------------------------

export const stationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - or _ (max 64)');
export const stationStatusSchema = z.enum(['pending', 'approved', 'revoked']);

/** A window PC as administrators see it (never its key, never its pairing code). */
export const stationViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  windowCode: z.string().nullable(),
  status: stationStatusSchema,
  address: z.string().nullable(),
  createdAt: instantSchema,
  decidedAt: instantSchema.nullable(),
  decidedBy: z.string().nullable(),
  lastSeenAt: instantSchema.nullable(),
});
export type StationView = z.infer<typeof stationViewSchema>;

export const registerStationRequestSchema = z.object({
  stationId: stationIdSchema,
  /** A secret the station made (base64url, 256 bits or more); it is sent later as X-Station-Key. */
  key: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/, 'a base64url secret of at least 256 bits'),
  label: z.string().trim().min(1).max(80),
  windowCode: windowCodeParamSchema.nullable().optional(),
});
/** What a station learns about itself (with its key): whether it may sync, and the code to show while it waits. */
export const stationSelfSchema = z.object({
  id: z.string(),
  status: stationStatusSchema,
  pairingCode: z.string().nullable(),
});
export type StationSelf = z.infer<typeof stationSelfSchema>;
export const approveStationRequestSchema = z.object({ pairingCode: z.string().regex(/^\d{6}$/, 'the six digits the station shows') });
export const stationListResponseSchema = z.object({ stations: z.array(stationViewSchema) });

export const createApiKeyRequestSchema = z.object({ label: z.string().trim().min(1).max(80) });
export const apiKeyViewSchema = z.object({ id: z.string(), label: z.string(), createdAt: instantSchema, revokedAt: instantSchema.nullable(), lastUsedAt: instantSchema.nullable() });
/** The key itself is shown once, in this answer; the hall keeps only its sha256. */
export const createdApiKeySchema = apiKeyViewSchema.extend({ key: z.string() });

// ---- catalogue and calendar --------------------------------------------------------------------

export const catalogImportRequestSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('json'), catalog: z.unknown() }),
  /** One CSV text per table (the foundation importer's file names: zones.csv, matters.csv, …). */
  z.object({ format: z.literal('csv'), files: z.record(z.string(), z.string()) }),
]);
export type CatalogImportRequest = z.infer<typeof catalogImportRequestSchema>;

const catalogCountsSchema = z.object({
  zones: z.number().int(),
  windows: z.number().int(),
  departments: z.number().int(),
  materials: z.number().int(),
  matters: z.number().int(),
  bundles: z.number().int(),
  sites: z.number().int(),
});
export const catalogImportResponseSchema = z.object({ imported: catalogCountsSchema, removed: catalogCountsSchema });
export type CatalogImportResponse = z.infer<typeof catalogImportResponseSchema>;

/**
 * A calendar year as an administrator may send it: the foundation schema plus bounds on its text
 * (a notice title, holiday names) and list sizes, so a pasted megabyte is a 400, not a stored row.
 */
export const calendarYearInputSchema = calendarYearSchema.superRefine((y, ctx) => {
  const tooLong = (path: Array<string | number>, s: string, max: number) => {
    if (s.length > max) ctx.addIssue({ code: 'custom', path, message: `at most ${max} characters` });
  };
  tooLong(['source'], y.source, 200);
  if (y.holidays.length > 60) ctx.addIssue({ code: 'custom', path: ['holidays'], message: 'at most 60 holiday ranges' });
  if (y.workdays.length > 60) ctx.addIssue({ code: 'custom', path: ['workdays'], message: 'at most 60 make-up days' });
  y.holidays.forEach((h, i) => tooLong(['holidays', i, 'name'], h.name, 40));
  y.workdays.forEach((d, i) => tooLong(['workdays', i, 'name'], d.name, 40));
});

export const yearParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const calendarYearStatusSchema = z.enum(['official', 'provisional']);

/** A year as the hall counts it: entered from the notice (official, revision 1..) or derived from the statute (provisional, revision 0). */
export const calendarYearViewSchema = calendarYearSchema.extend({
  status: calendarYearStatusSchema,
  revision: z.number().int().min(0),
});
export type CalendarYearView = z.infer<typeof calendarYearViewSchema>;

export const calendarListResponseSchema = z.object({
  /** The hall's today (Asia/Shanghai). */
  today: localDateSchema,
  /** Every entered year, and every year from the statute's first through next year. */
  years: z.array(
    z.object({
      year: z.number().int(),
      status: calendarYearStatusSchema,
      revision: z.number().int().min(0),
      source: z.string(),
      /** When the entered year was last saved; null for a provisional year. */
      updatedAt: instantSchema.nullable(),
      updatedBy: z.string().nullable(),
    }),
  ),
  /** The years the hall derives from the statute when no notice is entered (2025 to the lunar library's last year). */
  provisionalYears: z.object({ first: z.number().int(), last: z.number().int() }),
  /** Provisional years to warn about today: this year, and next year from November 1. */
  warnings: z.array(z.number().int()),
});
export type CalendarList = z.infer<typeof calendarListResponseSchema>;

export const dueDateQuerySchema = z.object({
  from: localDateSchema,
  workingDays: z.coerce.number().int().min(0).max(3650),
});
export const dueDateResponseSchema = z.object({ from: localDateSchema, workingDays: z.number().int(), dueDate: localDateSchema });
export type DueDateResponse = z.infer<typeof dueDateResponseSchema>;

const dayStateSchema = z.object({ working: z.boolean(), reason: z.enum(['weekday', 'weekend', 'holiday', 'makeup']), name: z.string().optional() });
export const dayChangeSchema = z.object({ date: localDateSchema, before: dayStateSchema, after: dayStateSchema });
export type DayChangeView = z.infer<typeof dayChangeSchema>;

export const noticeNoteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('day-count-mismatch'), item: z.string(), said: z.number().int(), counted: z.number().int() }),
  z.object({ kind: z.literal('outside-year'), item: z.string(), date: localDateSchema }),
  z.object({ kind: z.literal('sentence-not-read'), item: z.string(), text: z.string() }),
  z.object({ kind: z.literal('festival-missing'), names: z.array(z.string()) }),
]);
export type NoticeNoteView = z.infer<typeof noticeNoteSchema>;

export const guardReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('HOLIDAYS_EMPTIED'), holidaysBefore: z.number().int() }),
  z.object({ code: z.literal('COUNTED_REST_DAYS_REMOVED'), dates: z.array(localDateSchema), caseNos: z.array(z.string()), cases: z.number().int() }),
]);
export type GuardReasonView = z.infer<typeof guardReasonSchema>;

/** An open case whose legal date on the new calendar comes before its printed promise. */
export const deadlineShiftSchema = z.object({
  caseNo: z.string(),
  windowCode: z.string(),
  acceptedOn: localDateSchema,
  promisedDate: localDateSchema,
  /** The legal date on the calendar in force: the case's internal deadline. */
  dueDate: localDateSchema,
});
export type DeadlineShift = z.infer<typeof deadlineShiftSchema>;

/** Paste the notice's text, or send the year as edited on the month grid. */
export const calendarPreviewRequestSchema = z.union([
  z.object({ text: z.string().min(1).max(20_000) }).strict(),
  z.object({ calendar: calendarYearInputSchema }).strict(),
]);
export type CalendarPreviewRequest = z.infer<typeof calendarPreviewRequestSchema>;

export const calendarPreviewResponseSchema = z.object({
  /** The year as it would be saved. */
  calendar: calendarYearSchema,
  /** What the parser could not make sense of (pasted text only). */
  notes: z.array(noticeNoteSchema),
  /** The year as the hall counts it now. */
  current: calendarYearViewSchema,
  /** Every day whose status changes. */
  changes: z.array(dayChangeSchema),
  /** Why saving needs `force` (empty: it does not). */
  guard: z.array(guardReasonSchema),
  /** Open cases whose internal deadline would move earlier (the printed promise stands). */
  earlier: z.array(deadlineShiftSchema),
  /** How many open cases' counting reaches into the year. */
  openCases: z.number().int(),
});
export type CalendarPreview = z.infer<typeof calendarPreviewResponseSchema>;

/** Saving a year: the data, `force` to go past the guard, and the revision the preview was made on. */
export const calendarSaveRequestSchema = calendarYearInputSchema.and(
  z.object({
    force: z.boolean().optional(),
    /** The revision the administrator previewed against: another save in between is a 409, not an overwrite. */
    expectedRevision: z.number().int().min(0).optional(),
  }),
);
export type CalendarSaveRequest = z.infer<typeof calendarSaveRequestSchema>;

export const calendarSaveResponseSchema = z.object({
  calendar: calendarYearViewSchema,
  changes: z.array(dayChangeSchema),
  forced: z.boolean(),
  /** Open cases whose internal deadline moved earlier with this save. */
  earlier: z.array(deadlineShiftSchema),
  /** Open cases whose earlier internal deadline was lifted (the promise is the deadline again). */
  restored: z.number().int(),
});
export type CalendarSaveResponse = z.infer<typeof calendarSaveResponseSchema>;

export const calendarRevisionListSchema = z.object({
  revisions: z.array(
    z.object({ revision: z.number().int(), source: z.string(), savedAt: instantSchema, savedBy: z.string().nullable(), forced: z.boolean(), holidays: z.number().int(), workdays: z.number().int() }),
  ),
});

/** Open cases whose internal deadline the official calendar moved before their promised date. */
export const movedDeadlineSchema = z.object({
  caseNo: z.string(),
  windowCode: z.string(),
  status: z.string(),
  matterCodes: z.array(z.string()),
  applicantName: z.string(),
  acceptedAt: instantSchema,
  promisedDate: localDateSchema,
  internalDueDate: localDateSchema,
  /** The calendar revision that moved it. */
  movedBy: z.object({ year: z.number().int(), revision: z.number().int(), at: instantSchema }).nullable(),
});
export const movedDeadlinesResponseSchema = z.object({ today: localDateSchema, cases: z.array(movedDeadlineSchema) });
export type MovedDeadlines = z.infer<typeof movedDeadlinesResponseSchema>;

// ---- queue -------------------------------------------------------------------------------------

export const ticketIdParamsSchema = z.object({ id: idSchema });
export const windowParamsSchema = z.object({ code: windowCodeParamSchema });

export const ticketListQuerySchema = z.object({
  zoneCode: z.string().regex(/^[A-Z]$/).optional(),
  status: ticketStatusSchema.optional(),
  windowCode: windowCodeParamSchema.optional(),
  /** The queue day; today (Asia/Shanghai) when absent. */
  day: localDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export const ticketListResponseSchema = z.object({ day: localDateSchema, tickets: z.array(ticketSchema) });
export type TicketListResponse = z.infer<typeof ticketListResponseSchema>;

export const cancelRequestSchema = z.object({ reason: z.string().trim().max(200).optional() });

// ---- events and service ------------------------------------------------------------------------

export const eventsQuerySchema = z.object({
  /** Same as the Last-Event-ID header, for clients that cannot set headers. */
  lastEventId: z.coerce.number().int().min(0).optional(),
  access_token: z.string().optional(),
});

export const healthResponseSchema = z.object({ status: z.literal('ok') });

// ---- the route table ---------------------------------------------------------------------------

const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

export const centralApi = {
  health: endpoint({ method: 'GET', path: '/healthz', summary: 'Liveness', responses: { 200: healthResponseSchema } }),
  openapi: endpoint({
    method: 'GET',
    path: '/api/v1/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    responses: { 200: z.record(z.string(), z.unknown()) },
  }),

  login: endpoint({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Sign in (optionally at a window); returns a bearer token',
    body: loginRequestSchema,
    responses: { 200: loginResponseSchema, ...err(400, 401, 403, 422, 429) },
  }),
  logout: endpoint({ method: 'POST', path: '/api/v1/auth/logout', summary: 'End this session', responses: { 204: null, ...err(401) } }),
  me: endpoint({ method: 'GET', path: '/api/v1/auth/me', summary: 'Who is signed in, at which window', responses: { 200: meResponseSchema, ...err(401) } }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/v1/auth/password',
    summary: 'Change your own password',
    body: changePasswordRequestSchema,
    responses: { 204: null, ...err(400, 401, 403) },
  }),
  listStaff: endpoint({ method: 'GET', path: '/api/v1/staff', summary: 'Every staff account', responses: { 200: staffListResponseSchema, ...err(401, 403) } }),
  createStaff: endpoint({
    method: 'POST',
    path: '/api/v1/staff',
    summary: 'Create a staff account',
    body: createStaffRequestSchema,
    responses: { 201: staffViewSchema, ...err(400, 401, 403, 409, 422) },
  }),
  updateStaff: endpoint({
    method: 'PATCH',
    path: '/api/v1/staff/:username',
    summary: 'Change a staff account (name, role, zones, home window, active, password)',
    params: z.object({ username: usernameSchema }),
    body: updateStaffRequestSchema,
    responses: { 200: staffViewSchema, ...err(400, 401, 403, 404, 422) },
  }),

  createApiKey: endpoint({
    method: 'POST',
    path: '/api/v1/staff/:username/api-keys',
    summary: "A long-lived API key for an integration account (shown once; rotate by making a new one and revoking the old)",
    params: z.object({ username: usernameSchema }),
    body: createApiKeyRequestSchema,
    responses: { 201: createdApiKeySchema, ...err(400, 401, 403, 404, 422) },
  }),
  revokeApiKey: endpoint({
    method: 'DELETE',
    path: '/api/v1/staff/:username/api-keys/:id',
    summary: 'Revoke an API key',
    params: z.object({ username: usernameSchema, id: z.string().min(1).max(64) }),
    responses: { 204: null, ...err(400, 401, 403, 404) },
  }),

  registerStation: endpoint({
    method: 'POST',
    path: '/api/v1/stations/register',
    summary: 'A window PC registers with a secret of its own (approved by an administrator, or at once in demo mode)',
    body: registerStationRequestSchema,
    responses: { 201: stationSelfSchema, 200: stationSelfSchema, ...err(400, 409, 429) },
  }),
  stationSelf: endpoint({
    method: 'GET',
    path: '/api/v1/stations/self',
    summary: 'The calling station (X-Station-Key): its status, and the pairing code to show while it waits',
    responses: { 200: stationSelfSchema, ...err(400, 401) },
  }),
  listStations: endpoint({ method: 'GET', path: '/api/v1/stations', summary: 'Every registered station', responses: { 200: stationListResponseSchema, ...err(401, 403) } }),
  approveStation: endpoint({
    method: 'POST',
    path: '/api/v1/stations/:id/approve',
    summary: 'Approve a waiting station by the six-digit code it shows on its screen',
    params: z.object({ id: stationIdSchema }),
    body: approveStationRequestSchema,
    responses: { 200: stationViewSchema, ...err(400, 401, 403, 404, 409, 422) },
  }),
  revokeStation: endpoint({
    method: 'POST',
    path: '/api/v1/stations/:id/revoke',
    summary: 'Revoke a station: it can no longer push or pull (a lost or replaced PC)',
    params: z.object({ id: stationIdSchema }),
    responses: { 200: stationViewSchema, ...err(400, 401, 403, 404) },
  }),

  catalog: endpoint({ method: 'GET', path: '/api/v1/catalog', summary: 'The hall catalogue', responses: { 200: catalogSchema } }),
  importCatalog: endpoint({
    method: 'POST',
    path: '/api/v1/catalog/import',
    summary: 'Replace the catalogue (JSON or CSV, the foundation importer)',
    body: catalogImportRequestSchema,
    responses: { 200: catalogImportResponseSchema, ...err(400, 401, 403, 422) },
  }),
  calendarYears: endpoint({
    method: 'GET',
    path: '/api/v1/calendar',
    summary: 'The calendar years the hall counts on, each official (entered) or provisional (from the statute)',
    responses: { 200: calendarListResponseSchema },
  }),
  dueDate: endpoint({
    method: 'GET',
    path: '/api/v1/calendar/due-date',
    summary: 'The date N working days after a date (422 CALENDAR_YEAR_UNKNOWN only beyond the statute\'s years and the entered ones)',
    query: dueDateQuerySchema,
    responses: { 200: dueDateResponseSchema, ...err(400, 422) },
  }),
  movedDeadlines: endpoint({
    method: 'GET',
    path: '/api/v1/calendar/moved-deadlines',
    summary: 'Open cases whose internal deadline an official calendar moved before the printed promise',
    responses: { 200: movedDeadlinesResponseSchema, ...err(401, 403) },
  }),
  calendarYear: endpoint({
    method: 'GET',
    path: '/api/v1/calendar/:year',
    summary: "One year's holidays and make-up working days, official or provisional",
    params: yearParamsSchema,
    responses: { 200: calendarYearViewSchema, ...err(400, 404) },
  }),
  calendarRevisions: endpoint({
    method: 'GET',
    path: '/api/v1/calendar/:year/revisions',
    summary: 'Every revision of an entered year',
    params: yearParamsSchema,
    responses: { 200: calendarRevisionListSchema, ...err(400, 401, 403) },
  }),
  previewCalendarYear: endpoint({
    method: 'POST',
    path: '/api/v1/calendar/:year/preview',
    summary: "Read a pasted notice (or an edited year) and show every day it changes, the guard, and the deadlines it moves; writes nothing",
    params: yearParamsSchema,
    body: calendarPreviewRequestSchema,
    responses: { 200: calendarPreviewResponseSchema, ...err(400, 401, 403, 422) },
  }),
  putCalendarYear: endpoint({
    method: 'PUT',
    path: '/api/v1/calendar/:year',
    summary: "Enter one year's holidays (the State Council's notice); audited; 409 CALENDAR_CHANGE_NEEDS_FORCE for a destructive change without force",
    params: yearParamsSchema,
    body: calendarSaveRequestSchema,
    responses: { 200: calendarSaveResponseSchema, ...err(400, 401, 403, 409, 422) },
  }),

  issueTicket: endpoint({
    method: 'POST',
    path: '/api/v1/tickets',
    summary: 'Issue a ticket (idempotent by requestId: a repeat answers 200 with the same ticket)',
    body: issueTicketRequestSchema,
    responses: { 201: issuedTicketSchema, 200: issuedTicketSchema, ...err(400, 401, 409, 422) },
  }),
  listTickets: endpoint({
    method: 'GET',
    path: '/api/v1/tickets',
    summary: "Tickets of a day, filtered by zone, status or window, in queue order",
    query: ticketListQuerySchema,
    responses: { 200: ticketListResponseSchema, ...err(400, 401) },
  }),
  getTicket: endpoint({
    method: 'GET',
    path: '/api/v1/tickets/:id',
    summary: 'One ticket',
    params: ticketIdParamsSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 404) },
  }),
  recall: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/recall',
    summary: 'Call the ticket again (capped)',
    params: ticketIdParamsSchema,
    responses: { 200: calledTicketSchema, ...err(400, 401, 403, 404, 409) },
  }),
  noShow: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/no-show',
    summary: 'Mark a called ticket as not shown (过号)',
    params: ticketIdParamsSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 403, 404, 409) },
  }),
  reactivate: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/reactivate',
    summary: 'Put a no-show ticket back in the queue within the grace time',
    params: ticketIdParamsSchema,
    body: reactivateRequestSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 403, 404, 409) },
  }),
  start: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/start',
    summary: 'The applicant arrived: start serving',
    params: ticketIdParamsSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 403, 404, 409) },
  }),
  finish: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/finish',
    summary: 'Service done',
    params: ticketIdParamsSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 403, 404, 409) },
  }),
  transfer: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/transfer',
    summary: 'Send the applicant to another zone, matter or window (same number, front or back)',
    params: ticketIdParamsSchema,
    body: transferRequestSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 403, 404, 409, 422) },
  }),
  reassign: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/reassign',
    summary: 'Move a waiting ticket to another window or zone (supervisor)',
    params: ticketIdParamsSchema,
    body: reassignRequestSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 403, 404, 409, 422) },
  }),
  cancel: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/cancel',
    summary: 'The applicant left: take the ticket out of the queue',
    params: ticketIdParamsSchema,
    body: cancelRequestSchema,
    responses: { 200: ticketSchema, ...err(400, 401, 403, 404, 409) },
  }),
  callNext: endpoint({
    method: 'POST',
    path: '/api/v1/windows/:code/call-next',
    summary: 'Call the next ticket for this window (204 when none waits; 409 WINDOW_BUSY while it holds one)',
    params: windowParamsSchema,
    responses: { 200: calledTicketSchema, 204: null, ...err(400, 401, 403, 404, 409) },
  }),
  pauseWindow: endpoint({
    method: 'POST',
    path: '/api/v1/windows/:code/pause',
    summary: 'Pause a window (no calls until resumed)',
    params: windowParamsSchema,
    body: pauseRequestSchema,
    responses: { 200: windowViewSchema, ...err(400, 401, 403, 404, 409) },
  }),
  resumeWindow: endpoint({
    method: 'POST',
    path: '/api/v1/windows/:code/resume',
    summary: 'Resume a paused window',
    params: windowParamsSchema,
    responses: { 200: windowViewSchema, ...err(400, 401, 403, 404, 409) },
  }),
  getWindow: endpoint({
    method: 'GET',
    path: '/api/v1/windows/:code',
    summary: "One window's state, staff and current ticket",
    params: windowParamsSchema,
    responses: { 200: windowViewSchema, ...err(400, 401, 403, 404) },
  }),
  windowPauses: endpoint({
    method: 'GET',
    path: '/api/v1/windows/:code/pauses',
    summary: "A window's pauses on a day (default today): reason, who, when, how long",
    params: windowParamsSchema,
    query: z.object({ day: localDateSchema.optional() }),
    responses: { 200: windowPausesSchema, ...err(400, 401, 403, 404) },
  }),
  hall: endpoint({
    method: 'GET',
    path: '/api/v1/hall',
    summary: 'Every window and zone live (supervisor)',
    responses: { 200: hallViewSchema, ...err(401, 403) },
  }),

  events: endpoint({
    method: 'GET',
    path: '/api/v1/events',
    summary: 'Server-Sent Events: every change with its seq as the event id; resumable with Last-Event-ID',
    query: eventsQuerySchema,
    produces: 'text/event-stream',
    responses: { 200: null, ...err(400, 401) },
  }),
} as const satisfies Record<string, Endpoint>;

export type CentralApi = typeof centralApi;
export type EndpointName = keyof CentralApi;

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type InferIn<S> = S extends z.ZodType ? z.input<S> : undefined;
/** What a client sends. */
export type EndpointBody<N extends EndpointName> = InferIn<CentralApi[N] extends { body: infer B } ? B : undefined>;
export type EndpointQuery<N extends EndpointName> = InferIn<CentralApi[N] extends { query: infer Q } ? Q : undefined>;
export type EndpointParams<N extends EndpointName> = InferIn<CentralApi[N] extends { params: infer P } ? P : undefined>;
/** The success body (the lowest 2xx status with a body). */
export type EndpointResponse<N extends EndpointName> = Infer<
  CentralApi[N]['responses'] extends { 200: infer R } ? R : CentralApi[N]['responses'] extends { 201: infer R } ? R : undefined
>;

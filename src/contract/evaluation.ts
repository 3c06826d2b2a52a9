import { z } from 'zod';
import type { Endpoint } from './api';
import { errorResponseSchema } from './api';
import { idSchema, instantSchema, localDateSchema, optionalText, shortText, windowCodeSchema } from './primitives';

/**
 * 好差评 per service (CITIZEN.md part D): the citizen rates the service on the window's pad right
 * after it (source `pad`), or the clerk types it in where the window has none (source `window`).
 * One rating per service; a bad one (levels 4, 5) opens a follow-up for the zone's supervisors.
 */

const endpoint = <const E extends Endpoint>(e: E): E => e;
const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

export const evaluationLevelSchema = z.number().int().min(1).max(5);
export const evaluationSourceSchema = z.enum(['pad', 'window']);

export const evaluateTicketRequestSchema = z.object({
  level: evaluationLevelSchema,
  /** Required for levels 4 and 5 (422 EVALUATION_REASON_REQUIRED): one of the pad's reasons, or typed text. */
  reason: optionalText(500).nullable().optional(),
  source: evaluationSourceSchema,
});
export type EvaluateTicketRequest = z.infer<typeof evaluateTicketRequestSchema>;

export const appealSchema = z.object({
  status: z.enum(['pending', 'upheld', 'dismissed']),
  reason: z.string(),
  by: z.string(),
  at: instantSchema,
  decision: z.object({ reason: z.string(), by: z.string(), at: instantSchema }).nullable(),
});

export const evaluationSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  caseNo: z.string().nullable(),
  zoneCode: z.string(),
  windowCode: z.string(),
  staffId: z.string(),
  staffUsername: z.string(),
  staffName: z.string(),
  level: evaluationLevelSchema,
  /** The national label: 非常满意 … 非常不满意. */
  label: z.string(),
  reason: z.string().nullable(),
  at: instantSchema,
  day: localDateSchema,
  source: evaluationSourceSchema,
  /** A clerk's appeal against a malicious rating; an upheld one leaves the rating out of the counts. */
  appeal: appealSchema.nullable(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const evaluationListQuerySchema = z
  .object({
    windowCode: windowCodeSchema.optional(),
    /** A staff username. */
    staff: z.string().trim().min(1).max(64).optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    level: z.coerce.number().int().min(1).max(5).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

export const evaluationSummarySchema = z.object({
  count: z.number().int(),
  good: z.number().int(),
  bad: z.number().int(),
  /** Counts by level, "1".."5". */
  byLevel: z.record(z.string(), z.number().int()),
  /** Good and bad per window, for the supervisor board. */
  byWindow: z.array(z.object({ windowCode: z.string(), good: z.number().int(), bad: z.number().int() })),
});

export const evaluationListResponseSchema = z.object({
  from: localDateSchema,
  to: localDateSchema,
  evaluations: z.array(evaluationSchema),
  summary: evaluationSummarySchema,
});
export type EvaluationList = z.infer<typeof evaluationListResponseSchema>;

export const followUpStepSchema = z.object({ on: localDateSchema, note: z.string(), by: z.string() });

export const followUpSchema = z.object({
  evaluationId: z.string(),
  evaluation: evaluationSchema,
  zoneCode: z.string(),
  windowCode: z.string(),
  returnVisitDue: localDateSchema,
  rectificationDue: localDateSchema,
  returnVisit: followUpStepSchema.nullable(),
  finding: z.string().nullable(),
  rectification: followUpStepSchema.nullable(),
  citizenAccepts: z.boolean().nullable(),
  closed: z.boolean(),
  closedReason: z.enum(['accepted', 'appeal-upheld']).nullable(),
  /** Which step is late today (the hall's today, Asia/Shanghai), if any. */
  overdue: z.enum(['return-visit', 'rectification']).nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const followUpListQuerySchema = z.object({
  /** open (default): not yet closed; all: closed ones too. */
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const followUpListResponseSchema = z.object({ today: localDateSchema, followUps: z.array(followUpSchema) });

/** One step of the follow-up at a time, or several; each step is kept with who and when. */
export const followUpUpdateSchema = z
  .object({
    returnVisit: z.object({ on: localDateSchema, note: shortText(500) }).optional(),
    finding: shortText(1000).optional(),
    rectification: z.object({ on: localDateSchema, note: shortText(1000) }).optional(),
    citizenAccepts: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one step' });

export const appealRequestSchema = z.object({ reason: shortText(500) });
export const appealDecisionRequestSchema = z.object({ upheld: z.boolean(), reason: shortText(500) });

/** Working days to answer a bad rating (国办发〔2019〕51号; the Tai'an rule: return visit within 5). */
export const followUpSettingsSchema = z.object({
  returnVisitDays: z.number().int().min(1).max(60),
  rectificationDays: z.number().int().min(1).max(120),
});

const ticketIdParams = z.object({ id: idSchema });
const evaluationIdParams = z.object({ id: idSchema });

export const evaluationApi = {
  evaluateTicket: endpoint({
    method: 'POST',
    path: '/api/v1/tickets/:id/evaluation',
    summary: 'Rate a finished ticket (好差评): one rating per service, also standing for the case taken in at it',
    params: ticketIdParams,
    body: evaluateTicketRequestSchema,
    responses: { 201: evaluationSchema, ...err(400, 401, 403, 404, 409, 422) },
  }),
  listEvaluations: endpoint({
    method: 'GET',
    path: '/api/v1/evaluations',
    summary: 'Ratings by window, clerk, date and level, with a summary (a clerk: its own window only)',
    query: evaluationListQuerySchema,
    responses: { 200: evaluationListResponseSchema, ...err(400, 401, 403) },
  }),
  appeal: endpoint({
    method: 'POST',
    path: '/api/v1/evaluations/:id/appeal',
    summary: 'A clerk appeals a bad rating it holds malicious',
    params: evaluationIdParams,
    body: appealRequestSchema,
    responses: { 200: evaluationSchema, ...err(400, 401, 403, 404, 409) },
  }),
  decideAppeal: endpoint({
    method: 'POST',
    path: '/api/v1/evaluations/:id/appeal/decision',
    summary: "The zone's supervisor decides an appeal, with a reason",
    params: evaluationIdParams,
    body: appealDecisionRequestSchema,
    responses: { 200: evaluationSchema, ...err(400, 401, 403, 404, 409) },
  }),
  listFollowUps: endpoint({
    method: 'GET',
    path: '/api/v1/evaluation-follow-ups',
    summary: 'Follow-ups of bad ratings in the caller’s zones, overdue ones flagged',
    query: followUpListQuerySchema,
    responses: { 200: followUpListResponseSchema, ...err(400, 401, 403) },
  }),
  updateFollowUp: endpoint({
    method: 'PATCH',
    path: '/api/v1/evaluation-follow-ups/:id',
    summary: 'Record the return visit, the finding, the rectification, whether the citizen accepts',
    params: evaluationIdParams,
    body: followUpUpdateSchema,
    responses: { 200: followUpSchema, ...err(400, 401, 403, 404, 409) },
  }),
  followUpSettings: endpoint({
    method: 'GET',
    path: '/api/v1/evaluation-settings',
    summary: "The hall's deadlines for answering a bad rating, in working days",
    responses: { 200: followUpSettingsSchema, ...err(401, 403) },
  }),
  saveFollowUpSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/evaluation-settings',
    summary: 'Set the deadlines for answering bad ratings from now on (administrator); audited',
    body: followUpSettingsSchema,
    responses: { 200: followUpSettingsSchema, ...err(400, 401, 403) },
  }),
} as const satisfies Record<string, Endpoint>;

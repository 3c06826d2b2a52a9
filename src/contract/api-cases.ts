import { z } from 'zod';
import type { Endpoint } from './api';
import { errorResponseSchema } from './api';
import { caseRecordSchema, caseStatusSchema } from './case';
import { caseNoSchema, instantSchema, localDateSchema, windowCodeSchema } from './primitives';
import { pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from './sync';

/**
 * The hall server's case and sync routes (same `Endpoint` style as api.ts). Cases are written only
 * through sync push — at a window, offline or online, and on the department side — so the only
 * case routes are reads.
 */

const endpoint = <const E extends Endpoint>(e: E): E => e;
const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

/**
 * The largest push body the hall server takes. A station with a long outbox sends it in batches
 * below this (at most 500 mutations each, pushRequestSchema); a bigger body is a 413 BODY_TOO_LARGE.
 */
export const PUSH_BODY_LIMIT_BYTES = 512 * 1024;

export const caseNoParamsSchema = z.object({
  caseNo: caseNoSchema,
});

/**
 * Why a case is opened in full (every full read is audited with it). A clerk of another station
 * opens a case only with the code printed on the citizen's receipt, and must say why.
 */
export const caseReadQuerySchema = z.object({
  reason: z.string().trim().min(2).max(200).optional(),
  code: z.string().regex(/^[A-Za-z0-9]{12,32}$/, 'the code printed on the receipt').optional(),
});

/** `from`/`to` are local dates (Asia/Shanghai) of acceptance, both inclusive. */
export const caseListQuerySchema = z
  .object({
    idNumber: z.string().trim().min(6).max(24).optional(),
    status: caseStatusSchema.optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    /** Only the cases taken in at this window. */
    windowCode: windowCodeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Rows to skip, for the next page of the same query (a busy window takes in more than one page a day). */
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** Deadline flags, computed on the hall server's today (Asia/Shanghai). */
export const caseFlagsSchema = z.object({
  /** Past the promised date (clock pauses counted), or past the internal deadline, and not yet decided. */
  overdue: z.boolean(),
  /** 容缺 materials not supplied by their due date. */
  overdueMaterials: z.array(z.object({ materialCode: z.string(), dueDate: localDateSchema })),
  /** The promised date as it stands today, a running clock pause counted up to today. */
  promisedDateNow: localDateSchema,
  /** The hall's earlier internal deadline, when the official calendar moved it (caseRecordSchema.internalDueDate). */
  internalDueDate: localDateSchema.nullable(),
});
export type CaseFlags = z.infer<typeof caseFlagsSchema>;

/** One line of a case list: personal data masked (the full value only in the case detail). */
export const caseListItemSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  stationId: z.string(),
  windowCode: z.string(),
  status: caseStatusSchema,
  matterCodes: z.array(z.string()),
  applicantName: z.string(),
  idNumberMasked: z.string(),
  acceptedAt: instantSchema,
  promisedDate: localDateSchema,
  updatedAt: instantSchema,
  flags: caseFlagsSchema,
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const caseListResponseSchema = z.object({ cases: z.array(caseListItemSchema), today: localDateSchema });
export type CaseListResponse = z.infer<typeof caseListResponseSchema>;

export const caseDetailSchema = caseRecordSchema.extend({ flags: caseFlagsSchema });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const casesApi = {
  syncPush: endpoint({
    method: 'POST',
    path: '/api/v1/sync/push',
    summary: "A station's mutations in outbox order; each is applied at most once (a repeat gets the first answer)",
    body: pushRequestSchema,
    responses: { 200: pushResponseSchema, ...err(400, 401, 413, 415) },
  }),
  syncPull: endpoint({
    method: 'GET',
    path: '/api/v1/sync/pull',
    summary: 'Changes after a cursor, oldest first; cases only to the station that created them when stationId is given',
    query: pullQuerySchema,
    responses: { 200: pullResponseSchema, ...err(400, 401) },
  }),
  getCase: endpoint({
    method: 'GET',
    path: '/api/v1/cases/:caseNo',
    summary: 'One case in full (the applicant unmasked), with its deadline flags; audited with its reason (404 outside your scope)',
    params: caseNoParamsSchema,
    query: caseReadQuerySchema,
    responses: { 200: caseDetailSchema, ...err(400, 401, 403, 404) },
  }),
  listCases: endpoint({
    method: 'GET',
    path: '/api/v1/cases',
    summary: 'Cases in your scope by ID number, status and acceptance dates (masked), newest first, with overdue flags',
    query: caseListQuerySchema,
    responses: { 200: caseListResponseSchema, ...err(400, 401, 403) },
  }),
} as const satisfies Record<string, Endpoint>;

export type CasesApi = typeof casesApi;

import { z } from 'zod';
import type { Endpoint } from './api';
import { errorResponseSchema } from './api';
import { agentSchema, applicantSchema, caseRecordSchema } from './case';
import { idSchema, instantSchema, localDateSchema, materialCodeSchema, matterCodeSchema, optionalText, shortText, zoneCodeSchema } from './primitives';

/**
 * The online inbox (../shared/ONLINE.md): applications filed on the province's portal or taken in
 * at a town centre, pre-reviewed at a window of the zone that owns them, under
 * /api/v1/online-applications.
 */

const endpoint = <const E extends Endpoint>(e: E): E => e;
const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

/**
 * The largest filing or correction body: 30 MiB of files in base64 (4/3) plus the form (64 KiB) and
 * JSON around them. This route only; the hall's other routes keep their small limit.
 */
export const ONLINE_BODY_LIMIT_BYTES = 42 * 1024 * 1024;
/** The form as filed, serialised. */
export const MAX_FORM_BYTES = 64 * 1024;

export const applicationStateSchema = z.enum(['submitted', 'returned', 'accepted', 'refused', 'withdrawn']);
export const channelSchema = z.enum(['online', 'town']);
export const portalIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - or _ (max 64)');

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 as 64 lower-case hex digits');

export const materialFileInSchema = z.object({
  materialCode: materialCodeSchema,
  fileName: shortText(200),
  /** Checked against the bytes (domain/material-file.ts); other types answer 422 MATERIAL_FILE_TYPE_UNSUPPORTED. */
  contentType: z.string().min(1).max(100),
  contentBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'standard base64'),
  sha256: sha256Schema.optional(),
});

const formSchema = z.record(z.string(), z.unknown()).refine((f) => JSON.stringify(f).length <= MAX_FORM_BYTES, 'the form is larger than 64 KiB');

export const fileApplicationRequestSchema = z.object({
  portalId: portalIdSchema,
  submittedAt: instantSchema,
  channel: channelSchema.default('online'),
  siteName: optionalText(60).optional(),
  applicant: applicantSchema.extend({ phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, 'expected a phone number') }),
  agent: agentSchema.optional(),
  matterCodes: z.array(matterCodeSchema).min(1).max(30),
  bundleCode: z.string().min(1).max(32).optional(),
  form: formSchema,
  commitments: z.array(materialCodeSchema).max(60).default([]),
  files: z.array(materialFileInSchema).max(20).default([]),
});
export type FileApplicationRequest = z.infer<typeof fileApplicationRequestSchema>;

export const materialFileSchema = z.object({
  n: z.number().int().positive(),
  materialCode: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  receivedAt: instantSchema,
  /** A later file of the same material (a correction) replaced it. */
  superseded: z.boolean(),
});
export type MaterialFile = z.infer<typeof materialFileSchema>;

export const noticeItemSchema = z.object({
  materialCode: materialCodeSchema,
  problem: z.enum(['missing', 'defective']),
  reason: shortText(200),
});
export type NoticeItem = z.infer<typeof noticeItemSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  channel: channelSchema,
  /** The town centre that took it in (channel `town`), from its clerk's session; null for the portal's. */
  siteName: z.string().nullable(),
  siteCode: z.string().nullable(),
  state: applicationStateSchema,
  zoneCode: z.string(),
  matterCodes: z.array(z.string()),
  bundleCode: z.string().nullable(),
  applicant: applicantSchema,
  agent: agentSchema.nullable(),
  form: z.record(z.string(), z.unknown()),
  commitments: z.array(z.string()),
  files: z.array(materialFileSchema),
  checklist: z.array(
    z.object({ materialCode: z.string(), name: z.string(), necessity: z.string(), commitmentAllowed: z.boolean(), received: z.enum(['electronic', 'commitment', 'missing']) }),
  ),
  submittedAt: instantSchema,
  receivedAt: instantSchema,
  reviewDueDate: localDateSchema,
  overdue: z.boolean(),
  /** Art. 32: no notice within five working days of receipt; accepting now counts the promise from receipt. */
  deemedAccepted: z.boolean(),
  notice: z
    .object({ noticeNo: z.string(), at: instantSchema, by: z.string(), items: z.array(noticeItemSchema), note: z.string().nullable(), correctionDueDate: localDateSchema.nullable() })
    .nullable(),
  refusal: z.object({ reason: z.string(), competentBody: z.string().nullable(), at: instantSchema, by: z.string() }).nullable(),
  caseNo: z.string().nullable(),
  acceptedAt: instantSchema.nullable(),
  promisedDate: localDateSchema.nullable(),
  history: z.array(z.object({ at: instantSchema, state: applicationStateSchema, action: z.string(), by: z.string(), note: z.string().nullable() })),
  updatedAt: instantSchema,
});
export type OnlineApplication = z.infer<typeof applicationSchema>;

export const applicationListItemSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  channel: channelSchema,
  /** The town centre that took it in, or null (the portal's). */
  siteName: z.string().nullable(),
  state: applicationStateSchema,
  zoneCode: z.string(),
  matterCodes: z.array(z.string()),
  /** Once accepted: the case it became (a centre prints its receipt from it). */
  caseNo: z.string().nullable(),
  applicantName: z.string(),
  idNumberMasked: z.string(),
  receivedAt: instantSchema,
  reviewDueDate: localDateSchema,
  overdue: z.boolean(),
  deemedAccepted: z.boolean(),
  fileCount: z.number().int().nonnegative(),
  updatedAt: instantSchema,
});
export type ApplicationListItem = z.infer<typeof applicationListItemSchema>;

export const applicationListQuerySchema = z.object({
  state: applicationStateSchema.optional(),
  zone: zoneCodeSchema.optional(),
  updatedAfter: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const applicationListSchema = z.object({ today: localDateSchema, applications: z.array(applicationListItemSchema) });

export const applicationParamsSchema = z.object({ id: idSchema });
export const materialParamsSchema = z.object({ id: idSchema, n: z.coerce.number().int().positive().max(10_000) });

export const returnRequestSchema = z.object({
  items: z.array(noticeItemSchema).min(1).max(60),
  note: optionalText(500).optional(),
  correctionDueDate: localDateSchema.optional(),
});
export const correctionRequestSchema = z.object({
  correctionId: portalIdSchema,
  files: z.array(materialFileInSchema).max(20).default([]),
  form: formSchema.optional(),
  commitments: z.array(materialCodeSchema).max(60).optional(),
});
export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;
export const acceptRequestSchema = z.object({ outcome: z.enum(['accept', 'accept-deferred']).default('accept') });
export const refuseRequestSchema = z.object({ reason: shortText(500), competentBody: optionalText(100).optional() });

export const onlineApi = {
  fileApplication: endpoint({
    method: 'POST',
    path: '/api/v1/online-applications',
    summary: 'File an application with its electronic materials (portal); idempotent by portalId',
    body: fileApplicationRequestSchema,
    responses: { 200: applicationSchema, 201: applicationSchema, ...err(400, 401, 403, 409, 413, 422) },
  }),
  listApplications: endpoint({
    method: 'GET',
    path: '/api/v1/online-applications',
    summary: 'The inbox of your zones ordered by the pre-review deadline (staff), or the portal\'s own applications',
    query: applicationListQuerySchema,
    responses: { 200: applicationListSchema, ...err(400, 401, 403) },
  }),
  getApplication: endpoint({
    method: 'GET',
    path: '/api/v1/online-applications/:id',
    summary: 'One application in full (404 outside your scope); audited',
    params: applicationParamsSchema,
    responses: { 200: applicationSchema, ...err(400, 401, 403, 404) },
  }),
  getMaterial: endpoint({
    method: 'GET',
    path: '/api/v1/online-applications/:id/materials/:n',
    summary: 'The bytes of one material file, streamed; audited',
    params: materialParamsSchema,
    responses: { 200: null, ...err(400, 401, 403, 404, 410) },
    produces: 'application/octet-stream',
  }),
  returnApplication: endpoint({
    method: 'POST',
    path: '/api/v1/online-applications/:id/return',
    summary: 'Return it with one notice listing every missing or defective material (一次性告知)',
    params: applicationParamsSchema,
    body: returnRequestSchema,
    responses: { 200: applicationSchema, ...err(400, 401, 403, 404, 409, 422) },
  }),
  correctApplication: endpoint({
    method: 'POST',
    path: '/api/v1/online-applications/:id/correction',
    summary: 'The portal sends the corrected materials; idempotent by correctionId',
    params: applicationParamsSchema,
    body: correctionRequestSchema,
    responses: { 200: applicationSchema, ...err(400, 401, 403, 404, 409, 413, 422) },
  }),
  acceptApplication: endpoint({
    method: 'POST',
    path: '/api/v1/online-applications/:id/accept',
    summary: 'Accept it as a case through the counter\'s intake decision (受理 or 容缺受理)',
    params: applicationParamsSchema,
    body: acceptRequestSchema,
    responses: { 200: z.object({ application: applicationSchema, case: caseRecordSchema }), ...err(400, 401, 403, 404, 409, 422) },
  }),
  refuseApplication: endpoint({
    method: 'POST',
    path: '/api/v1/online-applications/:id/refuse',
    summary: 'Refuse it with a reason (不予受理)',
    params: applicationParamsSchema,
    body: refuseRequestSchema,
    responses: { 200: applicationSchema, ...err(400, 401, 403, 404, 409) },
  }),
  withdrawApplication: endpoint({
    method: 'POST',
    path: '/api/v1/online-applications/:id/withdraw',
    summary: 'The portal withdraws it (before acceptance or refusal)',
    params: applicationParamsSchema,
    responses: { 200: applicationSchema, ...err(400, 401, 403, 404, 409) },
  }),
} as const;

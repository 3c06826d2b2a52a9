import { z } from 'zod';
import type { Endpoint } from './api';
import { errorResponseSchema } from './api';

/**
 * How long online materials are kept (issue 16 part 2) and the purge that deletes the rest: the
 * administrator's setting (kept in hall_meta, audited) and a record of every purge run.
 */

const endpoint = <const E extends Endpoint>(e: E): E => e;
const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

/** Days, counted from the application's final state (acceptance; refusal or withdrawal). */
export const retentionSettingsSchema = z.object({
  acceptedDays: z.number().int().min(1).max(36_500),
  closedDays: z.number().int().min(1).max(36_500),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const purgeRunSchema = z.object({
  id: z.string(),
  trigger: z.string(),
  staffId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  rules: retentionSettingsSchema,
  applicationsKept: z.number().int(),
  applicationsExpired: z.number().int(),
  filesDeleted: z.number().int(),
  chunksDeleted: z.number().int(),
  bytesDeleted: z.number().int(),
  deleted: z.array(z.string()),
});
export type PurgeRun = z.infer<typeof purgeRunSchema>;

export const retentionApi = {
  retentionSettings: endpoint({
    method: 'GET',
    path: '/api/v1/material-retention',
    summary: 'How long online material files are kept after acceptance, and after refusal or withdrawal (days)',
    responses: { 200: retentionSettingsSchema, ...err(401, 403) },
  }),
  saveRetentionSettings: endpoint({
    method: 'PUT',
    path: '/api/v1/material-retention',
    summary: 'Set how long online material files are kept (administrator); audited; the next purge applies it',
    body: retentionSettingsSchema,
    responses: { 200: retentionSettingsSchema, ...err(400, 401, 403) },
  }),
  purgeMaterials: endpoint({
    method: 'POST',
    path: '/api/v1/material-retention/purge',
    summary: 'Delete now the material files no application within retention refers to (administrator); the run is recorded and audited',
    body: z.object({}).strict(),
    responses: { 200: purgeRunSchema, ...err(400, 401, 403) },
  }),
  purgeRuns: endpoint({
    method: 'GET',
    path: '/api/v1/material-retention/runs',
    summary: 'The latest purge runs, newest first: what each deleted',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    responses: { 200: z.object({ runs: z.array(purgeRunSchema) }), ...err(400, 401, 403) },
  }),
} as const satisfies Record<string, Endpoint>;

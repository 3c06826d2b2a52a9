import { z } from 'zod';
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

export const publicApi = {
  caseProgressPage: endpoint({
    method: 'GET',
    path: '/c/:caseNo/:code',
    summary: "The citizen's progress page behind the receipt's QR (HTML): 404 for any other case number or code",
    params: progressParamsSchema,
    produces: 'text/html',
    responses: { 200: null, 404: null, ...err(429) },
  }),
} as const satisfies Record<string, Endpoint>;

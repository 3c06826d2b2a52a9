import { z } from 'zod';
import { windowCodeSchema } from './primitives';
import type { Endpoint } from './api';
import { errorResponseSchema } from './api';

/**
 * The hall's reports (issue 19): queue, cases, ratings over a range of local dates (Asia/Shanghai,
 * both inclusive), grouped by one key, answered as rows of figures under stable names plus totals.
 * `format=xlsx` / `format=csv` answer the same report as a file. The range and grouping are checked
 * by the domain (src/domain/report.ts) so a bad one is a 400 with its own code.
 */

const endpoint = <const E extends Endpoint>(e: E): E => e;
const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

export const reportQuerySchema = z.object({
  from: z.string().max(10),
  to: z.string().max(10),
  groupBy: z.string().max(16).default('day'),
  zone: z.string().regex(/^[A-Z]$/, 'expected a zone code like A').optional(),
  windowCode: windowCodeSchema.optional(),
  /** A staff member's username. */
  staff: z.string().min(1).max(64).optional(),
  matter: z.string().min(1).max(32).optional(),
  format: z.enum(['json', 'xlsx', 'csv']).default('json'),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** A figure: a count, seconds, or a rate 0..1; null where nothing was measured. */
const figure = z.number().nullable();

export const reportRowSchema = z.object({ key: z.string(), label: z.string() }).catchall(figure);
export type ReportRowView = z.infer<typeof reportRowSchema>;

export const reportResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.string(),
  /** The hall's today when the report was read: overdue counts open cases past their promised date as of this day. */
  today: z.string(),
  rows: z.array(reportRowSchema),
  totals: z.record(z.string(), figure),
});
export type ReportResponse = z.infer<typeof reportResponseSchema>;

/** 日报 / 月报: the day's or the month's three reports by window, for one printed page or one workbook. */
export const summaryQuerySchema = z.object({
  period: z.enum(['day', 'month']),
  /** The day, or any day of the month ('2026-11' names the month too). */
  date: z.string().max(10),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

export const summaryResponseSchema = z.object({
  period: z.enum(['day', 'month']),
  /** 2026年11月30日 / 2026年11月 */
  title: z.string(),
  hallName: z.string(),
  from: z.string(),
  to: z.string(),
  queue: reportResponseSchema,
  cases: reportResponseSchema,
  evaluations: reportResponseSchema,
});
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;

/** One period's cases by channel (cases.source): counts and shares (src/domain/channel-share.ts). */
export const channelSharesSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  channels: z.array(z.object({ channel: z.enum(['window', 'online', 'town']), count: z.number().int(), percent: z.number().nullable() })),
});
export type ChannelSharesView = z.infer<typeof channelSharesSchema>;

/** The supervisor board's channel figures: today and this month, and the online inbox's overdue pre-reviews. */
export const channelFiguresSchema = z.object({
  today: z.string(),
  day: channelSharesSchema,
  month: channelSharesSchema,
  /** Applications still waiting for pre-review (submitted) past their reviewDueDate, in the caller's zones. */
  inboxOverdue: z.number().int(),
});
export type ChannelFigures = z.infer<typeof channelFiguresSchema>;

const summary = (what: string) => `${what} over a range of local dates, grouped by one key (format=xlsx|csv for a file)`;

export const reportsApi = {
  queueReport: endpoint({
    method: 'GET',
    path: '/api/v1/reports/queue',
    summary: summary('Tickets issued, called, served, no-shows; wait and service times'),
    query: reportQuerySchema,
    responses: { 200: reportResponseSchema, ...err(400, 401, 403) },
  }),
  casesReport: endpoint({
    method: 'GET',
    path: '/api/v1/reports/cases',
    summary: summary('Cases received, accepted (容缺), corrections, rejections, decided on time, delivered, overdue, by channel'),
    query: reportQuerySchema,
    responses: { 200: reportResponseSchema, ...err(400, 401, 403) },
  }),
  evaluationsReport: endpoint({
    method: 'GET',
    path: '/api/v1/reports/evaluations',
    summary: summary('Ratings (好差评): count, good, bad, good rate'),
    query: reportQuerySchema,
    responses: { 200: reportResponseSchema, ...err(400, 401, 403) },
  }),
  reportSummary: endpoint({
    method: 'GET',
    path: '/api/v1/reports/summary',
    summary: "The 日报 or 月报: the day's or month's queue, cases and ratings by window (format=xlsx: one sheet each)",
    query: summaryQuerySchema,
    responses: { 200: summaryResponseSchema, ...err(400, 401, 403) },
  }),
  channelFigures: endpoint({
    method: 'GET',
    path: '/api/v1/reports/channels',
    summary: "The board's figures: today's and this month's cases by channel (window / online / town) with shares, and the inbox's overdue pre-reviews",
    responses: { 200: channelFiguresSchema, ...err(401, 403) },
  }),
} as const satisfies Record<string, Endpoint>;

import type { FastifyReply } from 'fastify';
import type { ChannelFigures, ChannelSharesView, ReportQuery, ReportResponse, SummaryResponse } from '../../contract/api-reports';
import { channelShares } from '../../domain/channel-share';
import { reportsApi } from '../../contract/api-reports';
import { localDateInShanghai } from '../../domain/local-date';
import { buildReport, periodRange, reportTitles, validateGrouping, validateReportRange, type Report, type ReportKind } from '../../domain/report';
import type { Permit } from '../auth/policy';
import { readCatalog } from '../catalog/repository';
import type { HallContext } from '../context';
import { unwrap } from '../http/errors';
import { HIJACKED, hallModule, route } from '../http/route';
import { refreshReportAggregates } from './aggregates';
import { attachment, reportCsv, reportWorkbook, type ExportedReport } from './export';
import { readFacts } from './facts';
import { applicationScope } from '../online/scope';
import { countOverdueApplications } from '../online/repository';

/** The report as the API answers it: each row's figures beside its key and label. */
export function reportView(r: Report, today: string): ReportResponse {
  return {
    from: r.from,
    to: r.to,
    groupBy: r.groupBy,
    today,
    rows: r.rows.map((x) => ({ key: x.key, label: x.label, ...x.figures }) as ReportResponse['rows'][number]),
    totals: r.totals,
  };
}

/** One report for one caller: check the range and grouping, bring the aggregates up to date, read within scope. */
export async function readReport(ctx: HallContext, kind: ReportKind, query: Omit<ReportQuery, 'format'>, permit: Permit, refresh = true): Promise<ReportResponse> {
  const range = unwrap(validateReportRange(query.from, query.to));
  const groupBy = unwrap(validateGrouping(kind, query.groupBy));
  const today = localDateInShanghai(ctx.now());
  if (refresh) await refreshReportAggregates(ctx.db.drizzle);
  const facts = await readFacts(ctx.db.drizzle, kind, range, permit.filter(), query, today, groupBy);
  return reportView(buildReport(kind, facts.rows, range, groupBy, facts.names, facts.durations), today);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sendFile(reply: FastifyReply, body: string | Buffer, type: string, ascii: string, chinese: string): Promise<typeof HIJACKED> {
  await reply.code(200).header('content-type', type).header('content-disposition', attachment(ascii, chinese)).header('cache-control', 'no-store').send(body);
  return HIJACKED;
}

/** JSON, or the same report as a workbook or a CSV. */
async function answer(kind: ReportKind, query: ReportQuery, permit: Permit, ctx: HallContext, reply: FastifyReply): Promise<unknown> {
  const view = await readReport(ctx, kind, query, permit);
  if (query.format === 'json') return view;
  const e: ExportedReport = { kind, view };
  const base = `${view.from}_${view.to}`;
  const chinese = `${reportTitles[kind]}报表_${base}`;
  if (query.format === 'csv') return sendFile(reply, reportCsv(e), 'text/csv; charset=utf-8', `report-${kind}-${base}.csv`, `${chinese}.csv`);
  return sendFile(reply, await reportWorkbook([e], { title: chinese }), XLSX, `report-${kind}-${base}.xlsx`, `${chinese}.xlsx`);
}

/** A cases report by channel, read as the board's shares (domain/channel-share.ts). */
function sharesOf(r: ReportResponse): ChannelSharesView {
  const t = r.totals;
  return { from: r.from, to: r.to, ...channelShares({ window: t.window ?? 0, online: t.online ?? 0, town: t.town ?? 0 }) };
}

/**
 * The supervisor board's channel figures: the cases report by channel (no SQL of its own) for today
 * and the month so far, and the inbox's overdue pre-reviews, each within the caller's zones.
 */
export async function readChannelFigures(ctx: HallContext, permit: Permit): Promise<ChannelFigures> {
  const today = localDateInShanghai(ctx.now());
  await refreshReportAggregates(ctx.db.drizzle);
  const day = await readReport(ctx, 'cases', { from: today, to: today, groupBy: 'channel' }, permit, false);
  const month = await readReport(ctx, 'cases', { from: `${today.slice(0, 7)}-01`, to: today, groupBy: 'channel' }, permit, false);
  const inboxOverdue = await countOverdueApplications(ctx.db.drizzle, await applicationScope(ctx, ctx.db.drizzle, permit), today);
  return { today, day: sharesOf(day), month: sharesOf(month), inboxOverdue };
}

export const reportsModule = hallModule('reports', () => [
  route(reportsApi.queueReport, 'reports', ({ query, permit, ctx, reply }) => answer('queue', query, permit, ctx, reply)),
  route(reportsApi.casesReport, 'reports', ({ query, permit, ctx, reply }) => answer('cases', query, permit, ctx, reply)),
  route(reportsApi.evaluationsReport, 'reports', ({ query, permit, ctx, reply }) => answer('evaluations', query, permit, ctx, reply)),

  route(reportsApi.channelFigures, 'reports', ({ permit, ctx }) => readChannelFigures(ctx, permit)),

  route(reportsApi.reportSummary, 'reports', async ({ query, permit, ctx, reply }) => {
    const period = unwrap(periodRange(query.period, query.date));
    await refreshReportAggregates(ctx.db.drizzle);
    const q = { from: period.from, to: period.to, groupBy: 'window' };
    const [queue, cases, evaluations, catalog] = [
      await readReport(ctx, 'queue', q, permit, false),
      await readReport(ctx, 'cases', q, permit, false),
      await readReport(ctx, 'evaluations', q, permit, false),
      await readCatalog(ctx.db.drizzle),
    ];
    const kindName = query.period === 'day' ? '日报' : '月报';
    const out: SummaryResponse = { period: query.period, title: `${period.title}${kindName}`, hallName: catalog.hall.name, from: period.from, to: period.to, queue, cases, evaluations };
    if (query.format === 'json') return out;
    const reports: ExportedReport[] = [
      { kind: 'queue', view: queue },
      { kind: 'cases', view: cases },
      { kind: 'evaluations', view: evaluations },
    ];
    const chinese = `${catalog.hall.name}${out.title}`;
    return sendFile(reply, await reportWorkbook(reports, { title: chinese }), XLSX, `summary-${query.period}-${period.from}.xlsx`, `${chinese}.xlsx`);
  }),
]);

import type { ReportQuery, ReportResponse } from '../../contract/api-reports';
import { reportsApi } from '../../contract/api-reports';
import { localDateInShanghai } from '../../domain/local-date';
import { buildReport, validateGrouping, validateReportRange, type Report, type ReportKind } from '../../domain/report';
import type { Permit } from '../auth/policy';
import type { HallContext } from '../context';
import { unwrap } from '../http/errors';
import { hallModule, route } from '../http/route';
import { refreshReportAggregates } from './aggregates';
import { readFacts } from './facts';

/** The report as the API answers it: each row's figures beside its key and label. */
export function reportView(r: Report, today: string): ReportResponse {
  return { from: r.from, to: r.to, groupBy: r.groupBy, today, rows: r.rows.map((x) => ({ key: x.key, label: x.label, ...x.figures }) as ReportResponse['rows'][number]), totals: r.totals };
}

/** One report for one caller: check the range and grouping, bring the aggregates up to date, read within scope. */
export async function readReport(ctx: HallContext, kind: ReportKind, query: ReportQuery, permit: Permit): Promise<{ report: Report; today: string }> {
  const range = unwrap(validateReportRange(query.from, query.to));
  const groupBy = unwrap(validateGrouping(kind, query.groupBy));
  const today = localDateInShanghai(ctx.now());
  await refreshReportAggregates(ctx.db.drizzle);
  const facts = await readFacts(ctx.db.drizzle, kind, range, permit.filter(), query, today);
  return { report: buildReport(kind, facts.rows, range, groupBy, facts.names), today };
}

export const reportsModule = hallModule('reports', () => [
  route(reportsApi.queueReport, 'reports', async ({ query, permit, ctx }) => {
    const { report, today } = await readReport(ctx, 'queue', query, permit);
    return reportView(report, today);
  }),
  route(reportsApi.casesReport, 'reports', async ({ query, permit, ctx }) => {
    const { report, today } = await readReport(ctx, 'cases', query, permit);
    return reportView(report, today);
  }),
  route(reportsApi.evaluationsReport, 'reports', async ({ query, permit, ctx }) => {
    const { report, today } = await readReport(ctx, 'evaluations', query, permit);
    return reportView(report, today);
  }),
]);

import { App as AntApp, Button, Card, DatePicker, Modal, Segmented, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { ReportResponse, SummaryResponse } from '../../contract/api-reports';
import type { ExportedFile, Session, StationArgs } from '../../contract/station-api';
import { figureLabels, figureNames, groupingLabels, isRateFigure, reportDefinitions, reportTitles, type ReportGrouping, type ReportKind } from '../../domain/report';
import { BarChart, type Series } from '../components/board/BarChart';
import { ErrorAlert } from '../components/ErrorAlert';
import { WeekHeatMap } from '../components/reports/WeekHeatMap';
import { errorText } from '../i18n';
import { useI18n } from '../i18n/context';
import { useStationCall, useStationQuery } from '../station-hooks';
import { tone } from '../theme';

/** A figure as people read it: rates in per cent, seconds as minutes and seconds, nothing as —. */
export function showFigure(name: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (isRateFigure(name)) return `${(v * 100).toFixed(1)}%`;
  if (name.endsWith('Seconds')) return v >= 60 ? `${Math.floor(v / 60)}分${String(v % 60).padStart(2, '0')}秒` : `${v}秒`;
  return String(v);
}

/** What each report shows first (the chart and the table's lead columns). */
const lead: Record<ReportKind, string[]> = {
  queue: ['issued', 'served', 'noShow', 'waitAvgSeconds', 'waitP90Seconds', 'waitMaxSeconds', 'serviceAvgSeconds', 'noShowRate'],
  cases: ['received', 'accepted', 'acceptedDeferred', 'corrections', 'rejections', 'decided', 'overdue', 'onTimeRate', 'onlineShare'],
  evaluations: ['rated', 'good', 'bad', 'goodRate'],
};
const timeGroupings: ReportGrouping[] = ['day', 'week', 'month', 'hour'];

function save(file: ExportedFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ReportChart({ kind, groupBy, report }: { kind: ReportKind; groupBy: ReportGrouping; report: ReportResponse }) {
  const rows = useMemo(() => {
    // A ranking (by window, clerk, matter …) reads best from the top; time runs left to right.
    if (timeGroupings.includes(groupBy)) return report.rows;
    const by = kind === 'evaluations' ? 'goodRate' : kind === 'cases' ? 'received' : 'served';
    return [...report.rows].sort((a, b) => (b[by] ?? 0) - (a[by] ?? 0)).slice(0, 20);
  }, [report, kind, groupBy]);
  const categories = rows.map((r) => r.label);
  const trend = groupBy === 'day' || groupBy === 'week' || groupBy === 'month';
  const series: Series[] =
    kind === 'queue'
      ? [
          // Over time the hall's load (tickets drawn); across windows and clerks the work done (served).
          groupBy === 'day' || groupBy === 'week' || groupBy === 'month' || groupBy === 'hour'
            ? { name: '取号', kind: trend ? 'line' : 'bar', values: rows.map((r) => r.issued ?? 0), colour: tone.serving }
            : { name: '办结', kind: 'bar', values: rows.map((r) => r.served ?? 0), colour: tone.serving },
          { name: '平均等候(分)', kind: 'line', values: rows.map((r) => Math.round(((r.waitAvgSeconds ?? 0) / 60) * 10) / 10), colour: tone.warn, yAxis: 1 },
        ]
      : kind === 'cases'
        ? [
            { name: '收件', kind: trend ? 'line' : 'bar', values: rows.map((r) => r.received ?? 0), colour: tone.serving },
            { name: '超期', kind: trend ? 'line' : 'bar', values: rows.map((r) => r.overdue ?? 0), colour: tone.error },
          ]
        : [
            { name: '评价数', kind: 'bar', values: rows.map((r) => r.rated ?? 0), colour: tone.serving },
            { name: '好评率(%)', kind: 'line', values: rows.map((r) => Math.round((r.goodRate ?? 0) * 1000) / 10), colour: tone.ok, yAxis: 1 },
          ];
  const yNames: [string, string?] = kind === 'queue' ? ['张', '分钟'] : kind === 'cases' ? ['件'] : ['条', '%'];
  return <BarChart categories={categories} series={series} height={220} yNames={yNames} testId="report-chart" />;
}

/** The 日报 / 月报 in the hall's one-page form, printed from the browser. */
function SummarySheet({ summary }: { summary: SummaryResponse }) {
  const part = (kind: ReportKind, view: ReportResponse) => (
    <div key={kind} style={{ marginTop: 12 }}>
      <h3 style={{ margin: '8px 0 4px', fontSize: 15 }}>{reportTitles[kind]}</h3>
      <table className="summary-table">
        <thead>
          <tr>
            <th>窗口</th>
            {lead[kind].map((f) => (
              <th key={f}>{figureLabels[f]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              {lead[kind].map((f) => (
                <td key={f}>{showFigure(f, r[f])}</td>
              ))}
            </tr>
          ))}
          <tr className="summary-total">
            <td>合计</td>
            {lead[kind].map((f) => (
              <td key={f}>{showFigure(f, view.totals[f])}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="print-sheet" data-testid="summary-sheet">
      <h2 style={{ textAlign: 'center', margin: 0 }}>
        {summary.hallName}
        {summary.title}
      </h2>
      <div style={{ textAlign: 'center', color: tone.muted }}>
        统计期间：{summary.from} 至 {summary.to}
      </div>
      {part('queue', summary.queue)}
      {part('cases', summary.cases)}
      {part('evaluations', summary.evaluations)}
      <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
        <span>制表：</span>
        <span>审核：</span>
        <span>打印时间：{dayjs().format('YYYY-MM-DD HH:mm')}</span>
      </div>
    </div>
  );
}

/** 报表: the hall's figures over a range, grouped, as a table, a chart and files; the 日报 / 月报 to print. */
export function ReportsScreen({ session }: { session: Session }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const role = session.staff.role;
  const kinds: ReportKind[] = role === 'approver' ? ['cases'] : ['queue', 'cases', 'evaluations'];
  const [kind, setKind] = useState<ReportKind>(kinds[0]!);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [groupBy, setGroupBy] = useState<ReportGrouping>(role === 'clerk' ? 'day' : 'window');
  const [summary, setSummary] = useState<SummaryResponse | null>(null);
  const groupings = reportDefinitions[kind].groupings;
  const g = groupings.includes(groupBy) ? groupBy : 'day';
  const args: StationArgs<'reports.read'> = { kind, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy: g };
  const report = useStationQuery('reports.read', args, { on: ['queue', 'cases'] });
  // The week's waits as a heat map (weekday × hour), beside the queue report.
  const week = useStationQuery('reports.read', { ...args, kind: 'queue', groupBy: 'weekhour' }, { enabled: kind === 'queue', on: ['queue'] });
  const exporter = useStationCall('reports.export');
  const summaryCall = useStationCall('reports.summary');

  async function download(format: 'xlsx' | 'csv') {
    const r = await exporter.run({ ...args, format });
    if (r.ok) save(r.value);
    else void message.error(errorText(r.error));
  }
  async function openSummary(period: 'day' | 'month') {
    const r = await summaryCall.run({ period, date: range[1].format('YYYY-MM-DD') });
    if (r.ok) setSummary(r.value);
    else void message.error(errorText(r.error));
  }
  async function summaryWorkbook() {
    if (!summary) return;
    const r = await exporter.run({ kind: 'summary', period: summary.period, date: summary.from, format: 'xlsx' });
    if (r.ok) save(r.value);
    else void message.error(errorText(r.error));
  }

  const names = figureNames(kind);
  const shown = [...lead[kind], ...names.filter((f) => !lead[kind].includes(f))];
  const columns = [
    { title: groupingLabels[g], dataIndex: 'label', key: 'label', fixed: 'left' as const, width: 160, sorter: (a: ReportResponse['rows'][number], b: ReportResponse['rows'][number]) => a.key.localeCompare(b.key) },
    ...shown.map((f) => ({
      title: figureLabels[f] ?? f,
      dataIndex: f,
      key: f,
      width: 96,
      align: 'right' as const,
      sorter: (a: ReportResponse['rows'][number], b: ReportResponse['rows'][number]) => (a[f] ?? -1) - (b[f] ?? -1),
      render: (v: number | null) => <span className="tabular">{showFigure(f, v)}</span>,
    })),
  ];
  const data = report.data;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0, flex: 1, overflow: 'auto' }} data-testid="reports-screen">
      <Card size="small">
        <Space wrap>
          <Segmented<ReportKind> value={kind} onChange={setKind} options={kinds.map((k) => ({ label: reportTitles[k], value: k }))} data-testid="report-kind" />
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            aria-label={t('reports.range')}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            data-testid="report-range"
          />
          <span>{t('reports.groupBy')}</span>
          <Select<ReportGrouping>
            value={g}
            onChange={setGroupBy}
            aria-label={t('reports.groupBy')}
            style={{ width: 120 }}
            options={groupings.map((x) => ({ label: groupingLabels[x], value: x }))}
            data-testid="report-group"
          />
          <Button onClick={() => void download('xlsx')} loading={exporter.pending} data-testid="export-xlsx">
            {t('reports.exportXlsx')}
          </Button>
          <Button onClick={() => void download('csv')} data-testid="export-csv">
            {t('reports.exportCsv')}
          </Button>
          {role !== 'approver' && (
            <>
              <Button onClick={() => void openSummary('day')} data-testid="open-daily">
                {t('reports.daily')}
              </Button>
              <Button onClick={() => void openSummary('month')} data-testid="open-monthly">
                {t('reports.monthly')}
              </Button>
            </>
          )}
        </Space>
      </Card>
      {report.error && <ErrorAlert error={report.error} />}
      {data && (
        <>
          <div style={{ display: 'flex', gap: 8 }}>
            <Card size="small" title={`${reportTitles[kind]} · ${data.from} 至 ${data.to}`} style={{ flex: 3, minWidth: 0 }}>
              <ReportChart kind={kind} groupBy={g} report={data} />
            </Card>
            {kind === 'queue' && week.data && (
              <Card size="small" title={t('reports.heatmap')} style={{ flex: 2, minWidth: 0 }}>
                <WeekHeatMap report={week.data} height={220} />
              </Card>
            )}
          </div>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={data.rows}
              pagination={false}
              scroll={{ x: 160 + shown.length * 96 }}
              data-testid="report-table"
              summary={() => (
                <Table.Summary fixed>
                  <Table.Summary.Row style={{ fontWeight: 600 }} data-testid="report-totals">
                    <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                    {shown.map((f, i) => (
                      <Table.Summary.Cell key={f} index={i + 1} align="right">
                        <span className="tabular">{showFigure(f, data.totals[f])}</span>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          </Card>
        </>
      )}
      <Modal
        open={summary !== null}
        onCancel={() => setSummary(null)}
        width={900}
        title={summary?.title}
        footer={[
          <Button key="xlsx" onClick={() => void summaryWorkbook()}>
            {t('reports.exportXlsx')}
          </Button>,
          <Button key="print" type="primary" onClick={() => window.print()} data-testid="print-summary">
            {t('reports.print')}
          </Button>,
        ]}
      >
        {summary && <SummarySheet summary={summary} />}
      </Modal>
    </div>
  );
}

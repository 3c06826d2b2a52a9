import ExcelJS from 'exceljs';
import type { ReportResponse } from '../../contract/api-reports';
import { figureLabels, figureNames, groupingLabels, isRateFigure, reportTitles, type ReportGrouping, type ReportKind } from '../../domain/report';

/**
 * Reports as files a hall office opens: an Excel workbook (one sheet per report, Chinese headers,
 * number formats, the header row frozen, a 合计 row) and a CSV with a UTF-8 BOM, without which
 * Excel on a Chinese Windows reads UTF-8 as GBK and shows mojibake.
 */

export interface ExportedReport {
  kind: ReportKind;
  view: ReportResponse;
}

const isSeconds = (f: string) => f.endsWith('Seconds');

function headerOf(kind: ReportKind, groupBy: string): string[] {
  return [groupingLabels[groupBy as ReportGrouping] ?? groupBy, ...figureNames(kind).map((f) => figureLabels[f] ?? f)];
}

/** Totals row last, labelled 合计. */
function linesOf(e: ExportedReport): Array<{ label: string; values: Array<number | null> }> {
  const names = figureNames(e.kind);
  return [
    ...e.view.rows.map((r) => ({ label: r.label, values: names.map((f) => (r[f] as number | null | undefined) ?? null) })),
    { label: '合计', values: names.map((f) => e.view.totals[f] ?? null) },
  ];
}

// A cell starting with = + - @ (or a tab / CR) would run as a formula in Excel: a name typed into
// the catalogue must never become one.
const FORMULA_START = /^[=+\-@\t\r]/;
const safeText = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function reportCsv(e: ExportedReport): string {
  const names = figureNames(e.kind);
  const fmt = (f: string, v: number | null) => (v === null ? '' : isRateFigure(f) ? `${(v * 100).toFixed(2)}%` : String(v));
  const lines = [
    headerOf(e.kind, e.view.groupBy).map(csvField).join(','),
    ...linesOf(e).map((l) => [csvField(safeText(l.label)), ...l.values.map((v, i) => fmt(names[i]!, v))].join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function addSheet(wb: ExcelJS.Workbook, e: ExportedReport, title: string): void {
  const names = figureNames(e.kind);
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.addRow(headerOf(e.kind, e.view.groupBy));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  const lines = linesOf(e);
  lines.forEach((l, i) => {
    const row = ws.addRow([safeText(l.label), ...l.values]);
    if (i === lines.length - 1) row.font = { bold: true };
  });
  ws.getColumn(1).width = 24;
  names.forEach((f, i) => {
    const col = ws.getColumn(i + 2);
    col.width = Math.max(10, (figureLabels[f] ?? f).length * 2 + 2);
    col.numFmt = isRateFigure(f) ? '0.00%' : isSeconds(f) ? '#,##0"秒"' : '#,##0';
  });
}

/** One workbook, one sheet per report (a 日报 or 月报 has three). */
export async function reportWorkbook(reports: ExportedReport[], meta: { title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务服务大厅';
  wb.title = meta.title;
  for (const e of reports) addSheet(wb, e, `${reportTitles[e.kind]}（${e.view.from}至${e.view.to}）`.slice(0, 31));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment` with the Chinese name for browsers that read RFC 5987 and an ASCII one for the rest. */
export function attachment(asciiName: string, chineseName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
}

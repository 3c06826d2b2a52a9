import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { chromiumMissing, E2eHall, ensureUiBuilt, SCREENSHOTS, shot, signIn, until, type Pc } from './hall';

/**
 * The supervisor opens 报表 after a morning at window A1 (three tickets: two served, one no-show)
 * and sees those figures in the table, the chart and the 合计 row; the Excel export carries the same
 * numbers; the 日报 opens as one printable sheet.
 */
describe.skipIf(chromiumMissing)('the reports screen', () => {
  const e2e = new E2eHall();
  let sup: Pc;

  beforeAll(async () => {
    await ensureUiBuilt();
    await e2e.start();
    sup = await e2e.pc('SUPR', null);
  }, 180_000);

  afterAll(async () => {
    await e2e.close();
  }, 60_000);

  /** Window A1's morning, through the hall's API as the clerk's PC would do it. */
  async function morningAtA1(): Promise<void> {
    const key = await e2e.hall.registerPc('e2e-rep-A1', 'A1');
    const token = await e2e.hall.login('clerk-A1', 'A1', key);
    const api = (method: string, path: string, body?: unknown) => e2e.hall.api(method, path, { token, stationKey: key, ...(body === undefined ? {} : { body }) });
    for (let i = 0; i < 3; i++) expect((await api('POST', '/api/v1/tickets', { zoneCode: 'A', requestId: ulid() })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const t = (await api('POST', '/api/v1/windows/A1/call-next', {})).body;
      expect((await api('POST', `/api/v1/tickets/${t.id}/start`, {})).status).toBe(200);
      expect((await api('POST', `/api/v1/tickets/${t.id}/finish`, {})).status).toBe(200);
    }
    const last = (await api('POST', '/api/v1/windows/A1/call-next', {})).body;
    expect((await api('POST', `/api/v1/tickets/${last.id}/no-show`, {})).status).toBe(200);
    // A moment of 午休: the windows' time counts it under its reason.
    expect((await api('POST', '/api/v1/windows/A1/pause', { reason: '午休' })).status).toBe(200);
    expect((await api('POST', '/api/v1/windows/A1/resume', {})).status).toBe(200);
  }

  /** The table's cells of the row whose first cell reads `label`, by column heading. */
  async function rowOf(page: Pc['page'], label: string): Promise<Record<string, string>> {
    return page.evaluate((label) => {
      const table = document.querySelector('[data-testid="report-table"]')!;
      const heads = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
      const rows = [...table.querySelectorAll('tbody tr, tfoot tr')];
      const row = rows.find((r) => (r.querySelector('td')?.textContent ?? '').trim() === label);
      if (!row) return {};
      const cells = [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim());
      return Object.fromEntries(heads.map((h, i) => [h, cells[i] ?? '']));
    }, label);
  }

  it('shows the morning at A1 by window, with the 合计 row and a chart', async () => {
    await morningAtA1();
    await signIn(sup.page, 'supervisor', null);
    await sup.page.getByRole('menuitem', { name: '报表' }).click();
    await sup.page.getByTestId('reports-screen').waitFor();
    const a1 = await until('A1 in the table', async () => {
      const r = await rowOf(sup.page, '商事登记1号窗口');
      return r['办结'] ? r : undefined;
    });
    expect([a1['叫号'], a1['办结'], a1['过号'], a1['过号率']]).toEqual(['3', '2', '1', '33.3%']);
    // Paused time by reason, beside the paused total.
    for (const heading of ['暂停时长(秒)', '午休暂停(秒)', '会议暂停(秒)', '业务咨询暂停(秒)', '设备故障暂停(秒)', '其他暂停(秒)']) expect(a1[heading], heading).toBeTruthy();
    const totals = await rowOf(sup.page, '合计');
    expect([totals['取号'], totals['办结'], totals['过号']]).toEqual(['3', '2', '1']);
    expect(await sup.page.getByTestId('report-chart').locator('canvas').count()).toBe(1);
    await until('the week heat map', async () => (await sup.page.getByTestId('wait-heatmap').locator('canvas').count()) >= 1 || undefined);
    await shot(sup.page, 'reports-by-window');
  });

  it('exports the same numbers to Excel', async () => {
    const [download] = await Promise.all([sup.page.waitForEvent('download'), sup.page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^排队叫号报表_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = join(SCREENSHOTS, 'reports-export.xlsx');
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const last = (ws.getRow(ws.rowCount).values as unknown[]).slice(1);
    expect(last[0]).toBe('合计');
    expect([last[header.indexOf('取号')], last[header.indexOf('办结')], last[header.indexOf('过号')]]).toEqual([3, 2, 1]);
  });

  it('groups by day and opens the 日报 as one printable sheet', async () => {
    await sup.page.getByTestId('report-group').click();
    await sup.page.locator('.ant-select-item-option', { hasText: /^日$/ }).click();
    await until('one row per day', async () => ((await rowOf(sup.page, '合计'))['取号'] === '3' && (await sup.page.locator('[data-testid="report-table"] thead th').first().textContent()) === '日') || undefined);
    await sup.page.getByTestId('open-daily').click();
    const sheet = sup.page.getByTestId('summary-sheet');
    await sheet.waitFor();
    expect(await sheet.locator('h2').textContent()).toMatch(/日报$/);
    expect(await sheet.locator('h3').allTextContents()).toEqual(['排队叫号', '办件', '好差评']);
    expect(await sheet.locator('.summary-total').first().textContent()).toContain('合计');
    await shot(sup.page, 'reports-daily-sheet');
  });
});

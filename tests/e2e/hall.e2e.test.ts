/**
 * The hall end to end, through the screens: a reception desk issues tickets, two clerks call them,
 * recall / no-show / transfer, a supervisor reassigns, A1 takes in a bundle with a deferred material
 * and the receipt arrives at a real TCP printer, then the hall server goes away, a walk-in is accepted
 * offline and printed, and the case reaches the hall exactly once when it returns. Screenshots of
 * every main screen land in tests/e2e/screenshots/ (git-ignored).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateInShanghai } from '../../src/domain/local-date';
import { decodeReceipt } from '../../src/station/devices/printer/decode';
import { chromiumMissing, CHROMIUM, E2eHall, ensureUiBuilt, idNumber, pressKey, shot, signIn, text, until, type Pc } from './hall';

if (chromiumMissing) console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install chromium or set CHROMIUM_PATH)`);

const TICKET = /^[A-H]\d{3}$/;

describe.skipIf(chromiumMissing)('the hall through its screens', () => {
  const e2e = new E2eHall();
  let reception: Pc;
  let a1: Pc;
  let a2: Pc;
  let sup: Pc;

  beforeAll(async () => {
    await ensureUiBuilt();
    await e2e.start();
    reception = await e2e.pc('R1', 'R1');
    a1 = await e2e.pc('A1', 'A1', { printer: e2e.printer.target });
    a2 = await e2e.pc('A2', 'A2');
    sup = await e2e.pc('SUP', null);
  }, 120_000);

  afterAll(async () => {
    await e2e.close();
  }, 60_000);

  /** The ticket number on a console, or null when the window is idle. */
  async function current(pc: Pc): Promise<string | null> {
    const t = await text(pc.page, 'current-ticket');
    return TICKET.test(t) ? t : null;
  }

  /** Issues one ticket at the reception desk and returns its number as shown big on the screen. */
  async function issue(zone: string): Promise<string> {
    const before = (await reception.page.getByTestId('issued-number').count()) ? await text(reception.page, 'issued-number') : '';
    await reception.page.locator(`[data-zone="${zone}"]`).click();
    return until(`ticket issued in zone ${zone}`, async () => {
      if (!(await reception.page.getByTestId('issued-number').count())) return undefined;
      const n = await text(reception.page, 'issued-number');
      return n !== before && TICKET.test(n) ? n : undefined;
    });
  }

  /** F1 on a console; resolves with the number it now shows. */
  async function callNext(pc: Pc): Promise<string> {
    await pressKey(pc.page, 'F1');
    return until(`${pc.name} shows a called ticket`, async () => (await current(pc)) ?? undefined);
  }

  /** F5 then F6: the applicant is served and the window is idle again. */
  async function serveAndFinish(pc: Pc): Promise<void> {
    await until(`${pc.name} can start`, async () => (await pc.page.getByTestId('cmd-start').isEnabled()) || undefined);
    await pressKey(pc.page, 'F5');
    await until(`${pc.name} is serving`, async () => (await pc.page.getByTestId('cmd-finish').isEnabled()) || undefined);
    await pressKey(pc.page, 'F6');
    await until(`${pc.name} is idle`, async () => ((await current(pc)) === null ? true : undefined));
  }

  async function hallTickets(status: string): Promise<Array<{ number: string; zoneCode: string; windowCode: string | null; front: boolean; status: string }>> {
    const token = await e2e.hall.login('supervisor');
    const r = await e2e.hall.api('GET', `/api/v1/tickets?status=${status}`, { token });
    expect(r.status).toBe(200);
    return r.body.tickets;
  }

  it('signs in the reception desk, two clerks and the supervisor', async () => {
    await a1.page.getByTestId('signin-username').waitFor();
    await shot(a1.page, '01-signin');
    await signIn(reception.page, 'clerk-R1', 'R1');
    await signIn(a1.page, 'clerk-A1', 'A1');
    await signIn(a2.page, 'clerk-A2', 'A2');
    await signIn(sup.page, 'supervisor', null);
    expect(await text(a1.page, 'header-identity')).toContain('clerk-A1');
    expect(await reception.page.getByTestId('reception').count()).toBe(1);
    await until('A1 online', async () => ((await a1.page.getByTestId('hall-connection').getAttribute('data-connection')) === 'online' ? true : undefined), 20_000);
  }, 60_000);

  it('issues ten tickets at reception, and the two windows call them in turns without ever sharing one', async () => {
    const issued: string[] = [];
    for (let i = 0; i < 10; i++) issued.push(await issue('A'));
    expect(new Set(issued).size).toBe(10);
    await until('the last ten issued are listed', async () => ((await reception.page.locator('[data-testid="recent-issued"] .ant-table-row').count()) === 10 ? true : undefined));
    await until('the slip was printed', async () => ((await reception.page.getByTestId('print-status').getAttribute('data-print-status')) === 'printed' ? true : undefined));
    await shot(reception.page, '02-reception');

    // The waiting list on A2 follows the hall without a reload.
    await until('A2 sees ten waiting', async () => ((await a2.page.locator('[data-testid="queue-next"] [data-ticket]').count()) === 10 ? true : undefined));

    const called: string[] = [];
    for (let i = 0; i < 8; i++) {
      const pc = i % 2 === 0 ? a1 : a2;
      called.push(await callNext(pc));
      if (i === 2) await shot(a1.page, '03-console-called');
      await serveAndFinish(pc);
    }
    // The last two: both windows press F1 at the same moment.
    await Promise.all([pressKey(a1.page, 'F1'), pressKey(a2.page, 'F1')]);
    const both = await Promise.all([a1, a2].map((pc) => until(`${pc.name} called`, async () => (await current(pc)) ?? undefined)));
    called.push(...both);
    expect(new Set(called).size).toBe(10);
    expect([...called].sort()).toEqual([...issued].sort());
    await shot(a1.page, '04-console-serving');
    await serveAndFinish(a1);
    await serveAndFinish(a2);
  }, 120_000);

  it('recalls, marks a no-show, and transfers an applicant to another zone at the front', async () => {
    const first = await issue('A');
    const second = await issue('A');
    const third = await issue('A');
    await until('A1 sees the new tickets', async () => ((await a1.page.locator(`[data-ticket="${third}"]`).count()) === 1 ? true : undefined));

    expect(await callNext(a1)).toBe(first);
    await pressKey(a1.page, 'F2');
    await until('the recall is counted', async () => ((await a1.page.getByText('重呼 1 次').count()) > 0 ? true : undefined));
    await pressKey(a1.page, 'F3');
    await until('A1 idle after the no-show', async () => ((await current(a1)) === null ? true : undefined));
    expect(await text(a1.page, 'no-shows')).toContain(first);

    expect(await callNext(a1)).toBe(second);
    await pressKey(a1.page, 'F4');
    await a1.page.getByTestId('transfer-form').waitFor();
    await a1.page.getByTestId('transfer-zone').click();
    await a1.page.keyboard.type('B 市场');
    await a1.page.keyboard.press('Enter');
    await shot(a1.page, '05-transfer');
    await a1.page.getByTestId('transfer-submit').click();
    await until('A1 idle after the transfer', async () => ((await current(a1)) === null ? true : undefined));
    const moved = (await hallTickets('waiting')).find((t) => t.number === second);
    expect(moved).toMatchObject({ zoneCode: 'B', front: true });
  }, 90_000);

  it('lets the supervisor reassign a waiting ticket, and the target window sees it without a reload', async () => {
    // The transferred ticket waits in zone B: A2 (zone A only) does not list it yet.
    const moved = (await hallTickets('waiting')).find((t) => t.zoneCode === 'B')!;
    expect(await a2.page.locator(`[data-ticket="${moved.number}"]`).count()).toBe(0);

    await sup.page.goto(`${sup.host.url}/#/board`);
    await sup.page.getByTestId('board').waitFor();
    await until('the board lists the waiting ticket', async () => ((await sup.page.locator(`[data-testid="reassign-list"] [data-ticket="${moved.number}"]`).count()) === 1 ? true : undefined));
    await sup.page.locator(`[data-testid="reassign-list"] [data-ticket="${moved.number}"]`).click();
    await sup.page.getByTestId('reassign-target').click();
    await sup.page.keyboard.type('A2 ');
    await sup.page.keyboard.press('Enter');
    await sup.page.getByTestId('reassign-submit').click();

    await until('A2 shows the reassigned ticket', async () => ((await a2.page.locator(`[data-testid="queue-next"] [data-ticket="${moved.number}"]`).count()) === 1 ? true : undefined), 5_000);
    await until('the board shows A1 and A2 signed in', async () => ((await sup.page.locator('[data-window="A2"]').getAttribute('data-state')) !== 'signed-out' ? true : undefined));
    await shot(sup.page, '06-supervisor-board');
    expect(await a2.page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

    // Pausing A2 from the board: A2's own header says so at once, and resuming clears it.
    await sup.page.locator('[data-window="A2"]').click();
    await sup.page.getByTestId('window-actions').locator('input').fill('临时会议');
    await sup.page.getByTestId('board-pause').click();
    await until('A2 shows it is paused', async () => ((await a2.page.getByTestId('paused-tag').count()) > 0 ? true : undefined), 5_000);
    expect(await text(a2.page, 'paused-tag')).toContain('临时会议');
    expect(await a2.page.getByTestId('cmd-call').isDisabled()).toBe(true);
    await sup.page.getByTestId('board-resume').click();
    await until('A2 resumed', async () => ((await a2.page.getByTestId('paused-tag').count()) === 0 ? true : undefined), 5_000);
  }, 60_000);

  it('shows why a typed ID number is wrong, as it is typed', async () => {
    const good = idNumber('19920708', '204');
    const wrongCheck = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    await a1.page.getByTestId('id-number').fill(wrongCheck);
    await until('the reason is shown', async () => ((await a1.page.getByText(`校验位错误(应为${good[17]})`).count()) > 0 ? true : undefined), 10_000);
    await shot(a1.page, '07-wrong-id-number');
    await a1.page.getByTestId('id-number').fill('');
  }, 30_000);

  async function fillApplicant(pc: Pc, id: string, name: string): Promise<void> {
    await pc.page.getByTestId('id-number').fill(id);
    await pc.page.getByTestId('applicant-name').fill(name);
    // 容缺 and correction notices need a way to reach the applicant.
    await pc.page.getByTestId('phone').fill('13800000000');
  }

  async function waitForDecision(pc: Pc): Promise<void> {
    await until('the checklist verdict', async () => ((await pc.page.getByTestId('promised-date').count()) > 0 ? true : undefined));
  }

  it('takes in a bundle with one deferred material: the receipt reaches the printer with the case number and date', async () => {
    const jobsBefore = e2e.printer.jobs.length;
    await fillApplicant(a1, idNumber('19920708', '204'), '韩梅梅');
    await a1.page.getByTestId('bundle-select').click();
    await a1.page.keyboard.type('我要开餐馆');
    await a1.page.keyboard.press('Enter');
    await until('the merged checklist', async () => ((await a1.page.locator('[data-testid="checklist"] [data-material]').count()) > 3 ? true : undefined));
    await a1.page.getByTestId('mark-all-original').click();
    await until('accept is allowed', async () => (await a1.page.getByTestId('outcome-accept').isEnabled()) || undefined);

    // One 容缺 material stays behind.
    const deferrable = a1.page.locator('[data-testid="checklist"] [data-material]').filter({ hasText: '容缺后补' }).first();
    const materialName = ((await deferrable.locator('span').nth(1).textContent()) ?? '').trim();
    await deferrable.locator('.ant-segmented-item').filter({ hasText: /^缺$/ }).click();
    await until('deferred acceptance is allowed', async () => (await a1.page.getByTestId('outcome-accept-deferred').isEnabled()) || undefined);
    await until('the deferral deadline is shown', async () => ((await a1.page.getByTestId('deferred-due').count()) > 0 ? true : undefined));
    const promised = /承诺办结：(\d{4}-\d{2}-\d{2})/.exec(await text(a1.page, 'promised-date'))?.[1];
    expect(promised).toBeDefined();
    // The row proposes its own due date, from its own deferral limit, never after the promise.
    const due = (await deferrable.getByTestId('due-date').getAttribute('data-due'))!;
    expect(due > localDateInShanghai(new Date()) && due <= promised!).toBe(true);
    expect(await deferrable.getByTestId('due-date').textContent()).toMatch(/补交截止.*容缺期限\d+个工作日/);
    expect(await text(a1.page, 'allowed-line')).toContain('容缺受理');
    await shot(a1.page, '08-intake-checklist');

    await a1.page.getByTestId('outcome-accept-deferred').click();
    await a1.page.getByTestId('intake-result').waitFor({ timeout: 15_000 });
    const caseNo = (await a1.page.getByTestId('intake-result').getAttribute('data-case-no'))!;
    expect(caseNo).toMatch(/^[A-Z0-9]{1,8}-\d{8}-A1-\d{4}$/);
    await until('回执已打印', async () => ((await a1.page.getByTestId('print-status').getAttribute('data-print-status')) === 'printed' ? true : undefined), 15_000);
    expect(await a1.page.getByTestId('case-qr').count()).toBe(1);
    await shot(a1.page, '09-intake-result');

    const jobs = await e2e.printer.waitForJobs(jobsBefore + 1, 10_000);
    const receipt = decodeReceipt(jobs[jobs.length - 1]!.bytes);
    expect(receipt.text).toContain(caseNo);
    // Notices write dates the way a seal does: 2026年12月4日.
    const [y, m, d] = promised!.split('-').map(Number);
    expect(receipt.text).toContain(`${y}年${m}月${d}日`);
    expect(receipt.text).toContain(materialName);
    const [dy, dm, dd] = due.split('-').map(Number);
    expect(receipt.text).toContain(`${dy}年${dm}月${dd}日`);
    expect(receipt.cuts).toBeGreaterThan(0);

    // 好差评 is the citizen's, on the pad (tests/e2e/pad.e2e.test.ts): the clerk has no rating button.
    expect(await a1.page.getByTestId('evaluate').count()).toBe(0);
    await a1.page.getByTestId('intake-next').first().click();
  }, 90_000);

  it("counts the bundle case on the supervisor's board under 窗口 at once, as today's and this month's share", async () => {
    const row = (channel: string, period: 'day' | 'month') => sup.page.locator(`[data-testid="board-channels"] tr[data-channel="${channel}"] td[data-period="${period}"]`);
    await sup.page.getByTestId('board-channels').waitFor();
    // No reload: the hall's case poke refetches the figures.
    await until('the board counts the case taken in at A1', async () => ((await row('window', 'day').textContent()) === '1 · 100.0%' ? true : undefined), 15_000);
    expect(await row('online', 'day').textContent()).toBe('0 · 0.0%');
    expect(await row('town', 'day').textContent()).toBe('0 · 0.0%');
    expect(await row('window', 'month').textContent()).toBe('1 · 100.0%');
    expect(await row('total', 'day').textContent()).toBe('1');
    expect(await sup.page.getByTestId('board-inbox-overdue').getAttribute('data-overdue')).toBe('0');
    expect(await text(sup.page, 'board-inbox-overdue')).toBe('网上预审无超期');
    await shot(sup.page, '09b-board-channels');
  }, 30_000);

  it('accepts and prints a walk-in while the hall server is down, and the case reaches the hall exactly once', async () => {
    const jobsBefore = e2e.printer.jobs.length;
    await e2e.hall.stop();
    await until('A1 knows the hall is offline', async () => ((await a1.page.getByTestId('hall-connection').getAttribute('data-connection')) === 'offline' ? true : undefined), 30_000);
    await until('the queue panel says calling is paused', async () => ((await a1.page.getByTestId('queue-offline').count()) > 0 ? true : undefined), 10_000);
    expect(await a1.page.getByTestId('cmd-call').isDisabled()).toBe(true);

    await a1.page.getByTestId('walk-in').click();
    await fillApplicant(a1, idNumber('19850315', '123'), '李雷');
    await a1.page.getByTestId('matter-search').locator('input').fill('yxzrgssl');
    const option = a1.page.locator('.ant-select-item-option').filter({ hasText: '有限责任公司设立登记' }).first();
    await option.waitFor({ timeout: 10_000 });
    await option.click();
    await until('the offline checklist', async () => ((await a1.page.locator('[data-testid="checklist"] [data-material]').count()) > 0 ? true : undefined));
    await a1.page.getByTestId('mark-all-original').click();
    await waitForDecision(a1);
    await until('accept allowed offline', async () => (await a1.page.getByTestId('outcome-accept').isEnabled()) || undefined);
    await shot(a1.page, '10-offline-intake');
    await a1.page.getByTestId('outcome-accept').click();
    await a1.page.getByTestId('intake-result').waitFor({ timeout: 15_000 });
    const caseNo = (await a1.page.getByTestId('intake-result').getAttribute('data-case-no'))!;
    await until('printed offline', async () => ((await a1.page.getByTestId('print-status').getAttribute('data-print-status')) === 'printed' ? true : undefined), 15_000);
    const jobs = await e2e.printer.waitForJobs(jobsBefore + 1, 10_000);
    expect(decodeReceipt(jobs[jobs.length - 1]!.bytes).text).toContain(caseNo);
    expect(await text(a1.page, 'intake-result')).toContain('待同步');
    await shot(a1.page, '11-offline-result');

    await e2e.hall.start();
    await until('A1 back online with nothing pending', async () => {
      const c = await a1.page.getByTestId('hall-connection').getAttribute('data-connection');
      const line = await text(a1.page, 'today-line');
      return c === 'online' && line.includes('待同步 0') ? true : undefined;
    }, 45_000);
    const atHall = (await e2e.hall.casesOf(a1.stationId)).filter((c) => c.caseNo === caseNo);
    expect(atHall).toHaveLength(1);
    await until('the result panel no longer says pending', async () => (!(await text(a1.page, 'intake-result')).includes('待同步') ? true : undefined), 10_000);
    await a1.page.getByTestId('intake-next').first().click();
  }, 150_000);

  it('lists the day’s cases with the detail, and shows devices and sync', async () => {
    await a1.page.goto(`${a1.host.url}/#/cases`);
    await until('two cases today', async () => ((await a1.page.locator('[data-testid="cases-table"] .ant-table-row').count()) === 2 ? true : undefined));
    await a1.page.locator('[data-testid="cases-table"] .ant-table-row').filter({ hasText: '韩梅梅' }).click();
    await a1.page.getByTestId('case-detail').waitFor();
    // Full ID number only here, in the detail; the list shows it masked.
    expect(await text(a1.page, 'case-detail')).toContain(idNumber('19920708', '204'));
    expect(await a1.page.locator('[data-testid="cases-table"]').textContent()).not.toContain(idNumber('19920708', '204'));
    await shot(a1.page, '12-cases');

    // The printer runs out of paper: the reprint fails with the reason beside it, and 重打 works
    // once paper is back.
    const jobsBefore = e2e.printer.jobs.length;
    e2e.printer.setStatus('paper-out');
    await a1.page.getByTestId('print-notice').click();
    const failed = a1.page.locator('[data-testid="case-detail"] [data-print-status="failed"]').first();
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.textContent()).toContain('打印机缺纸');
    await shot(a1.page, '12b-case-print-failed');
    e2e.printer.setStatus('healthy');
    await failed.getByRole('button').click();
    await until('the retried notice is printed', async () => ((await a1.page.locator('[data-testid="case-detail"] [data-print-status="failed"]').count()) === 0 ? true : undefined), 15_000);
    const printed = await e2e.printer.waitForJobs(jobsBefore + 1, 10_000);
    expect(decodeReceipt(printed[printed.length - 1]!.bytes).text).toContain(await text(a1.page, 'detail-case-no'));

    // The deferred material arrives: supplied from the case detail, no longer owed.
    const owed = a1.page.locator('[data-testid^="supplement-"]').first();
    await owed.click();
    await until('the material is supplied', async () => ((await a1.page.locator('[data-testid^="supplement-"]').count()) === 0 ? true : undefined), 10_000);
    expect(await text(a1.page, 'case-detail')).toContain('已补交');

    await a1.page.goto(`${a1.host.url}/#/devices`);
    await a1.page.getByTestId('devices').waitFor();
    await until('the print queue lists the receipts', async () => ((await a1.page.locator('[data-testid="print-queue"] .ant-table-row').count()) >= 2 ? true : undefined));
    expect(await a1.page.getByTestId('printer-target').inputValue()).toBe(e2e.printer.target);
    await shot(a1.page, '13-devices-sync');
    await a1.page.goto(`${a1.host.url}/#/console`);
  }, 60_000);

  it("brings the bundle case to one of its departments' approvers, who sends it for review and decides", async () => {
    // Which departments the bundle concerns, as the hall has it.
    const token = await e2e.hall.login('admin');
    const listed = await e2e.hall.api('GET', '/api/v1/cases?limit=50', { token });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const bundle = (listed.body.cases as Array<{ caseNo: string; applicantName: string; matterCodes: string[] }>).find((c) => c.applicantName === '韩*梅'); // lists mask the name
    if (!bundle) throw new Error(`no bundle case at the hall: ${JSON.stringify(listed.body.cases)}`);
    const catalog = (await e2e.hall.api('GET', '/api/v1/catalog')).body as { matters: Array<{ code: string; departmentCode: string }> };
    const department = catalog.matters.find((m) => m.code === bundle.matterCodes[0])!.departmentCode;

    const office = await e2e.pc('OFFICE', null);
    await signIn(office.page, `approver-${department}`, null);
    await office.page.getByTestId('review-screen').waitFor();
    const row = office.page.locator('[data-testid="review-table"] .ant-table-row').filter({ hasText: bundle.caseNo });
    await until('the bundle case reaches its department', async () => ((await row.count()) === 1 ? true : undefined), 20_000);
    expect(await row.textContent()).toContain('待本部门办理');
    await row.click();
    await office.page.getByTestId('review-dispatch').click();
    await office.page.getByTestId('review-opinion').fill('材料齐全，符合法定形式');
    await shot(office.page, '15-review');
    await office.page.getByTestId('review-decide').click();
    await until('the decision is recorded', async () => ((await office.page.getByTestId(`review-${department}`).getAttribute('data-decision')) === 'approved' ? true : undefined), 10_000);
    // The hall holds it in the department's name once the office PC has pushed.
    await until('the hall has the decision', async () => {
      const r = await e2e.hall.api('GET', `/api/v1/cases/${bundle.caseNo}`, { token });
      return r.body.reviews?.some((x: { departmentCode: string; decision: string }) => x.departmentCode === department && x.decision === 'approved') || undefined;
    }, 15_000);
  }, 90_000);

  it('switches the console to English and back without losing its place', async () => {
    await a1.page.getByTestId('current-ticket').waitFor();
    await a1.page.getByRole('button', { name: 'EN' }).click();
    await until('English labels', async () => ((await a1.page.getByText('Current ticket').count()) > 0 ? true : undefined));
    await shot(a1.page, '14-console-english');
    await a1.page.getByRole('button', { name: '中文' }).click();
    await until('Chinese labels again', async () => ((await a1.page.getByText('当前叫号').count()) > 0 ? true : undefined));
  }, 30_000);

  it('has no critical or serious accessibility violation on any clerk, reception or supervisor screen (axe-core, no rule disabled)', async () => {
    // Run through the DevTools protocol (page.evaluate), which the page's CSP does not govern: the
    // screens themselves stay under the strict CSP the next test checks.
    const axeSource = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    const screens: Array<[Pc, string]> = [
      [a1, 'console'], [a1, 'inbox'], [a1, 'cases'], [a1, 'devices'],
      [reception, 'console'],
      [sup, 'board'], [sup, 'reports'], [sup, 'cases'],
    ];
    const found: string[] = [];
    for (const [pc, route] of screens) {
      await pc.page.evaluate((r) => { window.location.hash = `#/${r}`; }, route);
      await pc.page.waitForTimeout(1200);
      const violations = await pc.page.evaluate(async (src) => {
        if (!(window as unknown as { axe?: unknown }).axe) (0, eval)(src);
        type Node = { target: unknown; any: Array<{ data?: { fgColor?: string; bgColor?: string } | null }> };
        const axe = (window as unknown as { axe: { run: (el: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Node[] }> }> } }).axe;
        const r = await axe.run(document);
        // The target and, for contrast, the colours axe measured: enough to find the rule to mend.
        const where = (n: Node) => `${JSON.stringify(n.target)}${n.any[0]?.data?.fgColor ? ` ${n.any[0].data.fgColor}/${n.any[0].data.bgColor}` : ''}`;
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(where).slice(0, 3) }));
      }, axeSource);
      for (const v of violations) if (v.impact === 'critical' || v.impact === 'serious') found.push(`${route}: ${v.id} (${v.impact}) ${v.nodes.join(' ')}`);
    }
    await a1.page.evaluate(() => { window.location.hash = '#/console'; });
    expect(found).toEqual([]);
  }, 120_000);

  it('ran every screen above under the web host’s strict CSP without one refused script or style', () => {
    // One known, harmless refusal: rc-table measures the scrollbar of a table body by injecting a
    // style copying that body's ::-webkit-scrollbar size, without the page's nonce. No table here
    // sizes its scrollbar, so the refused rule is empty and the measure is the same without it.
    const refused = e2e.cspViolations.filter((v) => !/style-src-elem .* sample="#rc-scrollbar-measure-/.test(v));
    expect(refused).toEqual([]);
  });
});

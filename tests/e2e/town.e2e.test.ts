/**
 * A town centre's counter in the browser (就近受理、远程审批): clerk-TC01 at 省庄镇便民服务中心 takes a
 * food permit's papers in, files them to the district with 转报区级审批 (a scan per material), the
 * district's window accepts it, and the centre prints the result's receipt from its 网上申办 list.
 * The dialog and the list are checked with axe-core. Screenshots in tests/e2e/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, CHROMIUM, E2eHall, ensureUiBuilt, idNumber, shot, signIn, until, type Pc } from './hall';

if (chromiumMissing) console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install chromium or set CHROMIUM_PATH)`);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** axe-core's critical and serious findings on the page, or inside `within` (an open dialog: the page behind it is dimmed). */
async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  const axeSource = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  const violations = await page.evaluate(async ([src, scope]) => {
    if (!(window as unknown as { axe?: unknown }).axe) (0, eval)(src!);
    const axe = (window as unknown as { axe: { run: (el: Element | Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const r = await axe.run(scope ? document.querySelector(scope)! : document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3) }));
  }, [axeSource, within] as const);
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id} (${v.impact}) ${v.nodes.join(' ')}`);
}

/** Types the applicant in at the centre's counter and picks one matter, until its checklist shows. */
async function applicantWithMatter(page: Page, who: { idNumber: string; name: string; phone: string }, search: string, matter: string): Promise<void> {
  await page.getByTestId('id-number').fill(who.idNumber);
  await page.getByTestId('applicant-name').fill(who.name);
  await page.getByTestId('phone').fill(who.phone);
  await page.getByTestId('matter-search').click();
  await page.keyboard.type(search);
  const option = page.locator('.ant-select-item-option').filter({ hasText: matter }).first();
  await option.waitFor({ timeout: 10_000 });
  await option.click();
  await until('the checklist', async () => ((await page.locator('[data-testid="checklist"] [data-material]').count()) > 0 ? true : undefined));
}

describe.skipIf(chromiumMissing)('a town centre\'s counter in the browser', () => {
  const e2e = new E2eHall();
  let tc: Pc;

  beforeAll(async () => {
    await ensureUiBuilt();
    await e2e.start();
    tc = await e2e.pc('TC01', 'TC01');
  }, 300_000);

  afterAll(async () => {
    await e2e.close();
  }, 60_000);

  it('files a non-delegated matter to the district, and prints the district\'s receipt once it is accepted', async () => {
    const page = tc.page;
    await signIn(page, 'clerk-TC01', 'TC01').catch(async (e: unknown) => {
      await shot(page, 'town-00-signin-failed');
      throw e;
    });
    await until('TC01 online', async () => ((await page.getByTestId('hall-connection').getAttribute('data-connection')) === 'online' ? true : undefined), 20_000);
    // A centre's counter calls none of the hall's tickets: no queue panel, no 叫号 key, the centre's note instead.
    await page.getByTestId('centre-panel').waitFor();
    expect(await page.getByTestId('cmd-call').count()).toBe(0);

    await applicantWithMatter(page, { idNumber: idNumber('19900310', '245'), name: '王镇办', phone: '13905385678' }, '食品经营许可', '食品经营许可（新办）');

    // Not delegated to the centre: the counter says so and 转报区级审批 is the way.
    await page.getByTestId('town-not-delegated').waitFor();
    await shot(page, 'town-00-centre-counter');
    expect(await seriousViolations(page)).toEqual([]);

    // 转报区级审批: a scan for each required paper.
    await until('the centre\'s button', async () => (await page.getByTestId('town-file').isEnabled()) || undefined);
    await page.getByTestId('town-file').click();
    await page.getByTestId('town-materials').waitFor();
    for (const code of ['M032', 'M004', 'M001', 'M005']) {
      const input = page.getByTestId(`town-file-${code}`);
      if ((await input.count()) > 0) await input.setInputFiles({ name: `${code}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    }
    await shot(page, 'town-01-file-to-district');
    expect(await seriousViolations(page, '.ant-modal-wrap')).toEqual([]);
    await page.getByTestId('town-send').click();
    await page.getByTestId('town-filed').waitFor({ timeout: 15_000 });
    await page.getByTestId('town-done').click();

    // The district accepts it (远程审批) at a window of zone B.
    const clerkB1 = await e2e.hall.login('clerk-B1', 'B1', await e2e.hall.registerPc('pc-B1', 'B1'));
    const inbox = await e2e.hall.api('GET', '/api/v1/online-applications?state=submitted', { token: clerkB1 });
    const filed = inbox.body.applications.find((a: { siteName: string | null }) => a.siteName === '省庄镇便民服务中心');
    expect(filed).toBeDefined();
    const accepted = await e2e.hall.api('POST', `/api/v1/online-applications/${filed.id}/accept`, { token: clerkB1, body: { outcome: 'accept-deferred' } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    // The centre's 网上申办 lists what it filed, with the case number; 打印回执 prints the district's notice.
    await page.evaluate(() => {
      window.location.hash = '#/inbox';
    });
    await page.getByTestId('inbox-screen').waitFor();
    await page.locator('.ant-segmented').getByText('全部').click();
    const print = page.getByTestId('inbox-print-receipt').first();
    await print.waitFor({ timeout: 15_000 });
    await print.click();
    await until('the receipt printed', async () => {
      const jobs = await tc.host.station.dispatch('print.jobs', {});
      return jobs.ok && (jobs.value as Array<{ reference: string; status: string }>).some((j) => j.reference.includes(accepted.body.case.caseNo) && j.status === 'printed');
    });
    await shot(page, 'town-02-centre-inbox');
    expect(await seriousViolations(page)).toEqual([]);

    // Opened, the application shows how it stands; the review is the district's (no verdicts, no files, no 受理).
    await page.getByTestId('inbox-table').locator('tbody tr').first().click();
    await page.getByTestId('inbox-accepted').waitFor();
    expect(await page.getByTestId('inbox-accept').count()).toBe(0);
    expect(await page.locator('[data-testid^="view-"]').count()).toBe(0);
  }, 120_000);

  it('takes a delegated matter in at the counter: 转报区级审批 stays off', async () => {
    const page = tc.page;
    await page.evaluate(() => {
      window.location.hash = '#/console';
    });
    await page.getByTestId('centre-panel').waitFor();
    await applicantWithMatter(page, { idNumber: idNumber('19850612', '131'), name: '李个体', phone: '13905381234' }, '个体工商户设立', '个体工商户设立登记');
    expect(await page.getByTestId('town-file').isDisabled()).toBe(true);
    expect(await page.getByTestId('town-not-delegated').count()).toBe(0);
  }, 60_000);
});

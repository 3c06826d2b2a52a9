/**
 * The citizen's side of the hall, in Chromium: the receipt printed at window A1 carries the address of
 * the progress page in its QR, and a phone (390×844) opens it without signing in. Screenshots land in
 * tests/e2e/screenshots/ as citizen-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { decodeReceipt } from '../../src/station/devices/printer/decode';
import { chromiumMissing, CHROMIUM, E2eHall, ensureUiBuilt, idNumber, shot, signIn, until, type Pc } from './hall';

if (chromiumMissing) console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install chromium or set CHROMIUM_PATH)`);

describe.skipIf(chromiumMissing)('the hall as a citizen meets it', () => {
  const e2e = new E2eHall();
  let a1: Pc;
  let phone: BrowserContext;

  beforeAll(async () => {
    await ensureUiBuilt();
    await e2e.start();
    a1 = await e2e.pc('A1', 'A1', { printer: e2e.printer.target });
    phone = await (e2e.browser as Browser).newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(a1.page, 'clerk-A1', 'A1');
  }, 180_000);

  afterAll(async () => {
    await phone?.close().catch(() => undefined);
    await e2e.close();
  }, 60_000);

  it('prints the progress address in the receipt QR, and the page opens on a phone with the case as it stands', async () => {
    const jobsBefore = e2e.printer.jobs.length;
    const applicantId = idNumber('19880315', '426');
    await a1.page.getByTestId('id-number').fill(applicantId);
    await a1.page.getByTestId('applicant-name').fill('司马秋菊');
    await a1.page.getByTestId('bundle-select').click();
    await a1.page.keyboard.type('我要开餐馆');
    await a1.page.keyboard.press('Enter');
    await until('the merged checklist', async () => ((await a1.page.locator('[data-testid="checklist"] [data-material]').count()) > 3 ? true : undefined));
    await a1.page.getByTestId('mark-all-original').click();
    const deferrable = a1.page.locator('[data-testid="checklist"] [data-material]').filter({ hasText: '容缺后补' }).first();
    const owedName = ((await deferrable.locator('span').nth(1).textContent()) ?? '').trim();
    await deferrable.locator('.ant-segmented-item').filter({ hasText: /^缺$/ }).click();
    await until('deferred acceptance is allowed', async () => (await a1.page.getByTestId('outcome-accept-deferred').isEnabled()) || undefined);
    await a1.page.getByTestId('outcome-accept-deferred').click();
    await a1.page.getByTestId('intake-result').waitFor({ timeout: 15_000 });
    const caseNo = (await a1.page.getByTestId('intake-result').getAttribute('data-case-no'))!;

    // The bytes that reached the printer: one QR, the progress page of this case with its code.
    const jobs = await e2e.printer.waitForJobs(jobsBefore + 1, 10_000);
    const receipt = decodeReceipt(jobs[jobs.length - 1]!.bytes);
    expect(receipt.qr).toHaveLength(1);
    const url = receipt.qr[0]!;
    expect(url).toMatch(new RegExp(`^https?://[^/]+/c/${caseNo}/[A-Za-z0-9]{16}$`));

    // The case reaches the hall by sync; then the citizen's phone opens the QR without signing in.
    const page = await phone.newPage();
    const status = await until('the progress page opens', async () => {
      const r = await page.goto(url);
      return r?.status() === 200 ? 200 : undefined;
    }, 20_000);
    expect(status).toBe(200);
    const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const t of ['办件进度查询', caseNo, '已容缺受理', owedName, '司**菊', 'A1窗口', '咨询电话']) expect(body).toContain(t);
    const html = await page.content();
    for (const secret of [applicantId, applicantId.slice(-4), '司马秋菊']) expect(html).not.toContain(secret);
    // Readable at phone width: nothing runs off the side.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'citizen-01-progress-phone');
    // Printable: the print stylesheet applies and the page still holds the case.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').evaluate((h) => getComputedStyle(h).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ media: 'screen' });

    // Another case number or a changed code: the same not-found page.
    const altered = [url.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), url.replace(/-(\d{4})\//, '-9999/')];
    for (const a of altered) {
      const r = await page.goto(a);
      expect(r?.status()).toBe(404);
      expect(await page.locator('body').innerText()).toContain('没有找到办件');
    }
    await shot(page, 'citizen-02-progress-not-found');
    await page.close();
  }, 120_000);
});

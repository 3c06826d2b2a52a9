/**
 * A clerk's whole day without a trap (issue 18), in one hall and one browser: the keyboard works
 * from anywhere on the console, Esc gets out, the cursor moves on after each step, 下一位 and
 * Shift+F6 finish the ticket at the hall, the record tells the truth, and the floor is visible at
 * reception and on the board. Screenshots land in tests/e2e/screenshots/clerkday-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { decodeReceipt } from '../../src/station/devices/printer/decode';
import { chromiumMissing, CHROMIUM, E2eHall, ensureUiBuilt, shot, signIn, text, until, type Pc } from './hall';

if (chromiumMissing) console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install chromium or set CHROMIUM_PATH)`);

const TICKET = /^[A-H]\d{3}$/;

/** What has the keyboard's attention: the data-testid of the focused element (or of its field). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const own = el.getAttribute('data-testid');
    if (own) return own;
    const holder = el.closest('[data-testid]');
    return holder ? `in:${holder.getAttribute('data-testid')}` : el.tagName.toLowerCase();
  });
}

describe.skipIf(chromiumMissing)("a clerk's whole day", () => {
  const e2e = new E2eHall();
  let reception: Pc;
  let a1: Pc;
  let sup: Pc;

  beforeAll(async () => {
    await ensureUiBuilt();
    await e2e.start();
    reception = await e2e.pc('R1', 'R1');
    a1 = await e2e.pc('A1', 'A1', { printer: e2e.printer.target });
    sup = await e2e.pc('SUP', null);
  }, 180_000);

  afterAll(async () => {
    await e2e.close();
  }, 60_000);

  async function current(pc: Pc): Promise<string | null> {
    const t = await text(pc.page, 'current-ticket');
    return TICKET.test(t) ? t : null;
  }

  async function issue(zone: string): Promise<string> {
    const before = (await reception.page.getByTestId('issued-number').count()) ? await text(reception.page, 'issued-number') : '';
    await reception.page.locator(`[data-zone="${zone}"]`).click();
    return until(`ticket issued in zone ${zone}`, async () => {
      if (!(await reception.page.getByTestId('issued-number').count())) return undefined;
      const n = await text(reception.page, 'issued-number');
      return n !== before && TICKET.test(n) ? n : undefined;
    });
  }

  async function hallTicket(number: string): Promise<{ number: string; status: string; zoneCode: string; windowCode: string | null }> {
    const token = await e2e.hall.login('supervisor');
    const r = await e2e.hall.api('GET', `/api/v1/tickets`, { token });
    expect(r.status).toBe(200);
    return (r.body.tickets as Array<{ number: string; status: string; zoneCode: string; windowCode: string | null }>).find((t) => t.number === number)!;
  }

  async function hallTicketsWaiting(): Promise<Array<{ number: string; zoneCode: string; windowCode: string | null }>> {
    const token = await e2e.hall.login('supervisor');
    const r = await e2e.hall.api('GET', `/api/v1/tickets?status=waiting`, { token });
    return r.body.tickets;
  }

  /**
   * F9 until a resident's ID card comes round: the demo reader hands out a different synthetic
   * person at each read (residents, a residence permit, foreign permanent resident cards), and the
   * steps below need a 居民身份证. Returns the names read on the way.
   */
  const cardsRead: string[] = [];
  async function readResidentCard(): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < 8; i++) {
      const before = await a1.page.getByTestId('id-number').inputValue();
      await a1.page.keyboard.press('F9');
      const id = await until('the card filled the ID number', async () => {
        const v = await a1.page.getByTestId('id-number').inputValue();
        return v !== before && v.length >= 15 ? v : undefined;
      });
      names.push(await a1.page.getByTestId('applicant-name').inputValue().catch(() => ''));
      cardsRead.push(`${names[names.length - 1]} ${id}`);
      if (/^[1-6]\d{16}[\dX]$/.test(id)) return names;
    }
    throw new Error('no resident card came round');
  }

  it('signs in the reception desk and window A1', async () => {
    await signIn(reception.page, 'clerk-R1', 'R1');
    await signIn(a1.page, 'clerk-A1', 'A1');
    await signIn(sup.page, 'supervisor', null);
    await until('A1 online', async () => ((await a1.page.getByTestId('hall-connection').getAttribute('data-connection')) === 'online' ? true : undefined), 20_000);
  }, 60_000);

  it('(1) keeps the function keys working in text fields, Esc gets out, and the cursor moves on after F9', async () => {
    const first = await issue('A');
    const second = await issue('A');
    await until('A1 sees the tickets', async () => ((await a1.page.locator(`[data-ticket="${second}"]`).count()) === 1 ? true : undefined));

    // F1 from the ID number field: the clerk's cursor sits there after every applicant.
    await a1.page.getByTestId('id-number').click();
    await a1.page.keyboard.press('F1');
    await until('A1 called the first ticket', async () => ((await current(a1)) === first ? true : undefined));
    await a1.page.getByTestId('id-number').click();
    await a1.page.keyboard.press('F5');
    await until('serving', async () => (await a1.page.getByTestId('cmd-finish').isEnabled()) || undefined);

    // F9 reads the card and the cursor goes on to the phone; Enter there goes to the matter search.
    await readResidentCard();
    expect((await a1.page.getByTestId('id-number').inputValue()).length).toBe(18);
    await until('the cursor is in the phone field', async () => ((await focused(a1.page)) === 'phone' ? true : undefined), 10_000);
    await a1.page.keyboard.type('13800001111');
    await a1.page.keyboard.press('Enter');
    await until('the cursor is in the matter search', async () => ((await focused(a1.page)) === 'in:matter-picker' || (await focused(a1.page)) === 'in:matter-search' ? true : undefined), 10_000);
    await shot(a1.page, 'clerkday-01-after-card');

    // Esc leaves the field: the page has the keys again.
    await a1.page.keyboard.press('Escape');
    expect(await focused(a1.page)).toBe('body');

    // F4 opens the transfer form with the cursor in it; Esc closes it.
    await a1.page.keyboard.press('F4');
    await a1.page.getByTestId('transfer-form').waitFor();
    await a1.page.keyboard.press('Escape');
    await until('the transfer form closed', async () => ((await a1.page.getByTestId('transfer-form').count()) === 0 ? true : undefined), 10_000);

    // F6 from the phone field finishes; the cursor waits on 叫号, where Enter calls the next.
    await a1.page.getByTestId('phone').click();
    await a1.page.keyboard.press('F6');
    await until('A1 idle', async () => ((await current(a1)) === null ? true : undefined));
    await until('the cursor is on 叫号', async () => ((await focused(a1.page)) === 'cmd-call' ? true : undefined), 5_000);
    expect((await hallTicket(first)).status).toBe('finished');
    await a1.page.keyboard.press('Enter');
    await until('A1 called the second ticket', async () => ((await current(a1)) === second ? true : undefined));
    // The next applicant starts on a clean form, not on the last one's name and number.
    await until('the form is cleared for the new ticket', async () => ((await a1.page.getByTestId('id-number').inputValue()) === '' ? true : undefined), 10_000);

    // F4 opens the transfer form, the cursor is in its zone field, and F3 still marks the no-show.
    await a1.page.keyboard.press('F4');
    await a1.page.getByTestId('transfer-form').waitFor();
    expect(await focused(a1.page)).toMatch(/transfer-zone/);
    await shot(a1.page, 'clerkday-02-transfer-open');
    await a1.page.keyboard.press('F3');
    await until('the no-show is recorded', async () => ((await hallTicket(second)).status === 'no-show' ? true : undefined));
    await until('A1 idle after the no-show', async () => ((await current(a1)) === null ? true : undefined));
    await a1.page.getByRole('button', { name: /清\s?空/ }).click();
  }, 90_000);

  /** A walk-through of an ordinary intake from the card to the result panel, keys only where a clerk uses keys. */
  async function acceptOne(matterQuery: string, matterName: string): Promise<string> {
    await readResidentCard();
    await until('the cursor is in the phone field', async () => ((await focused(a1.page)) === 'phone' ? true : undefined), 5_000);
    await a1.page.keyboard.type('13800002222');
    await a1.page.keyboard.press('Enter');
    await a1.page.keyboard.type(matterQuery);
    const option = a1.page.locator('.ant-select-item-option').filter({ hasText: matterName }).first();
    await option.waitFor({ timeout: 10_000 });
    await option.click();
    await until('the checklist', async () => ((await a1.page.locator('[data-testid="checklist"] [data-material]').count()) > 0 ? true : undefined));
    await a1.page.getByTestId('mark-all-original').click();
    await until('accept is allowed', async () => (await a1.page.getByTestId('outcome-accept').isEnabled()) || undefined);
    await a1.page.getByTestId('outcome-accept').click();
    await a1.page.getByTestId('intake-result').waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
      await shot(a1.page, 'clerkday-failed-accept');
      throw e;
    });
    return (await a1.page.getByTestId('intake-result').getAttribute('data-case-no'))!;
  }

  it('(2) 下一位 finishes the ticket at the hall, and Shift+F6 finishes and calls the next in one move', async () => {
    const third = await issue('A');
    const fourth = await issue('A');
    const fifth = await issue('A');
    await until('A1 sees the tickets', async () => ((await a1.page.locator(`[data-ticket="${fifth}"]`).count()) === 1 ? true : undefined));
    await a1.page.keyboard.press('F1');
    await until('A1 called', async () => ((await current(a1)) === third ? true : undefined));
    await a1.page.keyboard.press('F5');
    await until('serving', async () => (await a1.page.getByTestId('cmd-finish').isEnabled()) || undefined);
    await acceptOne('yxzrgssl', '有限责任公司设立登记');
    // The result panel has the cursor on 下一位, which says it finishes the ticket.
    await until('the cursor is on 下一位', async () => ((await focused(a1.page)) === 'intake-next' ? true : undefined), 5_000);
    expect((await text(a1.page, 'intake-next')).replace(/\s/g, '')).toBe('办结，下一位');
    await shot(a1.page, 'clerkday-03-result');
    await a1.page.keyboard.press('Enter');
    await until('the ticket is finished at the hall', async () => ((await hallTicket(third)).status === 'finished' ? true : undefined));
    await until('A1 idle, cursor on 叫号', async () => ((await current(a1)) === null && (await focused(a1.page)) === 'cmd-call' ? true : undefined), 5_000);

    await a1.page.keyboard.press('F1');
    await until('A1 called the fourth', async () => ((await current(a1)) === fourth ? true : undefined));
    await a1.page.keyboard.press('F5');
    await until('serving', async () => (await a1.page.getByTestId('cmd-finish').isEnabled()) || undefined);
    await a1.page.getByTestId('id-number').click();
    await a1.page.keyboard.press('Shift+F6');
    await until('A1 called the fifth', async () => ((await current(a1)) === fifth ? true : undefined));
    expect((await hallTicket(fourth)).status).toBe('finished');
    await a1.page.keyboard.press('F5');
    await until('serving', async () => (await a1.page.getByTestId('cmd-finish').isEnabled()) || undefined);
    await a1.page.keyboard.press('F6');
    await until('A1 idle', async () => ((await current(a1)) === null ? true : undefined));
  }, 90_000);

  it('(3) records the truth: the read card is the ID original, optional papers stay unmarked, 容缺 needs a phone, the footer counts apart', async () => {
    const ticket = await issue('A');
    await until('A1 sees the ticket', async () => ((await a1.page.locator(`[data-ticket="${ticket}"]`).count()) === 1 ? true : undefined));
    await a1.page.keyboard.press('F1');
    await until('A1 called', async () => ((await current(a1)) === ticket ? true : undefined));
    await a1.page.keyboard.press('F5');
    await until('serving', async () => (await a1.page.getByTestId('cmd-finish').isEnabled()) || undefined);
    // The reader has moved on to another person since the last applicant: someone else's card.
    const names = await readResidentCard();
    expect(new Set(names).size).toBe(names.length);
    await until('the cursor is in the phone field', async () => ((await focused(a1.page)) === 'phone' ? true : undefined), 5_000);
    // No phone given: the applicant has none to hand.
    await a1.page.keyboard.press('Escape');
    await a1.page.getByTestId('bundle-select').click();
    await a1.page.keyboard.type('我要开餐馆');
    await a1.page.keyboard.press('Enter');
    const row = (code: string) => a1.page.locator(`[data-testid="checklist"] [data-material="${code}"]`);
    await until('the merged checklist', async () => ((await row('M001').count()) === 1 ? true : undefined));
    // The card was read at the counter: the ID card row is received as an original already.
    await until('the ID card row is received', async () => ((await row('M001').getAttribute('data-state')) === 'ok' ? true : undefined), 10_000);
    await a1.page.getByTestId('mark-all-original').click();
    await until('the required rows are marked', async () => ((await row('M020').getAttribute('data-state')) === 'ok' ? true : undefined));
    // 授权委托书 with no agent: nobody handed one over.
    expect(await row('M003').getAttribute('data-state')).toBe('optional-missing');
    await row('M033').locator('.ant-segmented-item').filter({ hasText: /^缺$/ }).click();
    await until('deferred acceptance is allowed', async () => (await a1.page.getByTestId('outcome-accept-deferred').isEnabled()) || undefined);

    // 容缺 without a phone: nothing is recorded, the cursor goes to the phone, which says why.
    await a1.page.getByTestId('outcome-accept-deferred').click();
    await until('the phone is asked for', async () => ((await focused(a1.page)) === 'phone' ? true : undefined), 10_000);
    expect(await a1.page.getByTestId('applicant').textContent()).toContain('须留联系电话');
    expect(await a1.page.getByTestId('intake-result').count()).toBe(0);
    await shot(a1.page, 'clerkday-04-deferred-needs-phone');
    await a1.page.keyboard.type('13800003333');
    await a1.page.getByTestId('outcome-accept-deferred').click();
    await a1.page.getByTestId('intake-result').waitFor({ timeout: 15_000 });
    const caseNo = (await a1.page.getByTestId('intake-result').getAttribute('data-case-no'))!;
    await until('the case is at the hall', async () => ((await e2e.hall.casesOf(a1.stationId)).some((c) => c.caseNo === caseNo) ? true : undefined), 20_000);
    const token = await e2e.hall.login('supervisor');
    const atHall = await e2e.hall.api('GET', `/api/v1/cases/${encodeURIComponent(caseNo)}`, { token });
    const receipts = Object.fromEntries((atHall.body.materials as Array<{ materialCode: string; receipt: string }>).map((m) => [m.materialCode, m.receipt]));
    expect(receipts).toMatchObject({ M001: 'original', M003: 'missing', M033: 'missing' });
    await a1.page.keyboard.press('Enter');
    await until('A1 idle', async () => ((await current(a1)) === null ? true : undefined));
    expect(await text(a1.page, 'outcomes-today')).toMatch(/^受理 2 件 · 告知 0 · 不予受理 0$/);
    await shot(a1.page, 'clerkday-05-footer');
  }, 90_000);

  it('(6) matter search: typing and Enter takes the top hit, and the options are named by the matter', async () => {
    const search = a1.page.getByTestId('matter-search').locator('input');
    await search.click();
    await a1.page.keyboard.type('yxzrgssl');
    // A screen reader hears the matter's name, not "matter:1137…".
    const option = a1.page.getByRole('option', { name: '有限责任公司设立登记', exact: true });
    await until('the option is named by the matter', async () => ((await option.count()) > 0 ? true : undefined), 10_000);
    const names = await a1.page.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(names.filter((n) => n === '' || n.startsWith('matter:'))).toEqual([]);
    await a1.page.keyboard.press('Enter');
    await until('the matter is chosen', async () => ((await text(a1.page, 'chosen-matters')).includes('有限责任公司设立登记') ? true : undefined), 5_000);

    // Typed and Enter at once, before the station has answered: the top hit still comes.
    await search.click();
    await a1.page.keyboard.type('gfyxgssldj');
    await a1.page.keyboard.press('Enter');
    await until('the second matter is chosen', async () => ((await a1.page.locator('[data-testid="chosen-matters"] .ant-tag').count()) === 2 ? true : undefined), 5_000);
    await shot(a1.page, 'clerkday-06-matter-search');
    await a1.page.getByRole('button', { name: /清\s?空/ }).click();
  }, 60_000);

  it('(4) reception sees waiting counts and open windows, is warned before issuing into a closed zone, and the board flags it', async () => {
    // Zone A has A1 open; no G window is signed in.
    await until('the tiles show the floor', async () => ((await reception.page.getByTestId('zone-floor-G').count()) === 1 ? true : undefined), 10_000);
    expect(await text(reception.page, 'zone-floor-A')).toMatch(/^等候 \d+ 人 · 开放窗口 1$/);
    expect(await text(reception.page, 'zone-floor-G')).toMatch(/无开放窗口/);
    const before = await text(reception.page, 'issued-number');
    await reception.page.locator('[data-zone="G"]').click();
    await reception.page.getByTestId('closed-zone-warning').waitFor({ timeout: 5_000 });
    // Nothing was issued yet.
    expect(await text(reception.page, 'issued-number')).toBe(before);
    await shot(reception.page, 'clerkday-07-closed-zone-warning');
    await reception.page.getByTestId('issue-anyway').click();
    const issued = await until('the G ticket is issued', async () => {
      const n = await text(reception.page, 'issued-number');
      return n !== before && n.startsWith('G') ? n : undefined;
    });
    await until('the G tile counts it', async () => ((await text(reception.page, 'zone-floor-G')).startsWith('等候 1 人') ? true : undefined), 10_000);

    await sup.page.goto(`${sup.host.url}/#/board`);
    await sup.page.getByTestId('board').waitFor();
    const flag = sup.page.locator('[data-testid="board"] [data-zone="G"] [data-testid="no-open-window"]');
    await until('the board flags zone G', async () => ((await flag.count()) === 1 ? true : undefined), 10_000);
    expect(await sup.page.locator('[data-testid="board"] [data-zone="A"] [data-testid="no-open-window"]').count()).toBe(0);
    await shot(sup.page, 'clerkday-08-board-no-open-window');
    expect(issued).toMatch(/^G\d{3}$/);
  }, 60_000);

  it('(5) the supervisor sees each target window’s state and reassigns a ticket twice, the ticket staying in the list', async () => {
    const g = (await hallTicketsWaiting()).find((x) => x.zoneCode === 'G')!;
    const item = sup.page.locator(`[data-testid="reassign-list"] [data-ticket="${g.number}"]`);
    const row = sup.page.locator('[data-testid="reassign-list"] label').filter({ has: sup.page.locator(`[data-ticket="${g.number}"]`) });
    await until('the board lists the G ticket', async () => ((await item.count()) === 1 ? true : undefined), 10_000);

    await item.click();
    await sup.page.getByTestId('reassign-target').click();
    await sup.page.keyboard.type('A1 ');
    const a1Option = sup.page.locator('.ant-select-item-option').filter({ hasText: /^A1 / }).first();
    await a1Option.waitFor({ timeout: 5_000 });
    expect(await a1Option.textContent()).toContain('空闲');
    await shot(sup.page, 'clerkday-09-reassign-targets');
    await sup.page.keyboard.press('Enter');
    await sup.page.getByTestId('reassign-submit').click();
    await until('the hall has it at A1', async () => ((await hallTicket(g.number)).windowCode === 'A1' ? true : undefined), 10_000);
    // Still waiting, so still listed, now under A1, and it can be moved again.
    await until('the list shows it at A1', async () => ((await row.textContent())?.includes('A1') ? true : undefined), 10_000);

    await item.click();
    await sup.page.getByTestId('reassign-target').click();
    await sup.page.keyboard.type('G 税务');
    await sup.page.keyboard.press('Enter');
    await sup.page.getByTestId('reassign-submit').click();
    await until('the hall has it back in zone G', async () => {
      const now = await hallTicket(g.number);
      return now.windowCode === null && now.zoneCode === 'G' ? true : undefined;
    }, 10_000);
    await until('the list shows it in zone G', async () => ((await row.textContent())?.includes('G区') ? true : undefined), 10_000);
    await shot(sup.page, 'clerkday-10-reassigned-twice');
  }, 60_000);

  it('(7) previews the 容缺 notice as the printer printed it, at 80 and 58 mm, without a split code or a stranded mark', async () => {
    const jobsBefore = e2e.printer.jobs.length;
    await a1.page.getByTestId('id-number').click();
    await readResidentCard();
    await until('the cursor is in the phone field', async () => ((await focused(a1.page)) === 'phone' ? true : undefined), 5_000);
    await a1.page.keyboard.type('13800004444');
    await a1.page.getByTestId('bundle-select').click();
    await a1.page.keyboard.type('我要开餐馆');
    await a1.page.keyboard.press('Enter');
    const row = (code: string) => a1.page.locator(`[data-testid="checklist"] [data-material="${code}"]`);
    await until('the merged checklist', async () => ((await row('M033').count()) === 1 ? true : undefined));
    await a1.page.getByTestId('mark-all-original').click();
    await until('the required rows are marked', async () => ((await row('M020').getAttribute('data-state')) === 'ok' ? true : undefined));
    await row('M033').locator('.ant-segmented-item').filter({ hasText: /^缺$/ }).click();
    await until('deferred acceptance is allowed', async () => (await a1.page.getByTestId('outcome-accept-deferred').isEnabled()) || undefined);
    await a1.page.getByTestId('outcome-accept-deferred').click();
    await a1.page.getByTestId('intake-result').waitFor({ timeout: 15_000 });
    const jobs = await e2e.printer.waitForJobs(jobsBefore + 1, 15_000);
    // What the TCP printer received, decoded: the preview must show exactly these lines.
    const printed = decodeReceipt(jobs[jobs.length - 1]!.bytes).styled.map((l) => l.text);

    await a1.page.getByTestId('preview-toggle').click();
    const lines = a1.page.getByTestId('preview-line');
    await until('the preview at 80 mm', async () => ((await lines.count()) > 10 ? true : undefined), 10_000);
    expect(await a1.page.getByTestId('receipt-preview').getAttribute('data-paper')).toBe('80');
    expect(await lines.allTextContents()).toEqual(printed);
    await shot(a1.page, 'clerkday-11-preview-80');

    await a1.page.getByTestId('preview-width').getByText('58 毫米').click();
    await until('the preview at 58 mm', async () => ((await a1.page.getByTestId('receipt-preview').getAttribute('data-paper')) === '58' ? true : undefined), 5_000);
    await until('the 58 mm lines', async () => ((await lines.allTextContents()).every((l) => l.length <= 32) ? true : undefined), 5_000);
    await shot(a1.page, 'clerkday-12-preview-58');
    for (const width of ['80', '58']) {
      if (width === '80') await a1.page.getByTestId('preview-width').getByText('80 毫米').click();
      else await a1.page.getByTestId('preview-width').getByText('58 毫米').click();
      await until(`the preview at ${width} mm`, async () => ((await a1.page.getByTestId('receipt-preview').getAttribute('data-paper')) === width ? true : undefined), 5_000);
      const text = await lines.allTextContents();
      for (const l of text) expect(l, `${width} mm`).not.toMatch(/^[，）]/u);
      for (const l of text) expect(l.trimEnd(), `${width} mm`).not.toMatch(/[（《]$/u);
      for (const code of ['11370902002932362Y0026', '11370902002932362Y0045']) expect(text.some((l) => l.includes(code)), `${width} mm ${code}`).toBe(true);
    }
    await a1.page.keyboard.press('Escape');
    await a1.page.getByTestId('intake-next').first().click();
  }, 90_000);

  it('(4b) a green-channel ticket needs the ID card and a reason before a zone can be pressed', async () => {
    await reception.page.getByTestId('priority').getByText('绿色通道').click();
    await reception.page.getByTestId('green-reason').waitFor();
    expect(await reception.page.locator('[data-zone="A"]').isDisabled()).toBe(true);
    expect(await text(reception.page, 'green-needs')).toContain('证件号码');
    await reception.page.keyboard.press('F9');
    await until('the card was read', async () => ((await text(reception.page, 'green-needs')).includes('原因') ? true : undefined), 10_000);
    expect(await reception.page.locator('[data-zone="A"]').isDisabled()).toBe(true);
    await reception.page.getByTestId('green-reason').locator('label').filter({ hasText: '老年人' }).click();
    await until('zone A can be pressed', async () => (await reception.page.locator('[data-zone="A"]').isEnabled()) || undefined, 10_000);
    await shot(reception.page, 'clerkday-13-green-channel');
    const before = await text(reception.page, 'issued-number');
    await reception.page.locator('[data-zone="A"]').click();
    const number = await until('the green ticket is issued', async () => {
      const n = await text(reception.page, 'issued-number');
      return n !== before && n.startsWith('A') ? n : undefined;
    });
    const t = (await hallTicketsWaiting()).find((x) => x.number === number) as { priority?: string } | undefined;
    expect(t?.priority).toBe('green');
  }, 60_000);
  it('(8) a ticket recalled as often as the hall allows turns no-show by itself, and the console says so', async () => {
    await until('A1 sees a waiting ticket', async () => ((await a1.page.locator('[data-ticket]').count()) > 0 ? true : undefined), 10_000);
    await a1.page.keyboard.press('F1');
    const called = await until('A1 called', async () => (await current(a1)) ?? undefined);
    // The first call and two recalls: the hall's default three calls.
    for (const n of [1, 2]) {
      await a1.page.keyboard.press('F2');
      await until(`recall ${n} recorded`, async () => ((await a1.page.getByTestId('current-ticket').locator('xpath=..').textContent())?.includes(`重呼 ${n} 次`) ? true : undefined), 5_000);
    }
    await a1.page.keyboard.press('F2');
    await until('the hall marked it no-show', async () => ((await hallTicket(called)).status === 'no-show' ? true : undefined), 5_000);
    await until('the console says so', async () => ((await text(a1.page, 'console-notice')).includes(`${called} 已叫 3 次未到，已自动过号`) ? true : undefined), 5_000);
    await until('A1 idle, cursor on 叫号', async () => ((await current(a1)) === null && (await focused(a1.page)) === 'cmd-call' ? true : undefined), 5_000);
    await shot(a1.page, 'clerkday-14-auto-no-show');
  }, 60_000);
  it('(9) a pause keeps its reason, who and since when, and the board’s window chip shows them', async () => {
    await sup.page.goto(`${sup.host.url}/#/board`);
    await sup.page.getByTestId('board').waitFor();
    await a1.page.keyboard.press('F8');
    await a1.page.getByTestId('pause-form').getByRole('button', { name: /午\s?休/ }).click();
    await until('A1 is paused', async () => ((await a1.page.getByTestId('paused-tag').count()) > 0 ? true : undefined), 5_000);
    const chip = sup.page.locator('[data-testid="board"] [data-window="A1"]');
    await until('the chip says paused, why and for how long', async () => (/暂停（午休）\s*\d{2}:\d{2}/.test((await chip.textContent()) ?? '') ? true : undefined), 10_000);
    await chip.hover();
    const tip = sup.page.locator('.ant-tooltip').filter({ hasText: '暂停（午休）' });
    await tip.waitFor({ timeout: 5_000 });
    expect(await tip.textContent()).toMatch(/张玉兰 \d{2}:\d{2} 暂停（午休）/);
    await shot(sup.page, 'clerkday-15-board-pause-chip');
    await a1.page.getByTestId('pause-button').click();
    await until('A1 resumed', async () => ((await a1.page.getByTestId('paused-tag').count()) === 0 ? true : undefined), 5_000);
  }, 60_000);
  it('(10) F12 or ? shows the console’s key map, Esc closes it; a short table has no scroll box of its own', async () => {
    await a1.page.goto(`${a1.host.url}/#/console`);
    await a1.page.getByTestId('cmd-call').waitFor();
    await a1.page.getByTestId('id-number').click();
    await a1.page.keyboard.press('F12');
    const map = a1.page.getByTestId('key-map');
    await map.waitFor({ timeout: 5_000 });
    expect((await map.locator('tr[data-key="F1"]').textContent())?.replace(/\s/g, '')).toBe('F1叫号');
    expect((await map.locator('tr[data-key="Shift+F6"]').textContent())?.replace(/\s/g, '')).toBe('Shift+F6办结并叫下一位');
    await shot(a1.page, 'clerkday-16-key-map');
    await a1.page.keyboard.press('Escape');
    await until('the key map closed', async () => ((await map.isVisible()) ? undefined : true), 10_000);
    // ? outside a field opens it too; in a field it is just a character.
    await a1.page.getByTestId('id-number').click();
    await a1.page.keyboard.press('Escape');
    await a1.page.keyboard.press('?');
    await map.waitFor({ state: 'visible', timeout: 5_000 });
    await a1.page.keyboard.press('Escape');
    await until('the key map closed', async () => ((await map.isVisible()) ? undefined : true), 10_000);

    // The devices page: its short tables (the print queue, rejected records, sync runs) draw no inner scroll box.
    await a1.page.goto(`${a1.host.url}/#/devices`);
    await a1.page.getByTestId('print-queue').waitFor();
    await until('the print queue rows', async () => ((await a1.page.locator('[data-testid="print-queue"] tbody tr.ant-table-row').count()) > 0 ? true : undefined), 10_000);
    const boxes = await a1.page.locator('.ant-table-body').evaluateAll((els) => els.map((e) => ({ overflow: getComputedStyle(e).overflowY, scrolls: e.scrollHeight > e.clientHeight })));
    expect(boxes.filter((b) => !b.scrolls)).toEqual([]);
    await shot(a1.page, 'clerkday-17-devices-short-tables');
    await a1.page.goto(`${a1.host.url}/#/console`);
  }, 60_000);
  it('(11) the supervisor without a window has no dead 窗口工作台: no tab, and #/console opens the board', async () => {
    await sup.page.goto(`${sup.host.url}/#/console`);
    await sup.page.getByTestId('board').waitFor({ timeout: 10_000 });
    expect(await sup.page.locator('.ant-menu-item').filter({ hasText: '窗口工作台' }).count()).toBe(0);
    expect(await sup.page.getByTestId('cmd-call').count()).toBe(0);
  }, 30_000);

  it('(12) the simulated reader handed A1 a different person at each read, a permit among them', () => {
    expect(new Set(cardsRead).size).toBe(cardsRead.length);
    expect(cardsRead.length).toBeGreaterThanOrEqual(4);
    // A Hong Kong, Macau or Taiwan residence permit number starts 81, 82 or 83.
    expect(cardsRead.some((c) => / 8[123]\d{15}[\dX]$/.test(c)), cardsRead.join('; ')).toBe(true);
  });
});

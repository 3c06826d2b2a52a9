/**
 * 预约 end to end, in one hall and one browser: the supervisor lays out next week's slots of zone A
 * from the template on the 预约时段 screen; a citizen booked today through the portal is checked in
 * at reception desk R1 by reading the ID card (F9) and one key (F10), which issues a ticket of class
 * 预约 and prints its slip. A week over National Day skips the holidays and lays the 补班 Saturday
 * out as a Monday, and the screen names those days. Screenshots in tests/e2e/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateInShanghai } from '../../src/domain/local-date';
import { DEMO_RESIDENT } from '../../src/station/devices/idcard/demo-people';
import { chromiumMissing, CHROMIUM, E2eHall, ensureUiBuilt, shot, signIn, text, until, type Pc } from './hall';
import { shanghaiClock } from '../fixtures/shanghai-clock';

if (chromiumMissing) console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install chromium or set CHROMIUM_PATH)`);

describe.skipIf(chromiumMissing)('appointments: the supervisor’s week and the reception check-in', () => {
  const e2e = new E2eHall();
  let r1: Pc;
  let sup: Pc;

  beforeAll(async () => {
    await ensureUiBuilt();
    await e2e.start();
    r1 = await e2e.pc('R1', 'R1');
    sup = await e2e.pc('SUP', null);
    await signIn(r1.page, 'clerk-R1', 'R1');
    await signIn(sup.page, 'supervisor', null);
  }, 180_000);

  afterAll(async () => {
    await e2e.close();
  }, 60_000);

  it('lays out next week of zone A from the template on the 预约时段 screen', async () => {
    await sup.page.getByRole('menuitem', { name: '预约时段' }).click();
    await sup.page.getByTestId('appointment-slots').waitFor();
    await sup.page.getByTestId('slots-zone').click();
    await sup.page.locator('.ant-select-item-option').filter({ hasText: 'A区' }).first().click();
    await sup.page.getByTestId('lay-out-week').click();
    await sup.page.getByTestId('lay-out-result').waitFor({ timeout: 10_000 });
    // Monday to Friday, four slots a day.
    expect(await text(sup.page, 'lay-out-result')).toContain('新排 20 个时段');
    await shot(sup.page, 'appointments-01-week-template');
    const token = await e2e.hall.login('supervisor');
    const slots = await e2e.hall.api('GET', '/api/v1/appointment-slots?zoneCode=A', { token });
    expect(slots.body.slots.length).toBe(20);
  }, 60_000);

  it('finds today’s booking from the card read and checks it in with F10, issuing a 预约 ticket', async () => {
    const token = await e2e.hall.login('supervisor');
    const slot = await e2e.hall.api('POST', '/api/v1/appointment-slots', { token, body: { zoneCode: 'A', day: localDateInShanghai(new Date()), start: shanghaiClock(-1), end: shanghaiClock(30), capacity: 5 } });
    expect(slot.status, JSON.stringify(slot.body)).toBe(201);
    const booked = await e2e.hall.api('POST', '/api/v1/appointments', { token, body: { slotId: slot.body.id, idNumber: DEMO_RESIDENT.idNumber, name: DEMO_RESIDENT.name, requestId: ulid() } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    await r1.page.keyboard.press('F9');
    await r1.page.getByTestId('appointment-check-in').waitFor({ timeout: 10_000 });
    expect(await text(r1.page, 'appointments-today')).toContain('李*静');
    await shot(r1.page, 'appointments-02-reception-booking-found');

    await r1.page.keyboard.press('F10');
    const number = await until('the appointment ticket is issued', async () => {
      const n = await text(r1.page, 'issued').catch(() => '');
      return n.includes('预约') ? await text(r1.page, 'issued-number') : undefined;
    }, 10_000);
    expect(number).toMatch(/^A\d{3}$/);
    // The desk's recent list shows it like any ticket issued there.
    await until('the recent list shows the ticket', async () => ((await text(r1.page, 'recent-issued')).includes(number) ? true : undefined), 5_000);
    await shot(r1.page, 'appointments-03-reception-checked-in');
    const found = await e2e.hall.api('GET', `/api/v1/appointments?idNumber=${DEMO_RESIDENT.idNumber}`, { token });
    expect(found.body.appointments[0]).toMatchObject({ status: 'checked-in' });
    const ticket = await e2e.hall.api('GET', `/api/v1/tickets/${found.body.appointments[0].ticketId}`, { token });
    expect([ticket.body.number, ticket.body.priority]).toEqual([number, 'appointment']);
  }, 60_000);

  it('skips the National Day holidays of the hall calendar and marks the 补班 Saturday, on the 预约时段 screen', async () => {
    await sup.page.getByRole('menuitem', { name: '预约时段' }).click();
    await sup.page.getByTestId('appointment-slots').waitFor();
    await sup.page.getByTestId('slots-zone').click();
    await sup.page.locator('.ant-select-item-option').filter({ hasText: 'B区' }).first().click();
    // The week of 2026-10-05: Monday to Wednesday are 国庆节, Saturday 10-10 is 国庆节调休上班.
    const from = sup.page.getByTestId('slots-from').locator('input');
    await from.click();
    await from.fill('2026-10-05');
    await from.press('Enter');
    await sup.page.getByTestId('lay-out-week').click();
    await until('the result names the skipped holidays', async () => ((await text(sup.page, 'lay-out-result').catch(() => '')).includes('跳过 3 个法定节假日') ? true : undefined), 10_000);
    // Thursday, Friday and the 补班 Saturday, four slots each.
    expect(await text(sup.page, 'lay-out-result')).toContain('新排 12 个时段');
    const skipped = await sup.page.getByTestId('skipped-day').allTextContents();
    expect(skipped.map((d) => d.replace(/\s+/g, ' ').trim())).toEqual(['2026-10-05 周一 · 法定节假日（国庆节）', '2026-10-06 周二 · 法定节假日（国庆节）', '2026-10-07 周三 · 法定节假日（国庆节）']);
    expect(await text(sup.page, 'makeup-day')).toContain('2026-10-10');
    await shot(sup.page, 'appointments-04-week-over-holidays');
    // The screen with its list of days is axe-clean (no critical or serious violation).
    const axeSource = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    const violations = await sup.page.evaluate(async (src) => {
      (0, eval)(src);
      const axe = (window as unknown as { axe: { run: (el: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const r = await axe.run(document);
      return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
    }, axeSource);
    expect(violations).toEqual([]);
    const token = await e2e.hall.login('supervisor');
    for (const [day, n] of [['2026-10-06', 0], ['2026-10-08', 4], ['2026-10-10', 4], ['2026-10-11', 0]] as const) {
      const slots = await e2e.hall.api('GET', `/api/v1/appointment-slots?zoneCode=B&day=${day}`, { token });
      expect([day, slots.body.slots.length]).toEqual([day, n]);
    }
  }, 60_000);
});

/**
 * The evaluation pad (评价器) end to end, in one hall and one browser: window A1's console and its
 * pad (`/pad` on the same station, a 1024×600 touch screen), and the supervisor's board. A finished
 * ticket turns the pad to the five levels; a tap records level 1 against clerk-A1; 不满意 asks a
 * reason before anything is recorded; that bad rating opens a follow-up on the board; a rating made
 * while the hall is cut off arrives once after it comes back; a bad rating's follow-up turns overdue
 * on the board the day after its return-visit deadline in working days (the hall's clock moved on).
 * Screenshots in tests/e2e/screenshots/.
 */
import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../src/domain/appointment';
import { addDays, localDateInShanghai } from '../../src/domain/local-date';
import { chromiumMissing, CHROMIUM, E2eHall, ensureUiBuilt, pressKey, shot, signIn, text, until, type Pc } from './hall';

if (chromiumMissing) console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (install chromium or set CHROMIUM_PATH)`);

interface Rating {
  ticketId: string;
  ticketNumber: string;
  level: number;
  label: string;
  reason: string | null;
  staffUsername: string;
  windowCode: string;
}

describe.skipIf(chromiumMissing)('the evaluation pad at window A1', () => {
  const e2e = new E2eHall();
  let a1: Pc;
  let sup: Pc;
  let pad: Page;

  beforeAll(async () => {
    await ensureUiBuilt();
    await e2e.start();
    a1 = await e2e.pc('A1', 'A1');
    sup = await e2e.pc('SUP', null);
    // The pad is a second page of A1's station, behind the same key (the tab already holds its cookie).
    pad = await a1.page.context().newPage();
    await pad.setViewportSize({ width: 1024, height: 600 });
    await pad.goto(`${a1.host.url}/pad`);
  }, 180_000);

  afterAll(async () => {
    await e2e.close();
  }, 60_000);

  async function ratings(): Promise<Rating[]> {
    const token = await e2e.hall.login('supervisor');
    const r = await e2e.hall.api('GET', '/api/v1/evaluations', { token });
    expect(r.status).toBe(200);
    return r.body.evaluations;
  }

  /** A citizen issued a ticket in zone A, called, served and finished at A1: the number. */
  async function serveOne(): Promise<string> {
    const token = await e2e.hall.login('supervisor');
    const r = await e2e.hall.api('POST', '/api/v1/tickets', { token, body: { zoneCode: 'A', requestId: ulid() } });
    expect(r.status).toBe(201);
    const issued = r.body as { number: string };
    await pressKey(a1.page, 'F1');
    await until('A1 calls the ticket', async () => ((await text(a1.page, 'current-ticket')) === issued.number ? true : undefined), 15_000);
    await until('A1 can start', async () => (await a1.page.getByTestId('cmd-start').isEnabled()) || undefined);
    await pressKey(a1.page, 'F5');
    await until('A1 is serving', async () => (await a1.page.getByTestId('cmd-finish').isEnabled()) || undefined);
    await pressKey(a1.page, 'F6');
    return issued.number;
  }

  it('shows the window and the clerk while idle, and nothing of the console', async () => {
    await signIn(a1.page, 'clerk-A1', 'A1');
    await signIn(sup.page, 'supervisor', null);
    await pad.getByTestId('pad-idle').waitFor({ timeout: 15_000 });
    expect(await text(pad, 'pad-staff')).not.toBe('');
    expect(await pad.getByTestId('header-identity').count()).toBe(0);
    expect(await pad.getByTestId('cmd-call').count()).toBe(0);
    await shot(pad, 'pad-01-idle-1024x600');
  });

  it('offers the five levels once a ticket is finished, and a tap records 非常满意 against clerk-A1', async () => {
    const number = await serveOne();
    await pad.getByTestId('pad-rate').waitFor({ timeout: 15_000 });
    expect(await text(pad, 'pad-ticket')).toBe(number);
    const labels = await pad.locator('[data-level]').allTextContents();
    expect(labels.map((l) => l.replace(/[^\u4e00-\u9fff]/g, ''))).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    // Touch targets a finger hits: every level at least 150 px tall and 150 px wide on the 1024×600 pad.
    for (const box of await Promise.all((await pad.locator('[data-level]').all()).map((b) => b.boundingBox()))) {
      expect(box!.height).toBeGreaterThanOrEqual(150);
      expect(box!.width).toBeGreaterThanOrEqual(150);
    }
    await shot(pad, 'pad-02-rate-1024x600');
    await pad.setViewportSize({ width: 800, height: 480 });
    await shot(pad, 'pad-03-rate-800x480');
    await pad.setViewportSize({ width: 1024, height: 600 });

    await pad.locator('[data-level="1"]').click();
    await pad.getByTestId('pad-thanks').waitFor();
    await shot(pad, 'pad-04-thanks-1024x600');
    const rated = await until('the hall has the rating', async () => (await ratings()).find((r) => r.ticketNumber === number));
    expect(rated).toMatchObject({ level: 1, label: '非常满意', staffUsername: 'clerk-A1', windowCode: 'A1', reason: null });
    await pad.getByTestId('pad-idle').waitFor({ timeout: 15_000 });
  }, 60_000);

  it('asks a reason for 不满意 before anything is recorded, and the bad rating opens a follow-up on the board', async () => {
    await sup.page.evaluate(() => void (window.location.hash = '#/board'));
    await sup.page.getByTestId('board-follow-ups').waitFor({ timeout: 15_000 });
    const number = await serveOne();
    await pad.getByTestId('pad-rate').waitFor({ timeout: 15_000 });
    await pad.locator('[data-level="4"]').click();
    await pad.getByTestId('pad-reason').waitFor();
    await shot(pad, 'pad-05-reason-1024x600');
    // Nothing is recorded while the citizen chooses the reason.
    await pad.waitForTimeout(1500);
    expect((await ratings()).some((r) => r.ticketNumber === number)).toBe(false);
    await pad.locator('[data-reason="态度不好"]').click();
    await pad.getByTestId('pad-thanks').waitFor();
    const rated = await until('the hall has the bad rating', async () => (await ratings()).find((r) => r.ticketNumber === number));
    expect(rated).toMatchObject({ level: 4, label: '不满意', reason: '态度不好', staffUsername: 'clerk-A1' });

    // The supervisor sees it arrive, without a reload, and its follow-up with the deadlines.
    await until('the board shows the new bad rating', async () => ((await sup.page.getByTestId('board-new-bad').count()) > 0 ? true : undefined), 15_000);
    expect(await text(sup.page, 'board-new-bad')).toContain(number);
    await until('the board lists the follow-up', async () => ((await sup.page.getByTestId('board-follow-ups').textContent()) ?? '').includes(number) || undefined, 15_000);
    expect(await sup.page.locator('[data-eval-window="A1"]').textContent()).toMatch(/A1\s*1\s*1/);
    await shot(sup.page, 'pad-06-board');

    // Clerk A1 holds it malicious and appeals from the console; the supervisor sees the appeal to decide.
    await until('A1 sees its bad rating', async () => ((await a1.page.locator(`[data-testid="appeal-open"][data-ticket="${number}"]`).count()) > 0 ? true : undefined), 15_000);
    await a1.page.locator(`[data-testid="appeal-open"][data-ticket="${number}"]`).click();
    await a1.page.getByTestId('appeal-reason').fill('群众因材料不全未能办理而恶意差评，有录像为证');
    await a1.page.getByTestId('appeal-send').click();
    await until('A1 shows the appeal pending', async () => ((await a1.page.locator('[data-appeal="pending"]').count()) > 0 ? true : undefined), 15_000);
    await until('the board marks the appeal', async () => ((await sup.page.getByTestId('board-follow-ups').textContent()) ?? '').includes('待审申诉') || undefined, 15_000);

    // The supervisor records the return visit on the board; the hall keeps it with who did it.
    await sup.page.locator('[data-follow-up]').filter({ hasText: number }).click();
    await sup.page.getByTestId('follow-up-dialog').waitFor();
    await sup.page.getByTestId('follow-up-visit').fill('电话回访，群众反映窗口人员语气生硬');
    await shot(sup.page, 'pad-07-follow-up');
    await sup.page.getByTestId('follow-up-save').click();
    const token = await e2e.hall.login('supervisor');
    await until('the hall has the return visit', async () => {
      const r = await e2e.hall.api('GET', '/api/v1/evaluation-follow-ups', { token });
      const f = (r.body.followUps as Array<{ evaluation: { ticketNumber: string }; returnVisit: { by: string; note: string } | null }>).find((x) => x.evaluation.ticketNumber === number);
      return f?.returnVisit ? f.returnVisit : undefined;
    });
  }, 60_000);

  it('keeps a rating made while the hall is cut off, and it arrives once when the hall is back', async () => {
    const number = await serveOne();
    await pad.getByTestId('pad-rate').waitFor({ timeout: 15_000 });
    e2e.proxy.decide = () => 'down';
    await pad.locator('[data-level="2"]').click();
    await pad.getByTestId('pad-thanks').waitFor();
    await pad.waitForTimeout(1500);
    expect((await ratings()).some((r) => r.ticketNumber === number)).toBe(false);
    e2e.proxy.decide = () => 'forward';
    await until('the offline rating reaches the hall', async () => (await ratings()).some((r) => r.ticketNumber === number) || undefined, 30_000);
    // Let the station's sync run a few more times: still one rating of that ticket.
    await pad.waitForTimeout(3000);
    expect((await ratings()).filter((r) => r.ticketNumber === number)).toHaveLength(1);
    expect(e2e.cspViolations).toEqual([]);
  }, 90_000);

  it('turns the follow-up of a bad rating overdue on the board the day after its return-visit deadline in working days', async () => {
    // The board reads the follow-ups when it opens: from the console and back.
    await sup.page.evaluate(() => void (window.location.hash = '#/board'));
    const number = await serveOne();
    await pad.getByTestId('pad-rate').waitFor({ timeout: 15_000 });
    await pad.locator('[data-level="5"]').click();
    await pad.locator('[data-reason="办事效率低"]').click();
    await pad.getByTestId('pad-thanks').waitFor();
    const token = await e2e.hall.login('supervisor');
    type FollowUp = { evaluationId: string; evaluation: { ticketNumber: string }; returnVisitDue: string; overdue: string | null };
    const followUp = async (): Promise<FollowUp | undefined> => {
      const r = await e2e.hall.api('GET', '/api/v1/evaluation-follow-ups', { token: await e2e.hall.login('supervisor') });
      return (r.body.followUps as FollowUp[]).find((f) => f.evaluation.ticketNumber === number);
    };
    const opened = await until('the hall opens the follow-up', followUp, 30_000);
    // Due five working days after the rating, on the hall calendar (weekends and holidays not counted).
    const ratedOn = localDateInShanghai(e2e.hall.clock.now());
    const due = await e2e.hall.api('GET', `/api/v1/calendar/due-date?from=${ratedOn}&workingDays=5`, { token });
    expect(opened.returnVisitDue).toBe(due.body.dueDate);
    expect(opened.overdue).toBeNull();
    const row = sup.page.locator(`[data-follow-up="${opened.evaluationId}"]`);
    await until('the board lists the follow-up', async () => ((await row.count()) > 0 ? true : undefined), 15_000);
    expect(await row.getAttribute('data-overdue')).toBe('');

    // On the deadline day itself it is not overdue yet.
    e2e.hall.clock.offsetMs = instantOf(opened.returnVisitDue, '10:00').getTime() - Date.now();
    expect((await followUp())?.overdue).toBeNull();

    // The next day it is: the supervisor signs in that morning and the board flags it 回访超期.
    const nextDay = addDays(opened.returnVisitDue, 1);
    e2e.hall.clock.offsetMs = instantOf(nextDay, '09:00').getTime() - Date.now();
    // Days have passed for the hall: the supervisor's session of the rating day is over.
    await sup.host.station.dispatch('session.logout', {});
    await sup.page.getByTestId('signin-username').waitFor({ timeout: 15_000 });
    await signIn(sup.page, 'supervisor', null);
    await sup.page.evaluate(() => void (window.location.hash = '#/board'));
    const flagged = sup.page.locator(`[data-follow-up="${opened.evaluationId}"][data-overdue="return-visit"]`);
    await until('the board flags the follow-up overdue', async () => ((await flagged.count()) > 0 ? true : undefined), 15_000);
    expect(await flagged.textContent()).toContain('回访超期');
    await shot(sup.page, 'pad-08-follow-up-overdue');
    expect(e2e.cspViolations).toEqual([]);
  }, 90_000);
});

/* eslint-disable @typescript-eslint/no-explicit-any -- hall answers are plain JSON checked field by field */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { parseCatalog } from '../../src/contract/catalog';
import { chromiumMissing, E2eHall, ensureUiBuilt, idNumber, shot, signIn, text, until, type Pc } from './hall';

/**
 * The administrator enters the State Council's notice on the calendar screen, as a person would:
 * the provisional year is marked, the notice is pasted and every changed day previewed on the
 * month grid, the save goes through; a day edited on the grid that an open case counts on needs
 * the force switch; the supervisor's board lists the case whose internal deadline moved.
 */

const notice2027 = readFileSync('tests/fixtures/calendar-notices/2027-plausible.txt', 'utf8');
const demo = parseCatalog(JSON.parse(readFileSync('resources/catalog/demo-hall.json', 'utf8')));
if (!demo.ok) throw new Error(demo.error.message);
const matter20 = demo.value.matters.find((m) => m.zoneCode === 'F' && m.caseType === 'promised' && m.promisedLimitDays === 20)!;

describe.skipIf(chromiumMissing)('the holiday calendar through its screens', () => {
  const e2e = new E2eHall();
  let admin: Pc;
  let sup: Pc;

  beforeAll(async () => {
    ensureUiBuilt();
    await e2e.start();
    admin = await e2e.pc('ADMIN', null);
    sup = await e2e.pc('SUP2', null);
  }, 120_000);

  afterAll(async () => {
    await e2e.close();
  }, 60_000);

  /** A 20-working-day case taken in at F1 on 2026-12-07: its promise counts over 2027-01-01. */
  async function caseOverNewYear(): Promise<string> {
    // Window F1's PC, registered with the hall, and its clerk signed in from it.
    const key = await e2e.hall.registerPc('e2e-F1', 'F1');
    const token = await e2e.hall.login('clerk-F1', 'F1', key);
    const clerkId = (await e2e.hall.api('GET', '/api/v1/auth/me', { token })).body.staff.id as string;
    const caseNo = `TS-20261207-F1-${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const materials = matter20.materials
      .filter((m) => m.necessity !== 'optional')
      .map((m) => ({ materialCode: m.materialCode, receipt: 'original', receivedAt: '2026-12-07T02:00:00.000Z', dueDate: null }));
    const c = {
      id: ulid(),
      caseNo,
      stationId: 'e2e-F1',
      windowCode: 'F1',
      clerkId,
      matterCodes: [matter20.code],
      applicant: { name: '孙立新', idType: '111', idNumber: idNumber('19800101', '123') },
      materials,
      acceptedAt: '2026-12-07T02:00:00.000Z',
      promisedDate: '2027-01-05',
      noticeNo: `SL-${caseNo}`,
      calendarVersions: [
        { year: 2026, revision: 1 },
        { year: 2027, revision: 1 },
      ],
    };
    const r = await e2e.hall.api('POST', '/api/v1/sync/push', { token, stationKey: key, body: { mutations: [{ id: ulid(), name: 'case.accept', args: { case: c }, at: c.acceptedAt, staffId: clerkId }] } });
    expect(r.body.results[0]).toMatchObject({ status: 'applied' });
    return caseNo;
  }

  it('shows the administrator which years are provisional, and the warning the supervisor board carries', async () => {
    const list = (await e2e.hall.api('GET', '/api/v1/calendar')).body;
    await signIn(admin.page, 'admin', null);
    await signIn(sup.page, 'supervisor', null);
    await admin.page.getByRole('menuitem', { name: '节假日日历' }).click();
    await admin.page.getByTestId('calendar-screen').waitFor();
    await admin.page.locator('[data-year-option="2027"]').click();
    await until('2027 on screen', async () => (await admin.page.getByTestId('year-grid').getAttribute('data-year')) === '2027' || undefined);
    expect(await admin.page.getByTestId('year-status').getAttribute('data-status')).toBe('provisional');
    // The statute's 春节 of 2027: the eve (02-05) to 02-08, and 02-09/02-10 made up for the weekend.
    for (const d of ['2027-02-05', '2027-02-09', '2027-02-10']) expect(await admin.page.locator(`[data-date="${d}"]`).getAttribute('data-kind')).toBe('holiday');
    expect(await admin.page.locator('[data-date="2027-02-11"]').getAttribute('data-kind')).toBe('weekday');
    if (list.warnings.length > 0) {
      expect(await text(admin.page, 'provisional-warning')).toContain(`${list.warnings.join('、')}年`);
      await sup.page.getByTestId('board').waitFor();
      expect(await text(sup.page, 'provisional-warning')).toContain('尚未录入');
      await shot(sup.page, 'calendar-board-warning');
    }
    await shot(admin.page, 'calendar-provisional-2027');
  });

  it('previews the pasted 2027 notice day by day, and saves it as the official year', async () => {
    await admin.page.getByTestId('notice-text').fill(notice2027);
    await admin.page.getByTestId('preview-button').click();
    await admin.page.getByTestId('preview').waitFor();
    const count = Number(await admin.page.getByTestId('change-count').getAttribute('data-count'));
    expect(count).toBeGreaterThan(5);
    // On the grid: Sunday 01-31 worked, 02-11..02-13 off, each outlined as a change.
    expect(await admin.page.locator('[data-date="2027-01-31"]').getAttribute('data-kind')).toBe('makeup');
    expect(await admin.page.locator('[data-date="2027-01-31"]').getAttribute('data-changed')).toBe('true');
    expect(await admin.page.locator('[data-date="2027-02-11"]').getAttribute('data-kind')).toBe('holiday');
    expect(await text(admin.page, 'changes')).toContain('2027-01-31');
    await shot(admin.page, 'calendar-notice-preview');
    await admin.page.getByTestId('save-button').click();
    await admin.page.getByTestId('saved').waitFor();
    await until('2027 official', async () => (await admin.page.getByTestId('year-status').getAttribute('data-status')) === 'official' || undefined);
    expect(await text(admin.page, 'year-status')).toContain('第1版');
    expect(await text(admin.page, 'saved')).toContain('第1版');
    expect((await e2e.hall.api('GET', '/api/v1/calendar/2027')).body).toMatchObject({ status: 'official', revision: 1 });
  });

  it('needs the force switch to take out a rest day an open case counts on, and the board lists the case whose deadline moved', async () => {
    const caseNo = await caseOverNewYear();
    await admin.page.getByRole('tab', { name: '逐日编辑' }).click();
    // 元旦 2027-01-01 (a Friday) made a working day: the 20-day case accepted 2026-12-07 counts over it.
    await admin.page.locator('[data-date="2027-01-01"]').click();
    expect(await admin.page.locator('[data-date="2027-01-01"]').getAttribute('data-kind')).toBe('weekday');
    await admin.page.getByTestId('preview-button').click();
    await admin.page.getByTestId('guard').waitFor();
    expect(await text(admin.page, 'guard')).toContain('2027-01-01');
    expect(await admin.page.getByTestId('save-button').isDisabled()).toBe(true);
    expect(Number(await admin.page.getByTestId('earlier').getAttribute('data-count'))).toBe(1);
    await shot(admin.page, 'calendar-guard');
    await admin.page.getByTestId('force').click();
    await admin.page.getByTestId('save-button').click();
    await admin.page.getByTestId('saved').waitFor();
    // The year's status line is read again after the save (a refetch): wait for it rather than race it.
    await until('version 2 on the year line', async () => (await text(admin.page, 'year-status')).includes('第2版') || undefined);
    await until('the moved case on the calendar screen', async () => (await admin.page.locator(`[data-case-no="${caseNo}"]`).count()) > 0 || undefined);

    await sup.page.reload();
    await sup.page.getByTestId('board-moved').waitFor({ timeout: 15_000 });
    const row = await text(sup.page, 'board-moved');
    expect(row).toContain(caseNo);
    // Dec 8..31 gives 18 working days; with Jan 1 worked, the 20th is Mon Jan 4.
    expect(row).toContain('2027-01-04');
    await shot(sup.page, 'calendar-board-moved');
    const audit = await e2e.hall.api('GET', '/api/v1/calendar/2027/revisions', { token: await e2e.hall.login('admin') });
    expect(audit.body.revisions.map((r: any) => [r.revision, r.forced])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});

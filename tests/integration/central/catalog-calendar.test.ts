import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLog } from '../../../src/central/db/schema';
import { exportCatalogCsv } from '../../../src/contract/catalog-import';
import type { Catalog } from '../../../src/domain/catalog';
import { backends, startTestHall, type TestHall } from './harness';

const demo = JSON.parse(readFileSync(fileURLToPath(new URL('../../../resources/catalog/demo-hall.json', import.meta.url)), 'utf8')) as Catalog;
const calendar2026 = JSON.parse(readFileSync(fileURLToPath(new URL('../../../resources/calendar/2026.json', import.meta.url)), 'utf8'));

describe.each(backends)('catalogue and calendar on %s', (backend) => {
  let hall: TestHall;
  let admin: string;

  beforeAll(async () => {
    hall = await startTestHall(backend);
    admin = await hall.login('admin');
  });
  afterAll(async () => {
    await hall?.close();
  });

  const latestSeq = async () => (await hall.ctx.db.drizzle.select({ seq: changeLog.seq }).from(changeLog)).reduce((m, r) => Math.max(m, r.seq ?? 0), 0);
  const changesAfter = (seq: number) => hall.ctx.db.drizzle.select().from(changeLog).where(gt(changeLog.seq, seq));

  describe('the catalogue', () => {
    it('serves the demo hall to anyone, as it was imported', async () => {
      const r = await hall.api('GET', '/api/v1/catalog');
      expect(r.status).toBe(200);
      expect(r.body.zones.map((z: { code: string }) => z.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
      expect(r.body.matters).toHaveLength(demo.matters.length);
      expect(r.body.windows.find((w: { code: string }) => w.code === 'A4').zones).toEqual(demo.windows.find((w) => w.code === 'A4')!.zones);
      expect(r.body).toEqual(JSON.parse(JSON.stringify(demo)));
    });

    it('imports an edited catalogue and logs only what changed', async () => {
      const next: Catalog = structuredClone(demo);
      next.zones[0]!.name = '商事登记服务区';
      next.bundles = next.bundles.slice(1);
      const before = await latestSeq();
      const r = await hall.api('POST', '/api/v1/catalog/import', { token: admin, body: { format: 'json', catalog: next } });
      expect(r.status).toBe(200);
      expect(r.body.imported.bundles).toBe(demo.bundles.length - 1);
      expect(r.body.removed).toEqual({ zones: 0, windows: 0, departments: 0, materials: 0, matters: 0, bundles: 1, sites: 0 });
      const changes = await changesAfter(before);
      // Later bundles moved up one place, so they are rewritten with their new order too.
      expect(changes.filter((c) => c.entity === 'zone').map((c) => c.entityId)).toEqual(['A']);
      expect(changes.filter((c) => c.entity === 'bundle' && c.op === 'delete').map((c) => c.entityId)).toEqual([demo.bundles[0]!.code]);
      expect(changes.filter((c) => c.entity === 'matter')).toHaveLength(0);
      expect((await hall.api('GET', '/api/v1/catalog')).body.zones[0].name).toBe('商事登记服务区');
    });

    it('imports the same catalogue as CSV without changing anything', async () => {
      const current = (await hall.api('GET', '/api/v1/catalog')).body as Catalog;
      const before = await latestSeq();
      const r = await hall.api('POST', '/api/v1/catalog/import', { token: admin, body: { format: 'csv', files: exportCatalogCsv(current) } });
      expect(r.status).toBe(200);
      expect(r.body.imported.matters).toBe(current.matters.length);
      expect(await changesAfter(before)).toHaveLength(0);
      expect((await hall.api('GET', '/api/v1/catalog')).body).toEqual(current);
    });

    it('refuses a catalogue that does not hold together and lists every problem', async () => {
      const broken: Catalog = structuredClone(demo);
      broken.matters[0]!.departmentCode = 'NOSUCHDEPT';
      broken.windows[0]!.zones = [{ zoneCode: 'Z', weight: 1 }];
      const r = await hall.api('POST', '/api/v1/catalog/import', { token: admin, body: { format: 'json', catalog: broken } });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('CATALOG_INVALID');
      expect(r.body.error.details.issues.join('\n')).toMatch(/NOSUCHDEPT[\s\S]*|zone Z/);
      expect(r.body.error.details.issues.length).toBeGreaterThanOrEqual(2);
      const csv = await hall.api('POST', '/api/v1/catalog/import', { token: admin, body: { format: 'csv', files: { zones: 'code,name\n' } } });
      expect(csv.status).toBe(422);
      const shape = await hall.api('POST', '/api/v1/catalog/import', { token: admin, body: { format: 'xml', data: '<x/>' } });
      expect(shape.status).toBe(400);
    });
  });

  describe('the calendar', () => {
    it('marks every year official or provisional, and serves each one', async () => {
      const list = await hall.api('GET', '/api/v1/calendar');
      expect(list.status).toBe(200);
      const years = list.body.years as Array<{ year: number; status: string; revision: number }>;
      expect(years.slice(0, 3).map((y) => [y.year, y.status, y.revision])).toEqual([
        [2025, 'official', 1],
        [2026, 'official', 1],
        [2027, 'provisional', 0],
      ]);
      expect(years.at(-1)!.year).toBeGreaterThanOrEqual(Number(list.body.today.slice(0, 4)) + 1);
      expect(list.body.provisionalYears).toEqual({ first: 2025, last: 9999 });
      const y = await hall.api('GET', '/api/v1/calendar/2026');
      expect(y.body).toEqual({ ...calendar2026, status: 'official', revision: 1 });
      const p = await hall.api('GET', '/api/v1/calendar/2031');
      expect(p.body).toMatchObject({ year: 2031, status: 'provisional', revision: 0, workdays: [] });
      expect(p.body.holidays.map((h: { name: string }) => h.name)).toContain('春节');
      expect((await hall.api('GET', '/api/v1/calendar/nineteen')).status).toBe(400);
      const before = await hall.api('GET', '/api/v1/calendar/2024');
      expect([before.status, before.body.error.code]).toEqual([404, 'CALENDAR_YEAR_NOT_FOUND']);
    });

    it('counts working days with the official 2026 arrangement', async () => {
      const due = async (from: string, n: number) => (await hall.api('GET', `/api/v1/calendar/due-date?from=${from}&workingDays=${n}`)).body;
      expect(await due('2026-02-12', 5)).toEqual({ from: '2026-02-12', workingDays: 5, dueDate: '2026-02-26' });
      expect((await due('2026-09-28', 3)).dueDate).toBe('2026-10-08');
      expect((await due('2026-03-02', 0)).dueDate).toBe('2026-03-02');
    });

    it('counts into the provisional 2027 instead of stopping at the year end, and refuses only outside the statute', async () => {
      // Mon 2026-12-07 + 20: Dec 8..31 gives 18; Jan 1 is 元旦; Mon Jan 4 and Tue Jan 5.
      const r = await hall.api('GET', '/api/v1/calendar/due-date?from=2026-12-07&workingDays=20');
      expect(r.body.dueDate).toBe('2027-01-05');
      // 2027-02-05..02-10 rest by the statute (春节 and its made-up days).
      expect((await hall.api('GET', '/api/v1/calendar/due-date?from=2027-02-04&workingDays=1')).body.dueDate).toBe('2027-02-11');
      const early = await hall.api('GET', '/api/v1/calendar/due-date?from=2024-12-30&workingDays=1');
      expect([early.status, early.body.error.code]).toEqual([422, 'CALENDAR_YEAR_UNKNOWN']);
      for (const q of ['from=2026-02-30&workingDays=1', 'from=2026-02-12&workingDays=-1', 'from=2026-02-12', 'workingDays=3']) {
        expect((await hall.api('GET', `/api/v1/calendar/due-date?${q}`)).status).toBe(400);
      }
    });

    it('takes a new year from the administrator as revision 1, and the deadline crosses into it', async () => {
      const y2028 = {
        year: 2028,
        source: '测试用节假日安排',
        holidays: [{ from: '2028-01-01', to: '2028-01-03', name: '元旦' }],
        workdays: [],
      };
      const before = await latestSeq();
      const put = await hall.api('PUT', '/api/v1/calendar/2028', { token: admin, body: y2028 });
      expect(put.status).toBe(200);
      expect(put.body.calendar).toMatchObject({ year: 2028, status: 'official', revision: 1 });
      expect(put.body.forced).toBe(false);
      const changes = await changesAfter(before);
      expect(changes.map((c) => [c.entity, c.entityId, c.event])).toEqual([['calendar', '2028', 'calendar.changed']]);
      expect(changes[0]!.data).toMatchObject({ year: 2028, revision: 1 });
      // Thu 2027-12-30 + 3: Dec 31; Jan 1..3 off; Tue Jan 4, Wed Jan 5.
      const due = await hall.api('GET', '/api/v1/calendar/due-date?from=2027-12-30&workingDays=3');
      expect(due.body.dueDate).toBe('2028-01-05');
      const listed = (await hall.api('GET', '/api/v1/calendar')).body.years.find((y: { year: number }) => y.year === 2028);
      expect(listed).toMatchObject({ status: 'official', revision: 1, updatedBy: 'admin' });
    });

    it('refuses a year that would give wrong deadlines, or a body for another year', async () => {
      const weekdayMakeup = { year: 2029, source: 'x', holidays: [{ from: '2029-01-01', to: '2029-01-01', name: '元旦' }], workdays: [{ date: '2029-03-01', name: '调休' }] };
      const bad = await hall.api('PUT', '/api/v1/calendar/2029', { token: admin, body: weekdayMakeup });
      expect([bad.status, bad.body.error.code]).toEqual([422, 'CALENDAR_INVALID']);
      const mismatch = await hall.api('PUT', '/api/v1/calendar/2030', { token: admin, body: calendar2026 });
      expect([mismatch.status, mismatch.body.error.code]).toEqual([422, 'CALENDAR_YEAR_MISMATCH']);
      const shape = await hall.api('PUT', '/api/v1/calendar/2029', { token: admin, body: { year: 2029 } });
      expect(shape.status).toBe(400);
      expect((await hall.api('GET', '/api/v1/calendar/2029')).body.status).toBe('provisional');
    });
  });
});

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
      expect(r.body.removed).toEqual({ zones: 0, windows: 0, departments: 0, materials: 0, matters: 0, bundles: 1 });
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
    it('lists the known years and serves each one', async () => {
      const list = await hall.api('GET', '/api/v1/calendar');
      expect(list.body.years.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
      const y = await hall.api('GET', '/api/v1/calendar/2026');
      expect(y.body).toEqual(calendar2026);
      const none = await hall.api('GET', '/api/v1/calendar/2031');
      expect([none.status, none.body.error.code]).toEqual([404, 'CALENDAR_YEAR_NOT_FOUND']);
      expect((await hall.api('GET', '/api/v1/calendar/nineteen')).status).toBe(400);
    });

    it('counts working days with the official 2026 arrangement', async () => {
      const due = async (from: string, n: number) => (await hall.api('GET', `/api/v1/calendar/due-date?from=${from}&workingDays=${n}`)).body;
      expect(await due('2026-02-12', 5)).toEqual({ from: '2026-02-12', workingDays: 5, dueDate: '2026-02-26' });
      expect((await due('2026-09-28', 3)).dueDate).toBe('2026-10-08');
      expect((await due('2026-03-02', 0)).dueDate).toBe('2026-03-02');
    });

    it('says which year is missing instead of guessing past the known calendar', async () => {
      const r = await hall.api('GET', '/api/v1/calendar/due-date?from=2026-12-28&workingDays=10');
      expect([r.status, r.body.error.code]).toEqual([422, 'CALENDAR_YEAR_UNKNOWN']);
      expect(r.body.error.message).toContain('2027');
      for (const q of ['from=2026-02-30&workingDays=1', 'from=2026-02-12&workingDays=-1', 'from=2026-02-12', 'workingDays=3']) {
        expect((await hall.api('GET', `/api/v1/calendar/due-date?${q}`)).status).toBe(400);
      }
    });

    it('takes a new year from the administrator, and the deadline crosses into it', async () => {
      const y2027 = {
        year: 2027,
        source: '测试用节假日安排',
        holidays: [{ from: '2027-01-01', to: '2027-01-03', name: '元旦' }],
        workdays: [],
      };
      const before = await latestSeq();
      const put = await hall.api('PUT', '/api/v1/calendar/2027', { token: admin, body: y2027 });
      expect(put.status).toBe(200);
      const changes = await changesAfter(before);
      expect(changes.map((c) => [c.entity, c.entityId, c.event])).toEqual([['calendar', '2027', 'calendar.changed']]);
      // Mon 2026-12-28 + 5: 29, 30, 31, (1-3 off), Mon 4, Tue 5.
      const due = await hall.api('GET', '/api/v1/calendar/due-date?from=2026-12-28&workingDays=5');
      expect(due.body.dueDate).toBe('2027-01-05');
    });

    it('refuses a year that would give wrong deadlines, or a body for another year', async () => {
      const weekdayMakeup = { year: 2028, source: 'x', holidays: [], workdays: [{ date: '2028-03-01', name: '调休' }] };
      const bad = await hall.api('PUT', '/api/v1/calendar/2028', { token: admin, body: weekdayMakeup });
      expect([bad.status, bad.body.error.code]).toEqual([422, 'CALENDAR_INVALID']);
      const mismatch = await hall.api('PUT', '/api/v1/calendar/2029', { token: admin, body: calendar2026 });
      expect([mismatch.status, mismatch.body.error.code]).toEqual([422, 'CALENDAR_YEAR_MISMATCH']);
      const shape = await hall.api('PUT', '/api/v1/calendar/2028', { token: admin, body: { year: 2028 } });
      expect(shape.status).toBe(400);
      expect((await hall.api('GET', '/api/v1/calendar/2028')).status).toBe(404);
    });
  });
});

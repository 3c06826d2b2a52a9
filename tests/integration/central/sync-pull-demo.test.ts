import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStaff, staffView } from '../../../src/central/auth/staff-repository';
import { listCalendarYears } from '../../../src/central/calendar/repository';
import { readCatalog } from '../../../src/central/catalog/repository';
import { pullResponseSchema, type Change } from '../../../src/contract/sync';
import { backends, startTestHall, type TestHall } from './harness';

/**
 * A station that starts from nothing against a freshly seeded demo hall pulls the whole hall:
 * the first start must leave a change for every record it loads.
 */
describe.each(backends)('the demo hall pulled from cursor 0 on %s', (backend) => {
  let hall: TestHall;
  const changes: Change[] = [];

  beforeAll(async () => {
    hall = await startTestHall(backend);
    // A demo hall approves a new PC at once.
    const pc = await hall.station('station-A1', 'A1');
    const token = await pc.login('clerk-A1');
    for (let cursor = 0; ; ) {
      const r = await hall.api('GET', `/api/v1/sync/pull?cursor=${cursor}&limit=1000`, { token, stationKey: pc.key });
      expect(r.status).toBe(200);
      const page = pullResponseSchema.parse(r.body);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
  });
  afterAll(async () => {
    await hall?.close();
  });

  const latest = (entity: Change['entity']) => {
    const byId = new Map<string, unknown>();
    for (const c of changes.filter((x) => x.entity === entity)) {
      if (c.op === 'delete') byId.delete(c.id);
      else byId.set(c.id, c.data);
    }
    return [...byId.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const keyed = <T>(items: T[], key: (t: T) => string) => items.map((x) => [key(x), x] as [string, T]).sort(([a], [b]) => a.localeCompare(b));

  it('holds every zone, window, department, material, matter and bundle of the catalogue', async () => {
    const catalog = await readCatalog(hall.ctx.db.drizzle);
    expect(catalog.windows.length).toBeGreaterThanOrEqual(32);
    expect(latest('hall')).toEqual([['hall', catalog.hall]]);
    expect(latest('zone')).toEqual(keyed(catalog.zones, (z) => z.code));
    expect(latest('window')).toEqual(keyed(catalog.windows, (w) => w.code));
    expect(latest('department')).toEqual(keyed(catalog.departments, (d) => d.code));
    expect(latest('material')).toEqual(keyed(catalog.materials, (m) => m.code));
    expect(latest('matter')).toEqual(keyed(catalog.matters, (m) => m.code));
    expect(latest('bundle')).toEqual(keyed(catalog.bundles, (b) => b.code));
  });

  it('holds every calendar year and every staff account (never a password hash)', async () => {
    const years = await listCalendarYears(hall.ctx.db.drizzle);
    expect(latest('calendar')).toEqual(keyed(years.map((y) => y.data), (y) => String(y.year)));
    const staff = (await listStaff(hall.ctx.db.drizzle)).map(staffView);
    expect(latest('staff')).toEqual(keyed(staff, (s) => s.id));
    expect(JSON.stringify(changes)).not.toMatch(/scrypt\$/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseListQuerySchema, caseNoParamsSchema } from '../../../src/contract/api-cases';
import { loginRequestSchema, windowParamsSchema } from '../../../src/contract/api';
import { windowScreenParamsSchema } from '../../../src/contract/api-public';
import { reportQuerySchema } from '../../../src/contract/api-reports';
import { importCatalogJson } from '../../../src/contract/catalog-import';
import { siteSchema, windowSchema } from '../../../src/contract/catalog';
import { caseIntakeSchema } from '../../../src/contract/case';
import { caseNoSchema, windowCodeSchema } from '../../../src/contract/primitives';
import { stationApi } from '../../../src/contract/station-api';
import { mutationArgs } from '../../../src/contract/sync';
import { formatCaseNumber } from '../../../src/domain/numbers';
import { isWindowCode } from '../../../src/domain/site';
import { loadStationConfig } from '../../../src/station/config';

/** Every place a window code crosses a boundary, each asked whether it takes one code. */
const takers: Array<[string, (code: string) => boolean]> = [
  ['primitives windowCodeSchema', (c) => windowCodeSchema.safeParse(c).success],
  ['catalogue window', (c) => windowSchema.safeParse({ code: c, name: '窗口', kind: 'counter', zones: [{ zoneCode: 'A', weight: 1 }] }).success],
  ['catalogue site', (c) => siteSchema.safeParse({ code: 'SZ', name: '中心', windowCodes: [c] }).success],
  ['sign-in at the hall', (c) => loginRequestSchema.safeParse({ username: 'clerk', password: 'x', windowCode: c }).success],
  ['sign-in at the station', (c) => stationApi['session.login'].args.safeParse({ username: 'clerk', password: 'x', windowCode: c }).success],
  ['the queue\'s window routes', (c) => windowParamsSchema.safeParse({ code: c }).success],
  ['the window screen', (c) => windowScreenParamsSchema.safeParse({ code: c }).success],
  ['the queue\'s pause at the station', (c) => stationApi['queue.pause'].args.safeParse({ reason: '午休', windowCode: c }).success],
  ['the pad\'s rating', (c) => mutationArgs['ticket.evaluate'].safeParse({ ticketId: '01JF0000000000000000000000', windowCode: c, level: 5, source: 'pad' }).success],
  ['the case list filter', (c) => caseListQuerySchema.safeParse({ windowCode: c }).success],
  ['the reports filter', (c) => reportQuerySchema.safeParse({ from: '2026-12-01', to: '2026-12-07', windowCode: c }).success],
  ['the station\'s WINDOW_CODE', (c) => {
    try {
      return loadStationConfig({ env: { WINDOW_CODE: c } }).windowCode === c;
    } catch {
      return false;
    }
  }],
];

describe('a town centre\'s window code works everywhere a window code does', () => {
  it('takes TC01 at every boundary', () => {
    expect(takers.filter(([, takes]) => !takes('TC01')).map(([where]) => where)).toEqual([]);
  });

  it('takes the case numbers of a centre\'s window and of the hall\'s inbox series', () => {
    for (const caseNo of ['SZ-20261207-TC01-0001', 'TS-20261128-A3-0007', 'TS-20261207-B00-0001']) {
      expect(caseNoSchema.safeParse(caseNo).success, caseNo).toBe(true);
      expect(caseNoParamsSchema.safeParse({ caseNo }).success, caseNo).toBe(true);
    }
    expect(caseNoSchema.safeParse('SZ-20261207-TC-01-0001').success).toBe(false);
  });

  it('agrees, for any code, between the catalogue and every schema that names a window', () => {
    const code = fc.oneof(
      fc.array(fc.constantFrom(...'ABCTZ019'.split('')), { minLength: 1, maxLength: 10 }).map((cs) => cs.join('')),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(code, (c) => {
        const inCatalogue = isWindowCode(c);
        expect(takers[1]![1](c), `catalogue ${c}`).toBe(inCatalogue);
        // What the catalogue holds, every boundary takes (a window code reserved for the inbox is in no catalogue).
        if (inCatalogue) for (const [where, takes] of takers) expect(takes(c), `${where} ${c}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('carries any catalogue window code into a case number the intake schema takes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'ABCTZ0123456789'.split('')), { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')), (c) => {
        fc.pre(isWindowCode(c));
        const caseNo = formatCaseNumber({ siteCode: 'SZ', date: '2026-12-07', windowCode: c, serial: 1 });
        expect(caseIntakeSchema.shape.caseNo.safeParse(caseNo).success).toBe(true);
        expect(caseIntakeSchema.shape.windowCode.safeParse(c).success).toBe(true);
      }),
    );
  });
});

describe('centres in the catalogue', () => {
  type Loose = Record<string, unknown> & { sites?: unknown[]; windows: Array<Record<string, unknown>>; matters: Array<Record<string, unknown>>; hall: { siteCode: string } };
  const demoText = readFileSync(join(__dirname, '..', '..', '..', 'resources', 'catalog', 'demo-hall.json'), 'utf8');
  const demo = (): Loose => JSON.parse(demoText) as Loose;

  const issues = (c: unknown): string[] => {
    const r = importCatalogJson(c);
    return r.ok ? [] : ((r.error.details?.issues as string[]) ?? [r.error.message]);
  };

  it('reads the demo centre and a catalogue written before centres existed', () => {
    expect(issues(demo())).toEqual([]);
    const old = demo();
    delete old.sites;
    old.windows = old.windows.filter((w) => w.code !== 'TC01');
    for (const m of old.matters) delete m.takeInSites;
    const r = importCatalogJson(old);
    expect(r.ok && r.value.sites).toEqual([]);
  });

  it('refuses a centre with the hall\'s site code, an unknown or shared window, a reception desk, and a matter delegated to no such site', () => {
    const c = demo();
    c.sites = [
      { code: c.hall.siteCode, name: '同码中心', windowCodes: ['TC01'] },
      { code: 'XF', name: '徐家楼', windowCodes: ['TC01', 'NOPE', 'R1'] },
    ];
    c.matters[0]!.takeInSites = ['QQ'];
    const got = issues(c).join('\n');
    expect(got).toMatch(/site TS .*hall's own site code/);
    expect(got).toMatch(/window NOPE, which does not exist/);
    expect(got).toMatch(/window TC01 is listed by sites TS and XF/);
    expect(got).toMatch(/R1, which is a reception desk/);
    expect(got).toMatch(/taken in at site QQ, which is not in the sites list/);
  });

  it('refuses a window numbered like the hall\'s inbox series', () => {
    const c = demo();
    c.windows = [...c.windows, { code: 'B00', name: '冒号窗口', kind: 'counter', zones: [{ zoneCode: 'B', weight: 1 }] }];
    expect(issues(c).join('\n')).toMatch(/windows\[\d+\]\.code: a zone letter followed by zeros only/);
  });
});

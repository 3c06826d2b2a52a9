import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHallDb, type HallDb } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { readFacts } from '../../../src/central/reports/facts';
import { buildReport, reportDefinitions, type FactRow } from '../../../src/domain/report';
import { backends, type Backend } from './harness';

/**
 * The queue report's medians, 90th percentiles, averages and longest waits are figured in SQL from
 * the daily aggregates (reports/facts.ts). On random aggregates, in every grouping, the report read
 * that way equals the report the domain builds from the same samples in memory (nearest rank).
 */

const migrations = fileURLToPath(new URL('../../../src/central/db/migrations', import.meta.url));
const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-06', '2026-12-07', '2026-12-08'];
const range = { from: '2026-11-29', to: '2026-12-07' };

interface AggregateRow {
  day: string;
  hour: number;
  zone: string;
  window: string;
  staff: string;
  matter: string;
  issued: number;
  wait: number[];
  service: number[];
}

/** Durations as halls have them (mostly minutes, some seconds, a long tail) with ties. */
const seconds = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 100_000 }));
const aggregateRow = fc.record({
  day: fc.constantFrom(...days),
  hour: fc.integer({ min: 8, max: 17 }),
  zone: fc.constantFrom('A', 'B'),
  window: fc.constantFrom('', 'A1', 'A2', 'B1'),
  staff: fc.constantFrom('', 'S1', 'S2'),
  matter: fc.constantFrom('', 'M1', 'M2', 'M3'),
  issued: fc.integer({ min: 0, max: 9 }),
  wait: fc.array(seconds, { maxLength: 7 }),
  service: fc.array(seconds, { maxLength: 5 }),
});
const keyOf = (r: AggregateRow) => [r.day, r.hour, r.zone, r.window, r.staff, r.matter].join('|');
const intArray = (xs: number[]) => `{${xs.join(',')}}`;

async function openDb(backend: Backend): Promise<{ db: HallDb; close: () => Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openHallDb({ inMemory: true });
    await migrateHallDb(db, migrations);
    return { db, close: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `hall_pct_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const db = await openHallDb({ databaseUrl: url.toString(), poolSize: 2 });
  await migrateHallDb(db, migrations);
  return {
    db,
    close: async () => {
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe.each(backends)('queue durations figured in SQL on %s', (backend) => {
  let db: HallDb;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openDb(backend));
    // Two matters of one department and one of another: a department's median spans its matters.
    for (const [code, dept] of [
      ['M1', 'D1'],
      ['M2', 'D1'],
      ['M3', 'D2'],
    ]) {
      await db.drizzle.execute(sql`insert into matters (code, zone_code, department_code, data, sort) values (${code}, 'A', ${dept}, '{}'::jsonb, 0)`);
    }
  });
  afterAll(async () => {
    await close?.();
  });

  it("equal the domain's nearest-rank figures over the same samples, in every grouping", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(aggregateRow, { selector: keyOf, maxLength: 25 }),
        fc.constantFrom(...reportDefinitions.queue.groupings),
        async (rows, groupBy) => {
          await db.drizzle.execute(sql`delete from report_queue_daily`);
          for (const r of rows) {
            await db.drizzle.execute(sql`
              insert into report_queue_daily (day, hour, zone_code, window_code, staff_id, matter_code,
                issued, called, served, no_show, cancelled, transferred, wait_seconds, service_seconds)
              values (${r.day}, ${r.hour}, ${r.zone}, ${r.window}, ${r.staff}, ${r.matter}, ${r.issued}, ${r.wait.length}, ${r.service.length}, 0, 0, 0,
                ${intArray(r.wait)}::int[], ${intArray(r.service)}::int[])`);
          }
          const facts = await readFacts(db.drizzle, 'queue', range, { kind: 'all' }, {}, '2026-12-31', groupBy);
          const fromSql = buildReport('queue', facts.rows, range, groupBy, facts.names, facts.durations);
          const departmentOf: Record<string, string> = { M1: 'D1', M2: 'D1', M3: 'D2' };
          const inMemory: FactRow[] = rows.map((r) => ({
            dims: { day: r.day, hour: r.hour, zone: r.zone, window: r.window, staff: r.staff, matter: r.matter, department: departmentOf[r.matter] ?? '', channel: '' },
            counts: { issued: r.issued, called: r.wait.length, served: r.service.length, noShow: 0, cancelled: 0, transferred: 0 },
            samples: { wait: r.wait, service: r.service },
          }));
          expect(fromSql).toEqual(buildReport('queue', inMemory, range, groupBy, facts.names));
        },
      ),
      { numRuns: 40, seed: 1919 },
    );
  });

  it('gives no figures where nothing was measured, and exact ones for a single wait', async () => {
    await db.drizzle.execute(sql`delete from report_queue_daily`);
    await db.drizzle.execute(sql`
      insert into report_queue_daily (day, hour, zone_code, window_code, staff_id, matter_code, issued, called, served, no_show, cancelled, transferred, wait_seconds, service_seconds)
      values ('2026-12-01', 9, 'A', 'A1', 'S1', '', 1, 1, 0, 0, 0, 0, '{75}', '{}')`);
    const facts = await readFacts(db.drizzle, 'queue', range, { kind: 'all' }, {}, '2026-12-31', 'window');
    const r = buildReport('queue', facts.rows, range, 'window', facts.names, facts.durations);
    expect(r.totals).toMatchObject({ waitAvgSeconds: 75, waitMedianSeconds: 75, waitP90Seconds: 75, waitMaxSeconds: 75, serviceAvgSeconds: null, serviceMedianSeconds: null, serviceP90Seconds: null, serviceMaxSeconds: null });
  });
});

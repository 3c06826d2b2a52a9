import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHallServer } from '../../../src/central/app';
import { caseReads } from '../../../src/central/cases/repository';
import { openHallDb, rowsOf } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { folderBefore, migrations } from './migration-folders';

const scratch = mkdtempSync(join(tmpdir(), 'hall-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('migration 0001_cases_and_sync', () => {
  it('adds the case and sync tables to a hall that already has data, keeping that data', async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, folderBefore(scratch, '0001_cases_and_sync'));
      await db.drizzle.execute(sql`insert into zones (code, name, sort) values ('A', '商事登记', 0)`);
      await db.drizzle.execute(
        sql`insert into change_log (at, entity, entity_id, op, event, data) values (now(), 'zone', 'A', 'upsert', 'catalog.changed', '{"code":"A"}')`,
      );
      const before = rowsOf<{ n: number }>(await db.drizzle.execute(sql`select count(*)::int as n from information_schema.tables where table_name = 'cases'`));
      expect(before[0]!.n).toBe(0);

      await migrateHallDb(db, migrations);
      const zones = rowsOf<{ code: string; name: string }>(await db.drizzle.execute(sql`select code, name from zones`));
      expect(zones).toEqual([{ code: 'A', name: '商事登记' }]);
      const log = rowsOf<{ seq: number; entity: string }>(await db.drizzle.execute(sql`select seq::int as seq, entity from change_log`));
      expect(log).toEqual([{ seq: 1, entity: 'zone' }]);
      for (const table of ['cases', 'case_events', 'processed_mutations']) {
        const n = rowsOf<{ n: number }>(await db.drizzle.execute(sql.raw(`select count(*)::int as n from ${table}`)));
        expect(n[0]!.n, table).toBe(0);
      }
      // The case number is unique, and the ID number's blind index is indexed for the look-up.
      const indexes = rowsOf<{ indexname: string; indexdef: string }>(
        await db.drizzle.execute(sql`select indexname, indexdef from pg_indexes where tablename = 'cases' order by indexname`),
      );
      expect(indexes.find((i) => i.indexname === 'cases_case_no_idx')?.indexdef).toMatch(/UNIQUE/);
      expect(indexes.map((i) => i.indexname)).toContain('cases_id_index_idx');
    } finally {
      await db.close();
    }
  });
});

describe('migration 0006_sealed_cases and the sealing at start-up', () => {
  it('seals the ID number, phone and address of cases stored in clear, and still finds and opens them', async () => {
    const db = await openHallDb({ inMemory: true });
    const idNumber = '37090219900101123X';
    try {
      await migrateHallDb(db, folderBefore(scratch, '0006_sealed_cases'));
      const applicant = { name: '旧数据', idType: '111', idNumber, phone: '13905381234', address: '泰山区旧路8号' };
      const agent = { name: '代理人', idNumber: '370902198001011233', phone: '13800000001' };
      await db.drizzle.execute(sql`insert into cases (id, case_no, station_id, window_code, clerk_id, matter_codes, applicant, id_number, agent, source, status,
        accepted_at, promised_days, promised_date, notice_no, materials, reviews, clock_pauses, created_at, updated_at)
        values ('01OLDCASE00000000000000001', 'TS-20261101-A1-0001', 'A1-pc', 'A1', 'clerk', '["M1"]', ${JSON.stringify(applicant)}::jsonb, ${idNumber},
        ${JSON.stringify(agent)}::jsonb, 'window', 'accepted', now(), 5, '2026-11-08', 'SL-1', '[]', '[]', '[]', now(), now())`);
      await db.drizzle.execute(sql`insert into tickets (id, number, serial, day, zone_code, priority, status, id_number_masked, id_number_hash, request_id, issued_at, queued_at, updated_at)
        values ('01OLDTICKET000000000000001', 'A001', 1, '2026-11-01', 'A', 'normal', 'finished', '370902********123X', 'sha256-of-the-number', 'r1', now(), now(), now())`);

      const app = await buildHallServer({ db, logger: false, config: { demo: true, dataKey: 'bWlncmF0aW9uLXRlc3Qta2V5LTAxMjM0NTY3ODk' } });
      try {
        const raw = JSON.stringify(rowsOf(await db.drizzle.execute(sql`select * from cases`)));
        for (const clear of [idNumber, '13905381234', '泰山区旧路8号', '370902198001011233', '13800000001']) expect(raw).not.toContain(clear);
        expect(raw).toContain('370902********123X');
        const row = await caseReads.byCaseNo(db.drizzle, app.hall.sealer, 'TS-20261101-A1-0001');
        expect(row?.applicant).toMatchObject({ name: '旧数据', idNumber, phone: '13905381234', address: '泰山区旧路8号' });
        expect(row?.agent).toMatchObject({ name: '代理人', idNumber: '370902198001011233' });
        const found = await caseReads.list(db.drizzle, { idIndex: app.hall.sealer.index(idNumber), limit: 10, scope: { kind: 'all' } });
        expect(found.map((c) => c.caseNo)).toEqual(['TS-20261101-A1-0001']);
        // The bare hash of the ticket is gone.
        const ticket = rowsOf<{ h: string | null }>(await db.drizzle.execute(sql`select id_number_hash as h from tickets`));
        expect(ticket).toEqual([{ h: null }]);
      } finally {
        await app.close();
      }
    } finally {
      await db.close();
    }
  });
});

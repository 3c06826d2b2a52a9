import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
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
      // The case number is unique, and the ID number is indexed for the look-up.
      const indexes = rowsOf<{ indexname: string; indexdef: string }>(
        await db.drizzle.execute(sql`select indexname, indexdef from pg_indexes where tablename = 'cases' order by indexname`),
      );
      expect(indexes.find((i) => i.indexname === 'cases_case_no_idx')?.indexdef).toMatch(/UNIQUE/);
      expect(indexes.map((i) => i.indexname)).toContain('cases_id_number_idx');
    } finally {
      await db.close();
    }
  });
});

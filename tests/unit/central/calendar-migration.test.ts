import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openHallDb, rowsOf } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { folderBefore, migrations } from './migration-folders';

const scratch = mkdtempSync(join(tmpdir(), 'hall-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Found by name: the lead may renumber it when branches merge.
const journal = JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
const tag = journal.entries.find((e) => e.tag.endsWith('_calendar_revisions'))!.tag;

describe(`migration ${tag}`, () => {
  it('makes every entered year revision 1, keeps that revision, and leaves the cases as they were', async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, folderBefore(scratch, tag));
      const y2026 = { year: 2026, source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）', holidays: [{ from: '2026-01-01', to: '2026-01-03', name: '元旦' }], workdays: [] };
      await db.drizzle.execute(sql`insert into calendar_years (year, data, updated_at, updated_by) values (2026, ${JSON.stringify(y2026)}::jsonb, '2025-11-05T01:00:00Z', 'admin')`);
      await db.drizzle.execute(sql`insert into cases (id, case_no, station_id, window_code, clerk_id, matter_codes, applicant, id_index, id_number_masked, source, status, accepted_at,
          promised_days, promised_date, notice_no, materials, reviews, clock_pauses, created_at, updated_at)
        values ('01KB0000000000000000000000', 'TS-20261130-B1-0001', 'station-B1', 'B1', 'clerk-B1', '["FOODPERMIT"]', '{"name":"赵雪梅","idType":"111","sealed":"s1:x"}', 'x', 'x',
          'window', 'accepted', '2026-11-30T02:00:00Z', 5, '2026-12-07', 'SL-1', '[]', '[]', '[]', now(), now())`);

      await migrateHallDb(db, migrations);
      const years = rowsOf<{ year: number; data: { revision: number; holidays: unknown[] }; updated_by: string }>(await db.drizzle.execute(sql`select year, data, updated_by from calendar_years`));
      expect(years).toEqual([{ year: 2026, data: { ...y2026, revision: 1 }, updated_by: 'admin' }]);
      const kept = rowsOf<{ year: number; revision: number; saved_by: string; forced: boolean; data: { revision: number } }>(
        await db.drizzle.execute(sql`select year, revision, saved_by, forced, data from calendar_revisions`),
      );
      expect(kept).toEqual([{ year: 2026, revision: 1, saved_by: 'admin', forced: false, data: { ...y2026, revision: 1 } }]);
      const c = rowsOf<{ case_no: string; promised_date: string; calendar_versions: unknown; internal_due_date: string | null }>(
        await db.drizzle.execute(sql`select case_no, promised_date::text, calendar_versions, internal_due_date from cases`),
      );
      expect(c).toEqual([{ case_no: 'TS-20261130-B1-0001', promised_date: '2026-12-07', calendar_versions: [], internal_due_date: null }]);
    } finally {
      await db.close();
    }
  });
});

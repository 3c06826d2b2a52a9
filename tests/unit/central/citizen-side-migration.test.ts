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
const tag = journal.entries.find((e) => e.tag.endsWith('_citizen_side'))!.tag;

async function hallWithStaff(demo: boolean) {
  const db = await openHallDb({ inMemory: true });
  await migrateHallDb(db, folderBefore(scratch, tag));
  await db.drizzle.execute(sql`insert into hall_meta (key, value, updated_at) values ('seeded', ${JSON.stringify({ demo })}::jsonb, now())`);
  for (const [i, u] of ['admin', 'supervisor', 'clerk-A1'].entries()) {
    await db.drizzle.execute(sql`insert into staff (id, username, name, role, zone_codes, password_hash, created_at, updated_at)
      values (${`01KB00000000000000000000${i}0`}, ${u}, ${`某${i}`}, 'clerk', '[]', 'x', ${`2026-11-0${i + 1}T00:00:00Z`}, now())`);
  }
  await db.drizzle.execute(sql`insert into tickets (id, number, serial, day, zone_code, priority, status, request_id, issued_at, queued_at, updated_at)
    values ('01KB0000000000000000000T01', 'A001', 1, '2026-12-07', 'A', 'normal', 'waiting', '01KB0000000000000000000R01', now(), now(), now())`);
  await migrateHallDb(db, migrations);
  return db;
}

describe(`migration ${tag}`, () => {
  it('numbers the accounts of a demo hall 1001, 1002, … in the order they were made', async () => {
    const db = await hallWithStaff(true);
    try {
      const rows = rowsOf<{ username: string; staff_no: string }>(await db.drizzle.execute(sql`select username, staff_no from staff order by created_at`));
      expect(rows).toEqual([
        { username: 'admin', staff_no: '1001' },
        { username: 'supervisor', staff_no: '1002' },
        { username: 'clerk-A1', staff_no: '1003' },
      ]);
      // A ticket issued before keeps its place; it has no slip code (its slip had no page to open).
      const t = rowsOf<{ number: string; status: string; position_token: string | null }>(await db.drizzle.execute(sql`select number, status, position_token from tickets`));
      expect(t).toEqual([{ number: 'A001', status: 'waiting', position_token: null }]);
      // One 工号, one person.
      await expect(db.drizzle.execute(sql`update staff set staff_no = '1001' where username = 'clerk-A1'`)).rejects.toThrow();
    } finally {
      await db.close();
    }
  });

  it("leaves a real hall's accounts without a number, for the administrator to enter", async () => {
    const db = await hallWithStaff(false);
    try {
      const rows = rowsOf<{ staff_no: string | null }>(await db.drizzle.execute(sql`select staff_no from staff`));
      expect(rows.map((r) => r.staff_no)).toEqual([null, null, null]);
    } finally {
      await db.close();
    }
  });
});

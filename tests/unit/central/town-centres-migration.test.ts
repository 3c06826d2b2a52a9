import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../../src/central/catalog/repository';
import { openHallDb, rowsOf } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { folderBefore, migrations } from './migration-folders';

const scratch = mkdtempSync(join(tmpdir(), 'hall-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('migration 0016_town_centres', () => {
  it('keeps every application filed before centres existed as the portal\'s (no centre), and starts with no sites', async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, folderBefore(scratch, '0016_town_centres'));
      const at = '2026-12-01T02:00:00.000Z';
      for (const [id, channel, siteName] of [
        ['01JF0000000000000000000001', 'online', null],
        ['01JF0000000000000000000002', 'online', '网上办事大厅'],
      ] as const) {
        await db.drizzle.execute(sql`
          insert into online_applications (id, portal_staff_id, portal_id, fingerprint, channel, site_name, state, zone_code, matter_codes, applicant,
            id_index, id_number_masked, form_sealed, commitments, files, submitted_at, received_at, review_due_date, corrections, history, created_at, updated_at)
          values (${id}, 'portal', ${`P-${id}`}, 'f', ${channel}, ${siteName}, 'submitted', 'B', '["M1"]'::jsonb, '{}'::jsonb,
            'idx', '370902********1233', 'sealed', '[]'::jsonb, '[]'::jsonb, ${at}, ${at}, '2026-12-02', '{}'::jsonb, '[]'::jsonb, ${at}, ${at})`);
      }

      await migrateHallDb(db, migrations);

      const rows = rowsOf<{ id: string; channel: string; site_name: string | null; site_code: string | null }>(
        await db.drizzle.execute(sql`select id, channel, site_name, site_code from online_applications order by id`),
      );
      expect(rows).toEqual([
        { id: '01JF0000000000000000000001', channel: 'online', site_name: null, site_code: null },
        { id: '01JF0000000000000000000002', channel: 'online', site_name: '网上办事大厅', site_code: null },
      ]);
      expect((await readCatalog(db.drizzle)).sites).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

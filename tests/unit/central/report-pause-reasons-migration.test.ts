import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openHallDb, rowsOf } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { refreshReportAggregates } from '../../../src/central/reports/aggregates';
import { folderBefore, migrations } from './migration-folders';

const scratch = mkdtempSync(join(tmpdir(), 'hall-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Found by name: the lead may renumber it when branches merge.
const journal = JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
const tag = journal.entries.find((e) => e.tag.endsWith('_report_pause_reasons'))!.tag;

describe(`migration ${tag}`, () => {
  it("splits a hall's past paused time by reason on the first report read after the upgrade", async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, folderBefore(scratch, tag));
      // A window's day as the change log has it: signed in, 20 minutes of 午休, 5 typed by hand, signed out.
      const moments: Array<[string, string, Record<string, unknown>]> = [
        ['2026-12-01T01:00:00Z', 'window.signed-in', { staff: { id: 'S1' } }],
        ['2026-12-01T03:00:00Z', 'window.paused', { paused: true, pauseReason: '午休' }],
        ['2026-12-01T03:20:00Z', 'window.resumed', { paused: false, pauseReason: null }],
        ['2026-12-01T05:00:00Z', 'window.paused', { paused: true, pauseReason: '去取材料' }],
        ['2026-12-01T05:05:00Z', 'window.resumed', { paused: false, pauseReason: null }],
        ['2026-12-01T08:00:00Z', 'window.signed-out', {}],
      ];
      for (const [at, event, data] of moments) {
        await db.drizzle.execute(sql`insert into change_log (at, entity, entity_id, op, event, data) values (${at}, 'window-state', 'A1', 'upsert', ${event}, ${JSON.stringify(data)}::jsonb)`);
      }
      // The aggregates as the hall had them (paused time unsplit), read up to the end of the log.
      await db.drizzle.execute(sql`
        insert into report_window_daily (day, zone_code, window_code, staff_id, open_seconds, serving_seconds, paused_seconds, idle_seconds)
        values ('2026-12-01', '', 'A1', 'S1', 25200, 0, 1500, 23700)`);
      await db.drizzle.execute(sql`insert into report_refresh (name, seq) select 'reports', max(seq) from change_log`);

      await migrateHallDb(db, migrations);
      // Rows kept, the new columns 0 until recounted; the watermark is gone, so the next read recounts the day.
      expect(rowsOf(await db.drizzle.execute(sql`select paused_seconds, paused_lunch_seconds, paused_other_seconds from report_window_daily`))).toEqual([
        { paused_seconds: 1500, paused_lunch_seconds: 0, paused_other_seconds: 0 },
      ]);
      expect(rowsOf(await db.drizzle.execute(sql`select * from report_refresh`))).toEqual([]);
      await refreshReportAggregates(db.drizzle);
      expect(
        rowsOf(
          await db.drizzle.execute(sql`
            select staff_id, open_seconds, paused_seconds, paused_lunch_seconds, paused_meeting_seconds, paused_consult_seconds, paused_fault_seconds, paused_other_seconds
            from report_window_daily`),
        ),
      ).toEqual([
        {
          staff_id: 'S1',
          open_seconds: 25_200,
          paused_seconds: 1500,
          paused_lunch_seconds: 1200,
          paused_meeting_seconds: 0,
          paused_consult_seconds: 0,
          paused_fault_seconds: 0,
          paused_other_seconds: 300,
        },
      ]);
    } finally {
      await db.close();
    }
  });
});

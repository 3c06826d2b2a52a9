import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openHallDb, rowsOf, type HallDb, type HallQueryable } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { folderBefore, migrations } from './migration-folders';
import { changeInsert, CHANGES_CHANNEL, changeLogReader, type ChangeEntry } from '../../../src/central/events/change-log';
import { freshPgDatabase } from '../../faults/support/hall';

/**
 * The change log's one promise to its readers (sync pull, SSE replay): seq order is commit order,
 * so a cursor that has passed seq n never misses a row that commits later. Migration 0002 moved the
 * numbering from INSERT to COMMIT; these tests hold it to that.
 */
const scratch = mkdtempSync(join(tmpdir(), 'hall-changelog-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a unit of work does at its end: append the changes inside its transaction. */
const append = async (tx: HallQueryable, entries: ChangeEntry[]) => {
  await changeInsert(tx, entries, new Date());
};
const change = (id: string) => ({ entity: 'ticket' as const, id, op: 'upsert' as const, event: 'ticket.called', data: { id } });
const seqs = async (db: HallDb) =>
  rowsOf<{ entity_id: string; seq: number | null }>(await db.drizzle.execute(sql`select entity_id, seq::int as seq from change_log order by id`));

describe('migration 0002_change_log_commit_order', () => {
  it('keeps the seqs a hall already handed out and numbers new rows after them', async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, folderBefore(scratch, '0002_change_log_commit_order'));
      for (const id of ['old-1', 'old-2']) {
        await db.drizzle.execute(sql`insert into change_log (at, entity, entity_id, op, event) values (now(), 'ticket', ${id}, 'upsert', 'ticket.issued')`);
      }
      await migrateHallDb(db, migrations);
      await db.drizzle.transaction((tx) => append(tx, [change('new-1'), change('new-2')]));
      expect(await seqs(db)).toEqual([
        { entity_id: 'old-1', seq: 1 },
        { entity_id: 'old-2', seq: 2 },
        { entity_id: 'new-1', seq: 3 },
        { entity_id: 'new-2', seq: 4 },
      ]);
      expect(await changeLogReader.latestSeq(db.drizzle)).toBe(4);
    } finally {
      await db.close();
    }
  });

  it('leaves nothing of a transaction that rolls back, and tells listeners only what committed (PGlite)', async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, migrations);
      const heard: string[] = [];
      await db.listen(CHANGES_CHANNEL, (p) => heard.push(p));
      await db.drizzle
        .transaction(async (tx) => {
          await append(tx, [change('lost')]);
          throw new Error('refused');
        })
        .catch(() => undefined);
      await db.drizzle.transaction((tx) => append(tx, [change('kept')]));
      await new Promise((r) => setTimeout(r, 50));
      const rows = await seqs(db);
      expect(rows.map((r) => r.entity_id)).toEqual(['kept']);
      expect(heard).toEqual([String(rows[0]!.seq)]);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('change log on PostgreSQL: seq order is commit order', () => {
  it('numbers a transaction that inserted first but committed last after the one that committed first', async () => {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL!, 'hall_changelog');
    const db = await openHallDb({ databaseUrl: fresh.url, poolSize: 4 });
    const early = new pg.Client({ connectionString: fresh.url });
    const late = new pg.Client({ connectionString: fresh.url });
    try {
      await migrateHallDb(db, migrations);
      await early.connect();
      await late.connect();
      const insert = (c: pg.Client, id: string) =>
        c.query(`insert into change_log (at, entity, entity_id, op, event) values (now(), 'ticket', $1, 'upsert', 'ticket.called')`, [id]);
      await early.query('begin');
      await insert(early, 'inserted-first');
      await late.query('begin');
      await insert(late, 'inserted-second');
      // Another session sees neither while both are open: no row without a seq ever shows.
      expect(await seqs(db)).toEqual([]);
      await late.query('commit');
      expect(await seqs(db)).toEqual([{ entity_id: 'inserted-second', seq: 1 }]);
      await early.query('commit');
      expect(await seqs(db)).toEqual([
        { entity_id: 'inserted-first', seq: 2 },
        { entity_id: 'inserted-second', seq: 1 },
      ]);
    } finally {
      await early.end().catch(() => undefined);
      await late.end().catch(() => undefined);
      await db.close();
      await fresh.drop();
    }
  });

  it('never lets a reader see seq n+1 while seq n is still committing, under 20 concurrent writers', async () => {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL!, 'hall_changelog');
    const db = await openHallDb({ databaseUrl: fresh.url, poolSize: 24 });
    try {
      await migrateHallDb(db, migrations);
      let writing = true;
      const gaps: string[] = [];
      // A reader that trusts the promise: it moves its cursor to the highest seq it saw and expects
      // every later read to start right after it.
      const reader = (async () => {
        let cursor = 0;
        while (writing) {
          const rows = await changeLogReader.readAfter(db.drizzle, cursor, 1000);
          for (const r of rows) {
            if (r.seq !== cursor + 1) gaps.push(`${cursor} → ${r.seq}`);
            cursor = r.seq;
          }
        }
      })();
      await Promise.all(
        Array.from({ length: 20 }, async (_, w) => {
          for (let i = 0; i < 25; i++) {
            await db.drizzle.transaction(async (tx) => {
              await append(tx, [change(`w${w}-${i}`)]);
              // Hold the transaction open a little, so commits overtake each other.
              await tx.execute(sql`select pg_sleep(${(i % 3) / 1000})`);
            });
          }
        }),
      );
      writing = false;
      await reader;
      expect(gaps).toEqual([]);
      expect(await changeLogReader.latestSeq(db.drizzle)).toBe(500);
    } finally {
      await db.close();
      await fresh.drop();
    }
  });
});

import { drizzle } from 'drizzle-orm/better-sqlite3';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, migrateStationDb, openSqliteClient, openStationDb, type StationDb } from '../../../src/station/db/open';
import * as schema from '../../../src/station/db/schema';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Journal {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

/** A copy of the committed migrations holding only the first `count`, as an older app version shipped them. */
function migrationsUpTo(count: number, extra?: { tag: string; sql: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-migrations-'));
  dirs.push(dir);
  cpSync(defaultMigrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal & Record<string, unknown>;
  journal.entries = journal.entries.slice(0, count);
  if (extra) {
    const last = journal.entries.at(-1)!;
    writeFileSync(join(dir, `${extra.tag}.sql`), extra.sql);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: extra.tag });
  }
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  return dir;
}

function tempDbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-db-'));
  dirs.push(dir);
  return join(dir, 'station.sqlite');
}

/** One key for every database of this file: migrations are about the schema, sealing has its own suite. */
const key = randomBytes(32);

/** A sealed database at an older schema, as an older (already sealing) version left it. */
function openAt(file: string, folder: string): StationDb {
  const client = openSqliteClient(file, { key });
  const db = drizzle(client, { schema }) as StationDb;
  migrateStationDb(db, folder);
  return db;
}

/** Rows as the first released schema knows them (raw SQL: the current schema has more columns). */
function insertFirstSchemaRows(db: StationDb): void {
  const c = db.$client;
  c.prepare(
    `INSERT INTO cases (id, case_no, window_code, status, applicant_name, id_number, id_number_masked, accepted_day, accepted_at, promised_date, data, updated_at)
     VALUES ('01JF0000000000000000000001', 'TS-20261128-A3-0001', 'A3', 'accepted', '韩梅梅', '11010519491231002X', '110105********002X', '2026-11-28', '2026-11-28T01:00:00.000Z', '2026-12-02', '{"caseNo":"TS-20261128-A3-0001"}', '2026-11-28T01:00:00.000Z')`,
  ).run();
  c.prepare(`INSERT INTO case_materials (case_id, material_code, receipt) VALUES ('01JF0000000000000000000001', 'ID_CARD', 'original')`).run();
  c.prepare(
    `INSERT INTO notices (id, case_id, kind, notice_no, document, created_at) VALUES ('N1', '01JF0000000000000000000001', 'acceptance', 'TS-20261128-A3-0001-SL', '{}', '2026-11-28T01:00:00.000Z')`,
  ).run();
  c.prepare(
    `INSERT INTO outbox (id, name, args, at, staff_id, case_id, status) VALUES ('01JF0000000000000000000002', 'case.accept', '{}', '2026-11-28T01:00:00.000Z', 'S1', '01JF0000000000000000000001', 'pending')`,
  ).run();
}

describe('station database migrations', () => {
  it('upgrades a database holding a day of work without losing a case, a material, a notice or an outbox entry', () => {
    const file = tempDbFile();
    const old = openAt(file, migrationsUpTo(1));
    insertFirstSchemaRows(old);
    const columnsBefore = (old.$client.pragma('table_info(cases)') as Array<{ name: string }>).map((c) => c.name);
    expect(columnsBefore).not.toContain('purged_at');
    old.$client.close();

    const db = openStationDb({ file, key });
    const row = db.$client.prepare('SELECT case_no, purged_at FROM cases').get() as { case_no: string; purged_at: string | null };
    expect(row).toEqual({ case_no: 'TS-20261128-A3-0001', purged_at: null });
    expect(db.$client.prepare('SELECT COUNT(*) n FROM case_materials').get()).toEqual({ n: 1 });
    expect(db.$client.prepare('SELECT COUNT(*) n FROM notices').get()).toEqual({ n: 1 });
    expect(db.$client.prepare(`SELECT id, status FROM outbox`).all()).toEqual([{ id: '01JF0000000000000000000002', status: 'pending' }]);
    const indexes = (db.$client.pragma('index_list(outbox)') as Array<{ name: string }>).map((i) => i.name);
    expect(indexes).toContain('outbox_status_seq_idx');
    db.$client.close();
  });

  it('applies each migration once, so opening an up-to-date database twice changes nothing', () => {
    const file = tempDbFile();
    openStationDb({ file, key }).$client.close();
    const db = openStationDb({ file, key });
    const applied = db.$client.prepare('SELECT COUNT(*) n FROM __drizzle_migrations').get() as { n: number };
    const journal = JSON.parse(readFileSync(join(defaultMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
    expect(applied.n).toBe(journal.entries.length);
    db.$client.close();
  });

  it('keeps the journal timestamps increasing, or drizzle would silently skip a migration', () => {
    const journal = JSON.parse(readFileSync(join(defaultMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
    const whens = journal.entries.map((e) => e.when);
    for (let i = 1; i < whens.length; i++) expect(whens[i]!).toBeGreaterThan(whens[i - 1]!);
  });

  it('rebuilds a table the way drizzle-kit does without cascading deletes into its children', () => {
    const file = tempDbFile();
    const old = openAt(file, migrationsUpTo(2));
    insertFirstSchemaRows(old);
    old.$client.close();

    // drizzle-kit's SQLite rebuild: new table, copy, drop, rename. With foreign keys on, the DROP
    // would delete every case_materials and notices row through ON DELETE CASCADE.
    const columns =
      'id, case_no, window_code, status, applicant_name, id_number, id_number_masked, accepted_day, accepted_at, promised_date, data, synced_at, closed_at, updated_at, purged_at';
    const rebuild = [
      `CREATE TABLE __new_cases (id text PRIMARY KEY NOT NULL, case_no text NOT NULL, window_code text NOT NULL, status text NOT NULL, applicant_name text NOT NULL, id_number text NOT NULL, id_number_masked text NOT NULL, accepted_day text NOT NULL, accepted_at text NOT NULL, promised_date text NOT NULL, data text NOT NULL, synced_at text, closed_at text, updated_at text NOT NULL, purged_at text, note text);`,
      `INSERT INTO __new_cases (${columns}) SELECT ${columns} FROM cases;`,
      'DROP TABLE cases;',
      'ALTER TABLE __new_cases RENAME TO cases;',
      'CREATE UNIQUE INDEX cases_case_no_idx ON cases (case_no);',
    ].join('\n--> statement-breakpoint\n');
    const db = openAt(file, migrationsUpTo(2, { tag: '0002_rebuild_cases', sql: rebuild }));
    expect(db.$client.prepare('SELECT COUNT(*) n FROM case_materials').get()).toEqual({ n: 1 });
    expect(db.$client.prepare('SELECT COUNT(*) n FROM notices').get()).toEqual({ n: 1 });
    expect(db.$client.pragma('foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    db.$client.close();
  });
});

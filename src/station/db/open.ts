import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type StationDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The committed drizzle-kit migrations. A packaged app passes its own copy (see electron-builder extraResources). */
export const defaultMigrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenOptions {
  /** Path of the SQLite file, or ':memory:'. */
  file: string;
  migrationsFolder?: string;
}

/**
 * Opens the station's SQLite file and brings its schema up to date.
 * WAL lets the UI read while a sync writes; synchronous=NORMAL is durable across a process crash
 * in WAL mode (only a power cut can lose the last commits, and the outbox re-pushes idempotently).
 */
export function openStationDb(opts: OpenOptions): StationDb {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const client = new Database(opts.file);
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('busy_timeout = 5000');
  const db = drizzle(client, { schema }) as StationDb;
  try {
    migrateStationDb(db, opts.migrationsFolder ?? defaultMigrationsFolder);
  } catch (e) {
    client.close();
    throw e;
  }
  return db;
}

/**
 * Applies pending migrations. drizzle runs them inside one transaction, where SQLite ignores
 * `PRAGMA foreign_keys`; a table rebuild (create new, copy, drop old, rename) would then cascade
 * deletes through the old table. So foreign keys go off around the migration, and a
 * foreign_key_check afterwards proves the rebuild kept every reference intact.
 */
export function migrateStationDb(db: StationDb, migrationsFolder: string): void {
  const client = db.$client;
  client.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    const broken = client.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) {
      throw new Error(`station database migration left ${broken.length} broken foreign key references`);
    }
  } finally {
    client.pragma('foreign_keys = ON');
  }
}

export function stationDbFile(dataDir: string): string {
  return join(dataDir, 'station.sqlite');
}

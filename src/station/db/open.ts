import Database from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StationKeyError } from './key';
import { currentRuntime, driverPackage, explainBindingFailure, pickNativeBinding, type BindingChoice } from './native-binding';
import { ensurePrivateDir, ensurePrivateFile, narrowExisting } from './private-files';
import * as schema from './schema';

export type SqliteClient = Database.Database;
// drizzle's driver is typed against better-sqlite3's own declarations; the cipher build has the same API.
export type StationDb = BetterSQLite3Database<typeof schema> & { $client: SqliteClient };

/** The committed drizzle-kit migrations. A packaged app passes its own copy (see electron-builder extraResources). */
export const defaultMigrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The cipher of SQLite3 Multiple Ciphers' own C code (no OpenSSL, so the same build works under
 * Electron's BoringSSL): ChaCha20 with a Poly1305 tag on every page, the library's default. Measured
 * here on 2,000 write transactions and 20,000 reads: 1.25× and 0.75× plain SQLite, where the SQLCipher 4
 * scheme (AES-CBC + HMAC-SHA512) cost 2.5× and 3.4×. The raw 32-byte key (x'…') skips key derivation:
 * it is random, not a password.
 */
export const STATION_CIPHER = 'chacha20';

export interface OpenOptions {
  /** Path of the SQLite file, or ':memory:'. */
  file: string;
  /** The 32-byte station key (db/key.ts). Required for a file; an in-memory database is never sealed. */
  key?: Buffer | null;
  migrationsFolder?: string;
  /** Which build of the driver to load; by default the one for the runtime this runs in. */
  binding?: BindingChoice;
  /** Told when a plain database from before sealing was converted. */
  onSealed?: (info: { file: string; ms: number }) => void;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether a database file is absent (or empty), plain SQLite, or sealed (anything else). */
export function databaseState(file: string): 'absent' | 'plain' | 'sealed' {
  if (!existsSync(file)) return 'absent';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return 'absent';
  return read === head.length && head.equals(SQLITE_HEADER) ? 'plain' : 'sealed';
}

/** The -wal and -shm files SQLite keeps beside a database in WAL mode. */
export const companions = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

let defaultBinding: BindingChoice | null = null;
function bindingForThisRuntime(): BindingChoice {
  defaultBinding ??= pickNativeBinding(currentRuntime(), driverPackage());
  return defaultBinding;
}

const newClient = (file: string, binding: BindingChoice): SqliteClient => openSqliteClient(file, { binding });

function applyKey(client: SqliteClient, key: Buffer): void {
  client.pragma(`cipher = '${STATION_CIPHER}'`);
  client.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * A bare SQLite connection through the station's driver (the right build, the key applied when
 * given), with no schema work: for tests and benchmarks that look at a station file from outside.
 */
export function openSqliteClient(file: string, opts: { key?: Buffer | null; readonly?: boolean; binding?: BindingChoice } = {}): SqliteClient {
  const binding = opts.binding ?? bindingForThisRuntime();
  let client: SqliteClient;
  try {
    client = new Database(file, { nativeBinding: binding.path, ...(opts.readonly ? { readonly: true } : {}) });
  } catch (e) {
    throw explainBindingFailure(e, binding, currentRuntime());
  }
  if (opts.key) applyKey(client, opts.key);
  return client;
}

/**
 * A station database from before sealing, converted in place on its first open: its WAL folded in
 * and switched off (SQLite3 Multiple Ciphers cannot rekey in WAL mode), VACUUM to drop free pages
 * that may still hold deleted rows, then every page rewritten sealed.
 */
function sealPlainDatabase(file: string, key: Buffer, binding: BindingChoice): void {
  const client = newClient(file, binding);
  try {
    client.pragma('wal_checkpoint(TRUNCATE)');
    client.pragma('journal_mode = DELETE');
    client.exec('VACUUM');
    client.pragma(`cipher = '${STATION_CIPHER}'`);
    client.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    client.close();
  }
}

/**
 * Opens the station's SQLite file sealed with the station key and brings its schema up to date.
 * WAL lets the UI read while a sync writes; synchronous=NORMAL is durable across a process crash
 * in WAL mode (only a power cut can lose the last commits, and the outbox re-pushes idempotently).
 */
export function openStationDb(opts: OpenOptions): StationDb {
  const binding = opts.binding ?? bindingForThisRuntime();
  const memory = opts.file === ':memory:';
  if (!memory) {
    if (!opts.key) throw new StationKeyError('STATION_KEY_MISSING', `opening ${opts.file} needs the station key: a station database is never kept plain`);
    ensurePrivateDir(dirname(opts.file));
    if (databaseState(opts.file) === 'plain') {
      const started = Date.now();
      sealPlainDatabase(opts.file, opts.key, binding);
      opts.onSealed?.({ file: opts.file, ms: Date.now() - started });
    }
    // Made 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
    ensurePrivateFile(opts.file);
    narrowExisting(companions(opts.file));
  }
  const client = newClient(opts.file, binding);
  try {
    if (!memory) {
      applyKey(client, opts.key!);
      try {
        client.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch (e) {
        // SQLITE_NOTADB: what SQLite says of a page it cannot decrypt (the same as of a file that is no database).
        if (!/^SQLITE_NOTADB$/.test(String((e as { code?: unknown }).code))) throw e;
        throw new StationKeyError(
          'STATION_KEY_WRONG',
          `工作站密钥打不开这个数据库（${opts.file}）：密钥文件可能来自另一台电脑或已被替换 · The station key does not open ${opts.file}: the key file may come from another PC or have been replaced`,
        );
      }
    }
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('busy_timeout = 5000');
    const db = drizzle(client, { schema }) as StationDb;
    migrateStationDb(db, opts.migrationsFolder ?? defaultMigrationsFolder);
    return db;
  } catch (e) {
    client.close();
    throw e;
  }
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

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, SEALED_KEY_FILE, stationKey, StationKeyError, type KeySealer } from '../../../src/station/db/key';
import { databaseState, defaultMigrationsFolder, migrateStationDb, openSqliteClient, openStationDb, stationDbFile, type StationDb } from '../../../src/station/db/open';
import { fileMode } from '../../../src/station/db/private-files';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../src/station/db/schema';
import { APPLICANT } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'station-sealed-'));
  dirs.push(d);
  return join(d, 'A3-pc');
}

/** Stands in for Electron's safeStorage: sealing another process cannot undo without the "OS". */
function fakeKeystore(): KeySealer & { sealed: number } {
  const pad = randomBytes(64);
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ pad[i % pad.length]!));
  const s = {
    name: 'the test keystore',
    sealed: 0,
    seal: (plain: string) => {
      s.sealed++;
      return xor(Buffer.from(plain));
    },
    unseal: (sealed: Buffer) => xor(sealed).toString(),
  };
  return s;
}

const mode = (p: string) => (process.platform === 'win32' ? 0o600 : fileMode(p));
const personal = [APPLICANT.idNumber, APPLICANT.phone, APPLICANT.address];

/**
 * What a station before sealing left: a plain SQLite file in WAL mode holding a day's cases and a full
 * outbox, the last of them still only in the -wal (the station was killed before a checkpoint).
 */
function plainStationDatabase(file: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const client = openSqliteClient(file);
  client.pragma('journal_mode = WAL');
  const db = drizzle(client, { schema }) as StationDb;
  migrateStationDb(db, defaultMigrationsFolder);
  const caseSql = `INSERT INTO cases (id, case_no, window_code, status, applicant_name, id_number, id_number_masked, accepted_day, accepted_at, promised_date, data, updated_at)
    VALUES (?, ?, 'A3', 'accepted', ?, ?, '110105********002X', '2026-11-28', '2026-11-28T01:00:00.000Z', '2026-12-02', ?, '2026-11-28T01:00:00.000Z')`;
  const outboxSql = `INSERT INTO outbox (id, name, args, at, staff_id, case_id, status) VALUES (?, 'case.accept', ?, '2026-11-28T01:00:00.000Z', 'S1', ?, 'pending')`;
  const rows = (i: number) => {
    const id = `01JF00000000000000000000${String(i).padStart(2, '0')}`;
    const caseNo = `TS-20261128-A3-${String(i).padStart(4, '0')}`;
    return {
      case: [id, caseNo, APPLICANT.name, APPLICANT.idNumber, JSON.stringify({ caseNo, applicant: APPLICANT })],
      outbox: [`01JF00000000000000000001${String(i).padStart(2, '0')}`, JSON.stringify({ case: { caseNo, applicant: APPLICANT } }), id],
    };
  };
  for (let i = 1; i < 40; i++) {
    client.prepare(caseSql).run(...rows(i).case);
    client.prepare(outboxSql).run(...rows(i).outbox);
  }
  client.close();
  // The last case in a process that dies without closing: SQLite leaves it in the -wal only.
  const driver = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  const j = JSON.stringify;
  const script = `const c = new (require(${j(driver)}))(${j(file)}); c.pragma('wal_autocheckpoint = 0');
    c.prepare(${j(caseSql)}).run(...${j(rows(40).case)}); c.prepare(${j(outboxSql)}).run(...${j(rows(40).outbox)}); process.exit(0);`;
  execFileSync(process.execPath, ['-e', script]);
}

function rawContains(file: string, text: string): boolean {
  return existsSync(file) && readFileSync(file).includes(Buffer.from(text));
}

describe('the station key', () => {
  it('is made on the first start as 32 random bytes in a 0600 file, in a 0700 folder, and read back after', () => {
    const dir = dataDir();
    const first = stationKey({ dataDir: dir, databaseSealed: false });
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(first.file).toBe(join(dir, KEY_FILE));
    expect(mode(first.file)).toBe(0o600);
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o777).toBe(0o700);
    const again = stationKey({ dataDir: dir, databaseSealed: true });
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('is kept sealed by the OS keystore in the desktop app, never in clear on disk', () => {
    const dir = dataDir();
    const keystore = fakeKeystore();
    const { key, file } = stationKey({ dataDir: dir, sealer: keystore, databaseSealed: false });
    expect(file).toBe(join(dir, SEALED_KEY_FILE));
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
    expect(readFileSync(file).toString('latin1')).not.toContain(key.toString('hex'));
    expect(mode(file)).toBe(0o600);
    expect(stationKey({ dataDir: dir, sealer: keystore, databaseSealed: true }).key.equals(key)).toBe(true);
  });

  it('moves into the keystore when the desktop app opens a data folder first used in browser mode', () => {
    const dir = dataDir();
    const plain = stationKey({ dataDir: dir, databaseSealed: false });
    const moved = stationKey({ dataDir: dir, sealer: fakeKeystore(), databaseSealed: true });
    expect(moved.key.equals(plain.key)).toBe(true);
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
    expect(existsSync(join(dir, SEALED_KEY_FILE))).toBe(true);
  });

  it('is never made afresh for a database already sealed: a missing key is a clear error', () => {
    const dir = dataDir();
    expect(() => stationKey({ dataDir: dir, databaseSealed: true })).toThrow(StationKeyError);
    try {
      stationKey({ dataDir: dir, databaseSealed: true });
    } catch (e) {
      expect((e as StationKeyError).code).toBe('STATION_KEY_MISSING');
      expect((e as Error).message).toContain(join(dir, KEY_FILE));
    }
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
  });

  it('says so when browser mode meets a key only the desktop app can unseal, or a damaged key file', () => {
    const dir = dataDir();
    stationKey({ dataDir: dir, sealer: fakeKeystore(), databaseSealed: false });
    expect(() => stationKey({ dataDir: dir, databaseSealed: true })).toThrow(/desktop app/);
    const other = dataDir();
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, KEY_FILE), 'not a key\n');
    expect(() => stationKey({ dataDir: other, databaseSealed: true })).toThrow(/damaged/);
  });

  it('narrows a folder an older version left readable to others', () => {
    if (process.platform === 'win32') return;
    const dir = dataDir();
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    stationKey({ dataDir: dir, databaseSealed: false });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});

describe('the sealed station database', () => {
  it('converts a plain database from before sealing on its first open, keeping every row, and nothing personal stays in clear', () => {
    const dir = dataDir();
    const file = stationDbFile(dir);
    plainStationDatabase(file);
    expect(databaseState(file)).toBe('plain');
    expect(rawContains(file, APPLICANT.idNumber)).toBe(true);
    expect(rawContains(`${file}-wal`, 'TS-20261128-A3-0040')).toBe(true);

    const { key } = stationKey({ dataDir: dir, databaseSealed: databaseState(file) === 'sealed' });
    let sealedMs = -1;
    const db = openStationDb({ file, key, onSealed: ({ ms }) => (sealedMs = ms) });
    expect(sealedMs).toBeGreaterThanOrEqual(0);
    expect(db.$client.prepare('SELECT COUNT(*) n FROM cases').get()).toEqual({ n: 40 });
    expect(db.$client.prepare(`SELECT COUNT(*) n FROM outbox WHERE status = 'pending'`).get()).toEqual({ n: 40 });
    const row = db.$client.prepare(`SELECT id_number, data FROM cases WHERE case_no = 'TS-20261128-A3-0040'`).get() as { id_number: string; data: string };
    expect(row.id_number).toBe(APPLICANT.idNumber);
    expect(JSON.parse(row.data).applicant.address).toBe(APPLICANT.address);
    db.$client.close();

    expect(databaseState(file)).toBe('sealed');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      for (const text of personal) expect(rawContains(f, text), `${f} holds ${text}`).toBe(false);
      if (existsSync(f)) expect(mode(f), f).toBe(0o600);
    }
  });

  it('opens again with its key, and not without it: a clear error, not "file is not a database"', () => {
    const dir = dataDir();
    const file = stationDbFile(dir);
    const { key } = stationKey({ dataDir: dir, databaseSealed: false });
    openStationDb({ file, key }).$client.close();

    expect(openStationDb({ file, key }).$client.prepare('SELECT COUNT(*) n FROM cases').get()).toEqual({ n: 0 });
    expect(() => openStationDb({ file })).toThrow(/station key/);
    try {
      openStationDb({ file, key: randomBytes(32) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StationKeyError);
      expect((e as StationKeyError).code).toBe('STATION_KEY_WRONG');
      expect((e as Error).message).toContain(file);
    }
    // A plain SQLite client (a copy of the file on a USB stick) reads nothing.
    const outsider = openSqliteClient(file);
    expect(() => outsider.prepare('SELECT * FROM cases').all()).toThrow(/not a database/);
    outsider.close();
  });
});

import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files';

/**
 * The key that seals the station's SQLite file: 32 random bytes made on the station's first start.
 * In the desktop app it is kept sealed by the operating system's keystore (Electron's safeStorage:
 * DPAPI on Windows, the Keychain on macOS, the Secret Service on Linux), so a copy of the data folder
 * is useless on another PC or under another account. In browser mode there is no keystore to ask:
 * the key is a 0600 file beside the database, which still keeps other accounts out and keeps the
 * data out of backups and copies that take the database alone.
 */
export const STATION_KEY_BYTES = 32;
export const KEY_FILE = 'station.key';
export const SEALED_KEY_FILE = 'station.key.sealed';

/** What keeps the key sealed at rest (the desktop app passes Electron's safeStorage). */
export interface KeySealer {
  /** Named in messages, e.g. "the Windows keystore (DPAPI)". */
  readonly name: string;
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

export type StationKeyErrorCode = 'STATION_KEY_MISSING' | 'STATION_KEY_UNREADABLE' | 'STATION_KEY_WRONG';

/** A start-up failure about the key: said plainly, since a clerk or the hall's IT person reads it. */
export class StationKeyError extends Error {
  constructor(
    readonly code: StationKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StationKeyError';
  }
}

export interface StationKey {
  key: Buffer;
  /** Made just now (the first start, or the first start after a plain database). */
  created: boolean;
  /** The file that holds it (sealed or not). */
  file: string;
}

export interface StationKeyOptions {
  dataDir: string;
  /** Electron's keystore; null or absent in browser mode (a 0600 key file). */
  sealer?: KeySealer | null;
  /** The database already holds sealed data: a missing key is then an error, never a fresh key. */
  databaseSealed: boolean;
  randomBytes?: (n: number) => Buffer;
}

const HEX_KEY = /^[0-9a-f]{64}$/;

function parseKey(text: string, file: string): Buffer {
  const hex = text.trim().toLowerCase();
  if (!HEX_KEY.test(hex)) throw new StationKeyError('STATION_KEY_UNREADABLE', `工作站密钥文件已损坏：${file}（应为 64 位十六进制）· The station key file is damaged: ${file}`);
  return Buffer.from(hex, 'hex');
}

/** Written under a temporary name and renamed, so a crash never leaves half a key. */
function writePrivate(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: PRIVATE_FILE_MODE });
  renameSync(tmp, file);
}

/**
 * The station's key: read from where it is kept, or made on the first start. A database that is
 * already sealed never gets a fresh key (it could not open it): that is an error telling what to do.
 */
export function stationKey(opts: StationKeyOptions): StationKey {
  ensurePrivateDir(opts.dataDir);
  const plainFile = join(opts.dataDir, KEY_FILE);
  const sealedFile = join(opts.dataDir, SEALED_KEY_FILE);
  const sealer = opts.sealer ?? null;

  if (sealer && existsSync(sealedFile)) {
    let text: string;
    try {
      text = sealer.unseal(readFileSync(sealedFile));
    } catch (e) {
      throw new StationKeyError(
        'STATION_KEY_UNREADABLE',
        `${sealer.name} 无法解开工作站密钥（${e instanceof Error ? e.message : String(e)}）：数据只能在原来的电脑和系统账户下打开 · ` +
          `${sealer.name} could not unseal the station key (${sealedFile}); the data opens only on the PC and account that sealed it`,
      );
    }
    return { key: parseKey(text, sealedFile), created: false, file: sealedFile };
  }
  if (existsSync(plainFile)) {
    const key = parseKey(readFileSync(plainFile, 'utf8'), plainFile);
    if (!sealer) return { key, created: false, file: plainFile };
    // A data folder first used in browser mode, now opened by the desktop app: the key moves into the keystore.
    writePrivate(sealedFile, sealer.seal(key.toString('hex')));
    rmSync(plainFile);
    return { key, created: false, file: sealedFile };
  }
  if (!sealer && existsSync(sealedFile)) {
    throw new StationKeyError(
      'STATION_KEY_UNREADABLE',
      `工作站密钥由桌面版交给系统密钥库保管（${sealedFile}），浏览器模式无法解开：请用桌面版打开，或为浏览器模式另设 STATION_DATA_DIR · ` +
        `The station key is sealed by the desktop app's OS keystore; browser mode cannot unseal it: open this data folder with the desktop app, or give browser mode another STATION_DATA_DIR`,
    );
  }
  if (opts.databaseSealed) {
    throw new StationKeyError(
      'STATION_KEY_MISSING',
      `工作站数据库已加密，但找不到密钥（${sealer ? sealedFile : plainFile}）：请从备份恢复密钥文件；若放弃本机未同步的数据，可把数据库移走后重新启动 · ` +
        `The station database is sealed but its key (${sealer ? sealedFile : plainFile}) is missing: restore the key file from a backup, or move the database aside to start afresh (records not yet synced to the hall would be lost)`,
    );
  }
  const key = (opts.randomBytes ?? nodeRandomBytes)(STATION_KEY_BYTES);
  if (key.length !== STATION_KEY_BYTES) throw new Error(`a station key must be ${STATION_KEY_BYTES} bytes`);
  const hex = key.toString('hex');
  if (sealer) writePrivate(sealedFile, sealer.seal(hex));
  else writePrivate(plainFile, `${hex}\n`);
  return { key, created: true, file: sealer ? sealedFile : plainFile };
}

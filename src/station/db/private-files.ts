import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Every file a station keeps (its database and the database's -wal and -shm, its key, its logs) is
 * readable by the PC account that runs the station and nobody else: 0600 files in 0700 folders.
 * Another Windows or Linux account on a shared counter PC must not copy the cache, even sealed.
 * On Windows the modes mean little; the user profile's ACL (AppData, the repository's folder) does
 * that job there, and chmod does no harm.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes the folder (and its parents) if missing, and narrows it to 0700 if an older version made it wider. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrow(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates the file empty with mode 0600 if missing (before SQLite or a logger opens it: SQLite makes
 * the -wal and -shm files with the mode of the database file), and narrows an existing one.
 */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  narrow(file, PRIVATE_FILE_MODE);
}

/** Narrows what exists of a file and its SQLite companions; missing ones are skipped. */
export function narrowExisting(files: string[]): void {
  for (const f of files) if (existsSync(f)) narrow(f, PRIVATE_FILE_MODE);
}

function narrow(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
}

/** The mode bits of a file, for checks and tests (0o600). */
export function fileMode(path: string): number {
  return statSync(path).mode & 0o777;
}

import { existsSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { createHallLogger } from '../central/logger';
import { ensurePrivateDir, ensurePrivateFile } from '../station/db/private-files';
import { createStationLogger } from '../station/logger';

/**
 * Where the logs of `npm run web` and the desktop app go. A hall server answering a clerk's screen
 * writes a line per request (636 lines in ten minutes of use): in a terminal they push the station's
 * address out of sight. So every line goes to a file under the data folder, written the way a person
 * reads it (pino-pretty, no colours), and the terminal shows warnings and errors only, one line each.
 * The files are the station's like its database: 0600 in a 0700 folder, nothing personal in clear
 * (both loggers mask it before a line is written).
 */

/** A log file that has grown past this is kept once as `<name>.1` at the next start, and a new one begun. */
export const LOG_ROTATE_BYTES = 20 * 1024 * 1024;

export interface LauncherLogs {
  station: Logger;
  /** The embedded demo hall's logger; null when this launcher talks to a hall elsewhere. */
  hall: Logger | null;
  /** The files written, for the terminal's pointer and for tests. */
  files: { station: string; hall: string | null };
  /** Flushes and closes the files (on shutdown). */
  close(): Promise<void>;
}

export interface LauncherLogOptions {
  stationId: string;
  /** The station's data folder: its log goes to `<dataDir>/logs/station.log`. */
  stationDataDir: string;
  /** The embedded hall's data folder, when one runs: `<hallDataDir>/logs/hall.log`. */
  hallDataDir?: string | null;
  level?: string;
  /** Warnings and errors for a person (stderr by default; tests pass a memory stream). */
  terminal?: NodeJS.WritableStream;
}

function rotate(file: string): void {
  if (existsSync(file) && statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
}

interface FileStream {
  stream: DestinationStream & NodeJS.WritableStream;
  done: Promise<void>;
}

function prettyFile(file: string): FileStream {
  ensurePrivateDir(dirname(file));
  rotate(file);
  // Created 0600 here: the writer appends to it and keeps its mode.
  ensurePrivateFile(file);
  const stream = pretty({ destination: file, colorize: false, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l', ignore: 'pid,hostname', append: true, mkdir: false, sync: false });
  const done = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  return { stream, done };
}

function prettyTerminal(out: NodeJS.WritableStream): DestinationStream {
  return pretty({ destination: out as DestinationStream, colorize: 'isTTY' in out && Boolean(out.isTTY), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service,station,err.stack', singleLine: true, sync: true });
}

export function openLauncherLogs(opts: LauncherLogOptions): LauncherLogs {
  const level = opts.level ?? 'info';
  const terminal = opts.terminal ?? process.stderr;
  const stationFile = join(opts.stationDataDir, 'logs', 'station.log');
  const hallFile = opts.hallDataDir ? join(opts.hallDataDir, 'logs', 'hall.log') : null;
  const files: FileStream[] = [];
  const streamsFor = (file: string) => {
    const f = prettyFile(file);
    files.push(f);
    return pino.multistream([
      { level: level as pino.Level, stream: f.stream },
      { level: 'warn', stream: prettyTerminal(terminal) },
    ]);
  };
  const station = createStationLogger({ stationId: opts.stationId, level, destination: streamsFor(stationFile) });
  const hall = hallFile ? createHallLogger({ level, destination: streamsFor(hallFile) }) : null;
  return {
    station,
    hall,
    files: { station: stationFile, hall: hallFile },
    async close() {
      for (const f of files) f.stream.end();
      await Promise.all(files.map((f) => f.done));
    },
  };
}

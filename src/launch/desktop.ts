import { join } from 'node:path';
import { createStation, type Station } from '../station/api';
import { loadStationConfig } from '../station/config';
import type { KeySealer } from '../station/db/key';
import type { StationAnswer, StationEvent } from '../contract/station-api';
import { hallForStation } from './embedded-hall';
import { openLauncherLogs } from './logs';

/** What the Electron shell needs from the back end: the dispatcher, the event stream, and a way to stop. */
export interface DesktopBackend {
  dispatch(method: string, rawArgs: unknown): Promise<StationAnswer<unknown>>;
  subscribe(listener: (event: StationEvent) => void): () => void;
  close(): Promise<void>;
}

/** Where data files live: beside the source in development, under the app's resources when packaged. */
export interface DesktopPaths {
  resourcesDir: string;
  hallMigrationsDir: string;
  stationMigrationsDir: string;
}

/**
 * The bundled main process cannot find files relative to its source modules, so the shell hands in
 * the root: the repository (`app.getAppPath()`) in development, `process.resourcesPath` when
 * packaged (electron-builder.yml copies the same folders there as extraResources).
 */
export function desktopPaths(root: string, packaged: boolean): DesktopPaths {
  return packaged
    ? { resourcesDir: root, hallMigrationsDir: join(root, 'migrations', 'central'), stationMigrationsDir: join(root, 'migrations', 'station') }
    : { resourcesDir: join(root, 'resources'), hallMigrationsDir: join(root, 'src', 'central', 'db', 'migrations'), stationMigrationsDir: join(root, 'src', 'station', 'db', 'migrations') };
}

/**
 * The station back end inside Electron's main process: the same code the web host runs. With no
 * HALL_URL, the embedded demo hall server starts first (data under the user-data folder).
 */
export async function startDesktopBackend(opts: {
  userDataDir: string;
  paths?: DesktopPaths;
  env?: Record<string, string | undefined>;
  argv?: string[];
  /** The OS keystore (Electron's safeStorage) that seals the database key; null: a 0600 key file. */
  keySealer?: KeySealer | null;
  /** Warnings for a person (the terminal that started the app); every log line goes to files under userData. */
  terminal?: NodeJS.WritableStream;
}): Promise<DesktopBackend> {
  const env = opts.env ?? process.env;
  const paths = opts.paths;
  const provisional = loadStationConfig({ env, argv: opts.argv ?? [], userDataDir: opts.userDataDir });
  const logs = openLauncherLogs({
    stationId: provisional.stationId,
    stationDataDir: provisional.dataDir,
    hallDataDir: env.HALL_URL ? null : join(opts.userDataDir, 'demo-hall'),
    level: env.LOG_LEVEL,
    ...(opts.terminal ? { terminal: opts.terminal } : {}),
  });
  try {
    const hall = await hallForStation({
      hallUrl: env.HALL_URL,
      dataDir: opts.userDataDir,
      logger: logs.hall ?? false,
      ...(paths ? { paths: { resourcesDir: paths.resourcesDir, migrationsDir: paths.hallMigrationsDir } } : {}),
    });
    const config = loadStationConfig({ env: { ...env, HALL_URL: hall.hallUrl, DEMO: env.DEMO ?? (hall.embedded ? '1' : undefined) }, argv: opts.argv ?? [], userDataDir: opts.userDataDir });
    if (!opts.keySealer) logs.station.warn('no OS keystore: the station key is kept in a 0600 file beside the database');
    let station: Station | null = null;
    try {
      station = createStation(config, { logger: logs.station, keySealer: opts.keySealer ?? null, ...(paths ? { migrationsFolder: paths.stationMigrationsDir } : {}) });
      await station.start();
    } catch (e) {
      await station?.stop().catch(() => undefined);
      await hall.close();
      throw e;
    }
    const running: Station = station;
    return {
      dispatch: (method, args) => running.dispatch(method, args),
      subscribe: (listener) => running.events.subscribe(listener),
      async close() {
        await running.stop();
        await hall.close();
        await logs.close();
      },
    };
  } catch (e) {
    await logs.close();
    throw e;
  }
}

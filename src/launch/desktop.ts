import { join } from 'node:path';
import { createStation } from '../station/api';
import { loadStationConfig } from '../station/config';
import type { StationAnswer, StationEvent } from '../contract/station-api';
import { hallForStation } from './embedded-hall';

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
}): Promise<DesktopBackend> {
  const env = opts.env ?? process.env;
  const paths = opts.paths;
  const hall = await hallForStation({
    hallUrl: env.HALL_URL,
    dataDir: opts.userDataDir,
    ...(paths ? { paths: { resourcesDir: paths.resourcesDir, migrationsDir: paths.hallMigrationsDir } } : {}),
  });
  const config = loadStationConfig({ env: { ...env, HALL_URL: hall.hallUrl, DEMO: env.DEMO ?? (hall.embedded ? '1' : undefined) }, argv: opts.argv ?? [], userDataDir: opts.userDataDir });
  const station = createStation(config, paths ? { migrationsFolder: paths.stationMigrationsDir } : {});
  await station.start();
  return {
    dispatch: (method, args) => station.dispatch(method, args),
    subscribe: (listener) => station.events.subscribe(listener),
    async close() {
      await station.stop();
      await hall.close();
    },
  };
}

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

/**
 * The station back end inside Electron's main process: the same code the web host runs. With no
 * HALL_URL, the embedded demo hall server starts first (data under the user-data folder).
 */
export async function startDesktopBackend(opts: { userDataDir: string; env?: Record<string, string | undefined>; argv?: string[] }): Promise<DesktopBackend> {
  const env = opts.env ?? process.env;
  const hall = await hallForStation({ hallUrl: env.HALL_URL, dataDir: opts.userDataDir });
  const config = loadStationConfig({ env: { ...env, HALL_URL: hall.hallUrl, DEMO: env.DEMO ?? (hall.embedded ? '1' : undefined) }, argv: opts.argv ?? [], userDataDir: opts.userDataDir });
  const station = createStation(config);
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

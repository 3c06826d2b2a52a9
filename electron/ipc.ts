import { stationMethods, type StationAnswer, type StationEvent } from '../src/contract/station-api';

/** Channel names shared with the preload script. */
export const STATION_CALL_CHANNEL = 'station:call';
export const STATION_EVENT_CHANNEL = 'station:event';

/** The part of ipcMain we use, so the handler table can be tested with a recording registrar. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type StationDispatch = (method: string, rawArgs: unknown) => Promise<StationAnswer<unknown>>;

/**
 * StationApi over Electron IPC: one channel, dispatched by the same function the web host uses, so
 * both transports parse arguments with the same zod schemas. Unknown methods are refused here too.
 */
export function registerStationIpc(registrar: IpcRegistrar, dispatch: StationDispatch): () => void {
  const known = new Set<string>(stationMethods);
  registrar.handle(STATION_CALL_CHANNEL, async (_event, method, args) => {
    if (typeof method !== 'string' || !known.has(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown station method: ${String(method)}` } };
    }
    return dispatch(method, args);
  });
  return () => registrar.removeHandler(STATION_CALL_CHANNEL);
}

/** Forward station events to the renderer; returns the unsubscribe function. */
export function forwardStationEvents(
  subscribe: (listener: (event: StationEvent) => void) => () => void,
  send: (channel: string, event: StationEvent) => void,
): () => void {
  return subscribe((event) => send(STATION_EVENT_CHANNEL, event));
}

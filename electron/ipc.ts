import { createHash, timingSafeEqual } from 'node:crypto';
import { stationMethods, type StationAnswer, type StationEvent } from '../src/contract/station-api';
import { isAllowedNavigation } from './window-options';

/** Channel names shared with the preload script. */
export const STATION_CALL_CHANNEL = 'station:call';
export const STATION_EVENT_CHANNEL = 'station:event';
/** Asked once by the preload, synchronously, before the page's own scripts run. */
export const STATION_KEY_CHANNEL = 'station:key';

/** What Electron tells about the frame that sent a message (WebFrameMain). Null once the frame is gone. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

export interface IpcCallEvent {
  readonly senderFrame: SenderFrame | null;
}

export interface IpcSyncEvent extends IpcCallEvent {
  returnValue: unknown;
}

/** The part of ipcMain we use, so the handler table can be tested with a recording registrar. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcSyncEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcSyncEvent, ...args: unknown[]) => void): unknown;
}

export type StationDispatch = (method: string, rawArgs: unknown) => Promise<StationAnswer<unknown>>;

export interface IpcGuard {
  /** Made at each start (main.ts); the preload of the app's own page asks for it once. */
  key: string;
  /** The page the window loads: file://…/out/renderer/index.html, or the dev server's origin. */
  appUrl: string;
}

/**
 * The app's own page, in the window's top frame. An iframe or a page the window was somehow
 * navigated to (navigation is denied, but a check costs nothing) is not the app.
 */
export function isAppFrame(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  return !!frame && frame.parent === null && isAllowedNavigation(frame.url, appUrl);
}

const refused = (code: string, message: string): StationAnswer<unknown> => ({ ok: false, error: { code, message } });

/**
 * StationApi over Electron IPC: one channel, dispatched by the same function the web host uses, so
 * both transports parse arguments with the same zod schemas. Every call is checked twice before it
 * reaches the station: it comes from the app's own page (the sender frame's URL), and it carries the
 * key of this start, which the preload got and keeps in its closure, out of reach of the page's
 * scripts. Unknown methods are refused here too.
 */
export function registerStationIpc(registrar: IpcRegistrar, dispatch: StationDispatch, guard: IpcGuard): () => void {
  const known = new Set<string>(stationMethods);
  const keyDigest = createHash('sha256').update(guard.key).digest();
  const keyMatches = (given: unknown) => typeof given === 'string' && timingSafeEqual(createHash('sha256').update(given).digest(), keyDigest);

  const giveKey = (event: IpcSyncEvent) => {
    event.returnValue = isAppFrame(event.senderFrame, guard.appUrl) ? guard.key : null;
  };
  registrar.on(STATION_KEY_CHANNEL, giveKey);
  registrar.handle(STATION_CALL_CHANNEL, async (event, key, method, args) => {
    if (!isAppFrame(event.senderFrame, guard.appUrl)) return refused('IPC_SENDER_FORBIDDEN', '只有工作台自己的页面可以调用工作站');
    if (!keyMatches(key)) return refused('STATION_KEY_REQUIRED', '工作站密钥不对：请关闭窗口重新打开工作台');
    if (typeof method !== 'string' || !known.has(method)) {
      return refused('UNKNOWN_METHOD', `unknown station method: ${String(method)}`);
    }
    return dispatch(method, args);
  });
  return () => {
    registrar.removeHandler(STATION_CALL_CHANNEL);
    registrar.removeListener(STATION_KEY_CHANNEL, giveKey);
  };
}

/** Forward station events to the renderer while it shows the app's page; returns the unsubscribe function. */
export function forwardStationEvents(
  subscribe: (listener: (event: StationEvent) => void) => () => void,
  send: (channel: string, event: StationEvent) => void,
  showsApp: () => boolean = () => true,
): () => void {
  return subscribe((event) => {
    if (showsApp()) send(STATION_EVENT_CHANNEL, event);
  });
}

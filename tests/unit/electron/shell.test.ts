import { describe, expect, it } from 'vitest';
import {
  forwardStationEvents,
  isAppFrame,
  registerStationIpc,
  STATION_CALL_CHANNEL,
  STATION_EVENT_CHANNEL,
  STATION_KEY_CHANNEL,
  type IpcCallEvent,
  type IpcRegistrar,
  type IpcSyncEvent,
  type SenderFrame,
} from '../../../electron/ipc';
import { keystoreSealer, type SafeStorageLike } from '../../../electron/key-sealer';
import { isAllowedNavigation, mainWindowOptions } from '../../../electron/window-options';
import type { StationEvent } from '../../../src/contract/station-api';

type CallListener = (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>;
type SyncListener = (event: IpcSyncEvent, ...args: unknown[]) => void;

/** Records what the shell registers, standing in for ipcMain (no Electron binary can run here). */
function recordingRegistrar() {
  const handlers = new Map<string, CallListener>();
  const listeners = new Map<string, SyncListener[]>();
  const registrar: IpcRegistrar = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
  };
  /** ipcRenderer.sendSync as Electron runs it: the listener sets event.returnValue. */
  const sendSync = (channel: string, frame: SenderFrame | null) => {
    const event: IpcSyncEvent = { senderFrame: frame, returnValue: undefined };
    for (const l of listeners.get(channel) ?? []) l(event);
    return event.returnValue;
  };
  const invoke = (frame: SenderFrame | null, ...args: unknown[]) => handlers.get(STATION_CALL_CHANNEL)!({ senderFrame: frame }, ...args);
  return { registrar, handlers, listeners, sendSync, invoke };
}

const APP_URL = 'file:///opt/hall/resources/app.asar/out/renderer/index.html';
const KEY = 'k'.repeat(43);
const appFrame: SenderFrame = { url: `${APP_URL}#/cases`, parent: null };
const okDispatch = async () => ({ ok: true as const, value: null });

describe('the Electron window', () => {
  it('keeps the renderer isolated, sandboxed and without Node', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('opens at the size of a common counter PC', () => {
    const o = mainWindowOptions('/p');
    expect([o.width, o.height]).toEqual([1366, 768]);
  });

  it('denies navigation away from the app page', () => {
    expect(isAllowedNavigation('http://localhost:5173/#/cases', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', 'http://localhost:5173/')).toBe(false);
    expect(isAllowedNavigation('file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isAllowedNavigation('not a url', 'file:///app/out/renderer/index.html')).toBe(false);
  });
});

describe('StationApi over IPC', () => {
  it('dispatches every call from the app page that carries the key through the one station dispatcher', async () => {
    const { registrar, invoke } = recordingRegistrar();
    const seen: Array<[string, unknown]> = [];
    registerStationIpc(
      registrar,
      async (method, args) => {
        seen.push([method, args]);
        return { ok: true, value: null };
      },
      { key: KEY, appUrl: APP_URL },
    );
    expect(await invoke(appFrame, KEY, 'queue.callNext', {})).toEqual({ ok: true, value: null });
    expect(seen).toEqual([['queue.callNext', {}]]);
  });

  it('hands the key only to the app page in the top frame', () => {
    const { registrar, sendSync } = recordingRegistrar();
    registerStationIpc(registrar, okDispatch, { key: KEY, appUrl: APP_URL });
    expect(sendSync(STATION_KEY_CHANNEL, appFrame)).toBe(KEY);
    // An iframe inside the app page, another file, a web page, a frame already gone.
    expect(sendSync(STATION_KEY_CHANNEL, { url: APP_URL, parent: appFrame })).toBeNull();
    expect(sendSync(STATION_KEY_CHANNEL, { url: 'file:///home/clerk/Downloads/evil.html', parent: null })).toBeNull();
    expect(sendSync(STATION_KEY_CHANNEL, { url: 'https://evil.example/', parent: null })).toBeNull();
    expect(sendSync(STATION_KEY_CHANNEL, null)).toBeNull();
  });

  it('refuses a call from any other frame, or without the key of this start, without calling the station', async () => {
    const { registrar, invoke } = recordingRegistrar();
    let called = 0;
    registerStationIpc(
      registrar,
      async () => {
        called++;
        return { ok: true, value: null };
      },
      { key: KEY, appUrl: APP_URL },
    );
    const cases: Array<[SenderFrame | null, unknown, string]> = [
      [{ url: 'https://evil.example/', parent: null }, KEY, 'IPC_SENDER_FORBIDDEN'],
      [{ url: APP_URL, parent: appFrame }, KEY, 'IPC_SENDER_FORBIDDEN'],
      [null, KEY, 'IPC_SENDER_FORBIDDEN'],
      [appFrame, null, 'STATION_KEY_REQUIRED'],
      [appFrame, 'k'.repeat(42) + 'x', 'STATION_KEY_REQUIRED'],
      [appFrame, 42, 'STATION_KEY_REQUIRED'],
    ];
    for (const [frame, key, code] of cases) {
      expect(await invoke(frame, key, 'cases.list', {}), `${frame?.url} ${String(key)}`).toMatchObject({ ok: false, error: { code } });
    }
    expect(called).toBe(0);
  });

  it('accepts the dev server origin as the app page while developing', async () => {
    const { registrar, invoke, sendSync } = recordingRegistrar();
    registerStationIpc(registrar, okDispatch, { key: KEY, appUrl: 'http://localhost:5173/' });
    expect(sendSync(STATION_KEY_CHANNEL, { url: 'http://localhost:5173/#/console', parent: null })).toBe(KEY);
    expect(await invoke({ url: 'http://localhost:5174/', parent: null }, KEY, 'cases.list', {})).toMatchObject({ error: { code: 'IPC_SENDER_FORBIDDEN' } });
    expect(isAppFrame({ url: 'http://localhost:5173/x', parent: null }, 'http://localhost:5173/')).toBe(true);
  });

  it('refuses a method that is not on the StationApi surface without calling the station', async () => {
    const { registrar, invoke } = recordingRegistrar();
    let called = false;
    registerStationIpc(
      registrar,
      async () => {
        called = true;
        return { ok: true, value: null };
      },
      { key: KEY, appUrl: APP_URL },
    );
    const answer = (await invoke(appFrame, KEY, 'fs.readFile', { path: '/etc/passwd' })) as { ok: boolean; error: { code: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('UNKNOWN_METHOD');
    expect(called).toBe(false);
  });

  it('removes its handler and its key listener when the window closes', () => {
    const { registrar, handlers, listeners } = recordingRegistrar();
    const unregister = registerStationIpc(registrar, okDispatch, { key: KEY, appUrl: APP_URL });
    unregister();
    expect(handlers.size).toBe(0);
    expect(listeners.get(STATION_KEY_CHANNEL)).toEqual([]);
  });

  it('forwards station events to the renderer on the event channel, only while it shows the app', () => {
    const listeners: Array<(e: StationEvent) => void> = [];
    const sent: Array<[string, StationEvent]> = [];
    let showsApp = true;
    const stop = forwardStationEvents(
      (l) => {
        listeners.push(l);
        return () => listeners.splice(listeners.indexOf(l), 1);
      },
      (channel, event) => sent.push([channel, event]),
      () => showsApp,
    );
    listeners[0]!({ type: 'queue', reason: 'ticket.called' });
    showsApp = false;
    listeners[0]!({ type: 'queue', reason: 'ticket.recalled' });
    expect(sent).toEqual([[STATION_EVENT_CHANNEL, { type: 'queue', reason: 'ticket.called' }]]);
    stop();
    expect(listeners).toHaveLength(0);
  });
});

describe('the database key in the OS keystore', () => {
  const storage = (over: Partial<SafeStorageLike> = {}): SafeStorageLike => ({
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.from(`sealed:${s}`),
    decryptString: (b) => b.toString().replace(/^sealed:/, ''),
    ...over,
  });

  it('seals with DPAPI on Windows and the Keychain on macOS', () => {
    expect(keystoreSealer(storage(), 'win32')?.name).toBe('Windows DPAPI');
    const mac = keystoreSealer(storage(), 'darwin')!;
    expect(mac.name).toBe('macOS Keychain');
    expect(mac.unseal(mac.seal('abc'))).toBe('abc');
  });

  it("does not pretend: no keystore, or Linux's built-in 'basic_text' fallback, means the 0600 key file", () => {
    expect(keystoreSealer(storage({ isEncryptionAvailable: () => false }), 'win32')).toBeNull();
    expect(keystoreSealer(storage({ getSelectedStorageBackend: () => 'basic_text' }), 'linux')).toBeNull();
    expect(keystoreSealer(storage({ getSelectedStorageBackend: () => 'gnome_libsecret' }), 'linux')?.name).toBe('Linux Secret Service (gnome_libsecret)');
  });
});

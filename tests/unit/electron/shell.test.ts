import { describe, expect, it } from 'vitest';
import { forwardStationEvents, registerStationIpc, STATION_CALL_CHANNEL, STATION_EVENT_CHANNEL, type IpcRegistrar } from '../../../electron/ipc';
import { isAllowedNavigation, mainWindowOptions } from '../../../electron/window-options';
import type { StationEvent } from '../../../src/contract/station-api';

/** Records what the shell registers, standing in for ipcMain (no Electron binary can run here). */
function recordingRegistrar() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const registrar: IpcRegistrar = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { registrar, handlers };
}

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
  it('dispatches every call through the one station dispatcher', async () => {
    const { registrar, handlers } = recordingRegistrar();
    const seen: Array<[string, unknown]> = [];
    registerStationIpc(registrar, async (method, args) => {
      seen.push([method, args]);
      return { ok: true, value: null };
    });
    const handler = handlers.get(STATION_CALL_CHANNEL)!;
    expect(await handler({}, 'queue.callNext', {})).toEqual({ ok: true, value: null });
    expect(seen).toEqual([['queue.callNext', {}]]);
  });

  it('refuses a method that is not on the StationApi surface without calling the station', async () => {
    const { registrar, handlers } = recordingRegistrar();
    let called = false;
    registerStationIpc(registrar, async () => {
      called = true;
      return { ok: true, value: null };
    });
    const answer = (await handlers.get(STATION_CALL_CHANNEL)!({}, 'fs.readFile', { path: '/etc/passwd' })) as { ok: boolean; error: { code: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('UNKNOWN_METHOD');
    expect(called).toBe(false);
  });

  it('removes its handler when the window closes', () => {
    const { registrar, handlers } = recordingRegistrar();
    const unregister = registerStationIpc(registrar, async () => ({ ok: true, value: null }));
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('forwards station events to the renderer on the event channel', () => {
    const listeners: Array<(e: StationEvent) => void> = [];
    const sent: Array<[string, StationEvent]> = [];
    const stop = forwardStationEvents(
      (l) => {
        listeners.push(l);
        return () => listeners.splice(listeners.indexOf(l), 1);
      },
      (channel, event) => sent.push([channel, event]),
    );
    listeners[0]!({ type: 'queue', reason: 'ticket.called' });
    expect(sent).toEqual([[STATION_EVENT_CHANNEL, { type: 'queue', reason: 'ticket.called' }]]);
    stop();
    expect(listeners).toHaveLength(0);
  });
});

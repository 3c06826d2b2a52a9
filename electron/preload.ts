import { contextBridge, ipcRenderer } from 'electron';

// Channel names repeated here on purpose: the sandboxed preload is bundled alone and must stay tiny.
const CALL = 'station:call';
const EVENT = 'station:event';
const KEY = 'station:key';

// The key of this start, asked once before the page's scripts run. It stays in this closure: the
// page (isolated by contextIsolation) can call the station through the bridge but never read the key.
// The main process answers only the app's own page in the window's top frame (null otherwise).
const key = ipcRenderer.sendSync(KEY) as string | null;

/** The only thing the renderer gets: StationApi calls and the station's event stream. */
contextBridge.exposeInMainWorld('stationApi', {
  call: (method: string, args: unknown) => ipcRenderer.invoke(CALL, key, method, args),
  subscribe: (listener: (event: unknown) => void) => {
    const handler = (_e: unknown, event: unknown) => listener(event);
    ipcRenderer.on(EVENT, handler);
    return () => ipcRenderer.removeListener(EVENT, handler);
  },
});

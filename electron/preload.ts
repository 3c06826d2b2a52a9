import { contextBridge, ipcRenderer } from 'electron';

// Channel names repeated here on purpose: the sandboxed preload is bundled alone and must stay tiny.
const CALL = 'station:call';
const EVENT = 'station:event';

/** The only thing the renderer gets: StationApi calls and the station's event stream. */
contextBridge.exposeInMainWorld('stationApi', {
  call: (method: string, args: unknown) => ipcRenderer.invoke(CALL, method, args),
  subscribe: (listener: (event: unknown) => void) => {
    const handler = (_e: unknown, event: unknown) => listener(event);
    ipcRenderer.on(EVENT, handler);
    return () => ipcRenderer.removeListener(EVENT, handler);
  },
});

import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { desktopPaths, startDesktopBackend, type DesktopBackend } from '../src/launch/desktop';
import { forwardStationEvents, registerStationIpc } from './ipc';
import { isAllowedNavigation, mainWindowOptions } from './window-options';

// The shell only wires things up: the station back end is the same code the web host runs.
let backend: DesktopBackend | null = null;

async function createWindow(): Promise<void> {
  backend = await startDesktopBackend({
    userDataDir: app.getPath('userData'),
    paths: desktopPaths(app.isPackaged ? process.resourcesPath : app.getAppPath(), app.isPackaged),
  });
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  const unregister = registerStationIpc(ipcMain, backend.dispatch);
  const unforward = forwardStationEvents(backend.subscribe, (channel, event) => {
    if (!win.isDestroyed()) win.webContents.send(channel, event);
  });

  const appUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`;
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the outside (a regulation, the case look-up page) open in the system browser, never in the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.on('ready-to-show', () => win.show());
  win.on('closed', () => {
    unforward();
    unregister();
  });

  if (process.env.ELECTRON_RENDERER_URL) await win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else await win.loadFile(join(__dirname, '../renderer/index.html'));
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  // No permission (camera, geolocation, notifications…) is ever granted to the renderer.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  await createWindow();
});

app.on('window-all-closed', () => {
  void backend?.close().finally(() => app.quit());
});

import { app, BrowserWindow, dialog, ipcMain, safeStorage, screen, session, shell } from 'electron';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { desktopPaths, startDesktopBackend, type DesktopBackend } from '../src/launch/desktop';
import { forwardStationEvents, registerStationIpc } from './ipc';
import { keystoreSealer } from './key-sealer';
import { choosePadDisplay } from '../src/station/pad-display';
import { isAllowedNavigation, mainWindowOptions, padWindowOptions } from './window-options';

// The shell only wires things up: the station back end is the same code the web host runs.
let backend: DesktopBackend | null = null;

async function createWindow(): Promise<void> {
  backend = await startDesktopBackend({
    userDataDir: app.getPath('userData'),
    paths: desktopPaths(app.isPackaged ? process.resourcesPath : app.getAppPath(), app.isPackaged),
    // The database key goes sealed into the OS keystore (null where there is none: a 0600 key file).
    keySealer: keystoreSealer(safeStorage),
  });
  const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  // A key made at each start: only the app's own page gets it (through the preload), and every call must carry it.
  const unregister = registerStationIpc(ipcMain, backend.dispatch, { key: randomBytes(32).toString('base64url'), appUrl });
  const unforward = forwardStationEvents(
    backend.subscribe,
    (channel, event) => {
      if (!win.isDestroyed()) win.webContents.send(channel, event);
    },
    () => !win.isDestroyed() && isAllowedNavigation(win.webContents.getURL(), appUrl),
  );

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
  const pad = openPadWindow(backend, appUrl);
  // The pad belongs to the console: closing the console closes it (and so quits the app).
  win.on('closed', () => {
    if (pad && !pad.isDestroyed()) pad.close();
  });
}

/** The evaluation pad on the second display (STATION_PAD_DISPLAY: a display id or 2, 3, …), if the PC has one. */
function openPadWindow(station: DesktopBackend, appUrl: string): BrowserWindow | null {
  const display = choosePadDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id, process.env.STATION_PAD_DISPLAY);
  if (!display) return null;
  const pad = new BrowserWindow(padWindowOptions(join(__dirname, '../preload/index.cjs'), display.bounds));
  const unforward = forwardStationEvents(
    station.subscribe,
    (channel, event) => {
      if (!pad.isDestroyed()) pad.webContents.send(channel, event);
    },
    () => !pad.isDestroyed() && isAllowedNavigation(pad.webContents.getURL(), appUrl),
  );
  pad.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  pad.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  pad.on('ready-to-show', () => pad.show());
  pad.on('closed', unforward);
  if (process.env.ELECTRON_RENDERER_URL) void pad.loadURL(`${process.env.ELECTRON_RENDERER_URL}#/pad`);
  else void pad.loadFile(join(__dirname, '../renderer/index.html'), { hash: '/pad' });
  return pad;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  // No permission (camera, geolocation, notifications…) is ever granted to the renderer.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  try {
    await createWindow();
  } catch (e) {
    // The station could not start (its SQLite build, its key): say why, in a box for whoever started it
    // from a shortcut and in one line for a terminal, and quit, not a stack.
    const why = e instanceof Error ? e.message : String(e);
    console.error(`工作站无法启动 · station failed to start: ${why}`);
    dialog.showErrorBox('工作站无法启动', why);
    app.exit(1);
  }
});

app.on('window-all-closed', () => {
  void backend?.close().finally(() => app.quit());
});

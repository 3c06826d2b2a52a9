import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one window of the clerk app. Security guards per ARCHITECTURE.md: the renderer gets no Node,
 * runs sandboxed and isolated, and reaches the station only through the preload's StationApi bridge.
 * 1366×768 is the common counter PC; the app must fit it without horizontal scrolling.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    show: false,
    autoHideMenuBar: true,
    title: '政务服务大厅 · 窗口工作台',
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  };
}

/**
 * The evaluation pad's window: frameless and full screen on the pad's own display (800×480 or
 * 1024×600), with the same guards as the clerk's window; it shows the `#/pad` page only.
 */
export function padWindowOptions(preloadPath: string, bounds: { x: number; y: number; width: number; height: number }): BrowserWindowConstructorOptions {
  const main = mainWindowOptions(preloadPath);
  return {
    ...main,
    ...bounds,
    minWidth: undefined,
    minHeight: undefined,
    frame: false,
    fullscreen: true,
    title: '服务评价',
  };
}

/** Navigation is denied except to the app's own page: no remote content ever loads in the window. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Opens a URL in the system's browser where the PC has a way to: `start` on Windows, `open` on
 * macOS, `xdg-open` on Linux desktops. A server or a container has none: then the caller has
 * printed the URL already, and that is all.
 */
export interface BrowserOpener {
  command: string;
  args: (url: string) => string[];
}

export function browserOpener(platform: NodeJS.Platform = process.platform, path: string = process.env.PATH ?? ''): BrowserOpener | null {
  if (platform === 'win32') return { command: 'cmd', args: (url) => ['/c', 'start', '""', url.replaceAll('&', '^&')] };
  const command = platform === 'darwin' ? 'open' : 'xdg-open';
  const found = path.split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
  return found ? { command, args: (url) => [url] } : null;
}

/** True when an opener was started (it may still fail to find a browser, which it reports itself). */
export function openInBrowser(url: string, opener: BrowserOpener | null = browserOpener()): boolean {
  if (!opener) return false;
  try {
    const child = spawn(opener.command, opener.args(url), { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

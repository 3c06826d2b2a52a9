// `npm start`: the desktop app. What it needs beyond `npm ci` is fetched on first use: Electron's
// binary (Electron 45 downloads it when first asked, not at install) and the SQLite driver built for
// Electron's ABI (npm run electron-binding). Where either cannot be had (no network, a locked-down
// counter PC, this CI machine), the station starts in browser mode by itself, with one line saying
// why, and opens the printed address in the system's browser where there is one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { main as browserMode } from '../src/launch/browser-mode';
import { ensureBuilt, repositoryRoot, UiBuildError } from '../src/launch/ui-build';
import { driverPackage, electronBindingPath } from '../src/station/db/native-binding';
import { electronInfo } from './electron-binding';

const require = createRequire(import.meta.url);
const say = (line: string) => console.log(line);

/** The first line worth reading in a tool's output (an error's message, not its stack or a blank). */
function firstReason(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s/.test(l) && !/^\(node:\d+\)|^\(Use `node/.test(l));
  const network = lines.find((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|certificate|proxy/i.test(l));
  const error = lines.find((l) => /error|EACCES|failed|could not|无法/i.test(l));
  return (network ?? error ?? lines.at(-1) ?? 'no output').slice(0, 200);
}

/** Electron 45's installer tools ask for Node 22.12+; on older Node they may fail where a newer one would not. */
function nodeHint(version = process.versions.node): string {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12) ? '' : `; Electron 45's installer asks for Node 22.12+, this is Node ${version}`;
}

/** Electron's binary, downloaded now if missing (its installer's chatter kept out of the terminal). */
function electronBinary(): { binary: string } | { why: string } {
  const present = electronInfo().binary;
  if (present) return { binary: present };
  const install = join(dirname(require.resolve('electron/package.json')), 'install.js');
  const r = spawnSync(process.execPath, [install], { encoding: 'utf8', timeout: 180_000 });
  const after = electronInfo().binary;
  if (after) return { binary: after };
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
  const from = process.env.ELECTRON_MIRROR ?? 'github.com';
  return { why: `Electron 程序未能下载 · Electron's binary could not be fetched from ${from} (${firstReason(output)}${nodeHint()})` };
}

/** The SQLite driver for Electron, made once by the electron-binding script in a child (its compiler output kept). */
function electronSqlite(electronVersion: string): { ok: true } | { why: string } {
  if (existsSync(electronBindingPath(driverPackage(), electronVersion, process.platform, process.arch))) return { ok: true };
  say('正在为桌面版准备 SQLite 模块（只需一次）· preparing the SQLite driver for Electron (once)…');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'scripts', 'electron-binding.ts')], { cwd: repositoryRoot, encoding: 'utf8', timeout: 900_000 });
  if (r.status === 0) return { ok: true };
  const lines = `${r.stderr ?? ''}`.split('\n').filter((l) => l.startsWith('无法') || l.startsWith('SQLite'));
  return { why: lines[0] ?? `SQLite 模块未能准备 · the SQLite driver for Electron could not be made (${firstReason(`${r.stdout}${r.stderr}`)})` };
}

async function fallBackToBrowser(why: string): Promise<void> {
  say(`桌面版无法启动，改用浏览器模式 · desktop app unavailable here, starting browser mode instead: ${why}`);
  await browserMode({ openBrowser: true });
}

async function start(): Promise<void> {
  const electron = electronBinary();
  if ('why' in electron) return fallBackToBrowser(electron.why);
  const sqlite = electronSqlite(electronInfo().version);
  if ('why' in sqlite) return fallBackToBrowser(sqlite.why);
  try {
    await ensureBuilt('desktop', say);
  } catch (e) {
    if (e instanceof UiBuildError) console.error(e.output.trim().split('\n').slice(-30).join('\n'));
    throw e;
  }
  const child = spawn(electron.binary, ['.'], { stdio: 'inherit', cwd: repositoryRoot, env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
}

start().catch((e: unknown) => {
  console.error(`无法启动 · could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

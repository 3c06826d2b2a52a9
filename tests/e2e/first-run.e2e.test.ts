/**
 * The first run, as a new user has it: a fresh clone of this commit (node_modules linked in place of
 * `npm ci`, which this machine cannot run per test), then `npm run web` straight away. It must build
 * the UI by itself, print the address with the station's key, the demo accounts and where the logs
 * are, and nothing else; the address must show the sign-in screen in Chromium, and a clerk must get to
 * the window console. Then `npm start` where Electron's binary cannot be fetched: browser mode by
 * itself, one line saying why.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronInfo } from '../../scripts/electron-binding';
import { CHROMIUM, chromiumMissing, PASSWORD, SCREENSHOTS, signIn } from './hall';

const repo = resolve(import.meta.dirname, '../..');
const gitMissing = (() => {
  try {
    execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
})();

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the printed address to open (it carries the key). */
  url: Promise<string>;
}

/** `npm run <script>` in the clone, in its own process group so the test can stop all of it. */
function npmRun(cwd: string, script: string, env: Record<string, string>): Run {
  const child = spawn('npm', ['run', script], { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const url = new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no address printed within 240 s:\n${text}`)), 240_000);
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      const m = /https?:\/\/127\.0\.0\.1:\d+\/\?key=[A-Za-z0-9_-]+/.exec(text);
      if (m) {
        clearTimeout(timer);
        done(m[0]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`npm run ${script} exited (${code}) before printing an address:\n${text}`));
    });
  });
  url.catch(() => undefined);
  return { child, output: () => text, url };
}

async function stop(run: Run | null): Promise<void> {
  if (!run || run.child.exitCode !== null || !run.child.pid) return;
  const exited = new Promise((done) => run.child.once('exit', done));
  process.kill(-run.child.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
  if (run.child.exitCode === null) process.kill(-run.child.pid, 'SIGKILL');
}

describe.skipIf(chromiumMissing || gitMissing)('the first run of a fresh clone', () => {
  let clone = '';
  let browser: Browser;
  let web: Run | null = null;
  let start: Run | null = null;

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'hall-first-run-'));
    clone = join(parent, 'hall-clerk');
    const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-checkout', repo, clone]);
    execFileSync('git', ['-C', clone, 'checkout', '--quiet', '--detach', head]);
    symlinkSync(realpathSync(join(repo, 'node_modules')), join(clone, 'node_modules'), 'junction');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=zh-CN'] });
  }, 60_000);

  afterAll(async () => {
    await stop(web);
    await stop(start);
    await browser?.close().catch(() => undefined);
    if (clone) rmSync(resolve(clone, '..'), { recursive: true, force: true });
  }, 60_000);

  it('npm run web builds the UI, prints the address, the accounts and the log files, and nothing of the requests', async () => {
    expect(existsSync(join(clone, 'out'))).toBe(false);
    const port = await freePort();
    web = npmRun(clone, 'web', { STATION_PORT: String(port), WINDOW_CODE: 'A1', LOG_LEVEL: 'info' });
    const url = await web.url;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?key=`));
    expect(existsSync(join(clone, 'out', 'renderer', 'index.html'))).toBe(true);

    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await page.goto(url);
    // The key left the address bar for a cookie.
    expect(page.url()).toBe(`http://127.0.0.1:${port}/`);
    await page.getByTestId('signin-username').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-signin.png') });
    await signIn(page, 'clerk-A1', 'A1');
    await page.getByTestId('cmd-call').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-console.png') });

    // The terminal: what a person needs, no request lines (they went to the log files).
    await page.reload();
    await page.getByTestId('header-identity').waitFor();
    const terminal = web.output();
    expect(terminal).toContain('首次运行');
    expect(terminal).toContain('clerk-A1');
    expect(terminal).toContain(PASSWORD);
    expect(terminal).toContain('logs');
    const lines = terminal.split('\n').filter((l) => l.trim());
    expect(lines.filter((l) => l.trim().startsWith('{'))).toEqual([]);
    expect(lines.length).toBeLessThan(20);

    const stationId = /station (A1-[\w-]+)/.exec(terminal)![1]!;
    const logs = { station: join(clone, '.station-data', stationId, 'logs', 'station.log'), hall: join(clone, '.station-data', 'demo-hall', 'logs', 'hall.log') };
    expect(existsSync(logs.hall)).toBe(true);
    expect(readFileSync(logs.hall, 'utf8')).toMatch(/request completed/);
    for (const f of Object.values(logs)) {
      expect(existsSync(f), f).toBe(true);
      expect(statSync(f).mode & 0o777, f).toBe(0o600);
    }
  }, 300_000);

  it.skipIf(electronInfo().binary)('npm start where Electron cannot be fetched starts browser mode by itself, saying why in one line', async () => {
    await stop(web);
    web = null;
    const port = await freePort();
    // A mirror nobody answers on: the download fails here whatever the network, as on a locked-down PC.
    start = npmRun(clone, 'start', { STATION_PORT: String(port), WINDOW_CODE: 'A1', ELECTRON_MIRROR: 'http://127.0.0.1:9/' });
    const url = await start.url;
    const before = start.output().slice(0, start.output().indexOf(url));
    const why = before.split('\n').filter((l) => l.includes('浏览器模式'));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/Electron/);
    expect(before).not.toMatch(/^\s+at /m);
    expect(before).not.toContain('install-electron');
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
    await page.goto(url);
    await page.getByTestId('signin-username').waitFor({ timeout: 60_000 });
  }, 300_000);
});

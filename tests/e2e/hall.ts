/**
 * A whole hall on loopback for the end-to-end suite: the hall server (PGlite in a temp folder, behind
 * a proxy so it can be stopped and started again under the same HALL_URL), one station web host per
 * counter PC (each with its own SQLite folder), a reception desk, a supervisor's PC, the ID-card reader
 * simulator, and a test printer on a real TCP port for window A1. Chromium drives the built UI
 * (out/renderer) at 1366×768, as a clerk's browser would.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureBuilt } from '../../src/launch/ui-build';
import { startStationWebHost, type RunningWebHost } from '../../src/station/web-host';
import { TestPrinter } from '../../src/station/devices/printer/test-printer';
import { HallProxy, RestartableHall, silentLog, stationConfig, tempDir } from '../integration/station/harness';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
export const SCREENSHOTS = resolve('tests/e2e/screenshots');
export const UI_DIR = resolve('out/renderer');
export const PASSWORD = 'hall-demo-2026';

/** The suite drives the built UI: built as `npm run web` builds it, when missing or older than its sources. */
export async function ensureUiBuilt(): Promise<void> {
  await ensureBuilt('web', (line) => console.log(line));
}

export interface Pc {
  name: string;
  host: RunningWebHost;
  page: Page;
  stationId: string;
}

export class E2eHall {
  hall!: RestartableHall;
  proxy!: HallProxy;
  printer!: TestPrinter;
  browser!: Browser;
  readonly pcs = new Map<string, Pc>();
  /** What Chromium refused under the web host's Content-Security-Policy, on any screen: must stay empty. */
  readonly cspViolations: string[] = [];
  private readonly dirs: Array<{ remove: () => void }> = [];

  async start(): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    this.hall = await RestartableHall.create('pglite');
    this.proxy = new HallProxy(() => this.hall.url);
    await this.proxy.listen();
    this.printer = await TestPrinter.start();
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=zh-CN'],
    });
  }

  /** A station web host and a browser tab on it. `window` null: a PC without a window (supervisor). */
  async pc(name: string, window: string | null, devices: { printer?: string; reader?: string } = {}): Promise<Pc> {
    const dir = tempDir(`e2e-${name}-`);
    this.dirs.push(dir);
    const stationId = `e2e-${name}`;
    const config = stationConfig({
      HALL_URL: this.proxy.url,
      STATION_ID: stationId,
      STATION_DATA_DIR: dir.path,
      PRINTER: devices.printer ?? 'simulated',
      READER: devices.reader ?? 'simulated',
      SYNC_INTERVAL_MS: '1000',
      ...(window ? { WINDOW_CODE: window } : {}),
    });
    const host = await startStationWebHost({ config, port: 0, uiDir: UI_DIR, heartbeatMs: 2000, stationOptions: { logger: silentLog, backoff: { baseMs: 100, maxMs: 500 } } });
    const context = await this.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
      if (m.text().startsWith('CSP violation')) this.cspViolations.push(`${name}: ${m.text()}`);
    });
    // Where a refused style or script came from, for the CSP check's message.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} sample=${JSON.stringify(e.sample)}`),
      );
    });
    // As the clerk does: open the URL the station printed (its key), which lands on / with a cookie.
    await page.goto(host.openUrl);
    const pc = { name, host, page, stationId };
    this.pcs.set(name, pc);
    return pc;
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    for (const pc of this.pcs.values()) await pc.host.close().catch(() => undefined);
    await this.printer?.stop().catch(() => undefined);
    await this.proxy?.close().catch(() => undefined);
    await this.hall?.close().catch(() => undefined);
    for (const d of this.dirs) d.remove();
  }
}

/** Polls until `check` returns a value (not undefined/false), or fails with `what`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
}

/**
 * Saves what the screen shows, after checking the page fits 1366 px: counter PCs have no room for a
 * sideways scroll, and a cut-off button is a button nobody presses.
 */
export async function shot(page: Page, name: string): Promise<void> {
  // Let fonts settle and timers tick once, so the picture shows what a person would see.
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const widths = await page.evaluate(() => ({ content: document.body.scrollWidth, view: window.innerWidth }));
  if (widths.content > widths.view) throw new Error(`${name}: the page is ${widths.content} px wide in a ${widths.view} px window`);
}

/** Signs in through the form, as a clerk does every morning. */
export async function signIn(page: Page, username: string, windowCode: string | null): Promise<void> {
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(PASSWORD);
  await page.getByTestId('signin-window').click();
  await page.keyboard.type(windowCode ?? '不选窗口');
  await page.keyboard.press('Enter');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('header-identity').waitFor({ timeout: 15_000 });
}

/** Keys go to the page, not to a field (the console ignores F1–F6 while typing). */
export async function pressKey(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Synthetic GB 11643 numbers with valid check characters (Taishan district). */
export function idNumber(birth: string, seq: string): string {
  const body = `370902${birth}${seq}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

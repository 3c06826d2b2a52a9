import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { driverPackage, electronBindingPath } from '../../src/station/db/native-binding';
import { FOOD_ALL, FOOD_PERMIT } from '../unit/station/offline-station';
import { idNumber, SCREENSHOTS, signIn } from './hall';

/**
 * The desktop app itself, where an Electron binary exists. Electron downloads its binary on first
 * use; on machines that cannot (this CI machine among them) the suite is skipped with a message, and
 * the same UI and back end are covered through the web host (hall.e2e.test.ts). Looked up without
 * require('electron'), which would try the download.
 *
 * It takes a case in and opens it, not only a window: the station back end runs in Electron's main
 * process and opens its sealed SQLite file there, with the driver built for Electron's ABI. A wrong
 * build (the system Node's) fails this suite at the first write, which a window alone would not show.
 */
const electronDir = join(import.meta.dirname, '../../node_modules/electron');
function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
const binary = electronBinary();
const built = existsSync(join(import.meta.dirname, '../../out/main/index.js'));

if (!binary) console.warn('electron e2e skipped: no Electron binary in node_modules/electron (it could not be downloaded here); browser-mode e2e covers the UI');

describe.skipIf(!binary || !built)('the desktop app in an Electron window', () => {
  const userData = mkdtempSync(join(tmpdir(), 'hall-electron-'));
  let app: ElectronApplication | null = null;
  afterAll(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('opens the sign-in screen with the demo hall windows, isolated from Node', async () => {
    // Made once, as `npm start` makes it: the station's SQLite driver for this Electron.
    const version = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
    expect(existsSync(electronBindingPath(driverPackage(), version, process.platform, process.arch)), 'run `npm run electron-binding` first').toBe(true);
    app = await _electron.launch({
      executablePath: binary!,
      args: ['.', `--user-data-dir=${userData}`],
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, PRINTER: 'simulated', READER: 'simulated', LOG_LEVEL: 'warn' } as Record<string, string>,
    });
    const page = await app.firstWindow();
    await page.getByTestId('signin-username').waitFor({ timeout: 60_000 });
    // The renderer reaches the station through the preload bridge only, and never holds its key.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as unknown as { stationApi?: { call?: unknown } }).stationApi?.call)).toBe('function');
    expect(await page.evaluate(() => Object.keys((window as unknown as { stationApi: object }).stationApi).sort())).toEqual(['call', 'subscribe']);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'electron-signin.png') });
  });

  it('takes a case in and opens it: the sealed SQLite file works in the main process', async () => {
    const page = await app!.firstWindow();
    await signIn(page, 'clerk-A3', 'A3');
    const applicant = { name: '韩梅梅', idType: '111', idNumber: idNumber('19800101', '123'), phone: '13800000000', address: '泰山区测试路1号' };
    const answer = (await page.evaluate(
      (args) => (window as unknown as { stationApi: { call(m: string, a: unknown): Promise<unknown> } }).stationApi.call('intake.submit', args),
      { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant },
    )) as { ok: boolean; value?: { case: { caseNo: string } }; error?: { code: string; message: string } };
    expect(answer.error).toBeUndefined();
    const caseNo = answer.value!.case.caseNo;
    await page.evaluate(() => (window.location.hash = '#/cases'));
    const row = page.locator('[data-testid="cases-table"] .ant-table-row').filter({ hasText: caseNo });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.getByTestId('case-detail').waitFor();
    expect(await page.getByTestId('case-detail').textContent()).toContain(applicant.idNumber);
    await page.screenshot({ path: join(SCREENSHOTS, 'electron-case.png') });
    // Sealed on disk: the data folder holds the database, and not the ID number in clear.
    const db = join(userData, 'station');
    const files = readdirSync(db).filter((f) => f.startsWith('station.sqlite'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(join(db, f)).includes(Buffer.from(applicant.idNumber)), f).toBe(false);
  });
});

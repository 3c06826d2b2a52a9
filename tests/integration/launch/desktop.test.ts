import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { desktopPaths, startDesktopBackend, type DesktopBackend } from '../../../src/launch/desktop';

const repo = join(import.meta.dirname, '../../..');

/** Lays out a folder as electron-builder.yml's extraResources put it under process.resourcesPath. */
function packagedResources(root: string): string {
  cpSync(join(repo, 'resources/catalog'), join(root, 'catalog'), { recursive: true });
  cpSync(join(repo, 'resources/calendar'), join(root, 'calendar'), { recursive: true });
  cpSync(join(repo, 'src/central/db/migrations'), join(root, 'migrations/central'), { recursive: true });
  cpSync(join(repo, 'src/station/db/migrations'), join(root, 'migrations/station'), { recursive: true });
  return root;
}

// What `npm start` runs inside Electron's main process, minus the window (no Electron binary here).
describe('the desktop back end with no hall server configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-desktop-'));
  let backend: DesktopBackend | null = null;
  afterAll(async () => {
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the data files beside the source in development', () => {
    const paths = desktopPaths(repo, false);
    expect(paths.resourcesDir).toBe(join(repo, 'resources'));
    expect(paths.stationMigrationsDir).toBe(join(repo, 'src/station/db/migrations'));
  });

  it('starts the embedded demo hall from a packaged app layout so a clerk can sign in at once', async () => {
    const resources = packagedResources(join(dir, 'resources'));
    backend = await startDesktopBackend({ userDataDir: join(dir, 'user-data'), paths: desktopPaths(resources, true), env: { PRINTER: 'simulated', READER: 'simulated', LOG_LEVEL: 'warn' } });
    const windows = await backend.dispatch('session.windows', {});
    expect(windows.ok).toBe(true);
    const codes = (windows as { ok: true; value: Array<{ code: string }> }).value.map((w) => w.code);
    expect(codes).toContain('A3');

    const signedIn = await backend.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' });
    expect(signedIn).toMatchObject({ ok: true, value: { staff: { username: 'clerk-A3' }, window: { code: 'A3' }, offline: false } });
  });

  it('answers a call outside the StationApi surface with a code, not a crash', async () => {
    const answer = await backend!.dispatch('queue.dropAllTickets', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});

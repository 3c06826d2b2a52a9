import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDesktopBackend, type DesktopBackend } from '../../../src/launch/desktop';

// What `npm start` runs inside Electron's main process, minus the window (no Electron binary here).
describe('the desktop back end with no hall server configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-desktop-'));
  let backend: DesktopBackend | null = null;
  afterAll(async () => {
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the embedded demo hall so a clerk can sign in at once', async () => {
    backend = await startDesktopBackend({ userDataDir: dir, env: { PRINTER: 'simulated', READER: 'simulated' } });
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

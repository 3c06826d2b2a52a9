import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './harness';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const main = join(root, 'src', 'central', 'main.ts');

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [main, ...args], { env: { ...process.env, ...env, DATABASE_URL: '' }, cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [main], { env: { ...process.env, ...env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'info' }, cwd: root });
    let out = '';
    const onData = (d: Buffer) => {
      out += String(d);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the hall server exited (${code}) before listening:\n${out}`)));
  });
}

const login = (url: string, username: string, password: string) =>
  fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('npm run central', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on PGlite in DATA_DIR, keeps the data, and set-password changes one account', async () => {
    const first = await serve({ DATA_DIR: dataDir, HALL_DEMO: '1' });
    try {
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
      expect((await login(first.url, 'clerk-A1', DEMO_PASSWORD)).status).toBe(200);
      // Masked structured logs, one JSON object per line.
      const line = first.output().split('\n').find((l) => l.includes('listening on'))!;
      expect(JSON.parse(line)).toMatchObject({ service: 'hall-server', database: 'pglite' });
    } finally {
      first.child.kill('SIGTERM');
      await new Promise((r) => first.child.once('exit', r));
    }

    for (const weak of ['short', 'abcdefghijkl', 'Password123!']) {
      const refused = await run(['set-password', 'clerk-A1', `--password=${weak}`], { DATA_DIR: dataDir, HALL_DEMO: '1' });
      expect(refused.code, weak).toBe(2);
    }
    const unknown = await run(['set-password', 'nobody', '--password=Long-enough-1'], { DATA_DIR: dataDir, HALL_DEMO: '1' });
    expect(unknown.code).toBe(1);
    const changed = await run(['set-password', 'clerk-A1', '--password=Window-a1-2026'], { DATA_DIR: dataDir, HALL_DEMO: '1' });
    expect(changed.code, changed.out).toBe(0);

    const second = await serve({ DATA_DIR: dataDir, HALL_DEMO: '1' });
    try {
      expect((await login(second.url, 'clerk-A1', DEMO_PASSWORD)).status).toBe(401);
      expect((await login(second.url, 'clerk-A1', 'Window-a1-2026')).status).toBe(200);
      expect((await login(second.url, 'clerk-A2', DEMO_PASSWORD)).status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      const code = await new Promise((r) => second.child.once('exit', r));
      expect(code).toBe(0);
    }
  }, 120_000);

  it('outside demo mode has no demo accounts: one admin, its password printed once, changed at the first sign-in', async () => {
    const realDir = mkdtempSync(join(tmpdir(), 'hall-cli-real-'));
    const refused = await run([], { DATA_DIR: realDir, HALL_DEMO: '', HALL_DATA_KEY: '' });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('HALL_DATA_KEY');
    const key = (await run(['make-key'], {})).out.trim();
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    const hall = await serve({ DATA_DIR: realDir, HALL_DEMO: '', HALL_DATA_KEY: key });
    try {
      const printed = /one-time password (\S+)/.exec(hall.output());
      expect(printed, hall.output()).not.toBeNull();
      expect((await login(hall.url, 'clerk-A1', DEMO_PASSWORD)).status).toBe(401);
      expect((await login(hall.url, 'admin', DEMO_PASSWORD)).status).toBe(401);
      const first = await login(hall.url, 'admin', printed![1]!);
      expect(first.status).toBe(200);
      const { token, staff } = (await first.json()) as { token: string; staff: { mustChangePassword: boolean } };
      expect(staff.mustChangePassword).toBe(true);
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const blocked = await fetch(`${hall.url}/api/v1/staff`, { headers: auth });
      expect([blocked.status, ((await blocked.json()) as { error: { code: string } }).error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
      const changed = await fetch(`${hall.url}/api/v1/auth/password`, { method: 'POST', headers: auth, body: JSON.stringify({ currentPassword: printed![1], newPassword: 'Hall-chief-2027' }) });
      expect(changed.status).toBe(204);
      expect((await fetch(`${hall.url}/api/v1/staff`, { headers: auth })).status).toBe(200);
    } finally {
      hall.child.kill('SIGTERM');
      await new Promise((r) => hall.child.once('exit', r));
      rmSync(realDir, { recursive: true, force: true });
    }
  }, 120_000);
});

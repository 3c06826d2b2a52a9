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
    const first = await serve({ DATA_DIR: dataDir });
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

    const short = await run(['set-password', 'clerk-A1', '--password=short'], { DATA_DIR: dataDir });
    expect(short.code).toBe(2);
    const unknown = await run(['set-password', 'nobody', '--password=long-enough-1'], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    const changed = await run(['set-password', 'clerk-A1', '--password=window-a1-2026'], { DATA_DIR: dataDir });
    expect(changed.code, changed.out).toBe(0);

    const second = await serve({ DATA_DIR: dataDir });
    try {
      expect((await login(second.url, 'clerk-A1', DEMO_PASSWORD)).status).toBe(401);
      expect((await login(second.url, 'clerk-A1', 'window-a1-2026')).status).toBe(200);
      expect((await login(second.url, 'clerk-A2', DEMO_PASSWORD)).status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      const code = await new Promise((r) => second.child.once('exit', r));
      expect(code).toBe(0);
    }
  }, 120_000);
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ElectronBindingError, ensureElectronBinding, type Rebuild } from '../../../scripts/electron-binding';
import { electronBindingPath } from '../../../src/station/db/native-binding';

/**
 * `npm run electron-binding` without the network it needs (no Electron headers or prebuilt binaries
 * can be downloaded here): the rebuild is replaced by one that writes what a build for a given ABI
 * would leave, so what the script keeps, refuses and says is checked.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeDriver(): { dir: string; version: string } {
  const root = mkdtempSync(join(tmpdir(), 'binding-test-'));
  dirs.push(root);
  const dir = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
  mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'better-sqlite3-multiple-ciphers', version: '12.11.1' }));
  writeFileSync(join(dir, 'build', 'Release', 'better_sqlite3.node'), 'the Node build: node_register_module_v115');
  return { dir, version: '12.11.1' };
}

const electron = { version: '45.5.0', abi: '150', binary: null };

/** A rebuild that leaves a build for `abi` in the scratch copy, and records what it was asked. */
function buildsFor(abi: string, seen: Array<{ nodedir: string | undefined; buildPath: string }> = []): Rebuild {
  return async (opts) => {
    seen.push({ nodedir: process.env.npm_config_nodedir, buildPath: opts.buildPath });
    expect(opts).toMatchObject({ electronVersion: '45.5.0', onlyModules: ['better-sqlite3-multiple-ciphers'], force: true });
    const out = join(opts.buildPath, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'better_sqlite3.node'), `a build: node_register_module_v${abi}`);
  };
}

describe('npm run electron-binding', () => {
  it('keeps a build for Electron’s ABI in the cache, never touching the Node build, with npm’s nodedir out of the way', async () => {
    const pkg = fakeDriver();
    const seen: Array<{ nodedir: string | undefined; buildPath: string }> = [];
    const before = process.env.npm_config_nodedir;
    process.env.npm_config_nodedir = '/usr';
    try {
      const r = await ensureElectronBinding({ pkg, electron, rebuild: buildsFor('150', seen), say: () => undefined });
      expect(r).toMatchObject({ made: true, verified: null });
      expect(r.path).toBe(electronBindingPath(pkg, '45.5.0', process.platform, process.arch));
      expect(readFileSync(r.path, 'utf8')).toContain('v150');
      expect(seen[0]!.nodedir).toBeUndefined();
      expect(process.env.npm_config_nodedir).toBe('/usr');
      expect(existsSync(seen[0]!.buildPath)).toBe(false);
    } finally {
      if (before === undefined) delete process.env.npm_config_nodedir;
      else process.env.npm_config_nodedir = before;
    }
    expect(readFileSync(join(pkg.dir, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toContain('v115');
    // Made once: the second run finds it.
    expect(await ensureElectronBinding({ pkg, electron, rebuild: buildsFor('999'), say: () => undefined })).toMatchObject({ made: false });
  });

  it('refuses to cache a build for another ABI (headers of the system Node), saying so', async () => {
    const pkg = fakeDriver();
    const wrong = ensureElectronBinding({ pkg, electron, rebuild: buildsFor('115'), say: () => undefined });
    await expect(wrong).rejects.toBeInstanceOf(ElectronBindingError);
    await expect(ensureElectronBinding({ pkg, electron, rebuild: buildsFor('115'), say: () => undefined })).rejects.toThrow(/ABI 115.*needs ABI 150/);
    expect(existsSync(electronBindingPath(pkg, '45.5.0', process.platform, process.arch))).toBe(false);
  });

  it('says what it needs when neither a prebuilt binary nor Electron’s headers can be fetched', async () => {
    const pkg = fakeDriver();
    const offline: Rebuild = async () => {
      throw new Error('node-gyp failed to rebuild: getaddrinfo ENOTFOUND www.electronjs.org');
    };
    const error = await ensureElectronBinding({ pkg, electron, rebuild: offline, say: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ElectronBindingError);
    const message = (error as Error).message;
    expect(message).toContain('Electron 45.5.0');
    expect(message).toContain('github.com');
    expect(message).toContain('electronjs.org');
    expect(message).toContain('ENOTFOUND');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteClient } from '../../../src/station/db/open';
import {
  currentRuntime,
  driverPackage,
  electronBindingPath,
  explainBindingFailure,
  NativeBindingError,
  pickNativeBinding,
  type Runtime,
} from '../../../src/station/db/native-binding';

const pkg = { dir: join(sep, 'repo', 'node_modules', 'better-sqlite3-multiple-ciphers'), version: '12.11.1' };
const node20: Runtime = { modules: '115', platform: 'linux', arch: 'x64' };
const electron45: Runtime = { electron: '45.5.0', modules: '150', platform: 'win32', arch: 'x64' };

describe('the SQLite build the station loads', () => {
  it("is the package's own build under Node, the one tests and browser mode run on", () => {
    expect(pickNativeBinding(node20, pkg, () => false)).toEqual({ runtime: 'node', path: join(pkg.dir, 'build', 'Release', 'better_sqlite3.node') });
  });

  it("is a build for Electron's ABI kept apart in node_modules/.cache when running in the Electron window", () => {
    const cached = join(sep, 'repo', 'node_modules', '.cache', 'hall-clerk-electron-binding', 'better-sqlite3-multiple-ciphers-12.11.1-electron-45.5.0-win32-x64', 'better_sqlite3.node');
    expect(electronBindingPath(pkg, '45.5.0', 'win32', 'x64')).toBe(cached);
    expect(pickNativeBinding(electron45, pkg, (p) => p === cached)).toEqual({ runtime: 'electron', path: cached });
  });

  it('says what to run when the Electron build is not there yet, instead of a NODE_MODULE_VERSION crash', () => {
    let error: unknown;
    try {
      pickNativeBinding(electron45, pkg, () => false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NativeBindingError);
    expect((error as NativeBindingError).code).toBe('SQLITE_BINDING_MISSING');
    expect((error as Error).message).toContain('npm run electron-binding');
    expect((error as Error).message).toContain('npm run web');
    expect((error as Error).message).toContain('Electron 45.5.0');
  });

  it('is the build electron-builder rebuilt for Electron, unpacked beside app.asar, in the installed app', () => {
    const installed = { dir: join(sep, 'Program Files', 'hall', 'resources', 'app.asar', 'node_modules', 'better-sqlite3-multiple-ciphers'), version: '12.11.1' };
    expect(pickNativeBinding(electron45, installed, () => false)).toEqual({
      runtime: 'electron-packaged',
      path: join(sep, 'Program Files', 'hall', 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'),
    });
  });

  it('turns a build of the wrong ABI into what to do, for each runtime', () => {
    const abi = new Error(
      "The module '/repo/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150.",
    );
    const inNode = explainBindingFailure(abi, { runtime: 'node', path: '/x.node' }, node20);
    expect(inNode).toMatchObject({ code: 'SQLITE_BINDING_MISMATCH' });
    expect(inNode.message).toContain('npm rebuild better-sqlite3-multiple-ciphers');
    expect(explainBindingFailure(abi, { runtime: 'electron', path: '/x.node' }, electron45).message).toContain('npm run electron-binding -- --force');
    const other = new Error('disk I/O error');
    expect(explainBindingFailure(other, { runtime: 'node', path: '/x.node' }, node20)).toBe(other);
  });

  it('loads and works here, under this Node', () => {
    const choice = pickNativeBinding(currentRuntime(), driverPackage());
    expect(choice.runtime).toBe('node');
    expect(existsSync(choice.path)).toBe(true);
    const db = openSqliteClient(':memory:');
    expect(db.prepare('SELECT 1 + 1 AS two').get()).toEqual({ two: 2 });
    db.close();
  });
});

/**
 * A classic addon registers itself with node_module_register and serves one ABI; a Node-API addon
 * exports napi_register_module_v1 (or calls napi_module_register) and loads in every runtime of a
 * Node-API version, Electron included. The names are in the binaries' symbol tables, so they are
 * read from the bytes: this checks the files node-gyp-build would load here.
 */
function registration(file: string): { nodeApi: boolean; classic: boolean } {
  const bytes = readFileSync(file).toString('latin1');
  return { nodeApi: /napi_register_module_v1|napi_module_register/.test(bytes), classic: bytes.includes('node_module_register') };
}

describe('the other native modules', () => {
  const require = createRequire(import.meta.url);
  const nodeGypBuild = require('node-gyp-build') as { resolve(dir: string): string };

  it('serialport and usb are Node-API: one build serves Node and Electron, no second build', () => {
    for (const name of ['@serialport/bindings-cpp', 'usb']) {
      const file = nodeGypBuild.resolve(dirname(require.resolve(`${name}/package.json`)));
      expect(registration(file), `${name}: ${file}`).toEqual({ nodeApi: true, classic: false });
    }
  });

  it('the SQLite driver is not: hence its build per runtime', () => {
    const choice = pickNativeBinding(currentRuntime(), driverPackage());
    expect(registration(choice.path)).toMatchObject({ classic: true });
  });
});

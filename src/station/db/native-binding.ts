import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/**
 * better-sqlite3-multiple-ciphers is a classic Node addon, not Node-API: a build serves exactly one
 * ABI. `npm ci` builds it for the system's Node (ABI 115 on Node 20), while the Electron window runs
 * the station back end on Electron's own Node (Electron 45: ABI 150). One node_modules serves both:
 * under Node the package's own build, under Electron a second build kept apart in
 * node_modules/.cache (made once by `npm run electron-binding`), and in the installed app the
 * package's own build again, which electron-builder rebuilt for Electron when packaging.
 * (serialport and usb are Node-API: one build loads in both runtimes.)
 */
export const SQLITE_DRIVER = 'better-sqlite3-multiple-ciphers';
const ADDON = join('build', 'Release', 'better_sqlite3.node');

export type BindingErrorCode = 'SQLITE_BINDING_MISSING' | 'SQLITE_BINDING_MISMATCH';

export class NativeBindingError extends Error {
  constructor(
    readonly code: BindingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NativeBindingError';
  }
}

/** The parts of `process` the choice depends on. */
export interface Runtime {
  /** process.versions.electron: set only inside Electron. */
  electron?: string | undefined;
  /** process.versions.modules: the ABI this runtime loads. */
  modules: string;
  platform: string;
  arch: string;
}

export interface DriverPackage {
  dir: string;
  version: string;
}

export interface BindingChoice {
  runtime: 'node' | 'electron' | 'electron-packaged';
  /** Absolute path of the .node file handed to the Database constructor as `nativeBinding`. */
  path: string;
}

export function currentRuntime(): Runtime {
  return { electron: process.versions.electron, modules: process.versions.modules, platform: process.platform, arch: process.arch };
}

/** Where the driver is installed (resolved like an import, so it works from the bundled Electron main too). */
export function driverPackage(): DriverPackage {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${SQLITE_DRIVER}/package.json`);
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  return { dir: dirname(manifest), version };
}

/**
 * The cache folder of the Electron build, beside the package in the same node_modules, named by
 * everything that makes a build fit: the driver's version, Electron's version, platform and arch.
 */
export function electronBindingPath(pkg: DriverPackage, electronVersion: string, platform: string, arch: string): string {
  return join(pkg.dir, '..', '.cache', 'hall-clerk-electron-binding', `${SQLITE_DRIVER}-${pkg.version}-electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

/** Inside an installed app the package sits in resources/app.asar; its native file was unpacked beside it. */
function packagedDir(dir: string): string | null {
  const marker = `${sep}app.asar${sep}`;
  const at = dir.indexOf(marker);
  if (at < 0) return dir.endsWith(`${sep}app.asar.unpacked${sep}node_modules${sep}${SQLITE_DRIVER}`) ? dir : null;
  return `${dir.slice(0, at)}${sep}app.asar.unpacked${sep}${dir.slice(at + marker.length)}`;
}

/**
 * Picks the binding built for the runtime this code runs in. Pure apart from `exists`, so both
 * runtimes are unit-tested under Node.
 */
export function pickNativeBinding(runtime: Runtime, pkg: DriverPackage, exists: (path: string) => boolean = existsSync): BindingChoice {
  if (!runtime.electron) return { runtime: 'node', path: join(pkg.dir, ADDON) };
  const packaged = packagedDir(pkg.dir);
  if (packaged) return { runtime: 'electron-packaged', path: join(packaged, ADDON) };
  const path = electronBindingPath(pkg, runtime.electron, runtime.platform, runtime.arch);
  if (!exists(path)) {
    throw new NativeBindingError(
      'SQLITE_BINDING_MISSING',
      `桌面版缺少为 Electron ${runtime.electron} 构建的 SQLite 模块：请先运行 npm run electron-binding（只需一次），或改用浏览器模式 npm run web · ` +
        `The desktop app needs ${SQLITE_DRIVER} built for Electron ${runtime.electron} (ABI ${runtime.modules}), kept at ${path}: ` +
        `run \`npm run electron-binding\` once (it fetches the prebuilt binding or builds it against Electron's headers), or use browser mode (\`npm run web\`)`,
    );
  }
  return { runtime: 'electron', path };
}

/**
 * The ABI a classic addon was built for, read from the name of its registration symbol
 * (node_register_module_v150), which every platform's symbol table carries as plain text.
 * Null for a file that has none (not a classic addon).
 */
export function addonAbi(file: string): string | null {
  const m = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return m?.[1] ?? null;
}

/**
 * Node's own words for a build of the wrong ABI ("was compiled against a different Node.js version
 * using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150") turned
 * into what to do about it, for the runtime at hand.
 */
export function explainBindingFailure(error: unknown, choice: BindingChoice, runtime: Runtime): Error {
  const text = error instanceof Error ? error.message : String(error);
  if (!/NODE_MODULE_VERSION|did not self-register|invalid ELF header|not a valid Win32 application|wrong ELF class|image not found|cannot open shared object/i.test(text)) {
    return error instanceof Error ? error : new Error(text);
  }
  const fix =
    choice.runtime === 'node'
      ? `the build in node_modules does not fit this Node (ABI ${runtime.modules}): run \`npm rebuild ${SQLITE_DRIVER}\` with the Node that runs the station`
      : choice.runtime === 'electron'
        ? `the cached Electron build does not fit Electron ${runtime.electron} (ABI ${runtime.modules}): run \`npm run electron-binding -- --force\``
        : `the installed app carries a build that does not fit its Electron (ABI ${runtime.modules}): reinstall the app`;
  return new NativeBindingError('SQLITE_BINDING_MISMATCH', `SQLite 模块与运行环境不符，工作站无法打开数据库 · ${choice.path}: ${fix} (${text.split('\n')[0]})`);
}

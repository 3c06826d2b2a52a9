// `npm run electron-binding [-- --force]`: the SQLite driver built for Electron's ABI, once, kept
// apart in node_modules/.cache where the station's database opener looks for it when it runs inside
// Electron (src/station/db/native-binding.ts). The Node build that tests and browser mode load is
// never touched: the work happens in a copy of the package in a temporary folder.
//
// How: @electron/rebuild, as electron-builder uses when packaging. It first asks prebuild-install for
// the binary the driver's maintainer publishes for this Electron (a download from GitHub), and builds
// from source against Electron's headers (from electronjs.org; needs Python 3 and a C++ compiler)
// only where there is none.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonAbi, driverPackage, electronBindingPath, SQLITE_DRIVER, type DriverPackage } from '../src/station/db/native-binding';

const require = createRequire(import.meta.url);

export interface ElectronInfo {
  version: string;
  /** NODE_MODULE_VERSION of Electron's Node, for messages. */
  abi: string;
  /** The Electron executable, when it has been downloaded (to check the build by loading it). */
  binary: string | null;
}

/** Electron's version and ABI from its package; the binary only if present (never triggers a download). */
export function electronInfo(): ElectronInfo {
  const dir = dirname(require.resolve('electron/package.json'));
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const abiFile = join(dir, 'abi_version');
  const abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : '?';
  const pathFile = join(dir, 'path.txt');
  const binary = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  return { version, abi, binary: binary && existsSync(binary) ? binary : null };
}

export class ElectronBindingError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'ElectronBindingError';
  }
}

export interface ElectronBindingResult {
  path: string;
  made: boolean;
  /** True when loaded in Electron and answered a query; null when no Electron binary was there to try. */
  verified: boolean | null;
}

/** The rebuild itself, replaceable in tests (no network here, and no Electron headers). */
export type Rebuild = (opts: { buildPath: string; electronVersion: string; onlyModules: string[]; force: boolean; mode: 'sequential' }) => Promise<void>;

const defaultRebuild: Rebuild = async (opts) => {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild(opts);
};

/** A throwaway project holding a copy of the driver (without its Node build) and a link to prebuild-install. */
function scratchProject(pkg: DriverPackage): string {
  const work = mkdtempSync(join(tmpdir(), 'electron-binding-'));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'electron-binding-build', private: true, dependencies: { [SQLITE_DRIVER]: pkg.version } }));
  const copy = join(work, 'node_modules', SQLITE_DRIVER);
  cpSync(pkg.dir, copy, { recursive: true, filter: (src) => !src.startsWith(join(pkg.dir, 'build')) });
  // The driver's own dependency, found from the driver (or from this repository).
  const prebuildInstall = dirname(require.resolve('prebuild-install/package.json', { paths: [pkg.dir, dirname(fileURLToPath(import.meta.url))] }));
  symlinkSync(prebuildInstall, join(work, 'node_modules', 'prebuild-install'), 'junction');
  return work;
}

/** Loads the build in Electron's own Node and asks SQLite its version: a wrong build cannot pass. */
function verifyInElectron(binary: string, built: string, pkg: DriverPackage): { ok: boolean; output: string } {
  const script = `const D = require(${JSON.stringify(pkg.dir)}); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(built)} }); console.log('sqlite ' + db.prepare('select sqlite_version() v').get().v);`;
  const r = spawnSync(binary, ['-e', script], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 });
  return { ok: r.status === 0 && /^sqlite \d/m.test(r.stdout), output: `${r.stdout}${r.stderr}`.trim() };
}

export async function ensureElectronBinding(
  opts: { force?: boolean; say?: (line: string) => void; rebuild?: Rebuild; electron?: ElectronInfo; pkg?: DriverPackage } = {},
): Promise<ElectronBindingResult> {
  const say = opts.say ?? ((line: string) => console.log(line));
  const electron = opts.electron ?? electronInfo();
  const pkg = opts.pkg ?? driverPackage();
  const target = electronBindingPath(pkg, electron.version, process.platform, process.arch);
  if (existsSync(target) && !opts.force) return { path: target, made: false, verified: null };

  say(`正在为 Electron ${electron.version} 准备 SQLite 模块（只需一次）· making ${SQLITE_DRIVER} ${pkg.version} for Electron ${electron.version} (ABI ${electron.abi}), once…`);
  const work = scratchProject(pkg);
  // npm passes its `nodedir` setting down (Debian's Node sets it to /usr): node-gyp would then build
  // against the system Node's headers whatever the target, and the result would not load in Electron.
  const nodedir = process.env.npm_config_nodedir;
  delete process.env.npm_config_nodedir;
  try {
    try {
      await (opts.rebuild ?? defaultRebuild)({ buildPath: work, electronVersion: electron.version, onlyModules: [SQLITE_DRIVER], force: true, mode: 'sequential' });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new ElectronBindingError(
        `无法为 Electron ${electron.version} 准备 SQLite 模块 · could not fetch or build ${SQLITE_DRIVER} for Electron ${electron.version} (ABI ${electron.abi}): ` +
          `the prebuilt binary comes from github.com, a build from source needs Electron's headers from electronjs.org plus Python 3 and a C++ compiler ` +
          `(${detail.split('\n').find((l) => l.trim()) ?? detail})`,
        detail,
      );
    }
    const built = join(work, 'node_modules', SQLITE_DRIVER, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new ElectronBindingError(`the rebuild left no ${basename(built)} behind`, work);
    // Checked even where Electron cannot run: a build for any other ABI would crash the window.
    const abi = addonAbi(built);
    if (electron.abi !== '?' && abi !== electron.abi) {
      throw new ElectronBindingError(
        `SQLite 模块构建所用的运行环境不对 · the build is for ABI ${abi ?? 'unknown'}, Electron ${electron.version} needs ABI ${electron.abi}: ` +
          `node-gyp used other headers than Electron's (a nodedir setting?); nothing was cached`,
        built,
      );
    }
    let verified: boolean | null = null;
    if (electron.binary) {
      const check = verifyInElectron(electron.binary, built, pkg);
      if (!check.ok) throw new ElectronBindingError(`the build for Electron ${electron.version} does not load in Electron`, check.output);
      verified = true;
    }
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, target);
    say(`SQLite 模块已就绪 · ready: ${target}${verified ? ' (loaded in Electron)' : ''}`);
    return { path: target, made: true, verified };
  } finally {
    if (nodedir !== undefined) process.env.npm_config_nodedir = nodedir;
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureElectronBinding({ force: process.argv.includes('--force') })
    .then((r) => {
      if (!r.made) console.log(`SQLite 模块已在缓存中 · already cached: ${r.path}  (--force makes it again)`);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      console.error('浏览器模式不需要它 · browser mode needs none of this: npm run web');
      process.exit(1);
    });
}

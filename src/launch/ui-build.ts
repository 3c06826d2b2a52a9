import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The first run just works: `npm run web` and `npm start` build what they serve when the build is
 * missing or older than its sources (a fresh clone, a `git pull`), instead of answering a page that
 * asks for `npm run build`. electron-vite builds all three bundles in a few seconds here.
 */

/** The repository root (src/launch/../..). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What each launcher serves, and what it is built from (folders walked, files taken as they are). */
export const BUILD_TARGETS = {
  /** Browser mode serves the renderer only. */
  web: {
    outputs: ['out/renderer/index.html'],
    inputs: ['src/ui', 'src/domain', 'src/contract', 'electron.vite.config.ts', 'package-lock.json', 'tsconfig.web.json'],
  },
  /** The desktop app: main process (station, launcher, demo hall), preload and renderer. */
  desktop: {
    outputs: ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'],
    inputs: ['src', 'electron', 'electron.vite.config.ts', 'package-lock.json', 'tsconfig.node.json', 'tsconfig.web.json'],
  },
} as const;

export type BuildTarget = keyof typeof BUILD_TARGETS;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Why a build is needed ('missing' or 'stale'), or null when the output is newer than every source. */
export function buildNeeded(target: BuildTarget, root = repositoryRoot): 'missing' | 'stale' | null {
  const { outputs, inputs } = BUILD_TARGETS[target];
  const outs = outputs.map((o) => join(root, o));
  if (outs.some((o) => !existsSync(o))) return 'missing';
  const built = Math.min(...outs.map((o) => statSync(o).mtimeMs));
  const sources = Math.max(...inputs.map((i) => newestMtime(join(root, i))));
  return sources > built ? 'stale' : null;
}

export class UiBuildError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'UiBuildError';
  }
}

/** Runs `electron-vite build` in the repository; its chatter is kept and shown only if it fails. */
export function runBuild(root = repositoryRoot): Promise<void> {
  const require = createRequire(join(root, 'package.json'));
  const cli = join(require.resolve('electron-vite/package.json'), '..', 'bin', 'electron-vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (e) => reject(new UiBuildError(`could not run electron-vite: ${e.message}`, output)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new UiBuildError(`electron-vite build failed (exit ${code})`, output))));
  });
}

/**
 * Builds when needed and says so in one line. `say` is the terminal (tests pass a recorder).
 * Returns what was done, for the caller's own message.
 */
export async function ensureBuilt(target: BuildTarget, say: (line: string) => void, root = repositoryRoot): Promise<'built' | 'fresh'> {
  const need = buildNeeded(target, root);
  if (!need) return 'fresh';
  say(need === 'missing' ? '首次运行：正在构建界面… · first run: building the UI…' : '源代码有更新：正在重新构建界面… · sources changed: rebuilding the UI…');
  await runBuild(root);
  return 'built';
}

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The station as its own process (src/station/cli.ts under Node with tsx), for tests that kill it
 * with SIGKILL: one node process, so the signal reaches the station itself and nothing survives it.
 * Used by tests/integration/station/crash.test.ts and tests/faults/station-kill.test.ts.
 */
export interface StationProcess {
  url: string;
  /** The key of this start, read from the URL the station printed; sent as a Bearer token. */
  key: string;
  child: ChildProcess;
  call<T = unknown>(method: string, args?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>;
  kill(): Promise<void>;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function spawnStationProcess(env: Record<string, string>): Promise<StationProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/station/cli.ts'], {
    cwd: root,
    env: { ...process.env, STATION_PORT: '0', READER: 'none', LOG_LEVEL: 'silent', SYNC_INTERVAL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const printed = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start: ${output}`)), 60_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /open (http:\/\/\S+\?key=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[1]!));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`station exited (${code}): ${output}`)));
  });
  const url = printed.origin;
  const key = printed.searchParams.get('key')!;
  return {
    url,
    key,
    child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async call(method, args = {}) {
      const r = await fetch(`${url}/station/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(args) });
      return (await r.json()) as never;
    },
  };
}

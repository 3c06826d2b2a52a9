import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hallCatalog, spawnHall, writeHallResources } from '../../faults/support/hall';
import type { BenchRow } from '../report';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./station-start-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

async function once(mode: 'station' | 'floor', env: Record<string, string>): Promise<{ readyMs: number; rss: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, mode], { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'silent' } });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { readyMs: number; rss: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Station back end start-up: the first start of a new PC (empty SQLite file: migrations and the
 * catalogue fetched from the hall) and a normal morning start (the file is there), each in a fresh
 * process, median of a few; resident memory once started. Floor: a process that only opens the file.
 */
export async function measureStationStart(): Promise<BenchRow[]> {
  const resources = writeHallResources(hallCatalog());
  const hall = await spawnHall({ config: { resourcesDir: resources.dir } });
  const dir = mkdtempSync(join(tmpdir(), 'bench-station-start-'));
  try {
    const env = { HALL_URL: hall.url, STATION_DATA_DIR: dir, STATION_ID: 'A3-bench-start', WINDOW_CODE: 'A3' };
    const first = await once('station', env);
    const warm: { readyMs: number; rss: number }[] = [];
    const floor: { readyMs: number; rss: number }[] = [];
    for (let i = 0; i < 3; i++) {
      warm.push(await once('station', env));
      floor.push(await once('floor', env));
    }
    const floorMs = median(floor.map((f) => f.readyMs));
    const floorRss = median(floor.map((f) => f.rss)) / 2 ** 20;
    return [
      {
        name: 'station start-up, first start of a new PC (migrations, catalogue from the hall)',
        value: first.readyMs,
        unit: 'ms',
        floor: { name: 'node + tsx, open the SQLite file', value: floorMs },
        note: 'from process start to station.start() resolved, TypeScript loaded through tsx (a packaged app loads bundled JavaScript and starts faster)',
      },
      {
        name: 'station start-up, a morning start (database in place), median of 3',
        value: median(warm.map((w) => w.readyMs)),
        unit: 'ms',
        floor: { name: 'node + tsx, open the SQLite file', value: floorMs },
      },
      {
        name: 'station resident memory once started',
        value: median(warm.map((w) => w.rss)) / 2 ** 20,
        unit: 'MiB',
        floor: { name: 'node + tsx with the SQLite file open', value: floorRss },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await hall.stop();
    resources.remove();
  }
}

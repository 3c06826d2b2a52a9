import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { HallConfig } from '../../../src/central/config';
import type { Catalog, ServiceWindow } from '../../../src/domain/catalog';
import { demoCatalog, hasDemoCatalog } from './catalog';

export const DEMO_PASSWORD = 'hall-demo-2026';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const ZONES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** A tiny hall for when the demo catalogue is not built: one matter per zone. */
function fallbackCatalog(): Catalog {
  return {
    hall: { name: '泰山区政务服务中心', regionCode: '370902', siteCode: 'TS' },
    zones: ZONES.map((code) => ({ code, name: `${code}区` })),
    windows: [],
    departments: [{ code: 'XZSP', name: '区行政审批服务局' }],
    materials: [
      { code: 'M001', name: '居民身份证', type: 1, form: 1, source: 'applicant' },
      { code: 'M002', name: '申请书', type: 2, form: 3, source: 'online' },
    ],
    matters: ZONES.map((z, i) => ({
      code: `370902XZSP${String(i + 1).padStart(3, '0')}`,
      basicCode: `370902XZSP`,
      name: `${z}区测试事项`,
      typeCode: '01' as const,
      departmentCode: 'XZSP',
      zoneCode: z,
      caseType: 'promised' as const,
      statutoryLimitDays: 20,
      promisedLimitDays: 5,
      fee: { charged: false },
      visits: 1,
      handlingForms: [1, 2],
      serviceObjects: [1],
      townAvailable: false,
      legalBasis: '《中华人民共和国行政许可法》',
      materials: [
        { materialCode: 'M001', necessity: 'required' as const, originals: 1, copies: 1, commitmentAllowed: false },
        { materialCode: 'M002', necessity: 'required' as const, originals: 1, copies: 0, commitmentAllowed: false },
      ],
    })),
    bundles: [],
  } as unknown as Catalog;
}

/**
 * The demo hall with its counters replaced by `windows` counters spread evenly over the eight
 * zones (A1..A25 … H1..H25 for 200), plus the two reception desks. The seed then makes
 * `clerk-<window>` for every one of them.
 */
export function hallCatalog(windows?: number): Catalog {
  const base = hasDemoCatalog() ? demoCatalog() : fallbackCatalog();
  if (windows === undefined && base.windows.length > 0) return base;
  const n = windows ?? 16;
  const zones = base.zones.map((z) => z.code);
  const counters: ServiceWindow[] = [];
  for (let i = 0; i < n; i++) {
    const zone = zones[i % zones.length]!;
    const k = Math.floor(i / zones.length) + 1;
    counters.push({ code: `${zone}${k}`, name: `${zone}${k}号窗口`, kind: 'counter', zones: [{ zoneCode: zone, weight: 1 }] });
  }
  const reception: ServiceWindow[] = ['R1', 'R2'].map((code, i) => ({
    code,
    name: `导服台${i + 1}`,
    kind: 'reception',
    zones: zones.map((zoneCode) => ({ zoneCode, weight: 1 })),
  }));
  // Without its windows a town centre cannot stand: these halls have none (as before centres existed).
  const matters = base.matters.map(({ takeInSites: _sites, ...m }) => m);
  return { ...base, windows: [...counters, ...reception], sites: [], matters };
}

/** A resources folder for the hall server's first-start seed: this catalogue and the calendars. */
export function writeHallResources(catalog: Catalog): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hall-resources-'));
  mkdirSync(join(dir, 'catalog'));
  mkdirSync(join(dir, 'calendar'));
  writeFileSync(join(dir, 'catalog', 'demo-hall.json'), JSON.stringify(catalog));
  for (const f of readdirSync(join(root, 'resources', 'calendar'))) copyFileSync(join(root, 'resources', 'calendar', f), join(dir, 'calendar', f));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new, empty PostgreSQL database next to DATABASE_URL's, dropped by `drop()`. */
export async function freshPgDatabase(baseUrl: string, prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`.toLowerCase();
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface HallProcessOptions {
  databaseUrl?: string;
  /** PGlite data folder; in memory when neither this nor databaseUrl is given. */
  dataDir?: string;
  port?: number;
  config?: Partial<HallConfig>;
  /** pino lines go here (appended), for the log scan. */
  logFile?: string;
  logLevel?: string;
}

export interface HallProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Ends the process (SIGKILL: no goodbye, as a power cut). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Graceful stop. */
  stop(): Promise<void>;
}

/** Starts the hall server (src/central/start.ts) in a child process and waits until it listens. */
export async function spawnHall(opts: HallProcessOptions): Promise<HallProcess> {
  // HALL_CPU_PROF=<dir> writes a V8 CPU profile of the server (where does a command's time go?).
  const prof = process.env.HALL_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HALL_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', join(root, 'tests/faults/support/hall-process.ts')], {
    cwd: root,
    env: { ...process.env, HALL_PROCESS_OPTIONS: JSON.stringify(opts) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`hall server did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hall server exited with ${code} before listening: ${stderr}`));
    });
  });
  const port = Number(new URL(url).port);
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, port, child, kill, stop: () => kill('SIGTERM') };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- hall answers are plain JSON checked field by field */
/**
 * Real hall servers for the station's integration suites, on loopback: PGlite (in a temp folder, so
 * a restart keeps the data) always, and PostgreSQL (a fresh database per hall) when DATABASE_URL is
 * set. A small HTTP proxy sits between station and hall so a test can take the hall "away" (no
 * answer), hold an answer (the hall applied a push but the station has not heard), or restart the
 * hall behind an unchanged HALL_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEMO_PASSWORD, type HallConfig } from '../../../src/central/config';
import { startHallServer, type RunningHallServer } from '../../../src/central/start';
import { createStation, type Station } from '../../../src/station/api';
import { loadStationConfig, type StationConfig } from '../../../src/station/config';
import { backends, TestClock, type Backend } from '../central/harness';

export { backends, DEMO_PASSWORD, type Backend };

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const pg = (await import('pg')).default;
  const base = process.env.DATABASE_URL as string;
  const name = `station_t_${Date.now().toString(36)}_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
    },
  };
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A hall server that can be stopped and started again on the same data. */
export class RestartableHall {
  server: RunningHallServer | null = null;
  /** The hall's clock, which a suite may move with its stations' (the hall refuses work dated in its future). */
  readonly clock = new TestClock();
  private constructor(
    readonly backend: Backend,
    private readonly where: { dataDir?: string; databaseUrl?: string },
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async create(backend: Backend): Promise<RestartableHall> {
    if (backend === 'postgres') {
      const db = await createDatabase();
      const hall = new RestartableHall(backend, { databaseUrl: db.url }, db.drop);
      await hall.start();
      return hall;
    }
    const dir = tempDir('station-it-hall-');
    const hall = new RestartableHall(backend, { dataDir: dir.path }, async () => dir.remove());
    await hall.start();
    return hall;
  }

  /** PGlite's data folder (null on PostgreSQL). */
  get dataDir(): string | null {
    return this.where.dataDir ?? null;
  }

  get url(): string {
    if (!this.server) throw new Error('the hall is stopped');
    return this.server.url;
  }

  /** More hall settings for the next start (a suite's voice pack, …). */
  extraConfig: Partial<HallConfig> = {};

  async start(): Promise<void> {
    this.server = await startHallServer({ port: 0, logger: false, now: this.clock.now, config: { demo: true, heartbeatMs: 1_000, feedPollMs: 500, ...this.extraConfig }, ...this.where });
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.cleanup();
  }

  async api(method: string, path: string, opts: { token?: string; body?: unknown; stationKey?: string } = {}): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.stationKey) headers['x-station-key'] = opts.stationKey;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(this.url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }

  async login(username: string, windowCode?: string, stationKey?: string): Promise<string> {
    const r = await this.api('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD, ...(windowCode ? { windowCode } : {}) }, ...(stationKey ? { stationKey } : {}) });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  }

  /** A window PC registered with this (demo) hall, approved at once: its key, to sign in from it and push. */
  async registerPc(stationId: string, windowCode?: string): Promise<string> {
    const key = randomBytes(32).toString('base64url');
    const r = await this.api('POST', '/api/v1/stations/register', { body: { stationId, key, label: `test PC ${stationId}`, ...(windowCode ? { windowCode } : {}) } });
    if (r.status !== 201 && r.status !== 200) throw new Error(`register ${stationId}: ${r.status} ${JSON.stringify(r.body)}`);
    return key;
  }

  /** Every case the hall holds for a station, read over the case list route. */
  async casesOf(stationId: string): Promise<Array<{ id: string; caseNo: string; status: string }>> {
    const token = await this.login('supervisor');
    const r = await this.api('GET', '/api/v1/cases?limit=500', { token });
    if (r.status !== 200) throw new Error(`case list: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body.cases as Array<{ id: string; caseNo: string; status: string; stationId: string }>).filter((c) => c.stationId === stationId);
  }
}

export type ProxyDecision = 'forward' | 'down' | 'hold';

/**
 * Forwards HTTP to whatever hall is current. `decide` picks per request: forward; `down` (answer
 * nothing, close the socket: the station sees HALL_UNREACHABLE); `hold` (forward, let the hall
 * apply it, but keep the answer until `release()`, or for ever if the station dies first).
 */
export class HallProxy {
  private server: Server;
  target: () => string;
  decide: (req: IncomingMessage) => ProxyDecision = () => 'forward';
  readonly seen: Array<{ method: string; path: string; decision: ProxyDecision }> = [];
  /** Answers the hall gave to held requests (the hall applied them; the station never heard). */
  readonly heldAnswers: Array<{ path: string; status: number; body: string }> = [];
  private releases: Array<() => void> = [];
  url = '';

  constructor(target: () => string) {
    this.target = target;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  release(): void {
    for (const r of this.releases.splice(0)) r();
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const decision = this.decide(req);
    this.seen.push({ method: req.method ?? 'GET', path, decision });
    if (decision === 'down') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'content-length') headers[k] = v;
    let upstream: Response;
    try {
      upstream = await fetch(this.target() + path, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    } catch {
      req.socket.destroy();
      return;
    }
    if (path.startsWith('/api/v1/events')) {
      // Stream the event feed through as it comes.
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/event-stream' });
      try {
        for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      } catch {
        // hall went away
      }
      res.end();
      return;
    }
    // Bytes, not text: a report file (xlsx) must pass unchanged.
    const body = Buffer.from(await upstream.arrayBuffer());
    if (decision === 'hold') {
      this.heldAnswers.push({ path, status: upstream.status, body: body.toString('utf8') });
      await new Promise<void>((r) => this.releases.push(r));
    }
    if (res.destroyed) return;
    const disposition = upstream.headers.get('content-disposition');
    // A report file keeps the name the hall gave it.
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json', ...(disposition ? { 'content-disposition': disposition } : {}) });
    res.end(body);
  }
}

export const silentLog = pino({ level: 'silent' });

export function stationConfig(over: Record<string, string>): StationConfig {
  return loadStationConfig({ env: { PRINTER: 'simulated', READER: 'none', SYNC_INTERVAL_MS: '0', ...over } });
}

/** An in-process station with a file database, short backoff, no logs. */
export async function startStation(config: StationConfig): Promise<Station> {
  const station = createStation(config, { logger: silentLog, backoff: { baseMs: 50, maxMs: 200 } });
  await station.start();
  return station;
}

/** Unwraps a StationAnswer, failing the test with the error body. */
export async function ok<T = any>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const a = await p;
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.value as T;
}

/** Receipts that satisfy every required and deferrable material of a checklist, except `missing`. */
export function allReceived(checklist: Array<{ materialCode: string; necessity: string }>, missing: string[] = []): Record<string, string> {
  return Object.fromEntries(checklist.filter((i) => i.necessity !== 'optional').map((i) => [i.materialCode, missing.includes(i.materialCode) ? 'missing' : 'original']));
}

/** Synthetic applicants with valid GB 11643 check characters. */
export function syntheticIdNumber(n: number): string {
  const body = `37090219${String(70 + (n % 30)).padStart(2, '0')}0101${String(100 + (n % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A real hall server behind a proxy the test can cut; both registered in `cleanups`. */
export async function hallBehindProxy(backend: Backend, cleanups: Array<() => Promise<void> | void>) {
  const hall = await RestartableHall.create(backend);
  cleanups.push(() => hall.close());
  const proxy = new HallProxy(() => hall.url);
  await proxy.listen();
  cleanups.push(() => proxy.close());
  return { hall, proxy };
}

/**
 * A real hall server behind a proxy the test can cut, and a station of window A3 talking to it
 * through the proxy. Everything started is registered in `cleanups` (stopped in reverse order).
 */
export async function hallAndStation(backend: Backend, stationId: string, cleanups: Array<() => Promise<void> | void>) {
  const { hall, proxy } = await hallBehindProxy(backend, cleanups);
  const dir = tempDir('station-it-');
  cleanups.push(() => dir.remove());
  const config = stationConfig({ HALL_URL: proxy.url, STATION_ID: stationId, WINDOW_CODE: 'A3', STATION_DATA_DIR: dir.path });
  const station = await startStation(config);
  cleanups.push(() => station.stop());
  return { hall, proxy, station, config, dir };
}

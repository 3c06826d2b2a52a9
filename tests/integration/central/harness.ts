/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are plain JSON that the assertions check field by field */
/**
 * Starts real hall servers for the integration suites: on PGlite in memory always, and on
 * PostgreSQL when DATABASE_URL is set — each PostgreSQL hall in a FRESH database created from
 * DATABASE_URL (random name, dropped on close), so test files running in parallel never share state.
 * Everything goes over real HTTP on loopback.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ulid } from 'ulid';
import type { HallConfig } from '../../../src/central/config';
import { DEMO_PASSWORD } from '../../../src/central/config';
import { buildHallServer } from '../../../src/central/app';
import type { HallContext } from '../../../src/central/context';
import { openHallDb } from '../../../src/central/db/client';
import { startHallServer, type RunningHallServer } from '../../../src/central/start';
import { parseHallEvent, type HallEvent } from '../../../src/contract/events';

export type Backend = 'pglite' | 'postgres';

/** The data key of test halls (HALL_DATA_KEY): fixed, so two instances on one database open each other's seals. */
export const TEST_DATA_KEY = 'dGVzdC1oYWxsLWRhdGEta2V5LTAxMjM0NTY3ODlhYmM';

/** The backends this run can use: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export { DEMO_PASSWORD };

/** A clock tests can move forward (grace times, the next day), or stop at an instant. */
export class TestClock {
  offsetMs = 0;
  /** Set while stopped: each read moves it on by one millisecond, so events keep their order but a slow machine adds no seconds. */
  private stoppedMs: number | undefined;
  now = (): Date => (this.stoppedMs === undefined ? new Date(Date.now() + this.offsetMs) : new Date(this.stoppedMs++));
  advance(ms: number): void {
    if (this.stoppedMs === undefined) this.offsetMs += ms;
    else this.stoppedMs += ms;
  }
  /** Stands the clock at `ms` (epoch milliseconds) until `run` is called: figures counted by hand come out exact on a loaded machine. */
  stopAt(ms: number): void {
    this.stoppedMs = ms;
  }
  /** Lets a stopped clock run on from where it stands. */
  run(): void {
    if (this.stoppedMs === undefined) return;
    this.offsetMs = this.stoppedMs - Date.now();
    this.stoppedMs = undefined;
  }
}

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A registered window PC: its key, and sign-ins bound to it. */
export interface TestStation {
  id: string;
  key: string;
  login(username: string, windowCode?: string, password?: string): Promise<string>;
  /** Push mutations from this station (X-Station-Key) under a session signed in from it. */
  push(token: string, mutations: unknown[]): Promise<ApiAnswer>;
  pull(token: string, cursor?: number, limit?: number): Promise<ApiAnswer>;
}

export interface TestHall {
  backend: Backend;
  url: string;
  /** Connection string of the fresh PostgreSQL database (postgres backend only). */
  databaseUrl?: string;
  server: RunningHallServer;
  ctx: HallContext;
  clock: TestClock;
  api<T = any>(method: string, path: string, opts?: { token?: string; stationKey?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string }): Promise<ApiAnswer<T>>;
  /** Sign in and return the token (throws when the sign-in fails). With a station key, the session is bound to that station. */
  login(username: string, windowCode?: string, password?: string, stationKey?: string): Promise<string>;
  /** Register a window PC (approved at once in demo mode, else by the admin here) and return its key. */
  station(stationId: string, windowCode?: string, adminToken?: string): Promise<TestStation>;
  /** Issue a ticket and return it (throws unless 201). */
  issue(token: string, zoneCode: string, extra?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL as string;
  const name = `hall_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(ts|json|sql)$/.test(e.name) ? [p] : [];
  });
}

let template: Promise<Blob> | undefined;

/**
 * A migrated, seeded PGlite database as a dump, made once and kept in node_modules/.cache keyed by
 * the code and data that shape it. PGlite's initdb is most of a hall's start-up; loading a dump is
 * a fraction of it, and every suite starts several halls.
 */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const hash = createHash('sha256');
    for (const dir of ['src/central', 'src/contract', 'src/domain', 'resources/catalog', 'resources/calendar']) {
      for (const f of filesUnder(join(root, dir)).sort()) hash.update(f).update(readFileSync(f));
    }
    const cacheDir = join(root, 'node_modules', '.cache', 'hall-test');
    const file = join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
    if (existsSync(file) && statSync(file).size > 0) return new Blob([readFileSync(file)]);
    const db = await openHallDb({ inMemory: true });
    try {
      const app = await buildHallServer({ db, logger: false, config: { demo: true } });
      await app.close();
      const blob = await db.raw.pglite!.dumpDataDir('none');
      mkdirSync(cacheDir, { recursive: true });
      // Parallel test files may build it at the same time: write aside, then rename (atomic).
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
      renameSync(tmp, file);
      return blob;
    } finally {
      await db.close();
    }
  })();
  return template;
}

export interface StartOptions {
  config?: Partial<HallConfig>;
  /** Start another instance on the database of this hall (PostgreSQL only). */
  sharedWith?: TestHall;
}

export async function startTestHall(backend: Backend, opts: StartOptions = {}): Promise<TestHall> {
  const clock = opts.sharedWith?.clock ?? new TestClock();
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (backend === 'postgres') {
    if (opts.sharedWith) databaseUrl = opts.sharedWith.databaseUrl;
    else ({ url: databaseUrl, drop } = await createDatabase());
  }
  // Demo mode (the demo catalogue and accounts, self-approving stations) unless a suite brings its own hall.
  // Suites move the clock by hours (grace times, the next day): sessions idle out only where a suite says so.
  const config: Partial<HallConfig> = { demo: true, dataKey: TEST_DATA_KEY, validateResponses: true, heartbeatMs: 1_000, feedPollMs: 1_000, idleMinutes: 24 * 60, ...opts.config };
  let server: RunningHallServer;
  try {
    server = await startHallServer({
      port: 0,
      logger: false,
      now: clock.now,
      config,
      // The template is the seeded demo hall: only for halls that want the demo.
      ...(databaseUrl
        ? { databaseUrl }
        : { inMemory: true, ...(config.demo === false ? {} : { pgliteTemplate: await pgliteTemplate() }) }),
    });
  } catch (err) {
    await drop?.();
    throw err;
  }
  const url = server.url;

  const api: TestHall['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.stationKey) headers['x-station-key'] = o.stationKey;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(o.body);
    }
    const r = await fetch(url + path, { method, headers, body });
    const text = await r.text();
    let parsed: unknown = text;
    if (text && (r.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    else if (!text) parsed = null;
    return { status: r.status, body: parsed as any, headers: r.headers };
  };

  const hall: TestHall = {
    backend,
    url,
    databaseUrl,
    server,
    ctx: server.app.hall,
    clock,
    api,
    async login(username, windowCode, password = DEMO_PASSWORD, stationKey) {
      const r = await api('POST', '/api/v1/auth/login', { body: { username, password, ...(windowCode ? { windowCode } : {}) }, ...(stationKey ? { stationKey } : {}) });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    async station(stationId, windowCode, adminToken) {
      const key = randomBytes(32).toString('base64url');
      const reg = await api('POST', '/api/v1/stations/register', { body: { stationId, key, label: `test PC ${stationId}`, ...(windowCode ? { windowCode } : {}) } });
      if (reg.status !== 201 && reg.status !== 200) throw new Error(`register ${stationId} failed: ${reg.status} ${JSON.stringify(reg.body)}`);
      if (reg.body.status === 'pending') {
        const admin = adminToken ?? (await hall.login('admin'));
        const ok = await api('POST', `/api/v1/stations/${stationId}/approve`, { token: admin, body: { pairingCode: reg.body.pairingCode } });
        if (ok.status !== 200) throw new Error(`approve ${stationId} failed: ${ok.status} ${JSON.stringify(ok.body)}`);
      }
      return {
        id: stationId,
        key,
        login: (username, w, password) => hall.login(username, w, password, key),
        push: (token, mutations) => api('POST', '/api/v1/sync/push', { token, stationKey: key, body: { mutations } }),
        pull: (token, cursor = 0, limit = 1000) => api('GET', `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { token, stationKey: key }),
      };
    },
    async issue(token, zoneCode, extra = {}) {
      const r = await api('POST', '/api/v1/tickets', { token, body: { zoneCode, requestId: ulid(), ...extra } });
      if (r.status !== 201) throw new Error(`issue in ${zoneCode} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async close() {
      await server.close();
      await drop?.();
    },
  };
  return hall;
}

/** A minimal SSE reader over fetch: frames parsed into hall events as they arrive. */
export interface EventStream {
  events: HallEvent[];
  status: number;
  /** Raw frames, heartbeats included. */
  raw: string[];
  waitFor(pred: (events: HallEvent[]) => boolean, timeoutMs?: number): Promise<HallEvent[]>;
  close(): void;
}

export async function openEvents(url: string, token: string, lastEventId?: number | string): Promise<EventStream> {
  const ac = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const res = await fetch(`${url}/api/v1/events`, { headers, signal: ac.signal });
  const stream: EventStream = {
    events: [],
    raw: [],
    status: res.status,
    async waitFor(pred, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!pred(stream.events)) {
        if (Date.now() > until) throw new Error(`timed out waiting for events; have ${stream.events.map((e) => `${e.seq}:${e.type}`).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return stream.events;
    },
    close: () => ac.abort(),
  };
  if (!res.ok || !res.body) return stream;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          stream.raw.push(frame);
          const data = frame
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          const id = frame.split('\n').find((l) => l.startsWith('id: '));
          if (!data) continue;
          const ev = parseHallEvent(data);
          if (!ev) throw new Error(`unparseable event frame: ${frame}`);
          if (id && Number(id.slice(4)) !== ev.seq) throw new Error(`frame id ${id} differs from seq ${ev.seq}`);
          stream.events.push(ev);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return stream;
}

export const newRequestId = () => ulid();

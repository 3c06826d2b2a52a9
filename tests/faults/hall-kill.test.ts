/**
 * The hall server SIGKILLed and restarted (same port, same data) while 20 windows call, start and
 * finish tickets as fast as they can, two screens follow the live event stream, and two stations
 * keep working. tests/integration/central/events.test.ts proves Last-Event-ID resumption against a
 * running server and tests/integration/station/pull-and-reject.test.ts a restart in the middle of
 * one station's pull; here the server dies under load, again and again. Afterwards: every ticket
 * was called exactly once and finished (none lost, none called twice, the windows never held two);
 * each screen saw every change-log entry exactly once, in order, across its reconnects; and the
 * stations caught up by themselves, with no "sync now" pressed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../src/station/api';
import { loadStationConfig } from '../../src/station/config';
import { freshPgDatabase, hallCatalog, spawnHall, writeHallResources, type HallProcess } from './support/hall';
import { backends } from './support/hall-inproc';
import { pool, signIn, type Answer, type HallClient, type Json } from './support/http';
import { rounds } from './support/rounds';
import { acceptArgs, value } from './support/station';

const WINDOWS = 20;
const KILLS = rounds(2, 6);
const TICKETS = rounds(160, 480);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request that survives the server being down: it waits and sends again (the same request). */
async function persist(c: HallClient, method: string, path: string, body?: unknown): Promise<Answer> {
  for (;;) {
    try {
      const r = await c.call(method, path, body);
      if (r.status < 500) return r;
    } catch {
      // connection refused or reset: the server is down
    }
    await sleep(100);
  }
}

/** An event-stream reader that reconnects with Last-Event-ID, as a hall screen does. */
class Screen {
  readonly seqs: number[] = [];
  reconnects = 0;
  private stopped = false;
  private ctl: AbortController | null = null;
  readonly done: Promise<void>;
  constructor(
    private readonly url: () => string,
    private readonly token: string,
  ) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.ctl = new AbortController();
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
        const last = this.seqs[this.seqs.length - 1];
        if (last !== undefined) headers['last-event-id'] = String(last);
        const res = await fetch(`${this.url()}/api/v1/events`, { headers, signal: this.ctl.signal });
        if (res.status !== 200 || !res.body) throw new Error(`events ${res.status}`);
        let buf = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += Buffer.from(chunk).toString('utf8');
          let k: number;
          while ((k = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, k);
            buf = buf.slice(k + 2);
            const id = /^id: (\d+)$/m.exec(frame);
            if (id) this.seqs.push(Number(id[1]));
          }
        }
      } catch {
        // the server went away
      }
      if (this.stopped) return;
      this.reconnects++;
      await sleep(150);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ctl?.abort();
    await this.done;
  }
}

/**
 * The hall's whole change log as the live feed replays it from the start (`Last-Event-ID: 0`): every
 * row once, in order, case rows as pokes. Read until it has been quiet for a second.
 */
async function replayLog(url: string, token: string): Promise<Json[]> {
  const ctl = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' }, signal: ctl.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events ${res.status}`);
  const out: Json[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let buf = '';
  for (;;) {
    const next = await Promise.race([reader.read(), sleep(1000).then(() => null)]);
    if (next === null || next.done) break;
    buf += Buffer.from(next.value).toString('utf8');
    let k: number;
    while ((k = buf.indexOf('\n\n')) >= 0) {
      const data = /^data: (.*)$/m.exec(buf.slice(0, k));
      buf = buf.slice(k + 2);
      if (data) out.push(JSON.parse(data[1]!));
    }
  }
  ctl.abort();
  return out;
}

describe.each(backends)('the hall server killed under the load of %i windows (%s)'.replace('%i', String(WINDOWS)), (backend) => {
  it(
    `loses no ticket, calls none twice, and screens and stations resume by themselves, over ${KILLS} kills`,
    async () => {
      // Two more counters than the load uses: the stations' own windows (one clerk per window).
      const catalog = hallCatalog(WINDOWS + 2);
      const resources = writeHallResources(catalog);
      cleanups.push(resources.remove);
      const dataDir = mkdtempSync(join(tmpdir(), 'faults-hall-kill-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const fresh = backend === 'postgres' ? await freshPgDatabase(process.env.DATABASE_URL!, 'faults_hallkill') : null;
      if (fresh) cleanups.push(() => fresh.drop());
      const where = fresh ? { databaseUrl: fresh.url } : { dataDir };
      let hall: HallProcess = await spawnHall({ ...where, config: { resourcesDir: resources.dir, ticketNumberWidth: 4, heartbeatMs: 1000, feedPollMs: 500 } });
      const port = hall.port;
      const restart = async () => {
        hall = await spawnHall({ ...where, port, config: { resourcesDir: resources.dir, ticketNumberWidth: 4, heartbeatMs: 1000, feedPollMs: 500 } });
      };
      cleanups.push(() => hall.kill());
      const url = hall.url;

      const counters = catalog.windows.filter((w) => w.kind === 'counter').slice(0, WINDOWS);
      const stationWindows = catalog.windows.filter((w) => w.kind === 'counter').slice(WINDOWS);
      const clerks = await pool(counters, 10, (w) => signIn(url, `clerk-${w.code}`, w.code));
      const supervisor = await signIn(url, 'supervisor');
      await pool(
        Array.from({ length: TICKETS }, (_, i) => counters[i % counters.length]!.zones[0]!.zoneCode),
        10,
        (zoneCode) => supervisor.post('/api/v1/tickets', { zoneCode, requestId: ulid() }),
      );

      // Two stations at the reception desks, signed in, with short backoff.
      const stations: Station[] = [];
      for (const { code: w } of stationWindows) {
        const dir = mkdtempSync(join(tmpdir(), `faults-hall-kill-${w}-`));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        const station = createStation(
          loadStationConfig({ env: { HALL_URL: url, STATION_ID: `${w}-kill`, WINDOW_CODE: w, STATION_DATA_DIR: dir, PRINTER: 'simulated', READER: 'none', SYNC_INTERVAL_MS: '0' } }),
          { logger: pino({ level: 'silent' }), backoff: { baseMs: 100, maxMs: 1000 } },
        );
        cleanups.push(() => station.stop());
        await station.start();
        await value(station.dispatch('session.login', { username: `clerk-${w}`, password: 'hall-demo-2026', windowCode: w }));
        await value(station.dispatch('sync.now', {}));
        stations.push(station);
      }
      const screens = [new Screen(() => url, supervisor.token!), new Screen(() => url, supervisor.token!)];

      // The windows: call, start, finish until nothing waits, whatever the server does meanwhile.
      const heard = new Map<string, string[]>();
      const stray: string[] = [];
      const windowLoops = counters.map(async (w, i) => {
        const c = clerks[i]!;
        for (;;) {
          const r = await persist(c, 'POST', `/api/v1/windows/${w.code}/call-next`);
          let ticket: Json;
          if (r.status === 204) return;
          if (r.status === 200) ticket = r.body;
          else if (r.status === 409 && r.body?.error?.code === 'WINDOW_BUSY') ticket = r.body.error.details.current; // called before the crash, the answer lost
          else {
            stray.push(`${w.code} call-next ${r.status} ${r.body?.error?.code}`);
            await sleep(100);
            continue;
          }
          heard.set(ticket.id, [...(heard.get(ticket.id) ?? []), w.code]);
          if (ticket.status === 'called') {
            const s = await persist(c, 'POST', `/api/v1/tickets/${ticket.id}/start`);
            if (s.status !== 200 && s.body?.error?.details?.status !== 'serving') stray.push(`${w.code} start ${s.status} ${s.body?.error?.code}`);
          }
          const f = await persist(c, 'POST', `/api/v1/tickets/${ticket.id}/finish`);
          if (f.status !== 200 && f.body?.error?.details?.status !== 'finished') stray.push(`${w.code} finish ${f.status} ${f.body?.error?.code}`);
        }
      });

      // The kills, each while the windows are busy; a station takes in a case while the hall is down.
      let offlineCases = 0;
      for (let k = 0; k < KILLS; k++) {
        await sleep(800);
        await hall.kill('SIGKILL');
        const station = stations[k % stations.length]!;
        const zone = stationWindows[k % stations.length]!.zones[0]!.zoneCode;
        const matter = catalog.matters.find((m) => m.zoneCode === zone && m.caseType === 'promised' && m.materials.every((x) => x.necessity !== 'deferrable'))!;
        const args = await acceptArgs(station, matter.code, 5000 + k);
        const taken = await station.dispatch('intake.submit', args);
        expect(taken.ok, JSON.stringify(taken)).toBe(true);
        offlineCases++;
        await sleep(300);
        await restart();
      }
      await Promise.all(windowLoops);

      // Stations: nobody presses "sync now"; they must come back and drain by themselves.
      const deadline = Date.now() + 30_000;
      let states: Json[] = [];
      for (;;) {
        states = await Promise.all(stations.map((s) => value<Json>(s.dispatch('sync.state', {}))));
        if (states.every((s) => s.pending === 0 && s.connection === 'online') || Date.now() > deadline) break;
        await sleep(250);
      }
      expect(states.map((s) => ({ pending: s.pending, rejected: s.rejected, connection: s.connection }))).toEqual(stations.map(() => ({ pending: 0, rejected: 0, connection: 'online' })));
      const sup = await signIn(hall.url, 'supervisor');
      const cases = ((await sup.get('/api/v1/cases?limit=500')).body.cases as Json[]).filter((c) => String(c.stationId).endsWith('-kill'));
      expect(cases).toHaveLength(offlineCases);

      // Tickets: all finished; each called exactly once by the server's own change log.
      const tickets: Json[] = [];
      for (const z of new Set(counters.map((w) => w.zones[0]!.zoneCode))) tickets.push(...(await sup.get(`/api/v1/tickets?zoneCode=${z}&limit=2000`)).body.tickets);
      expect(tickets).toHaveLength(TICKETS);
      expect(tickets.filter((t) => t.status !== 'finished').map((t) => `${t.number} ${t.status}`)).toEqual([]);
      // The server's own change log, as its feed replays it to someone who sees the whole hall.
      const log = await replayLog(hall.url, sup.token!);
      const byTicket = new Map<string, Set<number>>();
      for (const ch of log) if (ch.entity === 'ticket' && (ch.data as Json)?.status === 'called') byTicket.set(ch.id, new Set([...(byTicket.get(ch.id) ?? []), ch.seq]));
      expect([...byTicket.values()].filter((s) => s.size !== 1)).toEqual([]);
      expect(byTicket.size).toBe(TICKETS);
      // Every ticket heard by exactly one window (a window may hear its own ticket again after a crash).
      expect([...heard.entries()].filter(([, ws]) => new Set(ws).size > 1)).toEqual([]);
      expect(stray).toEqual([]);

      // Screens: every change-log entry from the first they saw, once, in order, across reconnects.
      await sleep(1500);
      for (const s of screens) await s.stop();
      const all = [...new Set(log.map((c) => c.seq as number))].sort((a, b) => a - b);
      for (const s of screens) {
        expect(s.reconnects).toBeGreaterThanOrEqual(KILLS);
        const first = s.seqs[0]!;
        const expected = all.filter((q) => q >= first && q <= s.seqs[s.seqs.length - 1]!);
        expect(s.seqs).toEqual(expected);
      }
    },
    rounds(240_000, 900_000),
  );
});

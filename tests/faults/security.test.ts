/**
 * Security faults. Already proven elsewhere, not repeated here:
 * - every route × nobody / the window's clerk / another clerk / a supervisor / an administrator:
 *   tests/integration/central/authz.test.ts;
 * - the login rate limit per user and per address, sessions ending on logout and after their hours,
 *   stale tokens on public routes: tests/integration/central/auth.test.ts;
 * - the web host refusing a foreign Origin, a rebound Host and an IPv4 client from another address:
 *   tests/integration/station/web-host.test.ts.
 * What this file adds: the zone dimension of the authz table (a supervisor of other zones, a clerk
 * of another zone), forged and expired tokens on every kind of route, personal data in the logs of
 * a whole working day of hall server AND station, and the web host refusing non-loopback clients on
 * IPv6 and on its event stream and UI files too.
 */
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import pino from 'pino';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation } from '../../src/station/api';
import { loadStationConfig } from '../../src/station/config';
import { startStationWebHost } from '../../src/station/web-host';
import { backends, startInProcessHall, type InProcessHall } from './support/hall-inproc';
import { HallClient, signIn, type Json } from './support/http';
import { everyIdNumber, person, wrongCheckIdNumber } from './support/people';
import { acceptArgs, offlineStation, value } from './support/station';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe.each(backends)('who may act in which zone, and which tokens count (%s)', (backend) => {
  let hall: InProcessHall;
  let admin: HallClient;
  let clock = 0;
  beforeAll(async () => {
    hall = await startInProcessHall(backend, { now: () => new Date(Date.now() + clock) });
    admin = await signIn(hall.url, 'admin');
    for (const [username, zoneCodes] of [
      ['sup-a', ['A']],
      ['sup-b', ['B']],
    ] as const) {
      expect((await admin.post('/api/v1/staff', { username, name: `值班长${username}`, role: 'supervisor', zoneCodes, password: 'Zone-pass-2026' })).status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  /** A ticket called at window A1 by its clerk. */
  async function ticketAtA1(clerk: HallClient): Promise<string> {
    const issued = await admin.post('/api/v1/tickets', { zoneCode: 'A', requestId: ulid() });
    expect(issued.status).toBe(201);
    for (;;) {
      const called = await clerk.post('/api/v1/windows/A1/call-next');
      expect([200, 204]).toContain(called.status);
      if (called.status === 204) throw new Error('nothing to call at A1');
      if (called.body.id === issued.body.id) return issued.body.id as string;
      await clerk.post(`/api/v1/tickets/${called.body.id}/start`);
      await clerk.post(`/api/v1/tickets/${called.body.id}/finish`);
    }
  }

  it('keeps a supervisor of other zones and a clerk of another zone out of window A1 and its tickets, with 403 and a code', async () => {
    const clerkA1 = await signIn(hall.url, 'clerk-A1', 'A1');
    const supA = await signIn(hall.url, 'sup-a', undefined, 'Zone-pass-2026');
    const supB = await signIn(hall.url, 'sup-b', undefined, 'Zone-pass-2026');
    const clerkB1 = await signIn(hall.url, 'clerk-B1', 'B1');
    const id = await ticketAtA1(clerkA1);
    const waiting = (await admin.post('/api/v1/tickets', { zoneCode: 'A', requestId: ulid() })).body.id as string;
    const windowCalls: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/windows/A1'],
      ['POST', '/api/v1/windows/A1/pause', { reason: '测试' }],
      ['POST', '/api/v1/windows/A1/resume'],
      ['POST', '/api/v1/windows/A1/call-next'],
      ['POST', `/api/v1/tickets/${id}/recall`],
      ['POST', `/api/v1/tickets/${id}/start`],
      ['POST', `/api/v1/tickets/${id}/no-show`],
      ['POST', `/api/v1/tickets/${waiting}/reassign`, { windowCode: 'A2' }],
      ['POST', `/api/v1/tickets/${id}/cancel`, {}],
      // Last: a transfer to zone B takes the ticket out of zone A's supervisor's reach.
      ['POST', `/api/v1/tickets/${id}/transfer`, { zoneCode: 'B', position: 'back' }],
    ];
    const refused: string[] = [];
    for (const [who, client, codes] of [
      ['a supervisor of zone B', supB, ['ZONE_FORBIDDEN']],
      ['the clerk of B1', clerkB1, ['WINDOW_FORBIDDEN', 'ROLE_FORBIDDEN']],
    ] as const) {
      for (const [method, path, body] of windowCalls) {
        const r = await client.call(method, path, body);
        if (r.status !== 403 || !(codes as readonly string[]).includes(r.body?.error?.code)) refused.push(`${who} ${method} ${path}: ${r.status} ${r.body?.error?.code}`);
      }
    }
    expect(refused).toEqual([]);
    // The supervisor of zone A may: allowed calls fail only on their merits, never 401/403.
    for (const [method, path, body] of windowCalls) {
      const r = await supA.call(method, path, body);
      expect([401, 403], `${method} ${path}`).not.toContain(r.status);
    }
  });

  it('refuses forged, tampered, revoked, deactivated and expired tokens with 401 on staff, supervisor, admin and event routes', async () => {
    const real = await signIn(hall.url, 'sup-a', undefined, 'Zone-pass-2026');
    const token = real.token!;
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const loggedOut = await signIn(hall.url, 'sup-a', undefined, 'Zone-pass-2026');
    expect((await loggedOut.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await admin.post('/api/v1/staff', { username: 'leaver', name: '离职人员', role: 'supervisor', zoneCodes: ['A'], password: 'Gone-away-2026' })).status).toBe(201);
    const leaver = await signIn(hall.url, 'leaver', undefined, 'Gone-away-2026');
    expect((await admin.call('PATCH', '/api/v1/staff/leaver', { active: false })).status).toBe(200);
    const tokens: Record<string, string> = {
      random: Buffer.from(ulid() + ulid()).toString('base64url'),
      tampered: flipped,
      'another format': `${token}.${token}`,
      'logged out': loggedOut.token!,
      'deactivated account': leaver.token!,
      'SQL in the token': "' OR '1'='1",
    };
    const routes = ['/api/v1/auth/me', '/api/v1/hall', '/api/v1/staff', '/api/v1/tickets?zoneCode=A'];
    const wrong: string[] = [];
    for (const [kind, t] of Object.entries(tokens)) {
      for (const path of routes) {
        const r = await new HallClient(hall.url, t).get(path);
        // An unknown token is UNAUTHENTICATED; a known one that ended says so (SESSION_ENDED, with why).
        const want = kind === 'logged out' || kind === 'deactivated account' ? 'SESSION_ENDED' : 'UNAUTHENTICATED';
        if (r.status !== 401 || r.body?.error?.code !== want) wrong.push(`${kind} ${path}: ${r.status} ${r.body?.error?.code}`);
      }
      const events = await fetch(`${hall.url}/api/v1/events?access_token=${encodeURIComponent(t)}`);
      if (events.status !== 401) wrong.push(`${kind} events: ${events.status}`);
      await events.body?.cancel();
    }
    // Bearer without a token, a token in the wrong scheme.
    for (const header of ['Bearer', 'Bearer ', `Basic ${token}`, token]) {
      const r = await fetch(`${hall.url}/api/v1/auth/me`, { headers: { authorization: header } });
      if (r.status !== 401) wrong.push(`authorization "${header.slice(0, 12)}…": ${r.status}`);
    }
    expect(wrong).toEqual([]);
    expect((await real.get('/api/v1/auth/me')).status).toBe(200);

    // Thirteen hours later the twelve-hour session is over.
    clock += 13 * 3_600_000;
    try {
      expect((await real.get('/api/v1/auth/me')).status).toBe(401);
    } finally {
      clock -= 13 * 3_600_000;
    }
  });
});

describe.each(backends)('personal data in the logs of a working day (%s)', (backend) => {
  it('writes no full ID number or phone number to the hall server or station logs', async () => {
    const hall = await startInProcessHall(backend, { logLevel: 'debug' });
    const stationLog: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'faults-pii-'));
    const station = createStation(
      loadStationConfig({ env: { HALL_URL: hall.url, STATION_ID: 'A3-pii', WINDOW_CODE: 'A3', STATION_DATA_DIR: dir, PRINTER: 'simulated', READER: 'simulated', SYNC_INTERVAL_MS: '0' } }),
      { logger: pino({ level: 'debug' }, { write: (s: string) => void stationLog.push(s) }) },
    );
    try {
      await station.start();
      await value(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
      await value(station.dispatch('sync.now', {}));
      const hits = await value<Json[]>(station.dispatch('catalog.search', { query: '登记', limit: 50 }));
      const matter = hits.find((h) => h.kind === 'matter' && h.caseType === 'promised')!.code as string;
      const phones: string[] = [];
      for (let i = 0; i < 3; i++) {
        const args = await acceptArgs(station, matter, 100 + i);
        phones.push(args.applicant.phone);
        const made = await value<Json>(station.dispatch('intake.submit', args));
        await value(station.dispatch('cases.get', { caseId: made.case.id }));
        await value(station.dispatch('cases.list', { query: args.applicant.idNumber, limit: 5 }));
      }
      // A mistyped number is refused by the station; a ticket against a bad one by the hall.
      const bad = await acceptArgs(station, matter, 200);
      await station.dispatch('intake.submit', { ...bad, applicant: { ...bad.applicant, idNumber: wrongCheckIdNumber(200) } });
      await station.dispatch('queue.issue', { zoneCode: 'A', idNumber: wrongCheckIdNumber(201) });
      await station.dispatch('queue.issue', { zoneCode: 'A', idNumber: person(202).idNumber });
      await value(station.dispatch('sync.now', {}));
      // Hall-side look-ups by number, a refused ticket, a refused push echoing the number.
      const sup = await signIn(hall.url, 'supervisor');
      await sup.get(`/api/v1/cases?idNumber=${person(100).idNumber}`);
      await sup.post('/api/v1/tickets', { zoneCode: 'A', requestId: ulid(), idNumber: wrongCheckIdNumber(203) });
      await sup.post('/api/v1/tickets', { zoneCode: 'Q', requestId: ulid(), idNumber: person(204).idNumber });
      await sup.post('/api/v1/sync/push', { stationId: 'A3-pii', mutations: [{ id: ulid(), name: 'case.accept', args: { case: { applicant: { idNumber: person(205).idNumber } } }, at: new Date().toISOString(), staffId: 'x' }] });

      const numbers = [...everyIdNumber(), ...[200, 201, 203].map(wrongCheckIdNumber)];
      const hallLog = hall.logs.join('');
      const stLog = stationLog.join('');
      expect(hallLog.length).toBeGreaterThan(1000);
      // The refusals were logged (the scan looks where the numbers could have gone).
      expect(hallLog).toContain('ID_NUMBER_CHECK_DIGIT');
      expect({ hall: numbers.filter((n) => hallLog.includes(n)), station: numbers.filter((n) => stLog.includes(n)) }).toEqual({ hall: [], station: [] });
      expect({ hall: phones.filter((p) => hallLog.includes(p)), station: phones.filter((p) => stLog.includes(p)) }).toEqual({ hall: [], station: [] });
    } finally {
      await station.stop();
      await hall.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const ipv6 = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv6' && !a.address.startsWith('fe80'))?.address;
const ipv4 = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

function rawGet(url: string, path: string, localAddress: string, method = 'GET', key?: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${u.port}`, 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) };
    const req = httpRequest(
      { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port, path, method, localAddress, headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

describe.skipIf(!ipv6 && !ipv4)('the station web host bound to every address', () => {
  it(`refuses clients on ${[ipv6, ipv4].filter(Boolean).join(' and ')} on the API, the event stream and the UI files`, async () => {
    const station = await offlineStation();
    const host = await startStationWebHost({ config: station.context.config, station, port: 0, host: '::' });
    try {
      const port = new URL(host.url).port;
      const refused: string[] = [];
      for (const address of [ipv6, ipv4].filter((a): a is string => Boolean(a))) {
        const base = address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;
        for (const [method, path] of [
          ['POST', '/station/session.get'],
          ['GET', '/station/events'],
          ['GET', '/'],
          ['GET', '/index.html'],
        ] as const) {
          // Even with the station's key: the key is for this PC's own browser, never for the network.
          const r = await rawGet(base, path, address, method, host.key);
          if (r.status !== 403 || !r.body.includes('LOOPBACK_ONLY')) refused.push(`${address} ${method} ${path}: ${r.status}`);
        }
      }
      expect(refused).toEqual([]);
      // The same host still serves this machine, with the key, and without it nothing.
      expect((await rawGet(`http://127.0.0.1:${port}`, '/station/session.get', '127.0.0.1', 'POST', host.key)).status).toBe(200);
      expect((await rawGet(`http://127.0.0.1:${port}`, '/station/session.get', '127.0.0.1', 'POST')).status).toBe(401);
    } finally {
      await host.close();
      await station.stop();
    }
  });
});

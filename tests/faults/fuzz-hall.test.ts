/**
 * Bad input at every hall-server route, the routes taken from the server's own route registry (the
 * same one that writes the OpenAPI document): invalid JSON, wrong types, 1 MB strings, unknown enum
 * values, impossible dates and ID numbers, SQL and script payloads in every field. The server must
 * answer 4xx with an error code, never 5xx, and a refusal must write nothing (row counts of every
 * table and the change-log sequence unchanged). Payloads that are valid text (a pause reason that
 * reads like SQL) may be accepted: then they are stored as text, and the tables are all still there.
 */
import { readFileSync } from 'node:fs';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../../src/central/http/route';
import { acceptedCase, intakeOf } from './support/cases';
import { demoCalendar, demoCatalog } from './support/catalog';
import { backends, changed, startInProcessHall, type InProcessHall } from './support/hall-inproc';
import { registerPc, signIn, type HallClient, type Json } from './support/http';
import { leaves, mutations, MUST_REFUSE, setAt, type Category } from './support/mutate';
import { everyIdNumber, person } from './support/people';
import { FULL } from './support/rounds';

interface Base {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Json;
  /** A session only for this request (logout, password change). */
  ownSession?: boolean;
  /** Server-Sent Events: a valid request opens a stream. */
  stream?: boolean;
}

interface Case {
  route: string;
  where: 'body' | 'query' | 'params';
  path: string;
  category: Category;
  request: { params: Record<string, string>; query: Record<string, string>; body: unknown; rawBody?: string };
}

function casesFor(route: string, base: Base): Case[] {
  const out: Case[] = [];
  const req = () => ({ params: { ...base.params }, query: { ...base.query }, body: base.body });
  if (base.body !== undefined || /^(POST|PUT|PATCH)/.test(route)) {
    out.push({ route, where: 'body', path: '', category: 'invalid-json', request: { ...req(), rawBody: '{"zoneCode": "A", ' } });
    out.push({ route, where: 'body', path: '', category: 'invalid-json', request: { ...req(), rawBody: "{'single': 'quotes'}" } });
  }
  if (base.body !== undefined) {
    for (const { path, value } of leaves(base.body)) {
      for (const m of mutations(value, path[path.length - 1] ?? '', 'body')) {
        out.push({ route, where: 'body', path: path.join('.'), category: m.category, request: { ...req(), body: setAt(base.body, path, m.value) } });
      }
    }
  }
  for (const where of ['query', 'params'] as const) {
    for (const [key, value] of Object.entries(base[where] ?? {})) {
      for (const m of mutations(value, key, where)) {
        if (typeof m.value !== 'string') continue;
        const r = req();
        r[where][key] = m.value;
        // In the path every bad value is refused (no route param is free text).
        out.push({ route, where, path: key, category: where === 'params' && m.category === 'payload' ? 'type' : m.category, request: r });
      }
    }
  }
  return out;
}

/** At most `n` cases per route and category in the short run, spread over the fields. */
function sample(cases: Case[], n: number): Case[] {
  const groups = new Map<string, Case[]>();
  for (const c of cases) {
    const k = `${c.route}|${c.category}|${c.where}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.values()].flatMap((g) => (g.length <= n ? g : Array.from({ length: n }, (_, i) => g[Math.floor((i * g.length) / n)]!)));
}

describe.each(backends)('every hall-server route under bad input (%s)', (backend) => {
  let hall: InProcessHall;
  let admin: HallClient;
  const bases = new Map<string, Base>();
  let pcKey: string;
  let routes: AnyRoute[] = [];

  beforeAll(async () => {
    hall = await startInProcessHall(backend, { config: { loginLimit: { perUser: 5, perAddress: 100_000, baseDelaySeconds: 15, maxDelaySeconds: 900, quietMinutes: 15 } } });
    // The administrator works at window A1 on a registered PC: it may take cases in there and push them.
    pcKey = await registerPc(hall.url, 'fuzz-station', 'A1');
    admin = await signIn(hall.url, 'admin', 'A1', undefined, pcKey);
    routes = hall.server.app.hall.routes.routes;
    const me = (await admin.get('/api/v1/auth/me')).body;
    // A person to own password changes, and what the parameters point at: a ticket, a case.
    const made = await admin.post('/api/v1/staff', { username: 'fuzzer', name: '测试员', role: 'supervisor', zoneCodes: ['A'], password: 'Fuzzing-pass-2026' });
    expect(made.status).toBe(201);
    const portal = await admin.post('/api/v1/staff', { username: 'fuzz-portal', name: '网上办事大厅', role: 'portal', zoneCodes: [], password: 'Gateway-pass-2026' });
    expect(portal.status).toBe(201);
    const key = await admin.post('/api/v1/staff/fuzz-portal/api-keys', { label: '接口' });
    expect(key.status).toBe(201);
    const ticket = await admin.post('/api/v1/tickets', { zoneCode: 'A', requestId: ulid() });
    expect(ticket.status).toBe(201);
    const catalog = demoCatalog();
    const calendar = demoCalendar();
    const matter = catalog.matters.find((m) => m.zoneCode === 'A' && m.caseType === 'promised' && m.materials.every((x) => x.necessity !== 'deferrable'))!;
    const record = acceptedCase({ stationId: 'fuzz-station', windowCode: 'A1', clerkId: me.staff.id, serial: 1, at: new Date(), matter, applicant: person(1), calendar });
    const pushed = await admin.post('/api/v1/sync/push', { stationId: 'fuzz-station', mutations: [{ id: ulid(), name: 'case.accept', args: { case: intakeOf(record) }, at: record.acceptedAt, staffId: me.staff.id }] });
    expect(pushed.body.results?.[0]?.status, JSON.stringify(pushed.body)).toBe('applied');
    const id = ticket.body.id as string;
    const day = ticket.body.day as string;
    const calendar2026 = JSON.parse(readFileSync(new URL('../../resources/calendar/2026.json', import.meta.url), 'utf8')) as Json;
    const notice2027 = readFileSync(new URL('../fixtures/calendar-notices/2027-plausible.txt', import.meta.url), 'utf8');
    const tid = { id };
    const entries: Array<[string, Base]> = [
      ['GET /healthz', {}],
      ['GET /api/v1/openapi.json', {}],
      ['POST /api/v1/auth/login', { body: { username: 'supervisor', password: 'wrong-password-1', windowCode: 'A1' } }],
      ['POST /api/v1/auth/logout', { ownSession: true }],
      ['GET /api/v1/auth/me', {}],
      ['POST /api/v1/auth/password', { body: { currentPassword: 'not-the-password', newPassword: 'Another-pass-2026' }, ownSession: true }],
      ['GET /api/v1/staff', {}],
      ['POST /api/v1/staff', { body: { username: 'fuzz-new', name: '新同事', role: 'clerk', zoneCodes: ['A'], homeWindowCode: 'A1', password: 'Long-enough-2026' } }],
      ['PATCH /api/v1/staff/:username', { params: { username: 'fuzzer' }, body: { name: '测试员二', zoneCodes: ['A', 'B'], active: true } }],
      ['POST /api/v1/staff/:username/api-keys', { params: { username: 'fuzz-portal' }, body: { label: '第二把' } }],
      ['DELETE /api/v1/staff/:username/api-keys/:id', { params: { username: 'fuzz-portal', id: key.body.id } }],
      ['POST /api/v1/stations/register', { body: { stationId: 'FRESH', key: 'FRESH-FRESH-FRESH-FRESH-FRESH-FRESH-FRESH-FRESH', label: '新电脑', windowCode: 'A2' } }],
      ['GET /api/v1/stations/self', {}],
      ['GET /api/v1/stations', {}],
      ['POST /api/v1/stations/:id/approve', { params: { id: 'fuzz-station' }, body: { pairingCode: '123456' } }],
      ['POST /api/v1/stations/:id/revoke', { params: { id: 'nowhere' } }],
      ['GET /api/v1/catalog', {}],
      ['POST /api/v1/catalog/import', { body: { format: 'json', catalog: { zones: [{ code: 'A', name: '商事登记' }] } } }],
      ['GET /api/v1/calendar', {}],
      ['GET /api/v1/calendar/due-date', { query: { from: '2026-11-27', workingDays: '5' } }],
      ['GET /api/v1/calendar/:year', { params: { year: '2026' } }],
      ['PUT /api/v1/calendar/:year', { params: { year: '2026' }, body: calendar2026 }],
      ['GET /api/v1/calendar/moved-deadlines', {}],
      ['GET /api/v1/calendar/:year/revisions', { params: { year: '2026' } }],
      ['POST /api/v1/calendar/:year/preview', { params: { year: '2027' }, body: { text: notice2027 } }],
      ['POST /api/v1/tickets', { body: { zoneCode: 'A', priority: 'normal', idNumber: person(3).idNumber, requestId: 'FRESH' } }],
      ['GET /api/v1/tickets', { query: { zoneCode: 'A', status: 'waiting', day, limit: '10' } }],
      ['GET /api/v1/tickets/:id', { params: tid }],
      ['POST /api/v1/tickets/:id/recall', { params: tid }],
      ['POST /api/v1/tickets/:id/no-show', { params: tid }],
      ['POST /api/v1/tickets/:id/reactivate', { params: tid, body: { position: 'front' } }],
      ['POST /api/v1/tickets/:id/start', { params: tid }],
      ['POST /api/v1/tickets/:id/finish', { params: tid }],
      ['POST /api/v1/tickets/:id/transfer', { params: tid, body: { zoneCode: 'B', position: 'front' } }],
      ['POST /api/v1/tickets/:id/reassign', { params: tid, body: { windowCode: 'A2' } }],
      ['POST /api/v1/tickets/:id/cancel', { params: tid, body: { reason: '申请人离开' } }],
      ['POST /api/v1/windows/:code/call-next', { params: { code: 'A1' } }],
      ['POST /api/v1/windows/:code/pause', { params: { code: 'A1' }, body: { reason: '午休' } }],
      ['POST /api/v1/windows/:code/resume', { params: { code: 'A1' } }],
      ['GET /api/v1/windows/:code', { params: { code: 'A1' } }],
      ['GET /api/v1/hall', {}],
      ['GET /api/v1/events', { query: { lastEventId: '0' }, stream: true }],
      [
        'POST /api/v1/sync/push',
        // The case already recorded: every well-formed variant is refused inside the push
        // (CASE_ALREADY_RECORDED) whatever field the fuzzer touched, so no variant's acceptance
        // depends on which variant happened to come first.
        { body: { stationId: 'fuzz-station', mutations: [{ id: 'FRESH', name: 'case.accept', args: { case: intakeOf(record) }, at: record.acceptedAt, staffId: me.staff.id }] } },
      ],
      ['GET /api/v1/sync/pull', { query: { cursor: '0', limit: '10' } }],
      ['GET /api/v1/cases/:caseNo', { params: { caseNo: record.caseNo } }],
      ['GET /api/v1/cases', { query: { idNumber: person(1).idNumber, status: 'accepted', from: '2026-01-01', to: '2026-12-31', windowCode: 'A1', limit: '10' } }],
      ['POST /api/v1/tickets/:id/evaluation', { params: tid, body: { level: 4, reason: '态度不好', source: 'pad' } }],
      ['GET /api/v1/evaluations', { query: { windowCode: 'A1', staff: 'clerk-A1', from: '2026-01-01', to: '2026-12-31', level: '4', limit: '10' } }],
      ['POST /api/v1/evaluations/:id/appeal', { params: tid, body: { reason: '恶意差评' } }],
      ['POST /api/v1/evaluations/:id/appeal/decision', { params: tid, body: { upheld: false, reason: '不属恶意' } }],
      ['GET /api/v1/evaluation-follow-ups', { query: { state: 'all', limit: '10' } }],
      ['GET /api/v1/evaluation-settings', {}],
      ['PUT /api/v1/evaluation-settings', { body: { returnVisitDays: 5, rectificationDays: 15 } }],
      ['PATCH /api/v1/evaluation-follow-ups/:id', { params: tid, body: { returnVisit: { on: '2026-12-01', note: '电话回访' }, finding: '属实' } }],
      ['GET /api/v1/windows/:code/pauses', { params: { code: 'A1' }, query: { day } }],
      // The online inbox: filing, correction and withdrawal are the portal's (the administrator is
      // refused with a code whatever the input); the review routes are the window's.
      [
        'POST /api/v1/online-applications',
        {
          body: {
            portalId: 'FRESH',
            submittedAt: new Date().toISOString(),
            applicant: { name: '网上申请人', idNumber: person(4).idNumber, phone: '13905380000' },
            matterCodes: [matter.code],
            form: { note: '网上申办' },
            files: [{ materialCode: 'M001', fileName: '申请书.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0xLjQKJcTl8uXrCg==' }],
          },
        },
      ],
      ['GET /api/v1/online-applications', { query: { state: 'filed' } }],
      ['GET /api/v1/online-applications/:id', { params: tid }],
      ['GET /api/v1/online-applications/:id/materials/:n', { params: { id, n: '1' } }],
      ['POST /api/v1/online-applications/:id/return', { params: tid, body: { items: [{ materialCode: 'M001', problem: 'missing', reason: '未提交' }], note: '请补正' } }],
      ['POST /api/v1/online-applications/:id/correction', { params: tid, body: { correctionId: 'FRESH', files: [] } }],
      ['POST /api/v1/online-applications/:id/accept', { params: tid, body: { outcome: 'accept' } }],
      ['POST /api/v1/online-applications/:id/refuse', { params: tid, body: { reason: '不属于本机关职权范围' } }],
      ['POST /api/v1/online-applications/:id/withdraw', { params: tid, body: {} }],
      // Appointments (预约).
      ['POST /api/v1/appointment-slots', { body: { zoneCode: 'A', day: '2027-03-01', start: '09:00', end: '09:30', capacity: 5 } }],
      ['POST /api/v1/appointment-slots/week', { body: { zoneCode: 'A', from: '2027-03-08', days: 7, weekdays: [1, 2, 3], slots: [{ start: '09:00', end: '09:30', capacity: 5 }] } }],
      ['GET /api/v1/appointment-slots', { query: { zoneCode: 'A', day: '2027-03-01' } }],
      ['POST /api/v1/appointments', { body: { slotId: id, idNumber: person(5).idNumber, name: '预约人', phone: '13905380001', requestId: 'FRESH' } }],
      ['GET /api/v1/appointments', { query: { idNumber: person(5).idNumber, day: '2027-03-01' } }],
      ['POST /api/v1/appointments/:id/cancel', { params: tid, body: {} }],
      ['POST /api/v1/appointments/:id/check-in', { params: tid, body: { idNumber: person(5).idNumber } }],
      // Reports.
      ['GET /api/v1/reports/queue', { query: { from: '2026-12-01', to: '2026-12-31', groupBy: 'window', zone: 'A' } }],
      ['GET /api/v1/reports/cases', { query: { from: '2026-12-01', to: '2026-12-31', groupBy: 'day' } }],
      ['GET /api/v1/reports/evaluations', { query: { from: '2026-12-01', to: '2026-12-31', groupBy: 'staff' } }],
      ['GET /api/v1/reports/summary', { query: { period: 'month', date: '2026-12' } }],
      ['GET /api/v1/reports/channels', {}],
      // How long online materials are kept, and the purge (the administrator's).
      ['GET /api/v1/material-retention', {}],
      ['PUT /api/v1/material-retention', { body: { acceptedDays: 3650, closedDays: 180 } }],
      ['POST /api/v1/material-retention/purge', { body: {} }],
      ['GET /api/v1/material-retention/runs', { query: { limit: '5' } }],
      // The citizens' pages and hall screens (public; pages answer HTML).
      ['GET /c/:caseNo/:code', { params: { caseNo: record.caseNo, code: 'AAAAAAAAAAAAAAAA' } }],
      ['GET /display', { query: { zone: 'A' } }],
      ['GET /api/v1/display', { query: { zone: 'A' } }],
      ['GET /api/v1/display/events', { query: { zone: 'A' }, stream: true }],
      ['GET /display/window/:code', { params: { code: 'A1' } }],
      ['GET /api/v1/display/windows/:code', { params: { code: 'A1' } }],
      ['GET /api/v1/display/settings', {}],
      ['PUT /api/v1/display/settings', { body: { voiceRepeat: 2, recentCalls: 6 } }],
      ['GET /api/v1/display/voice', { query: { text: '请A001号到A1窗口办理' } }],
      ['GET /q/:token', { params: { token: 'AAAAAAAAAAAAAAAAAAAAAA' } }],
      ['GET /api/v1/q/:token', { params: { token: 'AAAAAAAAAAAAAAAAAAAAAA' } }],
    ];
    for (const [k, v] of entries) bases.set(k, v);
  }, 120_000);

  afterAll(async () => {
    await hall?.close();
  });

  it('has a bad-input plan for every route the server registers', () => {
    const registered = routes.map((r) => `${r.endpoint.method} ${r.endpoint.path}`);
    expect(registered.length).toBeGreaterThan(30);
    expect(registered.filter((r) => !bases.has(r))).toEqual([]);
  });

  it(
    'answers bad input with a 4xx and an error code, never a 5xx, and writes nothing when it refuses',
    async () => {
      const all = [...bases].flatMap(([route, base]) => casesFor(route, base));
      const chosen = FULL ? all : sample(all, 2);
      const failures: string[] = [];
      const accepted: string[] = [];
      for (const c of chosen) {
        const base = bases.get(c.route)!;
        const [method, template] = c.route.split(' ') as [string, string];
        const path = template.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(c.request.params[k] ?? ''));
        const qs = new URLSearchParams(c.request.query).toString();
        let body = c.request.body;
        // Each issue and push gets a fresh request id, so a repeat is never mistaken for a retry.
        if (body && typeof body === 'object') body = JSON.parse(JSON.stringify(body).replaceAll('"FRESH"', () => `"${ulid()}"`));
        const client = base.ownSession ? await signIn(hall.url, 'fuzzer', undefined, 'Fuzzing-pass-2026') : admin;
        const before = await hall.fingerprint();
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 5000);
        let status = 0;
        let page = false;
        let answer: Json = null;
        try {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (client.token) headers.authorization = `Bearer ${client.token}`;
          if (client.stationKey) headers['x-station-key'] = client.stationKey;
          const res = await fetch(`${hall.url}${path}${qs ? `?${qs}` : ''}`, {
            method,
            headers,
            body: method === 'GET' ? undefined : (c.request.rawBody ?? (body === undefined ? undefined : JSON.stringify(body))),
            signal: controller.signal,
          });
          status = res.status;
          // The citizens' pages answer an HTML page (the same 404 page for any altered address).
          page = (res.headers.get('content-type') ?? '').includes('text/html');
          if ((res.headers.get('content-type') ?? '').includes('event-stream')) {
            controller.abort();
            answer = 'stream';
          } else {
            const text = await res.text();
            try {
              answer = text ? JSON.parse(text) : null;
            } catch {
              answer = text;
            }
          }
        } catch (e) {
          if (!(base.stream && controller.signal.aborted)) failures.push(`${c.route} ${c.where}.${c.path} [${c.category}]: no answer (${String(e)})`);
        } finally {
          clearTimeout(timer);
        }
        const delta = changed(before, await hall.fingerprint());
        const label = `${c.route} ${c.where}.${c.path || '(body)'} [${c.category}]`;
        if (status >= 500) {
          failures.push(`${label}: ${status} ${JSON.stringify(answer).slice(0, 200)}`);
          continue;
        }
        const pushRefusedInside = c.route === 'POST /api/v1/sync/push' && status === 200 && (answer?.results as Json[] | undefined)?.every((r) => r.status === 'rejected' && typeof r.code === 'string');
        if (status >= 400 || pushRefusedInside) {
          if (status === 431 || status === 414) continue; // refused by Node's HTTP parser, before the app: no body to carry a code
          if (!pushRefusedInside && !page && !/^[A-Z][A-Z0-9_]+$/.test(String(answer?.error?.code ?? ''))) failures.push(`${label}: ${status} without an error code: ${JSON.stringify(answer).slice(0, 200)}`);
          // A refused sign-in counts towards the rate limit, and a refused push keeps its answer: those writes are the point.
          const allowed = c.route === 'POST /api/v1/auth/login' ? ['login_throttle', 'audit_log', 'audit'] : pushRefusedInside ? ['processed_mutations'] : [];
          const written = Object.keys(delta).filter((t) => !allowed.includes(t));
          if (written.length > 0) failures.push(`${label}: refused with ${status} but wrote ${JSON.stringify(delta)}`);
          continue;
        }
        if (MUST_REFUSE.has(c.category) && !(base.stream && answer === 'stream')) failures.push(`${label}: accepted (${status}) ${JSON.stringify(answer).slice(0, 160)}`);
        else accepted.push(label);
      }
      // The tables are all still there after the SQL payloads.
      const after = await hall.fingerprint();
      expect(after.tickets).toBeGreaterThan(0);
      expect(after.staff).toBeGreaterThan(0);
      expect(failures, `${failures.length} of ${chosen.length} bad requests were mishandled`).toEqual([]);
    },
    FULL ? 1_200_000 : 240_000,
  );

  it('never writes a full ID number of the people it was sent to its log', () => {
    const log = hall.logs.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(everyIdNumber().filter((n) => log.includes(n))).toEqual([]);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are plain JSON that the assertions check field by field */
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationPolicy, routePolicy, roles, type Role, type RouteKey, type Rule, type Scope } from '../../../src/central/auth/policy';
import type { CaseIntake } from '../../../src/contract/case';
import { mutationNames, type MutationName } from '../../../src/contract/sync';
import { idCheckCharacter } from '../../../src/domain/id-number';
import { evaluationFollowUps, evaluations } from '../../../src/central/db/schema';
import { addDays, localDateInShanghai } from '../../../src/domain/local-date';
import { backends, type TestHall, type TestStation, startTestHall } from './harness';

/**
 * The authorisation table, generated from the policy it checks (src/central/auth/policy.ts): every
 * route and every sync mutation × every role (and nobody) × in and out of the role's scope, sent as
 * real HTTP requests and real sync pushes. What "in" and "out" mean per scope:
 *   window: the caller's own window / window D1;  zones: zone C / zone D;
 *   station: a case taken in at the caller's own PC / at window D1's PC;
 *   departments: department X (the zone-C matter's) / department Y (the zone-D matter's).
 * An allowed call may still fail on its merits (400, 404, 409, 422), never with 401/403; a refused one
 * answers exactly 401, 403 with the scope's code, or 404 where the row hides what is out of scope.
 * The hand-written table at the end states the riskiest cells without reading the policy.
 */

type Who = Role | 'none';
type Side = 'in' | 'out';
interface Req {
  method: string;
  path: string;
  body?: unknown;
  /** Another session of the caller's account (a logout must not end the session the next row uses). */
  freshSession?: boolean;
  /** Send this station key instead of the caller's own. */
  stationKey?: string;
  /** Sign in as another seat of the same role (a town centre's clerk files into the inbox). */
  token?: string;
}
interface Answer {
  status: number;
  code?: string;
  body?: any;
}

/** Every role's seat in this hall: its account, where it signs in, and from which PC. */
const SEATS: Record<Role, { username: string; window?: string; pc?: string }> = {
  clerk: { username: 'clerk-C1', window: 'C1', pc: 'pc-C1' },
  supervisor: { username: 'sup-C', window: 'C2', pc: 'pc-sup' },
  approver: { username: 'approver-X', pc: 'pc-office' },
  admin: { username: 'admin', window: 'C3', pc: 'pc-admin' },
  portal: { username: 'portal-t' },
};
const PASSWORD = 'Seat-pass-2026';

/** Out-of-scope answers per scope (auth/policy.ts). */
const OUT_CODE: Record<Exclude<Scope, 'hall' | 'self'>, string> = {
  window: 'WINDOW_FORBIDDEN',
  station: 'STATION_FORBIDDEN',
  zones: 'ZONE_FORBIDDEN',
  departments: 'DEPARTMENT_FORBIDDEN',
};
const AUTH_CODES = /FORBIDDEN|MUTATION_STAFF_|UNAUTHENTICATED|SESSION_ENDED/;

let serial = 0;
function idNumber(): string {
  serial += 1;
  const body = `370902199001${String(10 + (serial % 18)).padStart(2, '0')}${String(100 + serial).slice(-3)}`;
  return body + idCheckCharacter(body);
}

describe.each(backends)('who may do what, generated from the policy table, on %s', (backend) => {
  let hall: TestHall;
  let adminToken: string;
  const pcs = new Map<string, TestStation>();
  const tokens = new Map<Role, string>();
  const staffIds = new Map<Role, string>();
  let portalKey: string;
  let matterC: { code: string; departmentCode: string };
  let matterD: { code: string; departmentCode: string };
  /** Matters handled online, of zone C (in scope) and zone D (out). */
  const onlineMatter = new Map<'C' | 'D', string>();
  /** Cases by who took them in: each role's own (at its PC), and window D1's. */
  const cases = new Map<Role | 'D1', CaseIntake>();
  /** A clerk signed in at the demo town centre's window TC01: the one clerk who files into the inbox. */
  let centreClerk: string;

  async function sessionOf(role: Role): Promise<string> {
    const seat = SEATS[role];
    if (role === 'portal') return hall.login(seat.username, undefined, PASSWORD);
    return hall.login(seat.username, seat.window, role === 'clerk' || role === 'admin' ? undefined : PASSWORD, pcs.get(seat.pc!)!.key);
  }

  async function send(req: Req, who: Who): Promise<Answer> {
    let token: string | undefined;
    if (who !== 'none') token = req.token ?? (req.freshSession ? await sessionOf(who) : tokens.get(who));
    const seat = who === 'none' ? undefined : SEATS[who];
    const stationKey = req.stationKey ?? (seat?.pc ? pcs.get(seat.pc)!.key : undefined);
    const ac = new AbortController();
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (stationKey) headers['x-station-key'] = stationKey;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(hall.url + req.path, { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body), signal: ac.signal });
    if ((r.headers.get('content-type') ?? '').includes('text/event-stream')) {
      ac.abort();
      return { status: r.status };
    }
    const text = await r.text();
    const body = text && (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : null;
    // A clerk's second session at its window took the first one over: the seat signs in again.
    if (req.freshSession && who !== 'none') tokens.set(who, await sessionOf(who));
    return { status: r.status, code: body?.error?.code, body };
  }

  /** A rejection notice (不予受理) taken in at a window: no checklist or calendar in the way, but a case all the same. */
  function intakeAt(windowCode: string, pc: string, clerkId: string, matter: { code: string }): CaseIntake {
    return {
      id: ulid(),
      caseNo: `TS-${'20261207'}-${windowCode}-${String(++serial).padStart(4, '0')}`,
      stationId: pc,
      windowCode,
      clerkId,
      ticketId: null,
      ticketNumber: null,
      matterCodes: [matter.code],
      bundleCode: null,
      applicant: { name: '授权测试', idType: '111', idNumber: idNumber(), phone: '13905380000', address: '泰山区测试路1号' },
      agent: null,
      source: 'window',
      materials: [],
      acceptedAt: hall.clock.now().toISOString(),
      promisedDate: '2026-12-31',
      noticeNo: `BY-${serial}`,
    };
  }

  const envelope = (name: MutationName, args: unknown, who: Role) => ({ id: ulid(), name, args, at: hall.clock.now().toISOString(), staffId: staffIds.get(who)! });

  beforeAll(async () => {
    hall = await startTestHall(backend);
    adminToken = await hall.login('admin');
    const catalog = (await hall.api('GET', '/api/v1/catalog')).body;
    matterC = catalog.matters.find((m: any) => m.zoneCode === 'C' && m.caseType === 'promised');
    matterD = catalog.matters.find((m: any) => m.zoneCode === 'D' && m.caseType === 'promised' && m.departmentCode !== matterC.departmentCode);
    for (const zone of ['C', 'D'] as const) onlineMatter.set(zone, catalog.matters.find((m: any) => m.zoneCode === zone && m.handlingForms.includes(2)).code);
    const made = async (body: Record<string, unknown>) => {
      const r = await hall.api('POST', '/api/v1/staff', { token: adminToken, body: { password: PASSWORD, ...body } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    await made({ username: 'sup-C', name: '丙区值班长', role: 'supervisor', zoneCodes: ['C'] });
    await made({ username: 'approver-X', name: '甲局审批员', role: 'approver', departmentCodes: [matterC.departmentCode] });
    await made({ username: 'portal-t', name: '网上办事大厅', role: 'portal' });
    portalKey = (await hall.api('POST', '/api/v1/staff/portal-t/api-keys', { token: adminToken, body: { label: 'test' } })).body.key;
    for (const pc of ['pc-C1', 'pc-sup', 'pc-office', 'pc-admin', 'pc-D1']) pcs.set(pc, await hall.station(pc));
    for (const role of roles) {
      tokens.set(role, await sessionOf(role));
      staffIds.set(role, (await hall.api('GET', '/api/v1/auth/me', { token: tokens.get(role)! })).body.staff.id);
    }
    // Each seat with a window takes in one case at its own PC; window D1's PC takes in the out-of-scope one.
    for (const role of ['clerk', 'supervisor', 'admin'] as const) {
      const c = intakeAt(SEATS[role].window!, SEATS[role].pc!, staffIds.get(role)!, matterC);
      const r = await send({ method: 'POST', path: '/api/v1/sync/push', body: { mutations: [envelope('case.reject', { case: c, reason: '测试', competentBody: '' }, role)] } }, role);
      expect(r.body?.results?.[0]?.status, JSON.stringify(r.body)).toBe('applied');
      cases.set(role, c);
    }
    const d1 = await pcs.get('pc-D1')!.login('clerk-D1');
    const d1Id = (await hall.api('GET', '/api/v1/auth/me', { token: d1 })).body.staff.id;
    const dCase = intakeAt('D1', 'pc-D1', d1Id, matterD);
    const pushed = await pcs.get('pc-D1')!.push(d1, [{ id: ulid(), name: 'case.reject', args: { case: dCase, reason: '测试', competentBody: '' }, at: hall.clock.now().toISOString(), staffId: d1Id }]);
    expect(pushed.body.results[0].status).toBe('applied');
    cases.set('D1', dCase);
    centreClerk = await hall.login('clerk-TC01', 'TC01');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  // ---- what each route touches, in and out of scope -----------------------------------------

  const myWindow = (who: Who) => (who === 'none' || !SEATS[who].window ? 'C1' : SEATS[who].window!);
  const myCase = (who: Who) => cases.get(who === 'supervisor' || who === 'admin' ? who : 'clerk')!;
  async function ticketAt(windowCode: string): Promise<string> {
    const zone = windowCode.slice(0, 1);
    const t = await hall.issue(adminToken, zone);
    const r = await hall.api('POST', `/api/v1/tickets/${t.id}/reassign`, { token: adminToken, body: { windowCode } });
    expect(r.status).toBe(200);
    return t.id;
  }
  /** A bad rating of a service at a window (written straight into the hall's tables: the rating itself has its own suite), with its follow-up. */
  async function ratedAt(windowCode: string): Promise<string> {
    const id = ulid();
    const at = hall.clock.now();
    const zoneCode = windowCode.slice(0, 1);
    await hall.ctx.db.drizzle.insert(evaluations).values({
      id, ticketId: ulid(), ticketNumber: `${zoneCode}999`, day: '2026-12-07', zoneCode, windowCode, staffId: 'x', staffUsername: 'x', staffName: '某', caseId: null, caseNo: null,
      level: 5, reason: '态度不好', source: 'pad', at, recordedBy: null, mutationId: null, appeal: null,
    });
    await hall.ctx.db.drizzle.insert(evaluationFollowUps).values({ evaluationId: id, zoneCode, windowCode, returnVisitDue: '2026-12-14', rectificationDue: '2026-12-28', createdAt: at, updatedAt: at });
    return id;
  }
  const ticketAction = (action: string, body?: unknown) => async (who: Who, side: Side): Promise<Req> => ({
    method: 'POST',
    path: `/api/v1/tickets/${await ticketAt(side === 'in' ? myWindow(who) : 'D1')}/${action}`,
    body,
  });
  const windowAction = (action: string, method = 'POST', body?: unknown) => async (who: Who, side: Side): Promise<Req> => ({
    method,
    path: `/api/v1/windows/${side === 'in' ? myWindow(who) : 'D1'}${action}`,
    body,
  });

  /** An application the portal files into zone C (in scope) or D (out of scope), with one PDF. */
  async function applicationIn(side: Side): Promise<string> {
    const body = {
      portalId: `authz-${ulid()}`,
      submittedAt: hall.clock.now().toISOString(),
      applicant: { name: '授权网申', idNumber: idNumber(), phone: '13905380000' },
      matterCodes: [onlineMatter.get(side === 'in' ? 'C' : 'D')!],
      form: {},
    };
    const r = await hall.api('POST', '/api/v1/online-applications', { token: tokens.get('portal')!, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  }
  const applicationAction = (action: string, body?: unknown) => async (_who: Who, side: Side): Promise<Req> => ({
    method: 'POST',
    path: `/api/v1/online-applications/${await applicationIn(side)}/${action}`,
    body,
  });

  /** An appointment slot of zone C (in scope) or D (out), one minute long at a fresh time, three days ahead. */
  let slotSerial = 0;
  const slotDay = () => addDays(localDateInShanghai(hall.clock.now()), 3);
  function slotBody(side: Side) {
    slotSerial += 1;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { zoneCode: side === 'in' ? 'C' : 'D', day: slotDay(), start: hhmm(slotSerial * 2), end: hhmm(slotSerial * 2 + 1), capacity: 5 };
  }
  async function slotIn(side: Side): Promise<string> {
    const r = await hall.api('POST', '/api/v1/appointment-slots', { token: adminToken, body: slotBody(side) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  }
  /** A booking the portal made in zone C or D, and the ID number it was made for. */
  async function bookedIn(side: Side): Promise<{ id: string; idNumber: string }> {
    const idNo = idNumber();
    const r = await hall.api('POST', '/api/v1/appointments', { token: tokens.get('portal')!, body: { slotId: await slotIn(side), idNumber: idNo, name: '授权预约', requestId: ulid() } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.id, idNumber: idNo };
  }

  const routes: Record<RouteKey, (who: Who, side: Side) => Promise<Req>> = {
    'GET /healthz': async () => ({ method: 'GET', path: '/healthz' }),
    'GET /api/v1/openapi.json': async () => ({ method: 'GET', path: '/api/v1/openapi.json' }),
    'POST /api/v1/auth/login': async () => ({ method: 'POST', path: '/api/v1/auth/login', body: { username: 'nobody here' } }),
    'POST /api/v1/auth/logout': async () => ({ method: 'POST', path: '/api/v1/auth/logout', freshSession: true }),
    'GET /api/v1/auth/me': async () => ({ method: 'GET', path: '/api/v1/auth/me' }),
    'POST /api/v1/auth/password': async () => ({ method: 'POST', path: '/api/v1/auth/password', body: { currentPassword: 'x', newPassword: 'short' } }),
    'GET /api/v1/staff': async () => ({ method: 'GET', path: '/api/v1/staff' }),
    'POST /api/v1/staff': async () => ({ method: 'POST', path: '/api/v1/staff', body: {} }),
    'PATCH /api/v1/staff/:username': async () => ({ method: 'PATCH', path: '/api/v1/staff/nobody-here', body: { name: '某某' } }),
    'POST /api/v1/staff/:username/api-keys': async () => ({ method: 'POST', path: '/api/v1/staff/nobody-here/api-keys', body: { label: 'x' } }),
    'DELETE /api/v1/staff/:username/api-keys/:id': async () => ({ method: 'DELETE', path: '/api/v1/staff/nobody-here/api-keys/none' }),
    'POST /api/v1/stations/register': async () => ({ method: 'POST', path: '/api/v1/stations/register', body: { stationId: `pc-${ulid()}`, key: randomBytes(32).toString('base64url'), label: 'x' } }),
    'GET /api/v1/stations/self': async () => ({ method: 'GET', path: '/api/v1/stations/self', stationKey: pcs.get('pc-C1')!.key }),
    'GET /api/v1/stations': async () => ({ method: 'GET', path: '/api/v1/stations' }),
    'POST /api/v1/stations/:id/approve': async () => ({ method: 'POST', path: '/api/v1/stations/nowhere/approve', body: { pairingCode: '000000' } }),
    'POST /api/v1/stations/:id/revoke': async () => ({ method: 'POST', path: '/api/v1/stations/nowhere/revoke' }),
    'GET /api/v1/catalog': async () => ({ method: 'GET', path: '/api/v1/catalog' }),
    'POST /api/v1/catalog/import': async () => ({ method: 'POST', path: '/api/v1/catalog/import', body: { format: 'json', catalog: {} } }),
    'GET /api/v1/calendar': async () => ({ method: 'GET', path: '/api/v1/calendar' }),
    'GET /api/v1/calendar/due-date': async () => ({ method: 'GET', path: '/api/v1/calendar/due-date?from=2026-03-02&workingDays=3' }),
    'GET /api/v1/calendar/:year': async () => ({ method: 'GET', path: '/api/v1/calendar/2026' }),
    'PUT /api/v1/calendar/:year': async () => ({ method: 'PUT', path: '/api/v1/calendar/2026', body: { year: 2026 } }),
    'GET /api/v1/calendar/:year/revisions': async () => ({ method: 'GET', path: '/api/v1/calendar/2026/revisions' }),
    'POST /api/v1/calendar/:year/preview': async () => ({ method: 'POST', path: '/api/v1/calendar/2027/preview', body: {} }),
    'GET /api/v1/calendar/moved-deadlines': async () => ({ method: 'GET', path: '/api/v1/calendar/moved-deadlines' }),
    'POST /api/v1/tickets': async (_w, side) => ({ method: 'POST', path: '/api/v1/tickets', body: { zoneCode: side === 'in' ? 'C' : 'D', requestId: ulid() } }),
    'GET /api/v1/tickets': async (_w, side) => ({ method: 'GET', path: `/api/v1/tickets?zoneCode=${side === 'in' ? 'C' : 'D'}` }),
    'GET /api/v1/tickets/:id': async (who, side) => ({ method: 'GET', path: `/api/v1/tickets/${await ticketAt(side === 'in' ? myWindow(who) : 'D1')}` }),
    'POST /api/v1/tickets/:id/recall': ticketAction('recall'),
    'POST /api/v1/tickets/:id/no-show': ticketAction('no-show'),
    'POST /api/v1/tickets/:id/reactivate': ticketAction('reactivate', {}),
    'POST /api/v1/tickets/:id/start': ticketAction('start'),
    'POST /api/v1/tickets/:id/finish': ticketAction('finish'),
    'POST /api/v1/tickets/:id/transfer': ticketAction('transfer', { zoneCode: 'E', position: 'back' }),
    'POST /api/v1/tickets/:id/reassign': async (who, side) => ({
      method: 'POST',
      path: `/api/v1/tickets/${await ticketAt(side === 'in' ? 'C1' : 'D1')}/reassign`,
      body: { windowCode: side === 'in' ? 'C2' : 'D2' },
    }),
    'POST /api/v1/tickets/:id/cancel': ticketAction('cancel', {}),
    'POST /api/v1/windows/:code/call-next': windowAction('/call-next'),
    'POST /api/v1/windows/:code/pause': windowAction('/pause', 'POST', { reason: '测试' }),
    'POST /api/v1/windows/:code/resume': windowAction('/resume'),
    'GET /api/v1/windows/:code': windowAction('', 'GET'),
    'GET /api/v1/windows/:code/pauses': windowAction('/pauses', 'GET'),
    'GET /api/v1/hall': async () => ({ method: 'GET', path: '/api/v1/hall' }),
    'GET /api/v1/events': async () => ({ method: 'GET', path: '/api/v1/events' }),
    'POST /api/v1/sync/push': async (_w, side) => ({
      method: 'POST',
      path: '/api/v1/sync/push',
      body: { mutations: [{ id: ulid(), name: 'case.mark-ready', args: { caseId: ulid() }, at: hall.clock.now().toISOString(), staffId: 'x' }] },
      ...(side === 'out' ? { stationKey: pcs.get('pc-D1')!.key } : {}),
    }),
    'GET /api/v1/sync/pull': async (_w, side) => ({ method: 'GET', path: '/api/v1/sync/pull?cursor=0&limit=5', ...(side === 'out' ? { stationKey: pcs.get('pc-D1')!.key } : {}) }),
    'GET /api/v1/cases/:caseNo': async (who, side) => ({ method: 'GET', path: `/api/v1/cases/${(side === 'in' ? myCase(who) : cases.get('D1')!).caseNo}?reason=check` }),
    'GET /api/v1/cases': async () => ({ method: 'GET', path: '/api/v1/cases' }),
    // The portal files online; a clerk files only at a town centre's window (channel town).
    'POST /api/v1/online-applications': async (who) => ({
      method: 'POST',
      path: '/api/v1/online-applications',
      body: {
        portalId: `authz-${ulid()}`,
        submittedAt: hall.clock.now().toISOString(),
        applicant: { name: '授权网申', idNumber: idNumber(), phone: '13905380000' },
        matterCodes: [onlineMatter.get('C')!],
        form: {},
        ...(who === 'clerk' ? { channel: 'town' } : {}),
      },
      ...(who === 'clerk' ? { token: centreClerk } : {}),
    }),
    'GET /api/v1/online-applications': async () => ({ method: 'GET', path: '/api/v1/online-applications' }),
    'GET /api/v1/online-applications/:id': async (_w, side) => ({ method: 'GET', path: `/api/v1/online-applications/${await applicationIn(side)}` }),
    'GET /api/v1/online-applications/:id/materials/:n': async (_w, side) => ({ method: 'GET', path: `/api/v1/online-applications/${await applicationIn(side)}/materials/1` }),
    'POST /api/v1/online-applications/:id/return': applicationAction('return', { items: [{ materialCode: 'M001', problem: 'missing', reason: '未提交' }] }),
    'POST /api/v1/online-applications/:id/correction': applicationAction('correction', { correctionId: 'c1', files: [] }),
    'POST /api/v1/online-applications/:id/accept': applicationAction('accept', {}),
    'POST /api/v1/online-applications/:id/refuse': applicationAction('refuse', { reason: '测试' }),
    'POST /api/v1/online-applications/:id/withdraw': applicationAction('withdraw', {}),
    'POST /api/v1/tickets/:id/evaluation': ticketAction('evaluation', { level: 1, source: 'pad' }),
    'GET /api/v1/evaluations': async (who, side) => ({ method: 'GET', path: `/api/v1/evaluations?windowCode=${side === 'in' ? myWindow(who) : 'D1'}` }),
    'POST /api/v1/evaluations/:id/appeal': async (who, side) => ({
      method: 'POST',
      path: `/api/v1/evaluations/${await ratedAt(side === 'in' ? myWindow(who) : 'D1')}/appeal`,
      body: { reason: '恶意差评' },
    }),
    'POST /api/v1/evaluations/:id/appeal/decision': async (who, side) => ({
      method: 'POST',
      path: `/api/v1/evaluations/${await ratedAt(side === 'in' ? myWindow(who) : 'D1')}/appeal/decision`,
      body: { upheld: false, reason: '不属恶意' },
    }),
    'GET /api/v1/evaluation-follow-ups': async () => ({ method: 'GET', path: '/api/v1/evaluation-follow-ups' }),
    'GET /api/v1/evaluation-settings': async () => ({ method: 'GET', path: '/api/v1/evaluation-settings' }),
    'PUT /api/v1/evaluation-settings': async () => ({ method: 'PUT', path: '/api/v1/evaluation-settings', body: { returnVisitDays: 5, rectificationDays: 15 } }),
    'PATCH /api/v1/evaluation-follow-ups/:id': async (who, side) => ({
      method: 'PATCH',
      path: `/api/v1/evaluation-follow-ups/${await ratedAt(side === 'in' ? myWindow(who) : 'D1')}`,
      body: { finding: '核实情况' },
    }),
    'POST /api/v1/appointment-slots': async (_w, side) => ({ method: 'POST', path: '/api/v1/appointment-slots', body: slotBody(side) }),
    'POST /api/v1/appointment-slots/week': async (_w, side) => {
      const { zoneCode, day, start, end } = slotBody(side);
      return { method: 'POST', path: '/api/v1/appointment-slots/week', body: { zoneCode, from: day, days: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], slots: [{ start, end, capacity: 2 }] } };
    },
    'GET /api/v1/appointment-slots': async (_w, side) => ({ method: 'GET', path: `/api/v1/appointment-slots?zoneCode=${side === 'in' ? 'C' : 'D'}` }),
    'POST /api/v1/appointments': async (_w, side) => ({ method: 'POST', path: '/api/v1/appointments', body: { slotId: await slotIn(side), idNumber: idNumber(), name: '授权预约', requestId: ulid() } }),
    'GET /api/v1/appointments': async () => ({ method: 'GET', path: `/api/v1/appointments?idNumber=${idNumber()}` }),
    'POST /api/v1/appointments/:id/cancel': async (_w, side) => ({ method: 'POST', path: `/api/v1/appointments/${(await bookedIn(side)).id}/cancel` }),
    'POST /api/v1/appointments/:id/check-in': async (_w, side) => {
      const a = await bookedIn(side);
      return { method: 'POST', path: `/api/v1/appointments/${a.id}/check-in`, body: { idNumber: a.idNumber } };
    },
    'GET /api/v1/reports/queue': async () => ({ method: 'GET', path: '/api/v1/reports/queue?from=2026-12-01&to=2026-12-31&groupBy=zone' }),
    'GET /api/v1/reports/cases': async () => ({ method: 'GET', path: '/api/v1/reports/cases?from=2026-12-01&to=2026-12-31&groupBy=department' }),
    'GET /api/v1/reports/evaluations': async () => ({ method: 'GET', path: '/api/v1/reports/evaluations?from=2026-12-01&to=2026-12-31&groupBy=window' }),
    'GET /api/v1/reports/summary': async () => ({ method: 'GET', path: '/api/v1/reports/summary?period=month&date=2026-12' }),
    'GET /api/v1/reports/channels': async () => ({ method: 'GET', path: '/api/v1/reports/channels' }),
    'GET /api/v1/material-retention': async () => ({ method: 'GET', path: '/api/v1/material-retention' }),
    'PUT /api/v1/material-retention': async () => ({ method: 'PUT', path: '/api/v1/material-retention', body: { acceptedDays: 3650, closedDays: 180 } }),
    'POST /api/v1/material-retention/purge': async () => ({ method: 'POST', path: '/api/v1/material-retention/purge', body: {} }),
    'GET /api/v1/material-retention/runs': async () => ({ method: 'GET', path: '/api/v1/material-retention/runs?limit=5' }),
    'GET /c/:caseNo/:code': async () => ({ method: 'GET', path: '/c/TS-20261130-A1-0001/Q7kP2mX9vR4tLw8N' }),
    'GET /display': async () => ({ method: 'GET', path: '/display?zone=A' }),
    'GET /api/v1/display': async () => ({ method: 'GET', path: '/api/v1/display?zone=A' }),
    'GET /api/v1/display/events': async () => ({ method: 'GET', path: '/api/v1/display/events' }),
    'GET /display/window/:code': async () => ({ method: 'GET', path: '/display/window/A1' }),
    'GET /q/:token': async () => ({ method: 'GET', path: '/q/AAAAAAAAAAAAAAAAAAAAAA' }),
    'GET /api/v1/q/:token': async () => ({ method: 'GET', path: '/api/v1/q/AAAAAAAAAAAAAAAAAAAAAA' }),
    'GET /api/v1/display/settings': async () => ({ method: 'GET', path: '/api/v1/display/settings' }),
    'PUT /api/v1/display/settings': async () => ({ method: 'PUT', path: '/api/v1/display/settings', body: { voiceRepeat: 2 } }),
    'GET /api/v1/display/voice': async () => ({ method: 'GET', path: `/api/v1/display/voice?text=${encodeURIComponent('请A001号到A1窗口办理')}` }),
    'GET /api/v1/display/windows/:code': async () => ({ method: 'GET', path: '/api/v1/display/windows/A1' }),
  };

  /** Scopes whose in/out can be told apart by a request: `hall` reaches all, `self` is always one's own; list routes filter. */
  const FILTERED = new Set<RouteKey>([
    'GET /api/v1/hall',
    'GET /api/v1/events',
    'GET /api/v1/cases',
    'GET /api/v1/calendar/moved-deadlines',
    'GET /api/v1/online-applications',
    // A centre's clerk files at the window it signed in at: there is no other window to name.
    'POST /api/v1/online-applications',
    'GET /api/v1/evaluation-follow-ups',
    'GET /api/v1/appointments',
    'GET /api/v1/reports/queue',
    'GET /api/v1/reports/cases',
    'GET /api/v1/reports/evaluations',
    'GET /api/v1/reports/summary',
    'GET /api/v1/reports/channels',
  ]);
  const sided = (key: RouteKey, scope: Scope) => scope !== 'hall' && scope !== 'self' && !FILTERED.has(key);

  it('has a row for every registered route, and a request for every row', () => {
    const registered = hall.ctx.routes.routes.map((r) => `${r.endpoint.method} ${r.endpoint.path}`).sort();
    expect(Object.keys(routePolicy).sort()).toEqual(registered);
    expect(Object.keys(routes).sort()).toEqual(registered);
  });

  const WHO: Who[] = ['none', ...roles];
  for (const key of Object.keys(routePolicy) as RouteKey[]) {
    const rule: Rule = routePolicy[key];
    it(`${key}: ${'public' in rule ? 'public' : Object.entries(rule.grants).map(([r, s]) => `${r}:${s}`).join(' ')}`, async () => {
      for (const who of WHO) {
        const scope = 'public' in rule || who === 'none' ? undefined : rule.grants[who];
        for (const side of ['in', 'out'] as const) {
          if (side === 'out' && (scope === undefined || !sided(key, scope))) continue;
          const got = await send(await routes[key](who, side), who);
          const label = `${who} ${side} → ${key}: ${got.status} ${got.code ?? ''}`;
          if ('public' in rule) {
            expect([401, 403], label).not.toContain(got.status);
          } else if (who === 'none') {
            expect(got.status, label).toBe(401);
          } else if (scope === undefined) {
            expect([got.status, got.code], label).toEqual([403, 'ROLE_FORBIDDEN']);
          } else if (side === 'in') {
            expect([401, 403], label).not.toContain(got.status);
            expect(got.status, label).toBeLessThan(500);
          } else if (rule.hidden) {
            expect(got.status, label).toBe(404);
          } else {
            expect([got.status, got.code], label).toEqual([403, OUT_CODE[scope as keyof typeof OUT_CODE]]);
          }
        }
      }
    });
  }

  // ---- sync mutations -----------------------------------------------------------------------

  const mutationArgs = async (name: MutationName, who: Role, side: Side): Promise<unknown> => {
    if (name === 'ticket.evaluate') {
      const windowCode = side === 'in' ? myWindow(who) : 'D1';
      return { ticketId: await ticketAt(windowCode), windowCode, level: 1, source: 'pad' };
    }
    if (name === 'case.accept' || name === 'case.accept-deferred' || name === 'case.notify-correction' || name === 'case.reject') {
      const c = side === 'in' ? intakeAt(myWindow(who), SEATS[who].pc ?? 'pc-C1', staffIds.get(who)!, matterC) : intakeAt('D1', SEATS[who].pc ?? 'pc-C1', staffIds.get(who)!, matterD);
      return name === 'case.reject' ? { case: c, reason: '测试', competentBody: '' } : name === 'case.notify-correction' ? { case: c, correctionDueDate: '2026-12-31' } : { case: c };
    }
    const target = side === 'in' ? (who === 'approver' ? cases.get('clerk')! : myCase(who)) : cases.get('D1')!;
    const caseId = target.id;
    const dept = side === 'in' ? matterC.departmentCode : matterD.departmentCode;
    switch (name) {
      case 'case.supplement-material':
        return { caseId, materialCode: 'M001', receipt: 'original' };
      case 'case.dispatch':
        return { caseId, departmentCodes: [dept] };
      case 'case.decide':
        return { caseId, departmentCode: dept, decision: 'approved', opinion: '同意' };
      case 'case.pause-clock':
        return { caseId, kind: 'other', reason: '核查', from: '2026-12-08' };
      case 'case.resume-clock':
        return { caseId, on: '2026-12-09' };
      case 'case.deliver':
        return { caseId, how: 'window', licenceName: null, licenceNo: null };
      case 'case.evaluate':
        return { caseId, level: 1, reason: null };
      default:
        return { caseId };
    }
  };

  for (const name of mutationNames) {
    const grant = mutationPolicy[name];
    it(`sync ${name}: ${Object.entries(grant).map(([r, s]) => `${r}:${s}`).join(' ')}`, async () => {
      for (const who of roles) {
        if (who === 'portal') continue; // no station: the push route itself refuses it (above)
        const scope = grant[who as keyof typeof grant] as Scope | undefined;
        for (const side of ['in', 'out'] as const) {
          if (side === 'out' && (scope === undefined || scope === 'hall')) continue;
          const r = await send({ method: 'POST', path: '/api/v1/sync/push', body: { mutations: [envelope(name, await mutationArgs(name, who, side), who)] } }, who);
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          const result = r.body.results[0];
          const label = `${who} ${side} → ${name}: ${result.status} ${result.code ?? ''} ${result.message ?? ''}`;
          if (scope === undefined) expect([result.status, result.code], label).toEqual(['rejected', 'ROLE_FORBIDDEN']);
          else if (side === 'in') expect(result.code ?? '', label).not.toMatch(AUTH_CODES);
          else expect([result.status, result.code], label).toEqual(['rejected', OUT_CODE[scope as keyof typeof OUT_CODE]]);
        }
      }
    });
  }

  // ---- the riskiest cells, written by hand --------------------------------------------------

  it('refuses the riskiest cells, as stated here and not read from the policy', async () => {
    const D = () => cases.get('D1')!;
    const C = () => cases.get('clerk')!;
    const push = (who: Role, name: MutationName, args: unknown) => send({ method: 'POST', path: '/api/v1/sync/push', body: { mutations: [envelope(name, args, who)] } }, who);
    const code = async (p: Promise<Answer>) => {
      const a = await p;
      return a.body?.results ? `${a.body.results[0].status} ${a.body.results[0].code ?? ''}`.trim() : `${a.status} ${a.code ?? ''}`.trim();
    };
    const get = (who: Role, path: string) => send({ method: 'GET', path }, who);
    const reception = await hall.login('clerk-R1');
    const receptionGet = (path: string) => hall.api('GET', path, { token: reception });
    const cells: Array<[string, () => Promise<string>, string]> = [
      // Decisions: only the deciding department (or the hall's administrator).
      ['clerk decides', () => code(push('clerk', 'case.decide', { caseId: C().id, departmentCode: matterC.departmentCode, decision: 'approved', opinion: 'x' })), 'rejected ROLE_FORBIDDEN'],
      ['supervisor decides', () => code(push('supervisor', 'case.decide', { caseId: C().id, departmentCode: matterC.departmentCode, decision: 'approved', opinion: 'x' })), 'rejected ROLE_FORBIDDEN'],
      ['clerk dispatches', () => code(push('clerk', 'case.dispatch', { caseId: C().id, departmentCodes: [matterC.departmentCode] })), 'rejected ROLE_FORBIDDEN'],
      ['supervisor dispatches', () => code(push('supervisor', 'case.dispatch', { caseId: C().id, departmentCodes: [matterC.departmentCode] })), 'rejected ROLE_FORBIDDEN'],
      ['clerk stops the clock', () => code(push('clerk', 'case.pause-clock', { caseId: C().id, kind: 'other', reason: 'x', from: '2026-12-08' })), 'rejected ROLE_FORBIDDEN'],
      ['supervisor restarts the clock', () => code(push('supervisor', 'case.resume-clock', { caseId: C().id, on: '2026-12-09' })), 'rejected ROLE_FORBIDDEN'],
      ['approver decides for another department', () => code(push('approver', 'case.decide', { caseId: D().id, departmentCode: matterD.departmentCode, decision: 'approved', opinion: 'x' })), 'rejected DEPARTMENT_FORBIDDEN'],
      ['approver dispatches a case of another department', () => code(push('approver', 'case.dispatch', { caseId: D().id, departmentCodes: [matterD.departmentCode] })), 'rejected DEPARTMENT_FORBIDDEN'],
      ['approver takes in a case', () => code(push('approver', 'case.accept', { case: intakeAt('C1', 'pc-office', staffIds.get('approver')!, matterC) })), 'rejected ROLE_FORBIDDEN'],
      ['approver hands out a result', () => code(push('approver', 'case.deliver', { caseId: C().id, how: 'window', licenceName: null, licenceNo: null })), 'rejected ROLE_FORBIDDEN'],
      // Another station's cases.
      ['clerk hands out another PC\'s case', () => code(push('clerk', 'case.deliver', { caseId: D().id, how: 'window', licenceName: null, licenceNo: null })), 'rejected STATION_FORBIDDEN'],
      ['clerk supplements another PC\'s case', () => code(push('clerk', 'case.supplement-material', { caseId: D().id, materialCode: 'M001', receipt: 'original' })), 'rejected STATION_FORBIDDEN'],
      ['clerk rates another PC\'s case', () => code(push('clerk', 'case.evaluate', { caseId: D().id, level: 1, reason: null })), 'rejected STATION_FORBIDDEN'],
      ['clerk takes in at another window', () => code(push('clerk', 'case.accept', { case: intakeAt('D1', 'pc-C1', staffIds.get('clerk')!, matterD) })), 'rejected WINDOW_FORBIDDEN'],
      ['supervisor takes in at a window it is not signed in at', () => code(push('supervisor', 'case.reject', { case: intakeAt('C1', 'pc-sup', staffIds.get('supervisor')!, matterC), reason: 'x', competentBody: '' })), 'rejected WINDOW_FORBIDDEN'],
      ['clerk pushes work in another clerk\'s name', () => code(send({ method: 'POST', path: '/api/v1/sync/push', body: { mutations: [{ ...envelope('case.evaluate', { caseId: C().id, level: 1, reason: null }, 'clerk'), staffId: staffIds.get('admin') }] } }, 'clerk')), 'rejected MUTATION_STAFF_MISMATCH'],
      ['clerk pushes with another PC\'s key', () => code(send({ method: 'POST', path: '/api/v1/sync/push', body: { mutations: [envelope('case.evaluate', { caseId: C().id, level: 1, reason: null }, 'clerk')] }, stationKey: pcs.get('pc-D1')!.key }, 'clerk')), '403 STATION_FORBIDDEN'],
      ['clerk pulls with another PC\'s key', () => code(send({ method: 'GET', path: '/api/v1/sync/pull?cursor=0', stationKey: pcs.get('pc-D1')!.key }, 'clerk')), '403 STATION_FORBIDDEN'],
      ['portal pushes', () => code(send({ method: 'POST', path: '/api/v1/sync/push', body: { mutations: [] } }, 'portal')), '403 ROLE_FORBIDDEN'],
      // Full personal data.
      ['clerk reads another PC\'s case in full', () => code(get('clerk', `/api/v1/cases/${D().caseNo}`)), '404 CASE_NOT_FOUND'],
      ['supervisor reads another zone\'s case in full', () => code(get('supervisor', `/api/v1/cases/${D().caseNo}`)), '404 CASE_NOT_FOUND'],
      ['approver reads another department\'s case in full', () => code(get('approver', `/api/v1/cases/${D().caseNo}`)), '404 CASE_NOT_FOUND'],
      ['reception reads a case in full', () => code(receptionGet(`/api/v1/cases/${C().caseNo}`).then((r) => ({ status: r.status, code: r.body?.error?.code }))), '404 CASE_NOT_FOUND'],
      ['portal reads a case in full', () => code(get('portal', `/api/v1/cases/${C().caseNo}`)), '403 ROLE_FORBIDDEN'],
      ['portal lists cases', () => code(get('portal', '/api/v1/cases')), '403 ROLE_FORBIDDEN'],
      ['portal reads the queue', () => code(get('portal', '/api/v1/tickets')), '403 ROLE_FORBIDDEN'],
      ['portal calls the next at a window', () => code(send({ method: 'POST', path: '/api/v1/windows/C1/call-next' }, 'portal')), '403 ROLE_FORBIDDEN'],
      ['portal issues a ticket', () => code(send({ method: 'POST', path: '/api/v1/tickets', body: { zoneCode: 'C', requestId: ulid() } }, 'portal')), '403 ROLE_FORBIDDEN'],
      ['portal finds bookings by an ID number', () => code(get('portal', `/api/v1/appointments?idNumber=${idNumber()}`)), '403 ROLE_FORBIDDEN'],
      ['portal checks a booking in', async () => code(send({ method: 'POST', path: `/api/v1/appointments/${(await bookedIn('in')).id}/check-in`, body: { idNumber: idNumber() } }, 'portal')), '403 ROLE_FORBIDDEN'],
      ['supervisor opens a slot in another zone', () => code(send({ method: 'POST', path: '/api/v1/appointment-slots', body: slotBody('out') }, 'supervisor')), '403 ZONE_FORBIDDEN'],
      ['reception lists the online inbox', () => code(receptionGet('/api/v1/online-applications').then((r) => ({ status: r.status, code: r.body?.error?.code }))), '403 ZONE_FORBIDDEN'],
      ['portal accepts its own application', async () => code(send({ method: 'POST', path: `/api/v1/online-applications/${await applicationIn('in')}/accept`, body: {} }, 'portal')), '403 ROLE_FORBIDDEN'],
      ['clerk opens another zone\'s online application', async () => code(get('clerk', `/api/v1/online-applications/${await applicationIn('out')}`)), '404 APPLICATION_NOT_FOUND'],
      ['a hall window files into the online inbox', () => code(send({ method: 'POST', path: '/api/v1/online-applications', body: { portalId: `x-${ulid()}`, submittedAt: hall.clock.now().toISOString(), channel: 'town', applicant: { name: '某', idNumber: idNumber(), phone: '13905380000' }, matterCodes: [onlineMatter.get('C')!], form: {} } }, 'clerk')), '403 APPLICATION_CHANNEL_FORBIDDEN'],
      ['a town centre\'s clerk accepts an application it filed', async () => code(send({ method: 'POST', path: `/api/v1/online-applications/${await applicationIn('in')}/accept`, body: {}, token: centreClerk }, 'clerk')), '404 APPLICATION_NOT_FOUND'],
      ['a town centre\'s clerk lists the zone\'s inbox', async () => {
        const id = await applicationIn('in');
        const r = await send({ method: 'GET', path: '/api/v1/online-applications', token: centreClerk }, 'clerk');
        return `${r.status} ${r.body.applications.some((a: any) => a.id === id)}`;
      }, '200 false'],
      ['portal reads the live feed', () => code(get('portal', '/api/v1/events')), '403 ROLE_FORBIDDEN'],
      ['approver reads the queue', () => code(get('approver', '/api/v1/tickets')), '403 ROLE_FORBIDDEN'],
      // Staff, stations and the calendar: the administrator's.
      ['supervisor lists staff', () => code(get('supervisor', '/api/v1/staff')), '403 ROLE_FORBIDDEN'],
      ['supervisor creates an account', () => code(send({ method: 'POST', path: '/api/v1/staff', body: { username: 'mole', name: '某', role: 'admin', password: 'Mole-pass-2026' } }, 'supervisor')), '403 ROLE_FORBIDDEN'],
      ['clerk promotes itself', () => code(send({ method: 'PATCH', path: '/api/v1/staff/clerk-C1', body: { role: 'admin' } }, 'clerk')), '403 ROLE_FORBIDDEN'],
      ['approver widens its departments', () => code(send({ method: 'PATCH', path: '/api/v1/staff/approver-X', body: { departmentCodes: ['001', '002', '003'] } }, 'approver')), '403 ROLE_FORBIDDEN'],
      ['portal makes itself a key', () => code(send({ method: 'POST', path: '/api/v1/staff/portal-t/api-keys', body: { label: 'x' } }, 'portal')), '403 ROLE_FORBIDDEN'],
      ['supervisor approves a station', () => code(send({ method: 'POST', path: '/api/v1/stations/pc-C1/approve', body: { pairingCode: '123456' } }, 'supervisor')), '403 ROLE_FORBIDDEN'],
      ['clerk revokes a station', () => code(send({ method: 'POST', path: '/api/v1/stations/pc-D1/revoke' }, 'clerk')), '403 ROLE_FORBIDDEN'],
      ['supervisor replaces the calendar', () => code(send({ method: 'PUT', path: '/api/v1/calendar/2026', body: { year: 2026, source: 'x', holidays: [], workdays: [] } }, 'supervisor')), '403 ROLE_FORBIDDEN'],
      ['clerk replaces the calendar', () => code(send({ method: 'PUT', path: '/api/v1/calendar/2026', body: { year: 2026, source: 'x', holidays: [], workdays: [] } }, 'clerk')), '403 ROLE_FORBIDDEN'],
      ['supervisor imports a catalogue', () => code(send({ method: 'POST', path: '/api/v1/catalog/import', body: { format: 'json', catalog: {} } }, 'supervisor')), '403 ROLE_FORBIDDEN'],
      // The queue of another zone or window.
      ['supervisor issues into another zone', () => code(send({ method: 'POST', path: '/api/v1/tickets', body: { zoneCode: 'D', requestId: ulid() } }, 'supervisor')), '403 ZONE_FORBIDDEN'],
      ['clerk issues into another zone', () => code(send({ method: 'POST', path: '/api/v1/tickets', body: { zoneCode: 'D', requestId: ulid() } }, 'clerk')), '403 ZONE_FORBIDDEN'],
      ['supervisor pauses another zone\'s window', () => code(send({ method: 'POST', path: '/api/v1/windows/D1/pause', body: { reason: 'x' } }, 'supervisor')), '403 ZONE_FORBIDDEN'],
      ['clerk calls at another window', () => code(send({ method: 'POST', path: '/api/v1/windows/D1/call-next' }, 'clerk')), '403 WINDOW_FORBIDDEN'],
      ['clerk calls at a neighbour\'s window of its own zone', () => code(send({ method: 'POST', path: '/api/v1/windows/C2/call-next' }, 'clerk')), '403 WINDOW_FORBIDDEN'],
      ['clerk reassigns', () => code(send({ method: 'POST', path: `/api/v1/tickets/${ulid()}/reassign`, body: { windowCode: 'C2' } }, 'clerk')), '403 ROLE_FORBIDDEN'],
      ['supervisor reads the whole hall\'s board', async () => {
        const r = await get('supervisor', '/api/v1/hall');
        return `${r.status} ${r.body.zones.map((z: { code: string }) => z.code).join(',')}`;
      }, '200 C'],
      // 好差评: rated at the window that served; a clerk reads its own ratings and does not judge its own appeal.
      ['clerk rates a service of another window', async () => code(send({ method: 'POST', path: `/api/v1/tickets/${await ticketAt('C2')}/evaluation`, body: { level: 1, source: 'pad' } }, 'clerk')), '403 WINDOW_FORBIDDEN'],
      ['clerk reads another window\'s ratings', () => code(get('clerk', '/api/v1/evaluations?windowCode=C2')), '403 WINDOW_FORBIDDEN'],
      ['clerk decides its own appeal', async () => code(send({ method: 'POST', path: `/api/v1/evaluations/${await ratedAt('C1')}/appeal/decision`, body: { upheld: true, reason: 'x' } }, 'clerk')), '403 ROLE_FORBIDDEN'],
      ['clerk records a follow-up of its own bad rating', async () => code(send({ method: 'PATCH', path: `/api/v1/evaluation-follow-ups/${await ratedAt('C1')}`, body: { finding: 'x' } }, 'clerk')), '403 ROLE_FORBIDDEN'],
      ['supervisor changes the follow-up deadlines', () => code(send({ method: 'PUT', path: '/api/v1/evaluation-settings', body: { returnVisitDays: 30, rectificationDays: 60 } }, 'supervisor')), '403 ROLE_FORBIDDEN'],
      ['supervisor appeals for a clerk', async () => code(send({ method: 'POST', path: `/api/v1/evaluations/${await ratedAt('C2')}/appeal`, body: { reason: 'x' } }, 'supervisor')), '403 ROLE_FORBIDDEN'],
      ['supervisor of zone C reads the queue report: no zone D row', async () => {
        const r = await get('supervisor', `/api/v1/reports/queue?from=2026-01-01&to=${localDateInShanghai(hall.clock.now())}&groupBy=zone`);
        return `${r.status} ${r.body.rows.map((x: { key: string }) => x.key).join(',')}`;
      }, '200 C'],
      ['clerk reads the queue report by staff: its own figures only', async () => {
        const r = await get('clerk', `/api/v1/reports/queue?from=2026-01-01&to=${localDateInShanghai(hall.clock.now())}&groupBy=staff`);
        return `${r.status} ${r.body.rows.map((x: { key: string }) => x.key).join(',')}`;
      }, '200 clerk-C1'],
      ['portal reads a report', () => code(get('portal', '/api/v1/reports/cases?from=2026-12-01&to=2026-12-31')), '403 ROLE_FORBIDDEN'],
      ['portal reads the queue with its API key', () => code(hall.api('GET', '/api/v1/tickets', { token: portalKey }).then((r) => ({ status: r.status, code: r.body?.error?.code }))), '403 ROLE_FORBIDDEN'],
      ['nobody reads the staff list', () => code(hall.api('GET', '/api/v1/staff').then((r) => ({ status: r.status, code: r.body?.error?.code }))), '401 UNAUTHENTICATED'],
    ];
    const wrong: string[] = [];
    for (const [what, run, want] of cells) {
      const got = await run();
      if (got !== want) wrong.push(`${what}: got ${got}, want ${want}`);
    }
    expect(cells.length).toBeGreaterThanOrEqual(40);
    expect(wrong).toEqual([]);
    // And none of the refused decisions moved a case.
    const d = await hall.api('GET', `/api/v1/cases/${D().caseNo}?reason=check`, { token: adminToken });
    expect(d.body.status).toBe('rejected');
    expect(d.body.reviews).toEqual([]);
  });
});

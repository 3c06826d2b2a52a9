import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralApi, type EndpointName } from '../../../src/contract/api';
import { backends, DEMO_PASSWORD, newRequestId, startTestHall, type TestHall } from './harness';

/**
 * Every route of the contract × who calls it: nobody, the clerk of the window concerned (C1),
 * a clerk of another window (D1), a supervisor, an administrator. A refused call must be exactly
 * 401 or 403; an allowed one may still fail on its merits (400, 404, 409, 422), never with 401/403.
 */
type Who = 'none' | 'clerk' | 'otherClerk' | 'supervisor' | 'admin';
const WHO: Who[] = ['none', 'clerk', 'otherClerk', 'supervisor', 'admin'];
type Expect = 'ok' | 401 | 403;

const everyone: Record<Who, Expect> = { none: 'ok', clerk: 'ok', otherClerk: 'ok', supervisor: 'ok', admin: 'ok' };
const anyStaff: Record<Who, Expect> = { none: 401, clerk: 'ok', otherClerk: 'ok', supervisor: 'ok', admin: 'ok' };
const atTheWindow: Record<Who, Expect> = { none: 401, clerk: 'ok', otherClerk: 403, supervisor: 'ok', admin: 'ok' };
const supervisors: Record<Who, Expect> = { none: 401, clerk: 403, otherClerk: 403, supervisor: 'ok', admin: 'ok' };
const admins: Record<Who, Expect> = { none: 401, clerk: 403, otherClerk: 403, supervisor: 403, admin: 'ok' };

interface Call {
  method: string;
  path: string;
  body?: unknown;
}
interface Row {
  allow: Record<Who, Expect>;
  /** Built fresh for every caller, so one caller's success does not change the next one's case. */
  call: (h: Helpers) => Promise<Call>;
}
interface Helpers {
  /** A ticket waiting for window C1 (reassigned there by the supervisor). */
  ticketAtC1(): Promise<string>;
  calendar2026: unknown;
}

const ticketCall = (action: string, body?: unknown) => async (h: Helpers): Promise<Call> => ({
  method: 'POST',
  path: `/api/v1/tickets/${await h.ticketAtC1()}/${action}`,
  body,
});

const table: Record<EndpointName, Row> = {
  health: { allow: everyone, call: async () => ({ method: 'GET', path: '/healthz' }) },
  openapi: { allow: everyone, call: async () => ({ method: 'GET', path: '/api/v1/openapi.json' }) },
  login: { allow: everyone, call: async () => ({ method: 'POST', path: '/api/v1/auth/login', body: { username: 'clerk-C1', password: DEMO_PASSWORD } }) },
  logout: { allow: anyStaff, call: async () => ({ method: 'POST', path: '/api/v1/auth/logout' }) },
  me: { allow: anyStaff, call: async () => ({ method: 'GET', path: '/api/v1/auth/me' }) },
  changePassword: { allow: anyStaff, call: async () => ({ method: 'POST', path: '/api/v1/auth/password', body: { currentPassword: 'x', newPassword: 'short' } }) },
  listStaff: { allow: admins, call: async () => ({ method: 'GET', path: '/api/v1/staff' }) },
  createStaff: { allow: admins, call: async () => ({ method: 'POST', path: '/api/v1/staff', body: {} }) },
  updateStaff: { allow: admins, call: async () => ({ method: 'PATCH', path: '/api/v1/staff/nobody-here', body: { name: '某某' } }) },
  catalog: { allow: everyone, call: async () => ({ method: 'GET', path: '/api/v1/catalog' }) },
  importCatalog: { allow: admins, call: async () => ({ method: 'POST', path: '/api/v1/catalog/import', body: { format: 'json', catalog: {} } }) },
  calendarYears: { allow: everyone, call: async () => ({ method: 'GET', path: '/api/v1/calendar' }) },
  dueDate: { allow: everyone, call: async () => ({ method: 'GET', path: '/api/v1/calendar/due-date?from=2026-03-02&workingDays=3' }) },
  calendarYear: { allow: everyone, call: async () => ({ method: 'GET', path: '/api/v1/calendar/2026' }) },
  putCalendarYear: { allow: admins, call: async (h) => ({ method: 'PUT', path: '/api/v1/calendar/2026', body: h.calendar2026 }) },
  movedDeadlines: { allow: supervisors, call: async () => ({ method: 'GET', path: '/api/v1/calendar/moved-deadlines' }) },
  calendarRevisions: { allow: admins, call: async () => ({ method: 'GET', path: '/api/v1/calendar/2026/revisions' }) },
  previewCalendarYear: { allow: admins, call: async (h) => ({ method: 'POST', path: '/api/v1/calendar/2026/preview', body: { calendar: h.calendar2026 } }) },
  issueTicket: { allow: anyStaff, call: async () => ({ method: 'POST', path: '/api/v1/tickets', body: { zoneCode: 'C', requestId: newRequestId() } }) },
  listTickets: { allow: anyStaff, call: async () => ({ method: 'GET', path: '/api/v1/tickets?zoneCode=C' }) },
  getTicket: { allow: anyStaff, call: async (h) => ({ method: 'GET', path: `/api/v1/tickets/${await h.ticketAtC1()}` }) },
  recall: { allow: atTheWindow, call: ticketCall('recall') },
  noShow: { allow: atTheWindow, call: ticketCall('no-show') },
  reactivate: { allow: atTheWindow, call: ticketCall('reactivate', {}) },
  start: { allow: atTheWindow, call: ticketCall('start') },
  finish: { allow: atTheWindow, call: ticketCall('finish') },
  transfer: { allow: atTheWindow, call: ticketCall('transfer', { zoneCode: 'D', position: 'back' }) },
  reassign: { allow: supervisors, call: ticketCall('reassign', { zoneCode: 'D' }) },
  cancel: { allow: atTheWindow, call: ticketCall('cancel', {}) },
  callNext: { allow: atTheWindow, call: async () => ({ method: 'POST', path: '/api/v1/windows/C1/call-next' }) },
  pauseWindow: { allow: atTheWindow, call: async () => ({ method: 'POST', path: '/api/v1/windows/C1/pause', body: { reason: '测试' } }) },
  resumeWindow: { allow: atTheWindow, call: async () => ({ method: 'POST', path: '/api/v1/windows/C1/resume' }) },
  getWindow: { allow: atTheWindow, call: async () => ({ method: 'GET', path: '/api/v1/windows/C1' }) },
  hall: { allow: supervisors, call: async () => ({ method: 'GET', path: '/api/v1/hall' }) },
  events: { allow: anyStaff, call: async () => ({ method: 'GET', path: '/api/v1/events' }) },
};

describe.each(backends)('who may do what on %s', (backend) => {
  let hall: TestHall;
  let helpers: Helpers;
  let supervisor: string;
  let reception: string;

  beforeAll(async () => {
    hall = await startTestHall(backend);
    supervisor = await hall.login('supervisor');
    reception = await hall.login('clerk-R1');
    const calendar2026 = (await hall.api('GET', '/api/v1/calendar/2026')).body;
    helpers = {
      calendar2026,
      async ticketAtC1() {
        const t = await hall.issue(reception, 'C');
        const r = await hall.api('POST', `/api/v1/tickets/${t.id}/reassign`, { token: supervisor, body: { windowCode: 'C1' } });
        expect(r.status).toBe(200);
        return t.id as string;
      },
    };
  });
  afterAll(async () => {
    await hall?.close();
  });

  // Fresh sessions per caller: a logout or a clerk signing in elsewhere must not leak into the next row.
  async function tokenFor(who: Who): Promise<string | undefined> {
    switch (who) {
      case 'none':
        return undefined;
      case 'clerk':
        return hall.login('clerk-C1');
      case 'otherClerk':
        return hall.login('clerk-D1');
      case 'supervisor':
        return hall.login('supervisor');
      case 'admin':
        return hall.login('admin');
    }
  }

  async function send(call: Call, token: string | undefined): Promise<{ status: number; code?: string }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const ac = new AbortController();
    const r = await fetch(hall.url + call.path, { method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body), signal: ac.signal });
    if ((r.headers.get('content-type') ?? '').includes('text/event-stream')) {
      ac.abort();
      return { status: r.status };
    }
    const text = await r.text();
    const body = text && (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : null;
    return { status: r.status, code: body?.error?.code };
  }

  it('has a row for every route of the contract', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(centralApi).sort());
    const registered = hall.ctx.routes.routes.map((r) => `${r.endpoint.method} ${r.endpoint.path}`);
    for (const e of Object.values(centralApi)) expect(registered).toContain(`${e.method} ${e.path}`);
  });

  for (const [name, row] of Object.entries(table) as Array<[EndpointName, Row]>) {
    it(`${centralApi[name].method} ${centralApi[name].path}: ${WHO.map((w) => `${w} ${row.allow[w]}`).join(', ')}`, async () => {
      for (const who of WHO) {
        const call = await row.call(helpers);
        const got = await send(call, await tokenFor(who));
        const want = row.allow[who];
        const label = `${who} → ${call.method} ${call.path} answered ${got.status} ${got.code ?? ''}`;
        if (want === 'ok') {
          expect(got.status, label).not.toBe(401);
          expect(got.status, label).not.toBe(403);
          expect(got.status, label).toBeLessThan(500);
        } else {
          expect(got.status, label).toBe(want);
          expect(got.code, label).toBe(
            want === 401 ? 'UNAUTHENTICATED' : who === 'otherClerk' && row.allow === atTheWindow ? 'WINDOW_FORBIDDEN' : 'ROLE_FORBIDDEN',
          );
        }
      }
    });
  }
});

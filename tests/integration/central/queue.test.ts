import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { windowPauses } from '../../../src/central/db/schema';
import { backends, newRequestId, startTestHall, type TestHall } from './harness';

// Synthetic ID numbers with valid GB 11643 check characters.
const ID_OK = '11010519491231002X';
const ID_BAD_CHECK = '110105194912310021';

describe.each(backends)('the queue on %s', (backend) => {
  let hall: TestHall;
  const tok: Record<string, string> = {};

  beforeAll(async () => {
    hall = await startTestHall(backend);
    for (const w of ['A1', 'B1', 'C1', 'C2', 'D1', 'D2', 'E1', 'F1', 'G1', 'H1']) tok[w] = await hall.login(`clerk-${w}`);
    tok.R1 = await hall.login('clerk-R1');
    tok.supervisor = await hall.login('supervisor');
    tok.admin = await hall.login('admin');
  });
  afterAll(async () => {
    await hall?.close();
  });

  const post = (path: string, token: string, body?: unknown) => hall.api('POST', path, { token, body });
  const callNext = (w: string, token = tok[w]!) => post(`/api/v1/windows/${w}/call-next`, token);
  async function serveNext(w: string) {
    const c = await callNext(w);
    expect(c.status).toBe(200);
    expect((await post(`/api/v1/tickets/${c.body.id}/start`, tok[w]!)).status).toBe(200);
    expect((await post(`/api/v1/tickets/${c.body.id}/finish`, tok[w]!)).status).toBe(200);
    return c.body;
  }

  describe('issuing tickets', () => {
    it('gives the zone prefix and a daily serial, and counts who is ahead', async () => {
      const a = await hall.issue(tok.R1!, 'A');
      const b = await hall.issue(tok.R1!, 'A');
      expect(a.number).toMatch(/^A\d{3}$/);
      expect(Number(b.number.slice(1))).toBe(Number(a.number.slice(1)) + 1);
      expect(b.ahead).toBe(a.ahead + 1);
      expect(a.status).toBe('waiting');
      expect(a.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('returns the same ticket for a repeated requestId instead of a second one', async () => {
      const requestId = newRequestId();
      const first = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', requestId });
      const again = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', requestId });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.number).toBe(first.body.number);
    });

    it('refuses a requestId reused for a different ticket', async () => {
      const requestId = newRequestId();
      await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', requestId });
      const r = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'B', requestId });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('REQUEST_ID_REUSED');
    });

    it('keeps only the masked ID number and says why a bad one is refused', async () => {
      const t = await hall.issue(tok.R1!, 'A', { idNumber: ID_OK });
      expect(t.idNumberMasked).toBe('110105********002X');
      expect(JSON.stringify(t)).not.toContain(ID_OK);
      const bad = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', requestId: newRequestId(), idNumber: ID_BAD_CHECK });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('ID_NUMBER_CHECK_DIGIT');
    });

    it('refuses unknown zones and matters, and a matter of another zone', async () => {
      const zone = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'Z', requestId: newRequestId() });
      expect([zone.status, zone.body.error.code]).toEqual([422, 'ZONE_UNKNOWN']);
      const matter = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', matterCode: 'NOSUCHMATTER', requestId: newRequestId() });
      expect([matter.status, matter.body.error.code]).toEqual([422, 'MATTER_UNKNOWN']);
      const catalog = (await hall.api('GET', '/api/v1/catalog')).body;
      const ofB = catalog.matters.find((m: { zoneCode: string }) => m.zoneCode === 'B');
      const wrong = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', matterCode: ofB.code, requestId: newRequestId() });
      expect([wrong.status, wrong.body.error.code]).toEqual([422, 'MATTER_NOT_IN_ZONE']);
      const ofA = catalog.matters.find((m: { zoneCode: string }) => m.zoneCode === 'A');
      const right = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', matterCode: ofA.code, requestId: newRequestId() });
      expect(right.status).toBe(201);
      expect(right.body.matterCode).toBe(ofA.code);
    });

    it('answers 400 with the field when the request is malformed', async () => {
      const r = await post('/api/v1/tickets', tok.R1!, { zoneCode: 'A', priority: 'vip' });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.body.error.details.issues)).toMatch(/requestId|priority/);
    });
  });

  describe('calling', () => {
    it('answers 204 when nothing waits for the window', async () => {
      const r = await callNext('G1');
      expect(r.status).toBe(204);
    });

    it('calls the green channel first and lets a normal ticket through after three priority calls', async () => {
      const normals = [];
      const greens = [];
      for (let i = 0; i < 4; i++) normals.push(await hall.issue(tok.R1!, 'E'));
      for (let i = 0; i < 4; i++) greens.push(await hall.issue(tok.R1!, 'E', { priority: 'green' }));
      const order: string[] = [];
      for (let i = 0; i < 8; i++) order.push((await serveNext('E1')).number);
      const n = normals.map((t) => t.number);
      const g = greens.map((t) => t.number);
      expect(order).toEqual([g[0], g[1], g[2], n[0], g[3], n[1], n[2], n[3]]);
      expect((await callNext('E1')).status).toBe(204);
    });

    it('gives the words to call with', async () => {
      const t = await hall.issue(tok.R1!, 'D');
      const c = await callNext('D1');
      expect(c.body.id).toBe(t.id);
      expect(c.body.status).toBe('called');
      expect(c.body.windowCode).toBe('D1');
      expect(c.body.call.voice).toBe(`请${t.number}号到1号窗口办理`);
      expect(c.body.call.led).toBe(`请${t.number}到1号窗口`);
      await post(`/api/v1/tickets/${t.id}/cancel`, tok.D1!, {});
    });

    it('refuses a second call while the window holds a ticket (WINDOW_BUSY)', async () => {
      await hall.issue(tok.R1!, 'C');
      await hall.issue(tok.R1!, 'C');
      const first = await callNext('C1');
      expect(first.status).toBe(200);
      const second = await callNext('C1');
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('WINDOW_BUSY');
      expect(second.body.error.details.current.id).toBe(first.body.id);
      await post(`/api/v1/tickets/${first.body.id}/start`, tok.C1!);
      expect((await callNext('C1')).body.error.code).toBe('WINDOW_BUSY');
      await post(`/api/v1/tickets/${first.body.id}/finish`, tok.C1!);
      const third = await callNext('C1');
      expect(third.status).toBe(200);
      await post(`/api/v1/tickets/${third.body.id}/no-show`, tok.C1!);
    });

    it('a reception desk issues tickets but does not call them', async () => {
      const r = await callNext('R1');
      expect([r.status, r.body.error.code]).toEqual([409, 'WINDOW_IS_RECEPTION']);
    });

    it('a paused window calls nothing until it resumes', async () => {
      const t = await hall.issue(tok.R1!, 'C');
      const p = await post('/api/v1/windows/C2/pause', tok.C2!, { reason: '系统维护' });
      expect(p.status).toBe(200);
      expect(p.body.state).toBe('paused');
      expect(p.body.pauseReason).toBe('系统维护');
      expect((await post('/api/v1/windows/C2/pause', tok.C2!, { reason: '再次' })).body.error.code).toBe('WINDOW_PAUSED');
      const refused = await callNext('C2');
      expect([refused.status, refused.body.error.code]).toEqual([409, 'WINDOW_PAUSED']);
      // The board's chip reads who paused it and since when.
      expect(p.body.pausedBy).toBe(p.body.staff.name);
      expect(Math.abs(Date.parse(p.body.pausedAt) - hall.clock.now().getTime())).toBeLessThan(5_000);
      hall.clock.advance(12 * 60_000);
      const resumed = await post('/api/v1/windows/C2/resume', tok.C2!);
      expect(resumed.body.state).toBe('idle');
      expect(resumed.body.pausedBy).toBeNull();
      // The timeline keeps the pause: who, when, why, how long.
      const timeline = await hall.ctx.db.drizzle.select().from(windowPauses).where(eq(windowPauses.windowCode, 'C2'));
      expect(timeline.map((r) => [r.reason, r.pausedByName, Math.round((r.resumedAt!.getTime() - r.pausedAt.getTime()) / 60_000)])).toEqual([['系统维护', p.body.staff.name, 12]]);
      const read = await hall.api('GET', '/api/v1/windows/C2/pauses', { token: tok.supervisor! });
      expect(read.status).toBe(200);
      expect(read.body.pauses).toHaveLength(1);
      expect(read.body.pauses[0]).toMatchObject({ reason: '系统维护', pausedBy: p.body.staff.name, pausedAt: p.body.pausedAt });
      expect(Math.round(read.body.pauses[0].seconds / 60)).toBe(12);
      expect((await post('/api/v1/windows/C2/resume', tok.C2!)).body.error.code).toBe('WINDOW_NOT_PAUSED');
      const c = await callNext('C2');
      expect(c.body.id).toBe(t.id);
      await post(`/api/v1/tickets/${t.id}/no-show`, tok.C2!);
    });
  });

  describe('recall, no-show, reactivate', () => {
    it('recalls up to the cap, then the next recall turns the ticket no-show by itself', async () => {
      const t = await hall.issue(tok.R1!, 'F');
      await callNext('F1');
      const r1 = await post(`/api/v1/tickets/${t.id}/recall`, tok.F1!);
      expect(r1.status).toBe(200);
      expect(r1.body.recallCount).toBe(1);
      expect(r1.body.call.voice).toContain(t.number);
      expect((await post(`/api/v1/tickets/${t.id}/recall`, tok.F1!)).body.recallCount).toBe(2);
      const capped = await post(`/api/v1/tickets/${t.id}/recall`, tok.F1!);
      expect([capped.status, capped.body.status, capped.body.recallCount]).toEqual([200, 'no-show', 2]);
      expect(capped.body.noShowAt).not.toBeNull();
      // The window is free again: the next call goes on to the next applicant.
      expect((await post(`/api/v1/tickets/${t.id}/recall`, tok.F1!)).body.error.code).toBe('TICKET_ILLEGAL_TRANSITION');
    });

    it('puts a reactivated ticket at the front of its class', async () => {
      const missed = await hall.issue(tok.R1!, 'F');
      const c = await callNext('F1');
      expect(c.body.id).toBe(missed.id);
      await post(`/api/v1/tickets/${missed.id}/no-show`, tok.F1!);
      const later = await hall.issue(tok.R1!, 'F');
      const re = await post(`/api/v1/tickets/${missed.id}/reactivate`, tok.F1!, { position: 'front' });
      expect(re.status).toBe(200);
      expect(re.body).toMatchObject({ status: 'waiting', front: true, windowCode: null, number: missed.number });
      const next = await callNext('F1');
      expect(next.body.id).toBe(missed.id);
      await post(`/api/v1/tickets/${missed.id}/start`, tok.F1!);
      await post(`/api/v1/tickets/${missed.id}/finish`, tok.F1!);
      expect((await serveNext('F1')).id).toBe(later.id);
    });

    it('refuses a reactivation after the grace time', async () => {
      const t = await hall.issue(tok.R1!, 'F');
      await callNext('F1');
      await post(`/api/v1/tickets/${t.id}/no-show`, tok.F1!);
      hall.clock.advance(31 * 60_000);
      try {
        const r = await post(`/api/v1/tickets/${t.id}/reactivate`, tok.F1!, {});
        expect([r.status, r.body.error.code]).toEqual([409, 'TICKET_GRACE_EXPIRED']);
      } finally {
        hall.clock.advance(-31 * 60_000);
      }
    });
  });

  describe('illegal moves', () => {
    it('answers 409 with the current state', async () => {
      const t = await hall.issue(tok.R1!, 'H');
      const c = await callNext('H1');
      expect(c.body.id).toBe(t.id);
      const finish = await post(`/api/v1/tickets/${t.id}/finish`, tok.H1!);
      expect(finish.status).toBe(409);
      expect(finish.body.error).toMatchObject({ code: 'TICKET_ILLEGAL_TRANSITION', details: { status: 'called', action: 'finish' } });
      await post(`/api/v1/tickets/${t.id}/start`, tok.H1!);
      await post(`/api/v1/tickets/${t.id}/finish`, tok.H1!);
      for (const action of ['start', 'recall', 'no-show', 'finish', 'cancel']) {
        const r = await post(`/api/v1/tickets/${t.id}/${action}`, tok.H1!, {});
        expect(r.status).toBe(409);
        expect(r.body.error.details.status).toBe('finished');
      }
    });

    it('answers 404 for an unknown ticket and 400 for a malformed id', async () => {
      expect((await hall.api('GET', `/api/v1/tickets/${newRequestId()}`, { token: tok.A1 })).body.error.code).toBe('TICKET_NOT_FOUND');
      expect((await post(`/api/v1/tickets/${newRequestId()}/start`, tok.A1!)).status).toBe(404);
      expect((await hall.api('GET', '/api/v1/tickets/not-an-id', { token: tok.A1 })).status).toBe(400);
      expect((await callNext('Q9', tok.supervisor)).status).toBe(404);
    });
  });

  describe('transfer and reassign', () => {
    it('transfers the applicant to another zone at the front, keeping the number', async () => {
      const older = await hall.issue(tok.R1!, 'H');
      const t = await hall.issue(tok.R1!, 'B');
      const c = await callNext('B1');
      expect(c.body.id).toBe(t.id);
      await post(`/api/v1/tickets/${t.id}/start`, tok.B1!);
      const moved = await post(`/api/v1/tickets/${t.id}/transfer`, tok.B1!, { zoneCode: 'H', position: 'front' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ status: 'waiting', zoneCode: 'H', number: t.number, front: true, windowCode: null });
      expect((await serveNext('H1')).id).toBe(t.id);
      expect((await serveNext('H1')).id).toBe(older.id);
    });

    it('transfers to one window: only that window calls it, and first', async () => {
      const a = await hall.issue(tok.R1!, 'D');
      const t = await hall.issue(tok.R1!, 'D');
      // D1 takes `a`, then transfers it to D2, which still has `t` waiting in the zone.
      expect((await callNext('D1')).body.id).toBe(a.id);
      const moved = await post(`/api/v1/tickets/${a.id}/transfer`, tok.D1!, { windowCode: 'D2' });
      expect(moved.body).toMatchObject({ windowCode: 'D2', status: 'waiting', front: false });
      const d1 = await callNext('D1');
      expect(d1.body.id).toBe(t.id);
      const d2 = await callNext('D2');
      expect(d2.body.id).toBe(a.id);
      for (const [w, id] of [['D1', t.id], ['D2', a.id]] as const) await post(`/api/v1/tickets/${id}/cancel`, tok[w]!, {});
    });

    it('refuses a transfer to a place that does not exist', async () => {
      const t = await hall.issue(tok.R1!, 'D');
      await callNext('D1');
      const catalog = (await hall.api('GET', '/api/v1/catalog')).body;
      const ofC = catalog.matters.find((m: { zoneCode: string }) => m.zoneCode === 'C');
      const cases: Array<[unknown, number, string]> = [
        [{ zoneCode: 'Z' }, 422, 'ZONE_UNKNOWN'],
        [{ windowCode: 'Z9' }, 422, 'WINDOW_UNKNOWN'],
        [{ matterCode: 'NOSUCH' }, 422, 'MATTER_UNKNOWN'],
        [{ zoneCode: 'D', matterCode: ofC.code }, 422, 'MATTER_NOT_IN_ZONE'],
        [{ position: 'front' }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [body, status, code] of cases) {
        const r = await post(`/api/v1/tickets/${t.id}/transfer`, tok.D1!, body);
        expect([r.status, r.body.error.code]).toEqual([status, code]);
      }
      const byMatter = await post(`/api/v1/tickets/${t.id}/transfer`, tok.D1!, { matterCode: ofC.code });
      expect(byMatter.body).toMatchObject({ zoneCode: 'C', matterCode: ofC.code });
      await post(`/api/v1/tickets/${t.id}/cancel`, tok.supervisor!, {});
    });

    it('lets a supervisor reassign a waiting ticket to a window, keeping its place in time', async () => {
      const t = await hall.issue(tok.R1!, 'G');
      const clerk = await post(`/api/v1/tickets/${t.id}/reassign`, tok.G1!, { windowCode: 'G1' });
      expect([clerk.status, clerk.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
      const r = await post(`/api/v1/tickets/${t.id}/reassign`, tok.supervisor!, { windowCode: 'H1' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ windowCode: 'H1', zoneCode: 'G', queuedAt: t.queuedAt });
      expect((await callNext('G1')).status).toBe(204);
      const h = await callNext('H1');
      expect(h.body.id).toBe(t.id);
      const again = await post(`/api/v1/tickets/${t.id}/reassign`, tok.supervisor!, { zoneCode: 'G' });
      expect(again.status).toBe(409);
      expect(again.body.error.details.status).toBe('called');
      await post(`/api/v1/tickets/${t.id}/cancel`, tok.H1!, {});
      const both = await post(`/api/v1/tickets/${t.id}/reassign`, tok.supervisor!, { zoneCode: 'G', windowCode: 'G1' });
      expect(both.status).toBe(400);
    });
  });

  describe('what the hall sees', () => {
    it('lists tickets of a zone in queue order and filters by status', async () => {
      const t1 = await hall.issue(tok.R1!, 'A', { priority: 'appointment' });
      const list = await hall.api('GET', '/api/v1/tickets?zoneCode=A&status=waiting', { token: tok.A1 });
      expect(list.status).toBe(200);
      expect(list.body.tickets.every((t: { zoneCode: string; status: string }) => t.zoneCode === 'A' && t.status === 'waiting')).toBe(true);
      expect(list.body.tickets.map((t: { id: string }) => t.id)).toContain(t1.id);
      const queued = list.body.tickets.map((t: { queuedAt: string }) => t.queuedAt);
      expect([...queued].sort()).toEqual(queued);
      expect((await hall.api('GET', '/api/v1/tickets?status=lost', { token: tok.A1 })).status).toBe(400);
      const one = await hall.api('GET', `/api/v1/tickets/${t1.id}`, { token: tok.A1 });
      expect(one.body.priority).toBe('appointment');
    });

    it('computes wait and service times from the ticket history', async () => {
      const t = await hall.issue(tok.R1!, 'B', { priority: 'green' });
      hall.clock.advance(120_000);
      const c = await callNext('B1');
      expect(c.body.id).toBe(t.id);
      hall.clock.advance(10_000);
      await post(`/api/v1/tickets/${t.id}/start`, tok.B1!);
      hall.clock.advance(300_000);
      await post(`/api/v1/tickets/${t.id}/finish`, tok.B1!);
      const view = await hall.api('GET', '/api/v1/hall', { token: tok.supervisor });
      expect(view.status).toBe(200);
      const b = view.body.zones.find((z: { code: string }) => z.code === 'B');
      // Zone B so far: the transferred ticket (called at once, then moved) and this one (120 s).
      expect(b.servedToday).toBe(1);
      expect(b.averageServiceSeconds).toBe(300);
      expect(b.averageWaitSeconds).toBeGreaterThanOrEqual(59);
      expect(b.averageWaitSeconds).toBeLessThanOrEqual(61);
      const b1 = view.body.windows.find((w: { code: string }) => w.code === 'B1');
      expect(b1).toMatchObject({ state: 'idle', servedToday: 1, current: null });
      expect(b1.staff.username).toBe('clerk-B1');
      const a = view.body.zones.find((z: { code: string }) => z.code === 'A');
      expect(a.waiting.total).toBe(a.waiting.normal + a.waiting.appointment + a.waiting.green);
      expect(a.waiting.appointment).toBeGreaterThanOrEqual(1);
      expect(a.longestWaitSeconds).toBeGreaterThan(0);
      expect(view.body.waitByHour.length).toBeGreaterThan(0);
    });

    it('shows one window to its clerk and its supervisor, not to another clerk', async () => {
      const own = await hall.api('GET', '/api/v1/windows/C1', { token: tok.C1 });
      expect(own.status).toBe(200);
      expect(own.body.staff.username).toBe('clerk-C1');
      const other = await hall.api('GET', '/api/v1/windows/C1', { token: tok.D1 });
      expect([other.status, other.body.error.code]).toEqual([403, 'WINDOW_FORBIDDEN']);
      expect((await hall.api('GET', '/api/v1/windows/C1', { token: tok.supervisor })).status).toBe(200);
      expect((await hall.api('GET', '/api/v1/windows/Q9', { token: tok.supervisor })).status).toBe(404);
    });

    it('shows the floor to reception (every zone) and to a counter clerk (its own zones only)', async () => {
      const atReception = await hall.api('GET', '/api/v1/hall', { token: tok.R1 });
      expect(atReception.status).toBe(200);
      expect(atReception.body.zones.length).toBe(8);
      expect(atReception.body.zones.every((z: { waiting: { total: number } }) => typeof z.waiting.total === 'number')).toBe(true);
      const atCounter = await hall.api('GET', '/api/v1/hall', { token: tok.C1 });
      expect(atCounter.status).toBe(200);
      expect(atCounter.body.zones.map((z: { code: string }) => z.code)).toEqual(['C']);
    });

    it('shows a window without a signed-in clerk as signed out', async () => {
      const view = await hall.api('GET', '/api/v1/hall', { token: tok.supervisor });
      const h5 = view.body.windows.find((w: { code: string }) => w.code === 'H5');
      expect(h5).toMatchObject({ state: 'signed-out', staff: null });
    });
  });

  describe('the next day', () => {
    it('restarts serials, leaves yesterday\'s queue behind and does not block a window with yesterday\'s ticket', async () => {
      const yesterday = await hall.issue(tok.R1!, 'H');
      const left = await hall.issue(tok.R1!, 'H');
      const c = await callNext('H1');
      expect(c.body.id).toBe(yesterday.id);
      await post(`/api/v1/tickets/${yesterday.id}/start`, tok.H1!);
      hall.clock.advance(24 * 3_600_000);
      try {
        // Yesterday's sessions have ended too: everyone signs in again.
        const r1 = await hall.login('clerk-R1');
        const h1 = await hall.login('clerk-H1');
        const sup = await hall.login('supervisor');
        const today = await hall.issue(r1, 'H');
        expect(today.number).toBe('H001');
        expect(today.day).not.toBe(yesterday.day);
        // H1 still has yesterday's ticket open, but may call; yesterday's waiting ticket is not called.
        const next = await callNext('H1', h1);
        expect(next.body.id).toBe(today.id);
        const moved = await post(`/api/v1/tickets/${left.id}/transfer`, sup, { zoneCode: 'G' });
        expect([moved.status, moved.body.error.code]).toEqual([409, 'TICKET_NOT_TODAY']);
        expect((await post(`/api/v1/tickets/${yesterday.id}/finish`, h1)).status).toBe(200);
        await post(`/api/v1/tickets/${today.id}/no-show`, h1);
      } finally {
        hall.clock.advance(-24 * 3_600_000);
      }
    });
  });

  it('can require an ID number on every ticket', async () => {
    const strict = await startTestHall(backend, { config: { requireIdNumber: true } });
    try {
      const t = await strict.login('clerk-R1');
      const none = await strict.api('POST', '/api/v1/tickets', { token: t, body: { zoneCode: 'A', requestId: newRequestId() } });
      expect([none.status, none.body.error.code]).toEqual([422, 'ID_NUMBER_REQUIRED']);
      expect((await strict.api('POST', '/api/v1/tickets', { token: t, body: { zoneCode: 'A', requestId: newRequestId(), idNumber: ID_OK } })).status).toBe(201);
    } finally {
      await strict.close();
    }
  });
});

import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, staff } from '../../../src/central/db/schema';
import { backends, DEMO_PASSWORD, startTestHall, type TestHall } from './harness';

describe.each(backends)('signing in on %s', (backend) => {
  let hall: TestHall;
  let admin: string;

  beforeAll(async () => {
    // A small limit so the rate-limit cases stay short.
    hall = await startTestHall(backend, { config: { loginLimit: { perUser: 3, perAddress: 8, windowMinutes: 15 } } });
    admin = await hall.login('admin');
  });
  afterAll(async () => {
    await hall?.close();
  });

  const login = (body: Record<string, unknown>, headers?: Record<string, string>) => hall.api('POST', '/api/v1/auth/login', { body, headers });

  it('signs a clerk in at its home window and tells who and where', async () => {
    const r = await login({ username: 'clerk-A2', password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.staff).toMatchObject({ username: 'clerk-A2', role: 'clerk', zoneCodes: ['A'], homeWindowCode: 'A2', active: true });
    expect(r.body.staff.name).toMatch(/^\p{Script=Han}{2,3}$/u);
    expect(r.body.window).toEqual({ code: 'A2', name: expect.any(String), kind: 'counter', zoneCodes: ['A'] });
    const me = await hall.api('GET', '/api/v1/auth/me', { token: r.body.token });
    expect(me.body.window.code).toBe('A2');
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('lets a clerk take another window of its zones, but not one of another zone', async () => {
    const same = await login({ username: 'clerk-A2', password: DEMO_PASSWORD, windowCode: 'A3' });
    expect(same.body.window.code).toBe('A3');
    const foreign = await login({ username: 'clerk-A2', password: DEMO_PASSWORD, windowCode: 'H1' });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'WINDOW_FORBIDDEN']);
    const unknown = await login({ username: 'clerk-A2', password: DEMO_PASSWORD, windowCode: 'Q9' });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'WINDOW_UNKNOWN']);
  });

  it('signs a supervisor in without a window', async () => {
    const r = await login({ username: 'supervisor', password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.window).toBeNull();
    expect(r.body.staff.zoneCodes).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
  });

  it('keeps one clerk per window: a second clerk signing in ends the first session', async () => {
    const first = await hall.login('clerk-B2');
    // Used once first, so the server has the session in hand (auth/session-cache.ts) when it ends.
    expect((await hall.api('GET', '/api/v1/auth/me', { token: first })).status).toBe(200);
    const second = await hall.login('clerk-B3', 'B2');
    expect((await hall.api('GET', '/api/v1/auth/me', { token: first })).status).toBe(401);
    expect((await hall.api('GET', '/api/v1/auth/me', { token: second })).body.window.code).toBe('B2');
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await login({ username: 'clerk-C2', password: 'not-the-password' });
    const nobody = await login({ username: 'no-such-clerk', password: 'whatever' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'LOGIN_FAILED']);
    expect(nobody.body).toEqual(wrong.body);
  });

  it('slows down guessing per user: after the limit even the right password waits', async () => {
    for (let i = 0; i < 3; i++) expect((await login({ username: 'clerk-C3', password: `guess-${i}` })).status).toBe(401);
    const limited = await login({ username: 'clerk-C3', password: DEMO_PASSWORD });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'LOGIN_RATE_LIMITED']);
    // Other people are not locked out by it.
    expect((await login({ username: 'clerk-C4', password: DEMO_PASSWORD })).status).toBe(200);
    hall.clock.advance(16 * 60_000);
    try {
      expect((await login({ username: 'clerk-C3', password: DEMO_PASSWORD })).status).toBe(200);
    } finally {
      hall.clock.advance(-16 * 60_000);
    }
  });

  it('slows down guessing per address across usernames', async () => {
    // The server sees every test request from 127.0.0.1; the earlier cases left a few failures there.
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) status = (await login({ username: `spray-${i}`, password: 'x' })).status;
    expect(status).toBe(429);
    expect((await login({ username: 'clerk-D2', password: DEMO_PASSWORD })).body.error.code).toBe('LOGIN_RATE_LIMITED');
    // The hall moves on a quarter of an hour (and stays there: the rest of the file signs in from this address too).
    hall.clock.advance(16 * 60_000);
    expect((await login({ username: 'clerk-D2', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('stores only a hash of the token and an scrypt hash of the password', async () => {
    const r = await login({ username: 'clerk-D3', password: DEMO_PASSWORD });
    const rows = await hall.ctx.db.drizzle.select().from(sessions).innerJoin(staff, eq(staff.id, sessions.staffId)).where(eq(staff.username, 'clerk-D3'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.sessions.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.sessions.tokenHash).not.toBe(r.body.token);
      expect(row.staff.passwordHash).toMatch(/^scrypt\$/);
      expect(row.staff.passwordHash).not.toContain(DEMO_PASSWORD);
    }
  });

  it('ends a session on logout and after its hours', async () => {
    const t = await hall.login('clerk-E2');
    expect((await hall.api('POST', '/api/v1/auth/logout', { token: t })).status).toBe(204);
    const after = await hall.api('GET', '/api/v1/auth/me', { token: t });
    expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const t2 = await hall.login('clerk-E2');
    expect((await hall.api('GET', '/api/v1/auth/me', { token: t2 })).status).toBe(200);
    hall.clock.advance(13 * 3_600_000);
    try {
      expect((await hall.api('GET', '/api/v1/auth/me', { token: t2 })).status).toBe(401);
    } finally {
      hall.clock.advance(-13 * 3_600_000);
    }
    expect((await hall.api('GET', '/api/v1/auth/me', { token: 'made-up-token' })).status).toBe(401);
  });

  it('ignores a stale token on public routes', async () => {
    const r = await hall.api('GET', '/api/v1/catalog', { token: 'made-up-token' });
    expect(r.status).toBe(200);
  });

  it('changes your own password and keeps you signed in', async () => {
    const t = await hall.login('clerk-F2');
    const wrong = await hall.api('POST', '/api/v1/auth/password', { token: t, body: { currentPassword: 'nope', newPassword: 'new-password-1' } });
    expect(wrong.status).toBe(403);
    const short = await hall.api('POST', '/api/v1/auth/password', { token: t, body: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } });
    expect(short.status).toBe(400);
    const ok = await hall.api('POST', '/api/v1/auth/password', { token: t, body: { currentPassword: DEMO_PASSWORD, newPassword: 'new-password-1' } });
    expect(ok.status).toBe(204);
    expect((await hall.api('GET', '/api/v1/auth/me', { token: t })).status).toBe(200);
    expect((await login({ username: 'clerk-F2', password: DEMO_PASSWORD })).status).toBe(401);
    expect((await login({ username: 'clerk-F2', password: 'new-password-1' })).status).toBe(200);
  });

  describe('staff accounts (admin)', () => {
    it('creates, changes and closes an account', async () => {
      const created = await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'clerk-new', name: '赵子涵', role: 'clerk', zoneCodes: ['G'], homeWindowCode: 'G3', password: 'first-password' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'clerk-new', role: 'clerk', zoneCodes: ['G'], homeWindowCode: 'G3', active: true });
      expect(JSON.stringify(created.body)).not.toMatch(/scrypt|password/i);
      const t = await hall.login('clerk-new', undefined, 'first-password');
      expect((await hall.api('GET', '/api/v1/auth/me', { token: t })).body.window.code).toBe('G3');

      const dup = await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'clerk-new', name: '赵子涵', role: 'clerk', password: 'first-password' },
      });
      expect([dup.status, dup.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
      const badWindow = await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'clerk-x', name: '钱某', role: 'clerk', homeWindowCode: 'Q9', password: 'first-password' },
      });
      expect([badWindow.status, badWindow.body.error.code]).toEqual([422, 'WINDOW_UNKNOWN']);

      const promoted = await hall.api('PATCH', '/api/v1/staff/clerk-new', { token: admin, body: { role: 'supervisor', zoneCodes: ['G', 'H'] } });
      expect(promoted.body).toMatchObject({ role: 'supervisor', zoneCodes: ['G', 'H'] });
      // A changed role ends the open sessions: the old token spoke for a clerk.
      expect((await hall.api('GET', '/api/v1/auth/me', { token: t })).status).toBe(401);

      const closed = await hall.api('PATCH', '/api/v1/staff/clerk-new', { token: admin, body: { active: false } });
      expect(closed.body.active).toBe(false);
      expect((await login({ username: 'clerk-new', password: 'first-password' })).status).toBe(401);

      expect((await hall.api('PATCH', '/api/v1/staff/nobody', { token: admin, body: { name: '某' } })).body.error.code).toBe('STAFF_NOT_FOUND');
      expect((await hall.api('PATCH', '/api/v1/staff/clerk-new', { token: admin, body: {} })).status).toBe(400);
      const list = await hall.api('GET', '/api/v1/staff', { token: admin });
      expect(list.body.staff.length).toBeGreaterThan(40);
    });

    it('keeps supervisors to their zones', async () => {
      await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'sup-g', name: '孙立新', role: 'supervisor', zoneCodes: ['G'], password: 'supervisor-g' },
      });
      const sup = await hall.login('sup-g', undefined, 'supervisor-g');
      expect((await hall.api('POST', '/api/v1/windows/G2/pause', { token: sup, body: { reason: '培训' } })).status).toBe(200);
      const other = await hall.api('POST', '/api/v1/windows/H2/pause', { token: sup, body: { reason: '培训' } });
      expect([other.status, other.body.error.code]).toEqual([403, 'ZONE_FORBIDDEN']);
      const t = await hall.issue(await hall.login('clerk-R2'), 'H');
      const move = await hall.api('POST', `/api/v1/tickets/${t.id}/reassign`, { token: sup, body: { zoneCode: 'G' } });
      expect([move.status, move.body.error.code]).toEqual([403, 'ZONE_FORBIDDEN']);
    });
  });

  it('audits every state change with who, which window, before and after', async () => {
    const clerk = await hall.login('clerk-H3');
    const t = await hall.issue(await hall.login('clerk-R1'), 'H');
    const other = await hall.api('POST', '/api/v1/windows/H3/call-next', { token: clerk });
    const called = other.body;
    const rows = await hall.ctx.db.drizzle
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'ticket'), eq(auditLog.entityId, called.id), eq(auditLog.action, 'ticket.call')))
      .orderBy(desc(auditLog.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: 'clerk-H3', role: 'clerk', windowCode: 'H3' });
    expect(rows[0]!.before).toMatchObject({ status: 'waiting' });
    expect(rows[0]!.after).toMatchObject({ status: 'called', windowCode: 'H3' });
    expect(t.number).toMatch(/^H/);
  });
});

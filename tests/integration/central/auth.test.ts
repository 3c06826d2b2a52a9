import { and, desc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSignInAttempts } from '../../../src/central/auth/throttle';
import { apiKeys, auditLog, sessions, staff } from '../../../src/central/db/schema';
import { backends, DEMO_PASSWORD, newRequestId, startTestHall, type TestHall } from './harness';

describe.each(backends)('signing in on %s', (backend) => {
  let hall: TestHall;
  let admin: string;

  beforeAll(async () => {
    // Small limits so the throttling cases stay short; the test's own address stands for the hall's
    // reverse proxy, so a case can sign in "from" another PC by X-Forwarded-For.
    hall = await startTestHall(backend, {
      config: { loginLimit: { perUser: 3, perAddress: 8, baseDelaySeconds: 10, maxDelaySeconds: 600, quietMinutes: 15 }, trustedProxies: ['127.0.0.1', '::1'], idleMinutes: 30 },
    });
    admin = await hall.login('admin');
  });
  const from = (address: string) => ({ 'x-forwarded-for': address });
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
    const ended = await hall.api('GET', '/api/v1/auth/me', { token: first });
    // The first clerk's station learns why, and tells its clerk.
    expect([ended.status, ended.body.error.code, ended.body.error.details.reason]).toEqual([401, 'SESSION_ENDED', 'taken-over']);
    expect((await hall.api('GET', '/api/v1/auth/me', { token: second })).body.window.code).toBe('B2');
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await login({ username: 'clerk-C2', password: 'not-the-password' });
    const nobody = await login({ username: 'no-such-clerk', password: 'whatever' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'LOGIN_FAILED']);
    expect(nobody.body).toEqual(wrong.body);
  });

  it('slows a guesser down per user and address, while the right password from another PC signs in at once', async () => {
    const guesser = from('10.0.9.66');
    for (let i = 0; i < 3; i++) expect((await login({ username: 'clerk-C3', password: `guess-${i}` }, guesser)).status).toBe(401);
    const limited = await login({ username: 'clerk-C3', password: DEMO_PASSWORD }, guesser);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'LOGIN_RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);
    // Nobody is locked out: the clerk at its own PC signs in straight away.
    expect((await login({ username: 'clerk-C3', password: DEMO_PASSWORD }, from('10.0.3.3'))).status).toBe(200);
    // After the wait one more guess is looked at, and the next wait is twice as long.
    hall.clock.advance(11_000);
    expect((await login({ username: 'clerk-C3', password: 'guess-again' }, guesser)).status).toBe(401);
    const longer = await login({ username: 'clerk-C3', password: 'guess-more' }, guesser);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThanOrEqual(19);
    hall.clock.advance(16 * 60_000);
    expect((await login({ username: 'clerk-C3', password: DEMO_PASSWORD }, guesser)).status).toBe(200);
  });

  it('checks at most the free attempts of 25 wrong sign-ins sent at once, the rest answered 429', async () => {
    const guesser = from('10.0.9.67');
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => login({ username: 'clerk-C4', password: `parallel-${i}` }, guesser)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length).toBe(25);
    // Every password looked at left an audit row: that is the count of guesses evaluated.
    const failed = await hall.ctx.db.drizzle.select().from(auditLog).where(and(eq(auditLog.action, 'auth.login-failed'), eq(auditLog.entityId, 'clerk-C4')));
    expect(failed.length).toBeLessThanOrEqual(3);
  });

  it('lets parallel right sign-ins through whichever reaches the database first (the morning rush behind one address)', async () => {
    const office = from('10.0.9.70');
    expect((await login({ username: 'clerk-E1', password: DEMO_PASSWORD }, office)).status).toBe(200);
    // A sign-in that took its time two seconds earlier but reaches the throttle row after the first.
    hall.clock.advance(-2000);
    try {
      expect((await login({ username: 'clerk-E2', password: DEMO_PASSWORD }, office)).status).toBe(200);
    } finally {
      hall.clock.advance(2000);
    }
  });

  it('slows down guessing per address across usernames, but not the clerks who sign in right', async () => {
    const sprayer = from('10.0.9.68');
    // Good sign-ins from one address (a hall behind one NAT) do not count against it.
    for (let i = 0; i < 12; i++) expect((await login({ username: 'clerk-D4', password: DEMO_PASSWORD }, sprayer)).status).toBe(200);
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) status = (await login({ username: `spray-${i}`, password: 'x' }, sprayer)).status;
    expect(status).toBe(429);
    expect((await login({ username: 'clerk-D2', password: DEMO_PASSWORD }, sprayer)).body.error.code).toBe('LOGIN_RATE_LIMITED');
    expect((await login({ username: 'clerk-D2', password: DEMO_PASSWORD }, from('10.0.2.2'))).status).toBe(200);
    hall.clock.advance(16 * 60_000);
    expect((await login({ username: 'clerk-D2', password: DEMO_PASSWORD }, sprayer)).status).toBe(200);
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

  it('ends a session on logout, after its hours and after half an hour unused, saying which', async () => {
    const reasonOf = async (token: string) => {
      const r = await hall.api('GET', '/api/v1/auth/me', { token });
      return r.status === 200 ? 'open' : `${r.status} ${r.body.error.code} ${r.body.error.details?.reason ?? ''}`.trim();
    };
    const t = await hall.login('clerk-E2');
    expect((await hall.api('POST', '/api/v1/auth/logout', { token: t })).status).toBe(204);
    expect(await reasonOf(t)).toBe('401 SESSION_ENDED signed-out');
    const busy = await hall.login('clerk-E2');
    const idle = await hall.login('clerk-E3');
    // Used every 20 minutes for 13 hours, one session still ends with its hours; the unused one idles out.
    for (let i = 0; i < 3; i++) {
      hall.clock.advance(20 * 60_000);
      expect(await reasonOf(busy)).toBe('open');
    }
    expect(await reasonOf(idle)).toBe('401 SESSION_ENDED idle');
    hall.clock.advance(13 * 3_600_000);
    expect(await reasonOf(busy)).toBe('401 SESSION_ENDED expired');
    expect(await reasonOf('made-up-token')).toBe('401 UNAUTHENTICATED');
    // The administrator of this suite idled out too.
    admin = await hall.login('admin');
  });

  it('takes a token only from the Authorization header, except on the live feed', async () => {
    const t = await hall.login('clerk-E4');
    expect((await hall.api('GET', `/api/v1/auth/me?access_token=${t}`)).status).toBe(401);
    const ac = new AbortController();
    const feed = await fetch(`${hall.url}/api/v1/events?access_token=${t}`, { signal: ac.signal });
    expect(feed.status).toBe(200);
    ac.abort();
  });

  it('ignores a stale token on public routes', async () => {
    const r = await hall.api('GET', '/api/v1/catalog', { token: 'made-up-token' });
    expect(r.status).toBe(200);
  });

  it('changes your own password and keeps you signed in', async () => {
    const t = await hall.login('clerk-F2');
    const change = (newPassword: string, currentPassword = DEMO_PASSWORD) => hall.api('POST', '/api/v1/auth/password', { token: t, body: { currentPassword, newPassword } });
    expect((await change('Window-F2-2027', 'nope')).status).toBe(403);
    expect((await change('short')).status).toBe(400);
    // The password rule of 等保 level 3: long enough, three kinds of character, not the user name, not a common one.
    const refused = async (p: string) => (await change(p)).body.error.code;
    expect(await refused('abcdefghijk')).toBe('PASSWORD_TOO_SIMPLE');
    expect(await refused('my-clerk-f2-2027')).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(await refused('Password123!')).toBe('PASSWORD_TOO_COMMON');
    expect(await refused('Woaini1314!')).toBe('PASSWORD_TOO_COMMON');
    expect((await change('Window-F2-2027')).status).toBe(204);
    expect((await hall.api('GET', '/api/v1/auth/me', { token: t })).status).toBe(200);
    expect((await login({ username: 'clerk-F2', password: DEMO_PASSWORD })).status).toBe(401);
    expect((await login({ username: 'clerk-F2', password: 'Window-F2-2027' })).status).toBe(200);
  });

  describe('staff accounts (admin)', () => {
    it('creates, changes and closes an account', async () => {
      const created = await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'clerk-new', name: '赵子涵', role: 'clerk', zoneCodes: ['G'], homeWindowCode: 'G3', password: 'First-pass-2026' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'clerk-new', role: 'clerk', zoneCodes: ['G'], homeWindowCode: 'G3', active: true });
      expect(JSON.stringify(created.body)).not.toMatch(/scrypt|passwordHash|First-pass-2026/);
      const t = await hall.login('clerk-new', undefined, 'First-pass-2026');
      expect((await hall.api('GET', '/api/v1/auth/me', { token: t })).body.window.code).toBe('G3');

      const dup = await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'clerk-new', name: '赵子涵', role: 'clerk', password: 'First-pass-2026' },
      });
      expect([dup.status, dup.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
      const badWindow = await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'clerk-x', name: '钱某', role: 'clerk', homeWindowCode: 'Q9', password: 'First-pass-2026' },
      });
      expect([badWindow.status, badWindow.body.error.code]).toEqual([422, 'WINDOW_UNKNOWN']);

      const promoted = await hall.api('PATCH', '/api/v1/staff/clerk-new', { token: admin, body: { role: 'supervisor', zoneCodes: ['G', 'H'] } });
      expect(promoted.body).toMatchObject({ role: 'supervisor', zoneCodes: ['G', 'H'] });
      // A changed role ends the open sessions: the old token spoke for a clerk.
      expect((await hall.api('GET', '/api/v1/auth/me', { token: t })).status).toBe(401);

      const closed = await hall.api('PATCH', '/api/v1/staff/clerk-new', { token: admin, body: { active: false } });
      expect(closed.body.active).toBe(false);
      expect((await login({ username: 'clerk-new', password: 'First-pass-2026' })).status).toBe(401);

      expect((await hall.api('PATCH', '/api/v1/staff/nobody', { token: admin, body: { name: '某' } })).body.error.code).toBe('STAFF_NOT_FOUND');
      expect((await hall.api('PATCH', '/api/v1/staff/clerk-new', { token: admin, body: {} })).status).toBe(400);
      const list = await hall.api('GET', '/api/v1/staff', { token: admin });
      expect(list.body.staff.length).toBeGreaterThan(40);
    });

    it('keeps supervisors to their zones', async () => {
      await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'sup-g', name: '孙立新', role: 'supervisor', zoneCodes: ['G'], password: 'Zone-G-lead-2026' },
      });
      const sup = await hall.login('sup-g', undefined, 'Zone-G-lead-2026');
      expect((await hall.api('POST', '/api/v1/windows/G2/pause', { token: sup, body: { reason: '培训' } })).status).toBe(200);
      const other = await hall.api('POST', '/api/v1/windows/H2/pause', { token: sup, body: { reason: '培训' } });
      expect([other.status, other.body.error.code]).toEqual([403, 'ZONE_FORBIDDEN']);
      const t = await hall.issue(await hall.login('clerk-R2'), 'H');
      const move = await hall.api('POST', `/api/v1/tickets/${t.id}/reassign`, { token: sup, body: { zoneCode: 'G' } });
      expect([move.status, move.body.error.code]).toEqual([403, 'ZONE_FORBIDDEN']);
      // Nor does it issue into another zone, or see it on the board.
      const issued = await hall.api('POST', '/api/v1/tickets', { token: sup, body: { zoneCode: 'H', requestId: newRequestId() } });
      expect([issued.status, issued.body.error.code]).toEqual([403, 'ZONE_FORBIDDEN']);
      const board = await hall.api('GET', '/api/v1/hall', { token: sup });
      expect(board.body.zones.map((z: { code: string }) => z.code)).toEqual(['G']);
      expect(board.body.windows.every((w: { zoneCodes: string[] }) => w.zoneCodes.includes('G'))).toBe(true);
      const list = await hall.api('GET', '/api/v1/tickets', { token: sup });
      expect(list.body.tickets.every((x: { zoneCode: string }) => x.zoneCode === 'G')).toBe(true);
      expect((await hall.api('GET', '/api/v1/tickets?zoneCode=H', { token: sup })).status).toBe(403);
    });

    it('gives an integration account a key of its own, that works without idling out until revoked, and nothing else', async () => {
      const made = await hall.api('POST', '/api/v1/staff', {
        token: admin,
        body: { username: 'portal-sd', name: '省网上办事大厅', role: 'portal', zoneCodes: [], password: 'Gateway-key-2026' },
      });
      expect(made.status).toBe(201);
      const key = await hall.api('POST', '/api/v1/staff/portal-sd/api-keys', { token: admin, body: { label: '2026 接口' } });
      expect(key.status).toBe(201);
      expect(key.body.key).toMatch(/^hk_/);
      const asPortal = (path: string) => hall.api('GET', path, { token: key.body.key });
      expect((await asPortal('/api/v1/auth/me')).body.staff.role).toBe('portal');
      hall.clock.advance(2 * 3_600_000);
      expect((await asPortal('/api/v1/auth/me')).status).toBe(200);
      // (a person's session idles out in that time: the administrator signs in again)
      admin = await hall.login('admin');
      // The portal may not touch the queue or the cases.
      expect((await asPortal('/api/v1/tickets')).body.error.code).toBe('ROLE_FORBIDDEN');
      expect((await asPortal('/api/v1/cases')).body.error.code).toBe('ROLE_FORBIDDEN');
      // A key is for integration accounts only; revoked, it stops at once.
      expect((await hall.api('POST', '/api/v1/staff/clerk-A1/api-keys', { token: admin, body: { label: 'x' } })).body.error.code).toBe('API_KEY_NOT_FOR_ROLE');
      expect((await hall.api('DELETE', `/api/v1/staff/portal-sd/api-keys/${key.body.id}`, { token: admin })).status).toBe(204);
      expect((await asPortal('/api/v1/auth/me')).status).toBe(401);
      const rows = await hall.ctx.db.drizzle.select().from(apiKeys).where(eq(apiKeys.id, key.body.id));
      expect(rows[0]!.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(key.body.key);
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

// Only PostgreSQL locks rows (PGlite runs one statement at a time).
describe.each(backends.filter((b) => b === 'postgres'))('one account signed in twice at once on %s', (backend) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('clears a good sign-in while another sign-in of the account holds its rows, without a deadlock', async () => {
    // A claim in flight: it has locked the user's throttle row and is about to lock the address's.
    const address = '10.0.9.72';
    await hall.ctx.db.drizzle.execute(
      sql`insert into login_throttle (key, attempts, retry_at, updated_at) values (${`u:supervisor@${address}`}, 1, 'epoch', now()), (${`a:${address}`}, 1, 'epoch', now())`,
    );
    const claim = new pg.Client({ connectionString: hall.databaseUrl });
    await claim.connect();
    try {
      await claim.query('begin');
      await claim.query('update login_throttle set attempts = attempts + 1 where key = $1', [`u:supervisor@${address}`]);
      // The good sign-in's clear runs meanwhile and must not take the address's row and then wait.
      const cleared = clearSignInAttempts(hall.ctx, 'supervisor', address).then(
        () => 'cleared',
        (e: unknown) => `failed: ${String(e)}`,
      );
      await until(async () => {
        const waiting = await claim.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%login_throttle%'`);
        return waiting.rows[0].n > 0;
      });
      // The claim takes the address's row: at once, since the clear holds nothing while it waits.
      await claim.query(`set local lock_timeout = '5s'`);
      await claim.query('update login_throttle set attempts = attempts + 1 where key = $1', [`a:${address}`]);
      await claim.query('commit');
      expect(await cleared).toBe('cleared');
    } finally {
      await claim.end();
    }
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the clear never waited on the claim');
}

import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketEvents, tickets } from '../../../src/central/db/schema';
import { backends, newRequestId, startTestHall, type TestHall } from './harness';

const WINDOWS = 50;
const TICKETS = 1000;
const ISSUERS = 20;

describe.each(backends)('under load on %s', (backend) => {
  let hall: TestHall;
  let admin: string;
  const clerkTokens = new Map<string, string>();
  const windowCodes = [...Array.from({ length: WINDOWS / 2 }, (_, i) => `A${i + 1}`), ...Array.from({ length: WINDOWS / 2 }, (_, i) => `B${i + 1}`)];

  beforeAll(async () => {
    // Fifty clerks sign in at the same moment from this one test address: the per-address limit is raised for it.
    hall = await startTestHall(backend, { config: { loginLimit: { perUser: 5, perAddress: 1000, baseDelaySeconds: 15, maxDelaySeconds: 900, quietMinutes: 15 } } });
    admin = await hall.login('admin');
    // The demo hall with 50 counters: A1..A25 serve A then B, B1..B25 serve B then A.
    const catalog = (await hall.api('GET', '/api/v1/catalog')).body;
    catalog.windows = [
      ...windowCodes.map((code) => {
        const [own, other] = code.startsWith('A') ? ['A', 'B'] : ['B', 'A'];
        return { code, name: `${code}窗口`, kind: 'counter', zones: [{ zoneCode: own, weight: 2 }, { zoneCode: other, weight: 1 }] };
      }),
      ...catalog.windows.filter((w: { kind: string }) => w.kind === 'reception'),
    ];
    // The town centre goes with its window TC01: this hall is its 50 counters and the reception desks.
    catalog.sites = [];
    for (const m of catalog.matters) delete m.takeInSites;
    const imported = await hall.api('POST', '/api/v1/catalog/import', { token: admin, body: { format: 'json', catalog } });
    expect(imported.status).toBe(200);
    expect(imported.body.imported.windows).toBe(WINDOWS + 2);
    await Promise.all(
      windowCodes.map(async (code) => {
        const username = `load-${code}`;
        const r = await hall.api('POST', '/api/v1/staff', {
          token: admin,
          body: { username, name: `测试${code}`, role: 'clerk', zoneCodes: ['A', 'B'], homeWindowCode: code, password: 'Load-test-2026' },
        });
        expect(r.status).toBe(201);
        clerkTokens.set(code, await hall.login(username, code, 'Load-test-2026'));
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  it('never hands out a ticket number twice under 20 concurrent issuers', async () => {
    const reception = await hall.login('clerk-R1');
    const priorities = ['normal', 'normal', 'normal', 'green', 'appointment'] as const;
    const issued = await Promise.all(
      Array.from({ length: ISSUERS }, async (_, worker) => {
        const mine: Array<{ number: string; zoneCode: string }> = [];
        for (let i = 0; i < TICKETS / ISSUERS; i++) {
          const zoneCode = (worker + i) % 2 === 0 ? 'A' : 'B';
          const r = await hall.api('POST', '/api/v1/tickets', {
            token: reception,
            body: { zoneCode, priority: priorities[(worker * 7 + i) % priorities.length], requestId: newRequestId() },
          });
          expect(r.status).toBe(201);
          mine.push(r.body);
        }
        return mine;
      }),
    );
    const all = issued.flat();
    expect(all).toHaveLength(TICKETS);
    expect(new Set(all.map((t) => t.number)).size).toBe(TICKETS);
    for (const zone of ['A', 'B']) {
      const serials = all
        .filter((t) => t.zoneCode === zone)
        .map((t) => Number(t.number.slice(1)))
        .sort((a, b) => a - b);
      // Daily serials without holes: 1..n.
      expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
    }
  }, 180_000);

  it('calls every ticket exactly once when 50 windows call next at the same time', async () => {
    const calledBy = new Map<string, string[]>();
    const unexpected: string[] = [];
    await Promise.all(
      windowCodes.map(async (code) => {
        const token = clerkTokens.get(code)!;
        for (;;) {
          const c = await hall.api('POST', `/api/v1/windows/${code}/call-next`, { token });
          if (c.status === 204) return;
          if (c.status !== 200) {
            unexpected.push(`${code}: ${c.status} ${JSON.stringify(c.body)}`);
            return;
          }
          calledBy.set(c.body.id, [...(calledBy.get(c.body.id) ?? []), code]);
          const s = await hall.api('POST', `/api/v1/tickets/${c.body.id}/start`, { token });
          const f = await hall.api('POST', `/api/v1/tickets/${c.body.id}/finish`, { token });
          if (s.status !== 200 || f.status !== 200) unexpected.push(`${code}: start ${s.status} finish ${f.status}`);
        }
      }),
    );
    expect(unexpected).toEqual([]);
    expect(calledBy.size).toBe(TICKETS);
    expect([...calledBy.values()].filter((ws) => ws.length !== 1)).toEqual([]);

    const db = hall.ctx.db.drizzle;
    const calls = await db.select({ ticketId: ticketEvents.ticketId, n: count() }).from(ticketEvents).where(eq(ticketEvents.action, 'call')).groupBy(ticketEvents.ticketId);
    expect(calls).toHaveLength(TICKETS);
    expect(calls.every((c) => Number(c.n) === 1)).toBe(true);
    const waiting = await db.select({ n: count() }).from(tickets).where(eq(tickets.status, 'waiting'));
    expect(Number(waiting[0]!.n)).toBe(0);
    // The work was shared: more than a handful of windows took part.
    expect(new Set([...calledBy.values()].flat()).size).toBeGreaterThan(10);
  }, 300_000);

  it('issues one ticket for one requestId sent ten times at once', async () => {
    const reception = await hall.login('clerk-R2');
    const requestId = newRequestId();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => hall.api('POST', '/api/v1/tickets', { token: reception, body: { zoneCode: 'A', requestId } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await hall.ctx.db.drizzle.select({ n: count() }).from(tickets).where(eq(tickets.requestId, requestId));
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('lets exactly one of twenty conflicting commands on one ticket through (start and no-show at once)', async () => {
    const reception = await hall.login('clerk-R2');
    await hall.issue(reception, 'A');
    const called = await hall.api('POST', '/api/v1/windows/A1/call-next', { token: clerkTokens.get('A1')! });
    expect(called.status).toBe(200);
    const id = called.body.id as string;
    // From 'called' either may go, and after either neither may: one wins, nineteen are refused.
    const commands = Array.from({ length: 20 }, (_, i) => hall.api('POST', `/api/v1/tickets/${id}/${i % 2 === 0 ? 'start' : 'no-show'}`, { token: clerkTokens.get('A1')! }));
    const answers = await Promise.all(commands);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body.error.code)).toEqual(Array(19).fill('TICKET_ILLEGAL_TRANSITION'));
    // The ticket's history holds the call and that one command, nothing else.
    const history = await hall.ctx.db.drizzle.select({ action: ticketEvents.action }).from(ticketEvents).where(eq(ticketEvents.ticketId, id));
    expect(history.map((h) => h.action).sort()).toEqual(['call', 'issue', ok[0]!.body.status === 'serving' ? 'start' : 'no-show'].sort());
  });
});

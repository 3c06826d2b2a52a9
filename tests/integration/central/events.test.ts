import { asc, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLog } from '../../../src/central/db/schema';
import { backends, openEvents, startTestHall, type TestHall } from './harness';

describe.each(backends)('live events on %s', (backend) => {
  let hall: TestHall;
  let clerk: string;
  let reception: string;

  beforeAll(async () => {
    hall = await startTestHall(backend);
    clerk = await hall.login('clerk-E1');
    reception = await hall.login('clerk-R1');
  });
  afterAll(async () => {
    await hall?.close();
  });

  const allSeqsAfter = async (seq: number) =>
    (await hall.ctx.db.drizzle.select({ seq: changeLog.seq }).from(changeLog).where(gt(changeLog.seq, seq)).orderBy(asc(changeLog.seq))).map((r) => r.seq);

  it('needs a signed-in user', async () => {
    const r = await fetch(`${hall.url}/api/v1/events`);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('tells a screen at once what happened to a ticket and a window, each event with its seq as id', async () => {
    const stream = await openEvents(hall.url, clerk);
    try {
      expect(stream.status).toBe(200);
      const t = await hall.issue(reception, 'E');
      await hall.api('POST', '/api/v1/windows/E1/call-next', { token: clerk });
      await hall.api('POST', `/api/v1/tickets/${t.id}/recall`, { token: clerk });
      await hall.api('POST', `/api/v1/tickets/${t.id}/start`, { token: clerk });
      await hall.api('POST', `/api/v1/tickets/${t.id}/finish`, { token: clerk });
      await hall.api('POST', '/api/v1/windows/E1/pause', { token: clerk, body: { reason: '午休' } });
      await hall.api('POST', '/api/v1/windows/E1/resume', { token: clerk });
      const events = await stream.waitFor((es) => es.some((e) => e.type === 'window.resumed'));
      const mine = events.filter((e) => e.id === t.id || e.id === 'E1');
      expect(mine.map((e) => e.type)).toEqual([
        'ticket.issued',
        'ticket.called',
        'ticket.recalled',
        'ticket.started',
        'ticket.finished',
        'window.paused',
        'window.resumed',
      ]);
      const called = mine[1]!;
      expect(called.entity).toBe('ticket');
      expect(called.data).toMatchObject({ id: t.id, status: 'called', windowCode: 'E1' });
      const seqs = events.map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      stream.close();
    }
  });

  it('sends heartbeats while nothing happens', async () => {
    const stream = await openEvents(hall.url, clerk);
    try {
      const until = Date.now() + 5_000;
      while (!stream.raw.some((f) => f.startsWith(': heartbeat')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(stream.raw.some((f) => f.startsWith(': heartbeat'))).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('resumes from Last-Event-ID without a gap or a repeat while tickets keep coming', async () => {
    const first = await openEvents(hall.url, clerk);
    let resumed: Awaited<ReturnType<typeof openEvents>> | undefined;
    let producing = true;
    const producer = (async () => {
      let n = 0;
      while (producing || n < 20) {
        await hall.issue(reception, 'F');
        n++;
      }
      return n;
    })();
    try {
      await first.waitFor((es) => es.length >= 5);
      first.close();
      const lastSeen = first.events[first.events.length - 1]!.seq;
      // Reconnect while the producer is still issuing: replay and live overlap here.
      resumed = await openEvents(hall.url, clerk, lastSeen);
      await resumed.waitFor((es) => es.length >= 10);
      producing = false;
      await producer;
      const expected = await allSeqsAfter(lastSeen);
      const got = await resumed.waitFor((es) => es.length >= expected.length && es[es.length - 1]!.seq >= expected[expected.length - 1]!);
      expect(got.map((e) => e.seq)).toEqual(expected);
    } finally {
      producing = false;
      await producer;
      first.close();
      resumed?.close();
    }
  });

  it('resumes with ?lastEventId= and a token in the query, for browser EventSource', async () => {
    const before = (await allSeqsAfter(0)).at(-1)!;
    const t = await hall.issue(reception, 'G');
    const r = await fetch(`${hall.url}/api/v1/events?lastEventId=${before}&access_token=${encodeURIComponent(clerk)}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/event-stream');
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(t.id)) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(text).toMatch(new RegExp(`id: ${before + 1}\\n`));
  });
});

describe.runIf(backends.includes('postgres'))('two hall server instances on one PostgreSQL', () => {
  let one: TestHall;
  let two: TestHall;
  beforeAll(async () => {
    one = await startTestHall('postgres');
    two = await startTestHall('postgres', { sharedWith: one });
  });
  afterAll(async () => {
    await two?.server.close();
    await one?.close();
  });

  it('delivers an event raised on one instance to an SSE client of the other', async () => {
    const watcher = await openEvents(two.url, await two.login('supervisor'));
    try {
      const t = await one.issue(await one.login('clerk-R2'), 'H');
      const got = await watcher.waitFor((es) => es.some((e) => e.id === t.id), 10_000);
      expect(got.find((e) => e.id === t.id)!.type).toBe('ticket.issued');
    } finally {
      watcher.close();
    }
  });

  it('shares the queue: a ticket issued on one instance is called on the other, once', async () => {
    const t = await one.issue(await one.login('clerk-R1'), 'G');
    const g1 = await two.login('clerk-G1');
    const c = await two.api('POST', '/api/v1/windows/G1/call-next', { token: g1 });
    expect(c.body.id).toBe(t.id);
    const again = await one.api('POST', '/api/v1/windows/G2/call-next', { token: await one.login('clerk-G2') });
    expect(again.status).toBe(204);
  });

  it('seeded the demo hall once although both instances started on the empty database', async () => {
    const staff = await one.api('GET', '/api/v1/staff', { token: await one.login('admin') });
    const names = staff.body.staff.map((s: { username: string }) => s.username);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n: string) => n === 'admin')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayStateSchema, windowScreenSchema } from '../../../src/contract/api-public';
import { backends, startTestHall, type TestHall } from './harness';

interface Frame {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** The public feed as a hall screen reads it: no token. */
async function openDisplay(url: string, opts: { zone?: string; lastEventId?: number; hallDisplay?: boolean } = {}) {
  const ac = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (opts.lastEventId !== undefined) headers['last-event-id'] = String(opts.lastEventId);
  const query = new URLSearchParams();
  if (opts.zone) query.set('zone', opts.zone);
  // The hall display's own subscription: calls and counts, no window events.
  if (opts.hallDisplay) query.set('windowEvents', '0');
  const res = await fetch(`${url}/api/v1/display/events${query.size ? `?${query}` : ''}`, { headers, signal: ac.signal });
  const frames: Frame[] = [];
  const raw: string[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          raw.push(frame);
          const line = (k: string) => frame.split('\n').find((l) => l.startsWith(`${k}: `))?.slice(k.length + 2);
          if (line('data')) frames.push({ id: Number(line('id')), event: line('event')!, data: JSON.parse(line('data')!) });
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    frames,
    raw,
    async waitFor(pred: (f: Frame[]) => boolean, ms = 10_000) {
      const end = Date.now() + ms;
      while (!pred(frames)) {
        if (Date.now() > end) throw new Error(`timed out; have ${frames.map((f) => `${f.id}:${f.event}`).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return frames;
    },
    close: () => ac.abort(),
  };
}

describe.each(backends)('the public call feed for hall screens on %s', (backend) => {
  let hall: TestHall;
  let clerkE1: string;
  let reception: string;

  beforeAll(async () => {
    // A hall whose voice pack was never generated.
    hall = await startTestHall(backend, { config: { demo: true, voicePackDir: '/nonexistent/voice-pack' } });
    clerkE1 = await hall.login('clerk-E1');
    reception = await hall.login('clerk-R1');
  });
  afterAll(async () => {
    await hall?.close();
  });

  /** The clerk at E1 calls the next number (the window is free: whoever stood there was served). */
  async function callNext(): Promise<string> {
    const r = await hall.api('POST', '/api/v1/windows/E1/call-next', { token: clerkE1 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.id as string;
  }
  async function serve(id: string): Promise<void> {
    await hall.api('POST', `/api/v1/tickets/${id}/start`, { token: clerkE1 });
    expect((await hall.api('POST', `/api/v1/tickets/${id}/finish`, { token: clerkE1 })).status).toBe(200);
  }

  it('tells every screen of a call and a recall without sign-in, in public fields only, and the new waiting count', async () => {
    const feed = await openDisplay(hall.url);
    const staffOnly = await openDisplay(hall.url, { zone: 'A' });
    try {
      expect(feed.status).toBe(200);
      expect(feed.type).toContain('text/event-stream');
      const t = await hall.issue(reception, 'E', { idNumber: '11010519491231002X' });
      await hall.issue(reception, 'E');
      expect(await callNext()).toBe(t.id);
      await hall.api('POST', `/api/v1/tickets/${t.id}/recall`, { token: clerkE1 });
      const frames = await feed.waitFor((f) => f.some((x) => x.event === 'recall'));
      const call = frames.find((f) => f.event === 'call')!;
      expect(call.data).toMatchObject({ ticketNumber: t.number, windowCode: 'E1', zoneCode: 'E', recall: false, voice: `请${t.number}号到E1窗口办理` });
      expect(Object.keys(call.data).sort()).toEqual(['calledAt', 'recall', 'ticketNumber', 'voice', 'windowCode', 'windowName', 'zoneCode', 'zoneName']);
      expect(frames.find((f) => f.event === 'recall')!.data).toMatchObject({ ticketNumber: t.number, recall: true });
      // Two issued, one called: one waits.
      await feed.waitFor((f) => f.some((x) => x.event === 'zone' && x.data.code === 'E' && x.data.waiting === 1));
      expect(feed.raw.join('\n')).not.toMatch(/1231002X|\*{4}|clerk-|staff/);
      // A screen for zone A hears nothing of zone E.
      await new Promise((r) => setTimeout(r, 300));
      expect(staffOnly.frames.filter((f) => f.event === 'call' || (f.event === 'zone' && f.data.code === 'E'))).toEqual([]);
      await serve(t.id);
    } finally {
      feed.close();
      staffOnly.close();
    }
  });

  it('answers what the display shows now: newest call first, waiting per zone, the hall name', async () => {
    // The second ticket of the first test waits; it is called now.
    const id = await callNext();
    const r = await hall.api('GET', '/api/v1/display?zone=E');
    expect(r.status).toBe(200);
    const s = displayStateSchema.parse(r.body);
    expect(s.hallName).toBe('泰安市泰山区政务服务中心');
    const t2 = (await hall.api('GET', `/api/v1/tickets/${id}`, { token: clerkE1 })).body;
    expect(s.calls[0]).toMatchObject({ ticketNumber: t2.number, windowCode: 'E1', voice: `请${t2.number}号到E1窗口办理` });
    expect(s.calls.length).toBeGreaterThanOrEqual(2);
    expect(s.calls.map((c) => c.calledAt)).toEqual([...s.calls.map((c) => c.calledAt)].sort().reverse());
    expect(s.zones.map((z) => z.code)).toEqual(['E']);
    expect(s.voiceRepeat).toBe(2);
    expect(JSON.stringify(r.body)).not.toMatch(/idNumber|1231002X/);
    await serve(id);
  });

  it('shows every screen the same calls in the same frames, and a zone screen only its zone', async () => {
    const everyZone = await Promise.all(Array.from({ length: 12 }, () => openDisplay(hall.url)));
    const zoneE = await Promise.all(Array.from({ length: 3 }, () => openDisplay(hall.url, { zone: 'E' })));
    const zoneA = await Promise.all(Array.from({ length: 2 }, () => openDisplay(hall.url, { zone: 'A' })));
    const hallDisplays = await Promise.all(Array.from({ length: 2 }, () => openDisplay(hall.url, { hallDisplay: true })));
    // Each screen starts from the feed's position when it connected: what came before may differ.
    const from = hall.ctx.feed.position;
    try {
      const numbers: string[] = [];
      for (let i = 0; i < 3; i++) numbers.push((await hall.issue(reception, 'E')).number as string);
      for (let i = 0; i < 3; i++) await serve(await callNext());
      const calledAll = (f: Frame[]) => numbers.every((n) => f.some((x) => x.event === 'call' && x.data.ticketNumber === n)) && f.some((x) => x.event === 'zone' && x.data.code === 'E' && x.data.waiting === 0);
      for (const screen of [...everyZone, ...zoneE, ...hallDisplays]) await screen.waitFor(calledAll);
      // The frames as written since (heartbeats and the greeting aside): one screen's are the start of another's.
      const written = (s: { raw: string[] }) => s.raw.filter((f) => f.startsWith('id: ') && Number(/^id: (\d+)/.exec(f)![1]) > from);
      const samePrefix = (group: Array<{ raw: string[] }>) => {
        const shortest = Math.min(...group.map((s) => written(s).length));
        const first = written(group[0]!).slice(0, shortest);
        for (const s of group) expect(written(s).slice(0, shortest)).toEqual(first);
        return first;
      };
      const all = samePrefix(everyZone);
      const e = samePrefix(zoneE);
      expect(all.filter((f) => f.includes('event: call')).length).toBeGreaterThanOrEqual(3);
      expect(e.filter((f) => f.includes('event: call'))).toEqual(all.filter((f) => f.includes('event: call')));
      expect(zoneA.flatMap((s) => s.frames).filter((f) => f.event === 'call' || (f.event === 'zone' && f.data.code === 'E'))).toEqual([]);
      // A hall display gets the same calls and no window event, while the window screens got theirs.
      const d = samePrefix(hallDisplays);
      expect(d.filter((f) => f.includes('event: call'))).toEqual(all.filter((f) => f.includes('event: call')));
      expect(all.some((f) => f.includes('event: window'))).toBe(true);
      expect(hallDisplays.flatMap((s) => s.frames).filter((f) => f.event === 'window')).toEqual([]);
    } finally {
      for (const s of [...everyZone, ...zoneE, ...zoneA, ...hallDisplays]) s.close();
    }
  });

  it('resumes after a cut from Last-Event-ID: every call made meanwhile, in order, then the counts', async () => {
    const first = await openDisplay(hall.url);
    const a = await hall.issue(reception, 'E');
    const aId = await callNext();
    const seen = await first.waitFor((f) => f.some((x) => x.event === 'call' && x.data.ticketNumber === a.number));
    const lastId = seen[seen.length - 1]!.id;
    first.close();
    // Cut off: two more calls happen.
    await serve(aId);
    const b = await hall.issue(reception, 'E');
    const c = await hall.issue(reception, 'E');
    await serve(await callNext());
    await serve(await callNext());
    const back = await openDisplay(hall.url, { lastEventId: lastId });
    try {
      const frames = await back.waitFor((f) => f.some((x) => x.event === 'call' && x.data.ticketNumber === c.number) && f.some((x) => x.event === 'zone'));
      expect(frames.filter((f) => f.event === 'call').map((f) => f.data.ticketNumber)).toEqual([b.number, c.number]);
      expect(frames.every((f) => f.event === 'zone' || f.id > lastId)).toBe(true);
    } finally {
      back.close();
    }
  });

  it('serves the display page without sign-in', async () => {
    const r = await fetch(`${hall.url}/display?zone=E`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    const html = await r.text();
    expect(html).toContain('泰安市泰山区政务服务中心');
    expect(html).toContain('/api/v1/display/events');
  });

  it("gives a window's screen the number it serves, the clerk with 工号, and 暂停服务 while paused or empty", async () => {
    const screen = async (code = 'E1') => {
      const r = await hall.api('GET', `/api/v1/display/windows/${code}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return windowScreenSchema.parse(r.body);
    };
    const me = (await hall.api('GET', '/api/v1/auth/me', { token: clerkE1 })).body.staff;
    expect(me.staffNo).toMatch(/^\d{4}$/);
    expect(await screen()).toMatchObject({ code: 'E1', state: 'open', current: null, staff: { name: me.name, staffNo: me.staffNo }, pauseReason: null });
    await hall.issue(reception, 'E');
    const id = await callNext();
    const called = await screen();
    expect(called.current).toMatchObject({ status: 'called' });
    await hall.api('POST', `/api/v1/tickets/${id}/start`, { token: clerkE1 });
    expect((await screen()).current?.status).toBe('serving');
    await hall.api('POST', `/api/v1/tickets/${id}/finish`, { token: clerkE1 });
    expect((await screen()).current).toBeNull();
    await hall.api('POST', '/api/v1/windows/E1/pause', { token: clerkE1, body: { reason: '午休' } });
    expect(await screen()).toMatchObject({ state: 'paused', pauseReason: '午休' });
    await hall.api('POST', '/api/v1/windows/E1/resume', { token: clerkE1 });
    expect((await screen()).state).toBe('open');
    // Nobody has signed in at E2: closed, no name.
    expect(await screen('E2')).toMatchObject({ state: 'closed', staff: null });
    // Never a username or a staff id.
    expect(JSON.stringify(await screen())).not.toMatch(/clerk-|"id"/);
    const missing = await hall.api('GET', '/api/v1/display/windows/Z9');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'WINDOW_NOT_FOUND']);
    expect((await fetch(`${hall.url}/display/window/E1`)).status).toBe(200);
    expect((await fetch(`${hall.url}/display/window/Z9`)).status).toBe(404);
  });

  it('keeps 工号 unique: a second person with the same number is refused', async () => {
    const admin = await hall.login('admin');
    const taken = (await hall.api('GET', '/api/v1/auth/me', { token: clerkE1 })).body.staff.staffNo;
    const r = await hall.api('POST', '/api/v1/staff', { token: admin, body: { username: 'new-clerk', name: '新同事', role: 'clerk', zoneCodes: ['E'], staffNo: taken, password: 'Hall-demo-2026-x' } });
    expect([r.status, r.body.error?.code]).toEqual([409, 'STAFF_NO_TAKEN']);
    const ok = await hall.api('POST', '/api/v1/staff', { token: admin, body: { username: 'new-clerk', name: '新同事', role: 'clerk', zoneCodes: ['E'], staffNo: 'X-77', password: 'Hall-demo-2026-x' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.staffNo).toBe('X-77');
    const clash = await hall.api('PATCH', '/api/v1/staff/new-clerk', { token: admin, body: { staffNo: taken } });
    expect([clash.status, clash.body.error?.code]).toEqual([409, 'STAFF_NO_TAKEN']);
  });

  it("speaks the hall's own sentence once an administrator sets it, and only an administrator may", async () => {
    const admin = await hall.login('admin');
    expect((await hall.api('GET', '/api/v1/display/settings')).body).toEqual({ voiceRepeat: 2, recentCalls: 8, template: '请{number}号到{window}窗口办理' });
    const refused = await hall.api('PUT', '/api/v1/display/settings', { token: clerkE1, body: { voiceRepeat: 3 } });
    expect(refused.status).toBe(403);
    const bad = await hall.api('PUT', '/api/v1/display/settings', { token: admin, body: { template: '请到窗口' } });
    expect(bad.status).toBe(400);
    const set = await hall.api('PUT', '/api/v1/display/settings', { token: admin, body: { voiceRepeat: 3, template: '请{number}号到{window}号窗口' } });
    expect(set.body).toEqual({ voiceRepeat: 3, recentCalls: 8, template: '请{number}号到{window}号窗口' });
    const feed = await openDisplay(hall.url, { zone: 'E' });
    try {
      const t = await hall.issue(reception, 'E');
      const id = await callNext();
      const [call] = (await feed.waitFor((f) => f.some((x) => x.event === 'call'))).filter((f) => f.event === 'call');
      expect(call!.data.voice).toBe(`请${t.number}号到E1号窗口`);
      expect((await hall.api('GET', '/api/v1/display?zone=E')).body.voiceRepeat).toBe(3);
      await serve(id);
    } finally {
      feed.close();
    }
  });

  it('says so when the hall has no voice pack, rather than sending silence', async () => {
    const r = await hall.api('GET', `/api/v1/display/voice?text=${encodeURIComponent('请E001号到E1窗口办理')}`);
    expect([r.status, r.body.error.code]).toEqual([404, 'VOICE_PACK_MISSING']);
  });

  it("counts down on the slip's QR page: 前面还有 N 人, then the window once called", async () => {
    const slips = [await hall.issue(reception, 'E'), await hall.issue(reception, 'E'), await hall.issue(reception, 'E')];
    for (const t of slips) {
      expect(t.positionToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(t.positionToken).not.toContain(t.id);
      expect(t.positionUrl).toBe(`${hall.url}/q/${t.positionToken}`);
    }
    const position = async (token: string) => {
      const r = await hall.api('GET', `/api/v1/q/${token}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    expect(await Promise.all(slips.map((t) => position(t.positionToken).then((p) => p.ahead)))).toEqual([0, 1, 2]);
    const page = await fetch(slips[2].positionUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('前面还有 <b>2</b> 人');

    const first = await callNext();
    expect(first).toBe(slips[0].id);
    expect(await position(slips[0].positionToken)).toMatchObject({ ticketNumber: slips[0].number, zoneCode: 'E', status: 'called', windowCode: 'E1', ahead: 0 });
    expect((await position(slips[2].positionToken)).ahead).toBe(1);
    expect(JSON.stringify(await position(slips[0].positionToken))).not.toMatch(/idNumber|staff|clerk/);
    // The token is the slip's alone: neither the staff's ticket list nor the live feed carries it.
    const list = await hall.api('GET', '/api/v1/tickets?zoneCode=E', { token: reception });
    expect(JSON.stringify(list.body)).not.toContain(slips[0].positionToken);

    const missing = await hall.api('GET', `/api/v1/q/${'x'.repeat(22)}`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'TICKET_NOT_FOUND']);
    expect((await fetch(`${hall.url}/q/${'x'.repeat(22)}`)).status).toBe(404);
    await serve(first);
    await serve(await callNext());
    await serve(await callNext());
  });
});

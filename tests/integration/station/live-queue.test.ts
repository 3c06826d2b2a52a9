import { afterEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../src/contract/station-api';
import { backends, HallProxy, ok, RestartableHall, startStation, stationConfig, tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(backends)('the queue at a window, live from the hall server (%s)', (backend) => {
  it('hears a ticket issued elsewhere at once, calls it, and issues slips at the reception desk', async () => {
    const hall = await RestartableHall.create(backend);
    cleanups.push(() => hall.close());
    const proxy = new HallProxy(() => hall.url);
    await proxy.listen();
    cleanups.push(() => proxy.close());
    const dirs = [tempDir('station-it-a3-'), tempDir('station-it-r1-')];
    cleanups.push(() => dirs.forEach((d) => d.remove()));
    const window = await startStation(stationConfig({ HALL_URL: proxy.url, STATION_ID: 'A3-live', WINDOW_CODE: 'A3', STATION_DATA_DIR: dirs[0]!.path }));
    cleanups.push(() => window.stop());
    const desk = await startStation(stationConfig({ HALL_URL: hall.url, STATION_ID: 'R1-live', STATION_DATA_DIR: dirs[1]!.path }));
    cleanups.push(() => desk.stop());

    const events: StationEvent[] = [];
    window.events.subscribe((e) => events.push(e));
    await ok(window.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    await ok(window.dispatch('sync.now', {}));
    const receptionWindow = desk.context.catalog.catalog().windows.find((w) => w.kind === 'reception')!;
    await ok(desk.dispatch('session.login', { username: 'clerk-R1', password: 'hall-demo-2026', windowCode: receptionWindow.code }));

    // A green-channel ticket jumps the line: not without the person's ID number and a reason.
    expect(await desk.dispatch('queue.issue', { zoneCode: 'A', priority: 'green' })).toMatchObject({ ok: false, error: { code: 'GREEN_CHANNEL_ID_REQUIRED' } });
    expect(await desk.dispatch('queue.issue', { zoneCode: 'A', priority: 'green', idNumber: '370902198803150021' })).toMatchObject({
      ok: false,
      error: { code: 'GREEN_CHANNEL_REASON_REQUIRED' },
    });

    // The reception desk issues an A ticket and prints its slip.
    const issued = await ok<{ ticket: { id: string; number: string; zoneCode: string }; printJob: { status: string; kind: string } | null }>(
      desk.dispatch('queue.issue', { zoneCode: 'A', priority: 'green', idNumber: '370902198803150021', greenReason: 'elderly' }),
    );
    expect(issued.ticket.number).toMatch(/^A\d{3}$/);
    expect(issued.printJob).toMatchObject({ status: 'printed', kind: 'ticket-slip' });
    // The slip's QR opens the ticket's queue-position page at the hall.
    const slip = desk.context.store.printJobs.get((issued.printJob as unknown as { id: string }).id)!;
    expect(slip.document.qr).toMatch(/^https?:\/\/[^/]+\/q\/[A-Za-z0-9_-]{22,}$/);
    expect(slip.document.qr).toBe((issued.ticket as unknown as { positionUrl: string }).positionUrl);
    expect(await ok<unknown[]>(desk.dispatch('queue.recentIssued', {}))).toHaveLength(1);

    // Window A3 hears of it through the hall's event stream, without anyone pressing refresh.
    await expect.poll(() => events.some((e) => e.type === 'queue' && e.reason === 'ticket.issued'), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => window.context.store.cache.ticketsOfDay(window.context.today(), ['waiting']).map((t) => t.id), { timeout: 15_000 }).toContain(issued.ticket.id);
    const view = await ok<{ live: boolean; waiting: Array<{ id: string }>; counts: { green: number } }>(window.dispatch('queue.view', {}));
    expect(view).toMatchObject({ live: true, counts: { green: 1 } });
    expect(view.waiting.map((t) => t.id)).toEqual([issued.ticket.id]);

    const called = await ok<{ id: string; status: string; windowCode: string }>(window.dispatch('queue.callNext', {}));
    expect(called).toMatchObject({ id: issued.ticket.id, status: 'called', windowCode: 'A3' });
    await ok(window.dispatch('queue.start', { ticketId: called.id }));
    const finished = await ok<{ status: string }>(window.dispatch('queue.finish', { ticketId: called.id }));
    expect(finished.status).toBe('finished');
    expect(await ok(window.dispatch('queue.callNext', {}))).toBeNull();

    // Reading the hall view changes nothing, so it pokes no screen (a board refetching on its own read would loop).
    await ok(desk.dispatch('session.login', { username: 'supervisor', password: 'hall-demo-2026' }));
    const deskEvents: StationEvent[] = [];
    desk.events.subscribe((e) => deskEvents.push(e));
    await ok(desk.dispatch('queue.hall', {}));
    // Pokes from the hall's event stream or a pull may still trickle in; none may come from the read itself.
    expect(deskEvents.filter((e) => e.type === 'queue' && e.reason !== 'pulled' && !/^(ticket|window)\./.test(e.reason))).toEqual([]);

    // The hall goes away: the queue panel says so instead of pretending.
    proxy.decide = () => 'down';
    expect(await window.dispatch('queue.callNext', {})).toMatchObject({ ok: false, error: { code: 'HALL_UNREACHABLE' } });
    expect(await ok<{ live: boolean }>(window.dispatch('queue.view', {}))).toMatchObject({ live: false });
  });
});

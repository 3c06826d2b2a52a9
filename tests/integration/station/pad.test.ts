import { afterEach, describe, expect, it } from 'vitest';
import type { PadState, StationEvent } from '../../../src/contract/station-api';
import { createStation } from '../../../src/station/api';
import { backends, DEMO_PASSWORD, hallAndStation, ok, silentLog, startStation } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(backends)('the evaluation pad at window A3 (%s)', (backend) => {
  it('offers the finished ticket, asks a reason for a bad level, and a rating made while the hall is cut off arrives once', async () => {
    const { hall, proxy, station } = await hallAndStation(backend, 'A3-pad', cleanups);
    const pads: PadState[] = [];
    station.events.subscribe((e: StationEvent) => {
      if (e.type === 'pad') pads.push(e.state);
    });
    await ok(station.dispatch('session.login', { username: 'clerk-A3', password: DEMO_PASSWORD, windowCode: 'A3' }));
    expect(await ok<PadState>(station.dispatch('pad.state', {}))).toMatchObject({ mode: 'idle', window: { code: 'A3' }, staff: { username: 'clerk-A3' }, ticket: null });

    const sup = await hall.login('supervisor');
    const issued = await hall.api('POST', '/api/v1/tickets', { token: sup, body: { zoneCode: 'A', requestId: '01JZZZZZZZZZZZZZZZZZZZZZZA' } });
    expect(issued.status).toBe(201);
    const called = await ok<{ id: string; number: string }>(station.dispatch('queue.callNext', {}));
    await ok(station.dispatch('queue.start', { ticketId: called.id }));
    // Nothing to rate before the service is over.
    expect(await station.dispatch('pad.rate', { ticketId: called.id, level: 1 })).toMatchObject({ ok: false, error: { code: 'PAD_TICKET_GONE' } });
    await ok(station.dispatch('queue.finish', { ticketId: called.id }));
    expect(pads.at(-1)).toMatchObject({ mode: 'rate', ticket: { id: called.id, number: called.number } });

    // The hall is cut off: the citizen rates all the same.
    proxy.decide = () => 'down';
    expect(await station.dispatch('pad.rate', { ticketId: called.id, level: 4 })).toMatchObject({ ok: false, error: { code: 'EVALUATION_REASON_REQUIRED' } });
    expect(station.context.store.outbox.nextBatch(10).filter((m) => m.name === 'ticket.evaluate')).toHaveLength(0);
    expect(await ok<PadState>(station.dispatch('pad.rate', { ticketId: called.id, level: 4, reason: '办事效率低' }))).toMatchObject({ mode: 'thanks', ticket: null });
    expect(station.context.store.outbox.nextBatch(10).filter((m) => m.name === 'ticket.evaluate')).toHaveLength(1);
    // Once rated, the ticket is off the pad.
    expect(await station.dispatch('pad.rate', { ticketId: called.id, level: 1 })).toMatchObject({ ok: false, error: { code: 'PAD_TICKET_GONE' } });

    // The hall comes back: the rating arrives once, against clerk-A3 at A3, and opens a follow-up.
    proxy.decide = () => 'forward';
    await ok(station.dispatch('sync.now', {}));
    await ok(station.dispatch('sync.now', {}));
    const list = await hall.api('GET', '/api/v1/evaluations', { token: sup });
    const mine = (list.body.evaluations as Array<{ ticketId: string; level: number; staffUsername: string; windowCode: string; reason: string }>).filter((e) => e.ticketId === called.id);
    expect(mine).toEqual([expect.objectContaining({ level: 4, staffUsername: 'clerk-A3', windowCode: 'A3', reason: '办事效率低' })]);
    const followUps = await hall.api('GET', '/api/v1/evaluation-follow-ups', { token: sup });
    expect((followUps.body.followUps as Array<{ evaluation: { ticketId: string } }>).some((f) => f.evaluation.ticketId === called.id)).toBe(true);
    expect(station.context.store.outbox.nextBatch(10)).toHaveLength(0);
  }, 60_000);

  it('still asks about the finished ticket after the station restarts, until it is rated, the clerk signs out, or it expires', async () => {
    const { hall, station, config } = await hallAndStation(backend, 'A3-pad-restart', cleanups);
    const login = { username: 'clerk-A3', password: DEMO_PASSWORD, windowCode: 'A3' };
    await ok(station.dispatch('session.login', login));
    const sup = await hall.login('supervisor');
    const serve = async (s: typeof station, requestId: string) => {
      expect((await hall.api('POST', '/api/v1/tickets', { token: sup, body: { zoneCode: 'A', requestId } })).status).toBe(201);
      const called = await ok<{ id: string; number: string }>(s.dispatch('queue.callNext', {}));
      await ok(s.dispatch('queue.start', { ticketId: called.id }));
      await ok(s.dispatch('queue.finish', { ticketId: called.id }));
      return called;
    };
    const first = await serve(station, '01JZZZZZZZZZZZZZZZZZZZZZZB');
    expect(await ok<PadState>(station.dispatch('pad.state', {}))).toMatchObject({ mode: 'rate', ticket: { id: first.id, number: first.number } });

    // Electron is relaunched while the citizen stands at the pad.
    await station.stop();
    cleanups.pop();
    const again = await startStation(config);
    cleanups.push(() => again.stop());
    // Nobody signed in yet: the pad shows nothing of the last service.
    expect(await ok<PadState>(again.dispatch('pad.state', {}))).toMatchObject({ mode: 'idle', ticket: null });
    await ok(again.dispatch('session.login', login));
    expect(await ok<PadState>(again.dispatch('pad.state', {}))).toMatchObject({ mode: 'rate', ticket: { id: first.id, number: first.number } });
    expect(await ok<PadState>(again.dispatch('pad.rate', { ticketId: first.id, level: 1 }))).toMatchObject({ mode: 'thanks' });

    // Rated: a second restart does not offer it again.
    await again.stop();
    cleanups.pop();
    const third = await startStation(config);
    cleanups.push(() => third.stop());
    await ok(third.dispatch('session.login', login));
    expect(await ok<PadState>(third.dispatch('pad.state', {}))).toMatchObject({ mode: 'idle', ticket: null });
    await ok(third.dispatch('sync.now', {}));
    const rated = (await hall.api('GET', '/api/v1/evaluations', { token: sup })).body.evaluations as Array<{ ticketId: string; level: number }>;
    expect(rated.filter((e) => e.ticketId === first.id)).toEqual([expect.objectContaining({ level: 1 })]);

    // Signing out clears the pad: the next clerk's pad never asks about this service.
    const second = await serve(third, '01JZZZZZZZZZZZZZZZZZZZZZZC');
    expect(await ok<PadState>(third.dispatch('pad.state', {}))).toMatchObject({ mode: 'rate', ticket: { id: second.id } });
    await ok(third.dispatch('session.logout', {}));
    await ok(third.dispatch('session.login', login));
    expect(await ok<PadState>(third.dispatch('pad.state', {}))).toMatchObject({ mode: 'idle', ticket: null });
    expect(await third.dispatch('pad.rate', { ticketId: second.id, level: 1 })).toMatchObject({ ok: false, error: { code: 'PAD_TICKET_GONE' } });

    // A station that comes back more than ten minutes after the service no longer asks about it.
    const last = await serve(third, '01JZZZZZZZZZZZZZZZZZZZZZZD');
    expect(await ok<PadState>(third.dispatch('pad.state', {}))).toMatchObject({ mode: 'rate', ticket: { id: last.id } });
    await third.stop();
    cleanups.pop();
    const later = createStation(config, { logger: silentLog, backoff: { baseMs: 50, maxMs: 200 }, now: () => new Date(Date.now() + 11 * 60_000) });
    await later.start();
    cleanups.push(() => later.stop());
    await ok(later.dispatch('session.login', login));
    expect(await ok<PadState>(later.dispatch('pad.state', {}))).toMatchObject({ mode: 'idle', ticket: null });
    expect(await later.dispatch('pad.rate', { ticketId: last.id, level: 1 })).toMatchObject({ ok: false, error: { code: 'PAD_TICKET_GONE' } });
  }, 60_000);
});

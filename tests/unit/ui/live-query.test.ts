import { describe, expect, it } from 'vitest';
import type { StationAnswer, StationEvent } from '../../../src/contract/station-api';
import { LiveQuery } from '../../../src/ui/live-query';
import { createIpcClient, type StationBridge } from '../../../src/ui/station-client';

/**
 * A station whose answers the test releases one by one: enough to see how the live query folds
 * bursts of pokes. The transport is the real IPC client; only the main process is played here.
 */
function fakeStation() {
  const pending: Array<{ method: string; resolve: (a: StationAnswer<unknown>) => void }> = [];
  let emit: (e: unknown) => void = () => undefined;
  const bridge: StationBridge = {
    call: (method) => new Promise((resolve) => pending.push({ method, resolve: resolve as (a: StationAnswer<unknown>) => void })),
    subscribe: (cb) => {
      emit = cb;
      return () => (emit = () => undefined);
    },
  };
  return { client: createIpcClient(bridge), pending, poke: (e: StationEvent) => emit(e) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('views that keep themselves current', () => {
  it('fetches when first watched and again on a queue poke', async () => {
    const s = fakeStation();
    const q = new LiveQuery(s.client, 'queue.recentIssued', {}, ['queue']);
    const off = q.subscribe(() => undefined);
    expect(s.pending.map((p) => p.method)).toEqual(['queue.recentIssued']);
    s.pending.shift()!.resolve({ ok: true, value: ['first'] });
    await flush();
    expect(q.snapshot().data).toEqual(['first']);
    s.poke({ type: 'queue', reason: 'issued' });
    expect(s.pending).toHaveLength(1);
    s.pending.shift()!.resolve({ ok: true, value: ['second'] });
    await flush();
    expect(q.snapshot().data).toEqual(['second']);
    off();
  });

  it('folds a burst of pokes into one more fetch', async () => {
    const s = fakeStation();
    const q = new LiveQuery(s.client, 'queue.view', {}, ['queue']);
    q.subscribe(() => undefined);
    for (let i = 0; i < 10; i++) s.poke({ type: 'queue', reason: `burst ${i}` });
    expect(s.pending).toHaveLength(1);
    s.pending.shift()!.resolve({ ok: true, value: 'v1' });
    await flush();
    expect(s.pending).toHaveLength(1);
    s.pending.shift()!.resolve({ ok: true, value: 'v2' });
    await flush();
    expect(s.pending).toHaveLength(0);
    expect(q.snapshot().data).toBe('v2');
  });

  it('ignores events of other kinds', async () => {
    const s = fakeStation();
    const q = new LiveQuery(s.client, 'queue.view', {}, ['queue']);
    q.subscribe(() => undefined);
    s.pending.shift()!.resolve({ ok: true, value: 'v1' });
    await flush();
    s.poke({ type: 'cases', caseId: null });
    expect(s.pending).toHaveLength(0);
  });

  it('keeps the last good value on screen beside the error', async () => {
    const s = fakeStation();
    const q = new LiveQuery(s.client, 'queue.view', {}, ['queue']);
    q.subscribe(() => undefined);
    s.pending.shift()!.resolve({ ok: true, value: 'good' });
    await flush();
    s.poke({ type: 'queue', reason: 'x' });
    s.pending.shift()!.resolve({ ok: false, error: { code: 'HALL_UNREACHABLE', message: 'down' } });
    await flush();
    expect(q.snapshot().data).toBe('good');
    expect(q.snapshot().error?.code).toBe('HALL_UNREACHABLE');
  });

  it('takes a value carried by the event without asking again', async () => {
    const s = fakeStation();
    const q = new LiveQuery(s.client, 'sync.state', {}, undefined, (e) => (e.type === 'sync' ? e.state : undefined));
    q.subscribe(() => undefined);
    s.pending.shift()!.resolve({ ok: true, value: { pending: 5 } });
    await flush();
    const state = { connection: 'syncing', station: { stationId: 'A1-pc', status: 'approved', pairingCode: null }, pending: 3, rejected: 0, drainTotal: 5, lastSuccessAt: null, lastError: null, offlineSince: null, cursor: 9, warnings: [] } as const;
    s.poke({ type: 'sync', state: { ...state, warnings: [] } });
    expect(s.pending).toHaveLength(0);
    expect(q.snapshot().data).toMatchObject({ pending: 3, drainTotal: 5 });
  });

  it('stops listening when nobody watches', async () => {
    const s = fakeStation();
    const q = new LiveQuery(s.client, 'queue.view', {}, ['queue']);
    const off = q.subscribe(() => undefined);
    s.pending.shift()!.resolve({ ok: true, value: 'v' });
    await flush();
    off();
    s.poke({ type: 'queue', reason: 'x' });
    expect(s.pending).toHaveLength(0);
  });

  it('shows a command’s known outcome at once, and never steps back to what a fetch begun before it read', async () => {
    const s = fakeStation();
    const q = new LiveQuery(s.client, 'queue.recentIssued', {}, ['queue']);
    q.subscribe(() => undefined);
    s.pending.shift()!.resolve({ ok: true, value: ['idle'] });
    await flush();
    // A poke's fetch is on its way when the clerk's call is answered.
    s.poke({ type: 'queue', reason: 'issued' });
    const stale = s.pending.shift()!;
    void q.refetch();
    q.patch(() => ['called A012'] as never);
    expect(q.snapshot().data).toEqual(['called A012']);
    stale.resolve({ ok: true, value: ['idle'] });
    await flush();
    expect(q.snapshot().data).toEqual(['called A012']);
    // The fetch after the command confirms it.
    s.pending.shift()!.resolve({ ok: true, value: ['called A012', 'confirmed'] });
    await flush();
    expect(q.snapshot().data).toEqual(['called A012', 'confirmed']);
  });
});

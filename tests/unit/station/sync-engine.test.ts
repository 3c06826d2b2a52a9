import { describe, expect, it } from 'vitest';
import type { Change, PullResponse, PushRequest, PushResponse } from '../../../src/contract/sync';
import { HallCallError, type HallClient } from '../../../src/station/hall-client';
import type { Store } from '../../../src/station/store';
import { SyncEngine } from '../../../src/station/sync/engine';
import { caseRecord, memoryStore } from './helpers';

/**
 * A hall that lives in the test: it applies each mutation id once and serves a change log. The real
 * hall server is exercised in tests/integration/station; this one lets a test hold a push open,
 * refuse a request as a whole, or go away, at exactly the moment the test needs.
 */
class TestHall {
  applied = new Map<string, PushResponse['results'][number]>();
  log: Change[] = [];
  pushes: PushRequest[] = [];
  up = true;
  inFlight = 0;
  maxInFlight = 0;
  gate: Promise<void> | null = null;
  refuse = new Set<string>();
  badRequestFor = new Set<string>();

  client(): HallClient {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the client's methods close over the hall they talk to
    const hall = this;
    const unreachable = () => new HallCallError('HALL_UNREACHABLE', 'down', 0);
    return {
      baseUrl: 'test://hall',
      token: 't',
      stationKey: 'k',
      call: async () => {
        throw new Error('not used');
      },
      bytes: async () => {
        throw new Error('not used');
      },
      download: async () => {
        throw new Error('not used');
      },
      async push(req) {
        if (!hall.up) throw unreachable();
        hall.inFlight++;
        hall.maxInFlight = Math.max(hall.maxInFlight, hall.inFlight);
        try {
          hall.pushes.push(req);
          if (hall.gate) await hall.gate;
          if (req.mutations.some((m) => hall.badRequestFor.has(m.id))) throw new HallCallError('VALIDATION_FAILED', 'bad body', 400);
          return {
            results: req.mutations.map((m) => {
              const before = hall.applied.get(m.id);
              if (before) return { ...before, status: before.status === 'applied' ? ('duplicate' as const) : before.status };
              const r = hall.refuse.has(m.id) ? { id: m.id, status: 'rejected' as const, code: 'CASE_PROMISED_DATE_MISMATCH', message: '承诺日期不符' } : { id: m.id, status: 'applied' as const };
              hall.applied.set(m.id, r);
              return r;
            }),
          };
        } finally {
          hall.inFlight--;
        }
      },
      async pull({ cursor, limit = 200 }): Promise<PullResponse> {
        if (!hall.up) throw unreachable();
        const changes = hall.log.filter((c) => c.seq > cursor).slice(0, limit);
        const last = changes.at(-1)?.seq ?? cursor;
        return { changes, cursor: last, hasMore: hall.log.some((c) => c.seq > last) };
      },
      reachable: async () => hall.up,
    };
  }
}

function queueCases(store: Store, n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { record } = store.cases.recordIntake({
      windowCode: 'A3',
      at: new Date('2026-11-28T02:00:00.000Z'),
      staffId: 'S-A3',
      compose: (serial) => {
        const r = caseRecord({ id: store.newId(), caseNo: `TS-20261128-A3-${String(serial).padStart(4, '0')}` });
        return { record: r, mutation: { name: 'case.accept', args: { case: r } }, notice: { kind: 'acceptance', noticeNo: 'n', document: { kind: 'acceptance', reference: 'n', lines: [] } }, audit: {} };
      },
    });
    ids.push(record.id);
  }
  return ids;
}

function engine(store: Store, hall: TestHall, over: Partial<ConstructorParameters<typeof SyncEngine>[0]> = {}) {
  const e = new SyncEngine({
    store,
    stationId: 'A3-test',
    hall: () => hall.client(),
    signedIn: () => true,
    station: { standing: () => ({ stationId: 'A3-test', status: 'approved', pairingCode: null }), ensure: async () => ({ stationId: 'A3-test', status: 'approved', pairingCode: null }), refused: () => undefined },
    guardrails: { offlineWarnHours: 4, backlogWarn: 10 },
    retentionDays: 180,
    intervalMs: 0,
    pushBatch: 5,
    backoff: { baseMs: 60_000, maxMs: 600_000 },
    ...over,
  });
  return e;
}

describe('sync engine', () => {
  it('pushes the outbox in the order the clerk worked, in batches, then empties it', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    const e = engine(store, hall);
    const ids = queueCases(store, 12);
    const state = await e.trigger('manual', { force: true });
    expect(hall.pushes.map((p) => p.mutations.length)).toEqual([5, 5, 2]);
    expect(hall.pushes.flatMap((p) => p.mutations.map((m) => (m.args as { case: { id: string } }).case.id))).toEqual(ids);
    expect(state).toMatchObject({ pending: 0, rejected: 0, connection: 'online' });
    expect(store.syncRuns.latest(1)[0]).toMatchObject({ pushed: 12, applied: 12, trigger: 'manual', error: null });
  });

  it('pushes nothing while nobody is signed in, but still tells whether the hall can be reached', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    const e = engine(store, hall, { signedIn: () => false });
    queueCases(store, 2);
    expect(await e.trigger('manual', { force: true })).toMatchObject({ connection: 'online', pending: 2 });
    expect(hall.pushes).toHaveLength(0);
    hall.up = false;
    expect(await e.trigger('manual', { force: true })).toMatchObject({ connection: 'offline', pending: 2 });
  });

  it('never runs two syncs at once: triggers during a run fold into one more run', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    const e = engine(store, hall);
    queueCases(store, 3);
    let open!: () => void;
    hall.gate = new Promise((r) => (open = r));
    const runs = [e.trigger('manual', { force: true }), e.trigger('write', { force: true }), e.trigger('event', { force: true }), e.trigger('write', { force: true })];
    await new Promise((r) => setTimeout(r, 20));
    queueCases(store, 2);
    hall.gate = null;
    open();
    await Promise.all(runs);
    expect(hall.maxInFlight).toBe(1);
    expect(hall.applied.size).toBe(5);
    expect(store.syncRuns.latest(10)).toHaveLength(2);
  });

  it('keeps a rejected mutation with its reason and lets the ones behind it through', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    const e = engine(store, hall);
    queueCases(store, 3);
    const [, second] = store.outbox.nextBatch(10);
    hall.refuse.add(second!.id);
    const state = await e.trigger('manual', { force: true });
    expect(state).toMatchObject({ pending: 0, rejected: 1 });
    expect(state.warnings.map((w) => w.code)).toContain('SYNC_REJECTED');
    expect(store.outbox.rejected()).toEqual([expect.objectContaining({ id: second!.id, code: 'CASE_PROMISED_DATE_MISMATCH', message: '承诺日期不符' })]);
  });

  it('isolates a mutation the server cannot even parse, so it does not block the outbox', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    const e = engine(store, hall);
    queueCases(store, 4);
    const bad = store.outbox.nextBatch(10)[2]!;
    hall.badRequestFor.add(bad.id);
    const state = await e.trigger('manual', { force: true });
    expect(state).toMatchObject({ pending: 0, rejected: 1 });
    expect(store.outbox.rejected()[0]).toMatchObject({ id: bad.id, code: 'VALIDATION_FAILED' });
    expect(hall.applied.size).toBe(3);
  });

  it('goes offline when the hall is unreachable, backs off, and catches up exactly once when it returns', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    hall.up = false;
    const e = engine(store, hall, { random: () => 0.5 });
    queueCases(store, 20);
    let state = await e.trigger('manual', { force: true });
    expect(state).toMatchObject({ connection: 'offline', pending: 20 });
    expect(state.lastError?.code).toBe('HALL_UNREACHABLE');
    expect(state.warnings.map((w) => w.code)).toContain('SYNC_BACKLOG_LARGE');
    expect(state.offlineSince).not.toBeNull();
    // Backed off: an ordinary trigger does not hammer a hall that is down.
    expect(e.backoffMs).toBeGreaterThan(30_000);
    const pushesBefore = hall.pushes.length;
    await e.trigger('write');
    expect(hall.pushes.length).toBe(pushesBefore);
    hall.up = true;
    state = await e.trigger('event', { force: true });
    expect(state).toMatchObject({ connection: 'online', pending: 0, offlineSince: null, lastError: null });
    expect(hall.applied.size).toBe(20);
    // A second run sends nothing again.
    await e.trigger('manual', { force: true });
    expect(hall.pushes.reduce((n, p) => n + p.mutations.length, 0)).toBe(20);
  });

  it('answers a re-push of mutations the server already has as duplicates and clears them', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    const e = engine(store, hall);
    queueCases(store, 2);
    // The first push reached the server but its answer was lost (the station died): replay that.
    for (const m of store.outbox.nextBatch(10)) hall.applied.set(m.id, { id: m.id, status: 'applied' });
    await e.trigger('manual', { force: true });
    expect(store.syncRuns.latest(1)[0]).toMatchObject({ applied: 0, duplicates: 2 });
    expect(store.outbox.counts().pending).toBe(0);
  });

  it('pulls page by page, storing each cursor with its page', async () => {
    const store = memoryStore();
    const hall = new TestHall();
    const e = engine(store, hall, { pullLimit: 2 });
    hall.log = [
      { seq: 1, entity: 'hall', id: 'hall', op: 'upsert', data: { name: '泰山区政务服务中心', regionCode: '370902', siteCode: 'TS' } },
      { seq: 2, entity: 'zone', id: 'A', op: 'upsert', data: { code: 'A', name: '商事登记' } },
      { seq: 3, entity: 'zone', id: 'B', op: 'upsert', data: { code: 'B', name: '市场准入' } },
      { seq: 5, entity: 'zone', id: 'B', op: 'delete', data: null },
      { seq: 6, entity: 'case', id: 'x', op: 'upsert', data: caseRecord({ id: '01JF0000000000000000000042', caseNo: 'TS-20261128-A3-0042' }) },
      // The same number under another id: reported, not applied, and the sync does not stall on it.
      { seq: 7, entity: 'case', id: 'y', op: 'upsert', data: caseRecord({ id: '01JF0000000000000000000043', caseNo: 'TS-20261128-A3-0001' }) },
    ];
    queueCases(store, 1);
    const state = await e.trigger('manual', { force: true });
    expect(store.syncRuns.latest(1)[0]?.error).toBeNull();
    expect(state.cursor).toBe(7);
    const snapshot = store.cache.catalog(store.syncState.get().catalogVersion)!;
    expect(snapshot.zones.map((z) => z.code)).toEqual(['A']);
    expect(store.cases.byCaseNo('TS-20261128-A3-0042')).not.toBeNull();
    expect(store.cases.byCaseNo('TS-20261128-A3-0001')?.record.id).not.toBe('01JF0000000000000000000043');
    expect(store.syncRuns.latest(1)[0]).toMatchObject({ pulled: 6, pushed: 1, cursorFrom: 0, cursorTo: 7 });
  });
});

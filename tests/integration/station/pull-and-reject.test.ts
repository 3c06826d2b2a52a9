import { afterEach, describe, expect, it } from 'vitest';
import { allReceived, backends, hallAndStation, ok, syntheticIdNumber } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setUp = (backend: (typeof backends)[number], stationId: string) => hallAndStation(backend, stationId, cleanups);

describe.each(backends)('pulling from and pushing to a real hall server (%s)', (backend) => {
  it('keeps the pages it stored when the hall restarts in the middle of a pull, and finishes without gaps or doubles', async () => {
    const { hall, proxy, station } = await setUp(backend, 'A3-pull');
    // The first full pull takes two pages (the demo hall's catalogue is ~580 changes, 500 a page).
    let pulls = 0;
    let restarting: Promise<void> | null = null;
    proxy.decide = (req) => {
      if (req.url?.startsWith('/api/v1/sync/pull') && ++pulls === 2) {
        restarting = hall.stop();
        return 'down';
      }
      return 'forward';
    };
    await ok(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    const interrupted = await ok<{ connection: string; cursor: number }>(station.dispatch('sync.now', {}));
    expect(pulls).toBeGreaterThanOrEqual(2);
    expect(interrupted.connection).toBe('offline');
    // The first page and its cursor were stored together; the lost second page left no trace.
    expect(interrupted.cursor).toBe(500);
    const partial = station.context.store.cache.catalog(0);
    const partialMatters = partial?.matters.length ?? 0;

    await restarting;
    await hall.start();
    const done = await ok<{ connection: string; cursor: number }>(station.dispatch('sync.now', {}));
    expect(done.connection).toBe('online');
    expect(done.cursor).toBeGreaterThan(500);
    const catalog = await ok<{ windows: unknown[]; zones: unknown[] }>(station.dispatch('catalog.get', {}));
    const full = station.context.catalog.catalog();
    expect(full.matters).toHaveLength(276);
    expect(full.matters.length).toBeGreaterThanOrEqual(partialMatters);
    expect(catalog.zones).toHaveLength(8);
    // Nothing is left behind the station's cursor on the hall.
    const rest = await station.context.hall!.pull({ cursor: done.cursor });
    expect(rest.changes.map((c) => `${c.seq}:${c.entity}`)).toEqual([]);
    expect(station.context.store.db.$client.prepare("SELECT COUNT(*) n FROM catalog_entries WHERE entity = 'matter'").get()).toEqual({ n: 276 });
  });

  it('keeps a mutation the hall rejects, with its reason for the clerk, and delivers the rest', async () => {
    const { hall, proxy, station } = await setUp(backend, 'A3-reject');
    await ok(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    await ok(station.dispatch('sync.now', {}));
    const matters = station.context.catalog.catalog().matters;
    const immediate = matters.find((m) => m.caseType === 'immediate')!;
    // A promised matter whose limit can be cut by a day without falling under a deferral limit of its materials.
    const promised = matters.find((m) => m.caseType === 'promised' && m.promisedLimitDays >= 2 && m.materials.every((x) => (x.deferralDays ?? 0) < m.promisedLimitDays))!;

    // While the station cannot reach it, the hall shortens the promised limit of a matter (a
    // catalogue import): the station's promise for it is now a day longer than the hall's. (A
    // calendar change would not do: a promise is checked on the calendar revision it was counted on.)
    proxy.decide = () => 'down';
    const admin = await hall.login('admin');
    const catalogNow = (await hall.api('GET', '/api/v1/catalog')).body;
    const shorter = { ...catalogNow, matters: catalogNow.matters.map((m: { code: string; promisedLimitDays: number }) => (m.code === promised.code ? { ...m, promisedLimitDays: m.promisedLimitDays - 1 } : m)) };
    const put = await hall.api('POST', '/api/v1/catalog/import', { token: admin, body: { format: 'json', catalog: shorter } });
    expect(put.status).toBe(200);

    const submit = async (matterCode: string, n: number) => {
      const checklist = await ok<Array<{ materialCode: string; necessity: string }>>(station.dispatch('intake.checklist', { matterCodes: [matterCode] }));
      return ok<{ case: { id: string; caseNo: string } }>(
        station.dispatch('intake.submit', { matterCodes: [matterCode], received: allReceived(checklist), outcome: 'accept', applicant: { name: `申请人${n}`, idNumber: syntheticIdNumber(n) } }),
      );
    };
    const a = await submit(immediate.code, 1);
    const b = await submit(promised.code, 2);
    const c = await submit(immediate.code, 3);

    proxy.decide = () => 'forward';
    const state = await ok<{ pending: number; rejected: number; warnings: Array<{ code: string }> }>(station.dispatch('sync.now', {}));
    expect(state).toMatchObject({ pending: 0, rejected: 1 });
    expect(state.warnings.map((w) => w.code)).toContain('SYNC_REJECTED');
    const rejected = await ok<Array<{ id: string; code: string; message: string; caseNo: string | null }>>(station.dispatch('sync.rejected', {}));
    expect(rejected).toEqual([expect.objectContaining({ code: 'CASE_PROMISED_DATE_MISMATCH', caseNo: b.case.caseNo })]);
    expect(rejected[0]!.message).toContain('promised date');
    const detail = await ok<{ syncRejection: { code: string } | null; pendingSync: boolean }>(station.dispatch('cases.get', { caseId: b.case.id }));
    expect(detail).toMatchObject({ syncRejection: { code: 'CASE_PROMISED_DATE_MISMATCH' }, pendingSync: true });
    expect((await hall.casesOf('A3-reject')).map((x) => x.caseNo).sort()).toEqual([a.case.caseNo, c.case.caseNo].sort());
    // Retrying it as it stands changes nothing: the hall says no again, for the same reason.
    const retried = await ok<{ pending: number; rejected: number }>(station.dispatch('sync.retryRejected', { mutationId: rejected[0]!.id }));
    expect(retried).toMatchObject({ pending: 0, rejected: 1 });
    expect(await station.dispatch('sync.retryRejected', { mutationId: 'nope' })).toMatchObject({ ok: false, error: { code: 'MUTATION_NOT_REJECTED' } });

    // The new limit reached the station with the pull: its next promise matches the hall's.
    const d = await submit(promised.code, 4);
    const after = await ok<{ pending: number; rejected: number }>(station.dispatch('sync.now', {}));
    expect(after).toMatchObject({ pending: 0, rejected: 1 });
    expect((await hall.casesOf('A3-reject')).map((x) => x.caseNo)).toContain(d.case.caseNo);
  }, 90_000);
});

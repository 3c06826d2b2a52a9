import { afterEach, describe, expect, it } from 'vitest';
import type { Station } from '../../../src/station/api';
import { allReceived, backends, hallAndStation, ok, startStation, syntheticIdNumber } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setUp = (backend: (typeof backends)[number], stationId: string) => hallAndStation(backend, stationId, cleanups);

/** A matter of the demo hall whose promise runs in working days, and its full set of receipts. */
async function promisedMatter(station: Station) {
  const matter = station.context.catalog.catalog().matters.find((m) => m.caseType === 'promised' && m.promisedLimitDays >= 3)!;
  const checklist = await ok<Array<{ materialCode: string; necessity: string }>>(station.dispatch('intake.checklist', { matterCodes: [matter.code] }));
  return { matter, received: allReceived(checklist) };
}

describe.each(backends)('station sync against a real hall server (%s)', (backend) => {
  it('takes in 20 cases while the hall is unreachable and delivers each exactly once when it is back', async () => {
    const { hall, proxy, station } = await setUp(backend, 'A3-offline');
    await ok(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    await ok(station.dispatch('sync.now', {}));
    const { matter, received } = await promisedMatter(station);

    // The hall goes away (the network to the hall is cut).
    proxy.decide = () => 'down';
    await hall.stop();
    const caseNos: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await ok<{ case: { caseNo: string; pendingSync: boolean; promisedDate: string }; printJob: { status: string } }>(
        station.dispatch('intake.submit', { matterCodes: [matter.code], received, outcome: 'accept', applicant: { name: `测试申请人${i}`, idNumber: syntheticIdNumber(i) } }),
      );
      expect(r.case.pendingSync).toBe(true);
      expect(r.printJob.status).toBe('printed');
      caseNos.push(r.case.caseNo);
    }
    expect(new Set(caseNos).size).toBe(20);
    const offline = await ok<{ connection: string; pending: number; offlineSince: string | null }>(station.dispatch('sync.now', {}));
    expect(offline).toMatchObject({ connection: 'offline', pending: 20 });
    expect(offline.offlineSince).not.toBeNull();
    // Queue commands say plainly that they need the hall server.
    const call = await station.dispatch('queue.callNext', {});
    expect(call).toMatchObject({ ok: false, error: { code: 'HALL_UNREACHABLE' } });

    // The hall comes back (same data); the station catches up.
    await hall.start();
    proxy.decide = () => 'forward';
    const back = await ok<{ connection: string; pending: number; rejected: number }>(station.dispatch('sync.now', {}));
    expect(back).toMatchObject({ connection: 'online', pending: 0, rejected: 0 });
    const onHall = await hall.casesOf('A3-offline');
    expect(onHall.map((c) => c.caseNo).sort()).toEqual([...caseNos].sort());
    expect(new Set(onHall.map((c) => c.id)).size).toBe(20);

    // Nothing is sent twice: another sync pushes nothing and the hall still holds 20.
    const pushesBefore = proxy.seen.filter((s) => s.path.startsWith('/api/v1/sync/push')).length;
    await ok(station.dispatch('sync.now', {}));
    expect(proxy.seen.filter((s) => s.path.startsWith('/api/v1/sync/push')).length).toBe(pushesBefore);
    expect(await hall.casesOf('A3-offline')).toHaveLength(20);
    const list = await ok<Array<{ pendingSync: boolean; idNumberMasked: string }>>(station.dispatch('cases.list', { limit: 50 }));
    expect(list).toHaveLength(20);
    expect(list.every((c) => !c.pendingSync && /\*{8}/.test(c.idNumberMasked))).toBe(true);
  });

  it('signs a clerk in offline against the verifier of an earlier online sign-in, and only with the right password', async () => {
    const { hall, proxy, station, config } = await setUp(backend, 'A3-offline-login');
    await ok(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    await ok(station.dispatch('sync.now', {}));
    await ok(station.dispatch('session.logout', {}));
    await station.stop();
    cleanups.pop();
    proxy.decide = () => 'down';

    // The PC restarts while the hall is unreachable.
    const again = await startStation(config);
    cleanups.push(() => again.stop());
    expect(await again.dispatch('session.login', { username: 'clerk-A3', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'OFFLINE_LOGIN_FAILED' } });
    expect(await again.dispatch('session.login', { username: 'clerk-A4', password: 'hall-demo-2026' })).toMatchObject({ ok: false, error: { code: 'OFFLINE_LOGIN_FAILED' } });
    const session = await ok<{ offline: boolean; window: { code: string } | null; staff: { username: string } }>(
      again.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }),
    );
    expect(session).toMatchObject({ offline: true, window: { code: 'A3' }, staff: { username: 'clerk-A3' } });
    const view = await ok<{ live: boolean }>(again.dispatch('queue.view', {}));
    expect(view.live).toBe(false);

    // Intake works offline. The station keeps no password: when the hall is back, what was done
    // waits until the clerk signs in again, then syncs in that sign-in's name.
    const { matter, received } = await promisedMatter(again);
    await ok(again.dispatch('intake.submit', { matterCodes: [matter.code], received, outcome: 'accept', applicant: { name: '离线申请人', idNumber: syntheticIdNumber(77) } }));
    proxy.decide = () => 'forward';
    expect(await ok<{ pending: number }>(again.dispatch('sync.now', {}))).toMatchObject({ pending: 1 });
    expect(await hall.casesOf('A3-offline-login')).toHaveLength(0);
    expect((await ok<{ offline: boolean }>(again.dispatch('session.get', {}))).offline).toBe(true);
    const online = await ok<{ offline: boolean }>(again.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    expect(online.offline).toBe(false);
    const state = await ok<{ pending: number; connection: string }>(again.dispatch('sync.now', {}));
    expect(state).toMatchObject({ pending: 0, connection: 'online' });
    expect(await hall.casesOf('A3-offline-login')).toHaveLength(1);
  });
});

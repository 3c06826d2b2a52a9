import { afterEach, describe, expect, it } from 'vitest';
import { backends, hallBehindProxy, ok, startStation, stationConfig, tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(backends)("the hall's window PCs, managed from a station (%s)", (backend) => {
  it('lists the PCs for an administrator, who revokes one: the session signed in there ends; a clerk sees no list', async () => {
    const { proxy } = await hallBehindProxy(backend, cleanups);
    const station = async (id: string, window?: string) => {
      const dir = tempDir(`stations-${id}-`);
      cleanups.push(() => dir.remove());
      const s = await startStation(stationConfig({ HALL_URL: proxy.url, STATION_ID: id, ...(window ? { WINDOW_CODE: window } : {}), STATION_DATA_DIR: dir.path }));
      cleanups.push(() => s.stop());
      return s;
    };
    const window = await station('B2-pc', 'B2');
    await ok(window.dispatch('session.login', { username: 'clerk-B2', password: 'hall-demo-2026', windowCode: 'B2' }));
    expect(await window.dispatch('stations.list', {})).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });

    const office = await station('admin-office');
    await ok(office.dispatch('session.login', { username: 'admin', password: 'hall-demo-2026' }));
    const list = await ok<Array<{ id: string; status: string; windowCode: string | null }>>(office.dispatch('stations.list', {}));
    expect(list.find((s) => s.id === 'B2-pc')).toMatchObject({ status: 'approved', windowCode: 'B2' });
    // Approving needs a PC that waits, with its code.
    expect(await office.dispatch('stations.approve', { stationId: 'B2-pc', pairingCode: '123456' })).toMatchObject({ ok: false, error: { code: 'STATION_NOT_PENDING' } });

    expect(await ok(office.dispatch('stations.revoke', { stationId: 'B2-pc' }))).toMatchObject({ id: 'B2-pc', status: 'revoked' });
    // The clerk's session at the revoked PC is over; the next call to the hall says so.
    await window.dispatch('sync.now', {});
    expect(await window.dispatch('session.get', {})).toMatchObject({ ok: true, value: null });
  }, 60_000);
});

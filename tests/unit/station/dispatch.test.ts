import { afterEach, describe, expect, it } from 'vitest';
import { stationMethods } from '../../../src/contract/station-api';
import type { Station } from '../../../src/station/api';
import { offlineStation } from './offline-station';

const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.stop();
});

async function station(): Promise<Station> {
  const { station } = await offlineStation();
  stations.push(station);
  return station;
}

describe('the StationApi dispatcher', () => {
  it('refuses arguments outside the contract with BAD_ARGS and says which field', async () => {
    const s = await station();
    const a = await s.dispatch('catalog.search', { query: 42 });
    expect(a).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    expect(JSON.stringify(a)).toContain('query');
    expect(await s.dispatch('session.get', { extra: true })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    expect(await s.dispatch('intake.submit', { matterCodes: [], outcome: 'accept' })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    expect(await s.dispatch('cases.evaluate', { caseId: 'not-a-ulid', level: 9 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
  });

  it('never throws, whatever the transport hands it', async () => {
    const s = await station();
    for (const raw of [null, undefined, 'text', 7, [], JSON.parse('{"__proto__":{"query":"x"}}')]) {
      await expect(s.dispatch('catalog.search', raw)).resolves.toMatchObject({ ok: false });
    }
    expect(await s.dispatch('nope.method', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await s.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await s.dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('has a handler for every method of the contract', async () => {
    const s = await station();
    for (const m of stationMethods) expect(typeof s.handlers[m], m).toBe('function');
  });

  it('asks for a sign-in before intake, and refuses queue commands plainly without a hall server', async () => {
    const s = await station();
    expect(await s.dispatch('intake.submit', { matterCodes: ['X1'], received: {}, outcome: 'accept', applicant: { name: '张三', idNumber: '11010519491231002X' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await s.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' });
    const call = await s.dispatch('queue.callNext', {});
    expect(call).toMatchObject({ ok: false, error: { code: 'HALL_UNREACHABLE' } });
    expect((call as { error: { message: string } }).error.message).toContain('受理');
    expect(await s.dispatch('queue.view', {})).toMatchObject({ ok: true, value: { live: false, waiting: [] } });
  });

  it('finds matters by pinyin initials through the dispatcher, offline', async () => {
    const s = await station();
    const hits = await s.dispatch('catalog.search', { query: 'yyzz' });
    expect(hits).toMatchObject({ ok: true, value: [expect.objectContaining({ name: expect.stringContaining('营业执照') })] });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { allReceived, backends, hallBehindProxy, syntheticIdNumber, tempDir } from './harness';
import { spawnStationProcess, type StationProcess } from './station-process';

/**
 * The station as its own process (src/station/cli.ts), killed with SIGKILL at the worst
 * moment of a push: the hall server has applied every mutation, the station has not heard back.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function spawnStation(env: Record<string, string>): Promise<StationProcess> {
  const station = await spawnStationProcess({ PRINTER: 'simulated', ...env });
  cleanups.push(() => station.kill());
  return station;
}

describe.each(backends)('a station killed in the middle of a push (%s)', (backend) => {
  it('loses nothing and duplicates nothing after SIGKILL and a restart', async () => {
    const { hall, proxy } = await hallBehindProxy(backend, cleanups);
    const dir = tempDir('station-it-crash-');
    cleanups.push(() => dir.remove());
    const env = { HALL_URL: proxy.url, STATION_ID: 'A3-crash', WINDOW_CODE: 'A3', STATION_DATA_DIR: dir.path };
    const login = { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' };

    const first = await spawnStation(env);
    expect((await first.call('session.login', login)).ok).toBe(true);
    expect((await first.call('sync.now')).ok).toBe(true);

    // Pushes get no answer while the clerk takes in 20 cases.
    proxy.decide = (req) => (req.url?.startsWith('/api/v1/sync/push') ? 'down' : 'forward');
    const matter = (await first.call<Array<{ code: string; caseType: string; promisedLimitDays: number }>>('catalog.search', { query: '登记', limit: 50 })).value!.find((h) => h.caseType === 'promised')!;
    const checklist = (await first.call<Array<{ materialCode: string; necessity: string }>>('intake.checklist', { matterCodes: [matter.code] })).value!;
    const received = allReceived(checklist);
    const caseNos: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await first.call<{ case: { caseNo: string } }>('intake.submit', { matterCodes: [matter.code], received, outcome: 'accept', applicant: { name: `崩溃测试${i}`, idNumber: syntheticIdNumber(i) } });
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      caseNos.push(r.value!.case.caseNo);
    }

    // Now the push goes through to the hall, which applies it, and the answer is held back ...
    proxy.decide = (req) => (req.url?.startsWith('/api/v1/sync/push') ? 'hold' : 'forward');
    void first.call('sync.now').catch(() => undefined);
    await expect.poll(() => proxy.heldAnswers.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const held = JSON.parse(proxy.heldAnswers[0]!.body) as { results: Array<{ status: string }> };
    expect(held.results.filter((r) => r.status === 'applied')).toHaveLength(20);
    // ... and the station dies before it hears it.
    await first.kill();
    expect((await hall.casesOf('A3-crash')).map((c) => c.caseNo).sort()).toEqual([...caseNos].sort());

    proxy.decide = () => 'forward';
    proxy.release();
    const second = await spawnStation(env);
    expect((await second.call('session.login', login)).ok).toBe(true);
    const state = await second.call<{ pending: number; rejected: number; connection: string }>('sync.now');
    expect(state.value).toMatchObject({ pending: 0, rejected: 0, connection: 'online' });
    const runs = (await second.call<Array<{ pushed: number; duplicates: number; applied: number }>>('sync.runs', { limit: 10 })).value!;
    expect(runs.reduce((n, r) => n + r.duplicates, 0)).toBe(20);
    expect(runs.reduce((n, r) => n + r.applied, 0)).toBe(0);

    const onHall = await hall.casesOf('A3-crash');
    expect(onHall).toHaveLength(20);
    expect(new Set(onHall.map((c) => c.id)).size).toBe(20);
    const local = (await second.call<Array<{ caseNo: string; pendingSync: boolean }>>('cases.list', { limit: 50 })).value!;
    expect(local.map((c) => c.caseNo).sort()).toEqual([...caseNos].sort());
    expect(local.every((c) => !c.pendingSync)).toBe(true);
    // The next case number continues the window's serial: nothing is numbered twice.
    const next = await second.call<{ case: { caseNo: string } }>('intake.submit', { matterCodes: [matter.code], received, outcome: 'accept', applicant: { name: '重启后申请人', idNumber: syntheticIdNumber(99) } });
    expect(next.value!.case.caseNo.endsWith('-0021')).toBe(true);
    await second.kill();
    // Two station processes started under tsx, twenty intakes and a poll of up to 30 s: more than the
    // default 30 s on a loaded machine.
  }, 90_000);
});

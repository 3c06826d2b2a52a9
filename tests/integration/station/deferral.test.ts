import { afterEach, describe, expect, it } from 'vitest';
import { createStation } from '../../../src/station/api';
import { addWorkingDays } from '../../../src/domain/calendar';
import { allReceived, backends, hallBehindProxy, ok, silentLog, stationConfig, syntheticIdNumber, tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;

/**
 * 容缺 end to end: a window takes in the restaurant bundle (一件事) with its deferrable papers left
 * for later, agrees one earlier date with the applicant, and the hall server, deciding again with
 * its own catalogue and calendar, records the very same due date for each material.
 */
describe.each(backends)('deferred materials between a station and a real hall server (%s)', (backend) => {
  it('gives each deferred material of a bundle its own due date, and the hall records the same dates', async () => {
    const { hall, proxy } = await hallBehindProxy(backend, cleanups);
    const dir = tempDir('station-it-');
    cleanups.push(() => dir.remove());
    // A Monday in November: the bundle's promise (5 working days) stays inside the known calendar.
    const at = new Date('2026-11-16T02:00:00.000Z');
    const station = createStation(stationConfig({ HALL_URL: proxy.url, STATION_ID: 'B1-deferral', WINDOW_CODE: 'B1', STATION_DATA_DIR: dir.path }), {
      logger: silentLog,
      backoff: { baseMs: 50, maxMs: 200 },
      now: () => at,
    });
    await station.start();
    cleanups.push(() => station.stop());
    await ok(station.dispatch('session.login', { username: 'clerk-B1', password: 'hall-demo-2026', windowCode: 'B1' }));
    await ok(station.dispatch('sync.now', {}));

    const bundle = station.context.catalog.catalog().bundles.find((b) => b.name === '我要开餐馆')!;
    const checklist = await ok<Array<{ materialCode: string; name: string; necessity: string; deferralDays?: number }>>(
      station.dispatch('intake.checklist', { matterCodes: bundle.matterCodes }),
    );
    const later = checklist.filter((i) => i.necessity === 'deferrable');
    expect(later.length).toBeGreaterThanOrEqual(3);
    const args = { matterCodes: bundle.matterCodes, bundleCode: bundle.code, received: allReceived(checklist, later.map((i) => i.materialCode)) };
    const decision = await ok<Any>(station.dispatch('intake.evaluate', args));
    expect(decision.allowed.acceptDeferred).toEqual({ ok: true });
    const calendar = station.context.catalog.workCalendar();
    for (const d of decision.deferred) expect(d.dueDate).toBe(addWorkingDays(calendar, '2026-11-16', d.deferralDays));
    // Not one date for all: each paper keeps its own limit (the layout the strictest of its two matters).
    expect(new Set(decision.deferred.map((d: Any) => d.dueDate)).size).toBeGreaterThan(1);
    expect(decision.deferred.find((d: Any) => d.name === '经营场所平面布局图')).toMatchObject({ deferralDays: 2, dueDate: '2026-11-18' });

    // The applicant will bring the health certificates a day early.
    const health = decision.deferred.find((d: Any) => d.name === '从业人员健康证明');
    const agreed = health.dueDateChoices[0];
    const r = await ok<Any>(
      station.dispatch('intake.submit', {
        ...args,
        outcome: 'accept-deferred',
        dueDates: { [health.materialCode]: agreed },
        applicant: { name: '韩梅梅', idNumber: syntheticIdNumber(7), phone: '13800000007' },
      }),
    );
    const expected = Object.fromEntries(decision.deferred.map((d: Any) => [d.materialCode, d.materialCode === health.materialCode ? agreed : d.dueDate]));
    const owed = (materials: Array<{ materialCode: string; dueDate: string | null }>) =>
      Object.fromEntries(materials.filter((m) => m.dueDate !== null).map((m) => [m.materialCode, m.dueDate]));
    expect(owed(r.case.materials)).toEqual(expected);

    const synced = await ok<{ connection: string }>(station.dispatch('sync.now', {}));
    expect(synced.connection).toBe('online');
    expect(station.context.store.outbox.counts().pending).toBe(0);
    const token = await hall.login('supervisor');
    const onHall = await hall.api('GET', `/api/v1/cases/${encodeURIComponent(r.case.caseNo)}`, { token });
    expect(onHall.status).toBe(200);
    expect(onHall.body.status).toBe('accepted-deferred');
    expect(owed(onHall.body.materials)).toEqual(expected);
    const detail = await ok<Any>(station.dispatch('cases.get', { caseId: r.case.id }));
    expect(detail.syncRejection).toBeNull();
  }, 60_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { allReceived, backends, hallBehindProxy, ok, startStation, stationConfig, syntheticIdNumber, tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(backends)('windows take in, departments decide (%s)', (backend) => {
  it("brings a window's case to its department's approver, who sends it for review, decides and marks it ready; a clerk cannot decide", async () => {
    const { hall, proxy } = await hallBehindProxy(backend, cleanups);
    const station = async (id: string, window?: string) => {
      const dir = tempDir(`review-${id}-`);
      cleanups.push(() => dir.remove());
      const s = await startStation(stationConfig({ HALL_URL: proxy.url, STATION_ID: id, ...(window ? { WINDOW_CODE: window } : {}), STATION_DATA_DIR: dir.path }));
      cleanups.push(() => s.stop());
      return s;
    };

    // Window B1 takes in a promised matter.
    const window = await station('B1-review', 'B1');
    await ok(window.dispatch('session.login', { username: 'clerk-B1', password: 'hall-demo-2026', windowCode: 'B1' }));
    await ok(window.dispatch('sync.now', {}));
    const catalog = window.context.catalog.catalog();
    const matter = catalog.matters.find((m) => m.zoneCode === 'B' && m.caseType === 'promised' && m.materials.every((x) => x.necessity !== 'deferrable'))!;
    const checklist = await ok<Array<{ materialCode: string; necessity: string }>>(window.dispatch('intake.checklist', { matterCodes: [matter.code] }));
    const taken = await ok<{ case: { id: string; caseNo: string } }>(
      window.dispatch('intake.submit', { matterCodes: [matter.code], received: allReceived(checklist), outcome: 'accept', applicant: { name: '审批测试', idNumber: syntheticIdNumber(31) } }),
    );
    expect(await ok(window.dispatch('sync.now', {}))).toMatchObject({ pending: 0, rejected: 0 });
    // The clerk may not decide: its station offers no review to a clerk.
    expect(await window.dispatch('review.list', {})).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });

    // The department's approver signs in at its office PC, without a window; its station pulls the case.
    const office = await station('office-review');
    const session = await ok<{ window: unknown; staff: { role: string; departmentCodes: string[] } }>(
      office.dispatch('session.login', { username: `approver-${matter.departmentCode}`, password: 'hall-demo-2026' }),
    );
    expect(session).toMatchObject({ window: null, staff: { role: 'approver', departmentCodes: [matter.departmentCode] } });
    await ok(office.dispatch('sync.now', {}));
    const list = await ok<Array<{ id: string; caseNo: string; waitingForUs: boolean; departments: string[] }>>(office.dispatch('review.list', {}));
    expect(list.map((c) => [c.caseNo, c.waitingForUs])).toEqual([[taken.case.caseNo, true]]);
    expect(list[0]!.departments).toEqual([matter.departmentCode]);
    // Another department's approver never receives it.
    const other = await station('other-review');
    const otherDept = catalog.departments.find((d) => d.code !== matter.departmentCode)!.code;
    await ok(other.dispatch('session.login', { username: `approver-${otherDept}`, password: 'hall-demo-2026' }));
    await ok(other.dispatch('sync.now', {}));
    expect(other.context.store.cases.byId(taken.case.id)).toBeNull();

    const id = taken.case.id;
    expect(await ok(office.dispatch('review.dispatch', { caseId: id, departmentCodes: [matter.departmentCode] }))).toMatchObject({ status: 'in-review' });
    const decided = await ok(office.dispatch('review.decide', { caseId: id, departmentCode: matter.departmentCode, decision: 'approved', opinion: '材料齐全，符合条件' }));
    expect(decided).toMatchObject({ status: 'approved' });
    expect(await ok(office.dispatch('review.markReady', { caseId: id }))).toMatchObject({ status: 'ready' });
    expect(await ok(office.dispatch('sync.now', {}))).toMatchObject({ pending: 0, rejected: 0 });

    // The hall holds the decision in the department's name; the window's station pulls it.
    const supervisor = await hall.login('supervisor');
    const atHall = await hall.api('GET', `/api/v1/cases/${taken.case.caseNo}`, { token: supervisor });
    expect(atHall.body).toMatchObject({ status: 'ready', reviews: [{ departmentCode: matter.departmentCode, decision: 'approved', opinion: '材料齐全，符合条件' }] });
    expect(atHall.body.history.map((h: { action: string }) => h.action)).toEqual(['case.accept', 'case.dispatch', 'case.decide', 'case.mark-ready']);
    await ok(window.dispatch('sync.now', {}));
    expect(await ok(window.dispatch('cases.get', { caseId: id }))).toMatchObject({ status: 'ready' });
  }, 90_000);
});

import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/contract/case';
import { DomainFailure } from '../../../src/domain/result';
import type { Store } from '../../../src/station/store';
import { caseRecord, memoryStore } from './helpers';

const doc = (reference: string) => ({ kind: 'acceptance' as const, reference, lines: [{ kind: 'title' as const, text: '受理通知书' }] });

function intake(store: Store, at = new Date('2026-11-28T02:00:00.000Z'), windowCode = 'A3') {
  return store.cases.recordIntake({
    windowCode,
    at,
    staffId: 'S-A3',
    compose: (serial) => {
      const caseNo = `TS-20261128-${windowCode}-${String(serial).padStart(4, '0')}`;
      const record = caseRecord({ id: store.newId(), caseNo, windowCode });
      return { record, mutation: { name: 'case.accept', args: { case: record } }, notice: { kind: 'acceptance', noticeNo: `${caseNo}-SL`, document: doc(`${caseNo}-SL`) }, audit: {} };
    },
  });
}

describe('station repositories', () => {
  it('writes the case, its notice, its print job and its outbox entry together, numbered by the window serial', () => {
    const store = memoryStore();
    const a = intake(store);
    const b = intake(store);
    const c = intake(store, undefined, 'A4');
    expect([a.record.caseNo, b.record.caseNo, c.record.caseNo]).toEqual(['TS-20261128-A3-0001', 'TS-20261128-A3-0002', 'TS-20261128-A4-0001']);
    expect(store.outbox.nextBatch(10).map((e) => e.caseId)).toEqual([a.record.id, b.record.id, c.record.id]);
    expect(store.printJobs.ofCase(a.record.id)).toHaveLength(1);
    expect(store.cases.noticeOf(a.record.id)?.noticeNo).toBe('TS-20261128-A3-0001-SL');
    expect(store.audit.latest()).toHaveLength(3);
  });

  it('leaves nothing behind when composing the intake fails half way', () => {
    const store = memoryStore();
    expect(() =>
      store.cases.recordIntake({
        windowCode: 'A3',
        at: new Date('2026-11-28T02:00:00.000Z'),
        staffId: 'S',
        compose: () => {
          throw new DomainFailure('CALENDAR_YEAR_UNKNOWN', 'no 2027');
        },
      }),
    ).toThrow(/2027/);
    expect(store.cases.list({ limit: 10 })).toEqual([]);
    expect(store.outbox.counts()).toEqual({ pending: 0, rejected: 0 });
    // The serial was not consumed either: the next case is still number 1.
    expect(intake(store).record.caseNo).toBe('TS-20261128-A3-0001');
  });

  it('restarts the serial each local day (Asia/Shanghai), not each UTC day', () => {
    const store = memoryStore();
    intake(store, new Date('2026-11-28T15:30:00.000Z')); // 23:30 local, the 28th
    const next = store.cases.recordIntake({
      windowCode: 'A3',
      at: new Date('2026-11-28T16:30:00.000Z'), // 00:30 local, the 29th
      staffId: 'S',
      compose: (serial) => {
        const record = caseRecord({ id: store.newId(), caseNo: `TS-20261129-A3-${String(serial).padStart(4, '0')}` });
        return { record, mutation: { name: 'case.accept', args: {} }, notice: { kind: 'acceptance', noticeNo: 'x', document: doc('x') }, audit: {} };
      },
    });
    expect(next.record.caseNo).toBe('TS-20261129-A3-0001');
  });

  it('keeps a rejected mutation with the reason and lets the rest through', () => {
    const store = memoryStore();
    const a = intake(store);
    const b = intake(store);
    const [ea, eb] = store.outbox.nextBatch(10);
    const tally = store.outbox.recordResults([
      { id: ea!.id, status: 'rejected', code: 'CASE_PROMISED_DATE_MISMATCH', message: '承诺日期不符' },
      { id: eb!.id, status: 'applied' },
    ]);
    expect(tally).toEqual({ applied: 1, duplicates: 0, rejected: 1 });
    expect(store.outbox.counts()).toEqual({ pending: 0, rejected: 1 });
    expect(store.outbox.rejected()).toEqual([expect.objectContaining({ code: 'CASE_PROMISED_DATE_MISMATCH', caseNo: a.record.caseNo })]);
    expect(store.cases.byId(b.record.id)?.syncedAt).not.toBeNull();
    expect(store.cases.byId(a.record.id)?.syncedAt).toBeNull();
    // A retry is a new attempt under a new id: the hall answers a repeated id with its first answer.
    const again = store.outbox.retry(ea!.id);
    expect(again).not.toBeNull();
    expect(again).not.toBe(ea!.id);
    expect(store.outbox.nextBatch(10).map((e) => [e.id, e.name, e.args])).toEqual([[again, ea!.name, ea!.args]]);
    expect(store.outbox.retry(ea!.id)).toBeNull();
  });

  it('never lets a pull overwrite a case whose change is still waiting to be pushed', () => {
    const store = memoryStore();
    const a = intake(store);
    const server: CaseRecord = { ...a.record, status: 'in-review' };
    expect(store.db.transaction((tx) => store.cases.applyServerCase(tx, server))).toBe('kept-local');
    expect(store.cases.byId(a.record.id)?.record.status).toBe('accepted');
    store.outbox.recordResults(store.outbox.nextBatch(10).map((e) => ({ id: e.id, status: 'applied' as const })));
    expect(store.db.transaction((tx) => store.cases.applyServerCase(tx, server))).toBe('applied');
    expect(store.cases.byId(a.record.id)?.record.status).toBe('in-review');
  });

  it("keeps another station's case the hall sent (a department's case at its approver's PC), and never reuses a case number the server already has", () => {
    const store = memoryStore();
    const other = caseRecord({ id: store.newId(), caseNo: 'TS-20261128-B1-0001', stationId: 'B1-pc', windowCode: 'B1' });
    const mine = caseRecord({ id: store.newId(), caseNo: 'TS-20261128-A3-0007' });
    store.db.transaction((tx) => {
      expect(store.cases.applyServerCase(tx, other)).toBe('applied');
      expect(store.cases.applyServerCase(tx, mine)).toBe('applied');
    });
    expect(intake(store).record.caseNo).toBe('TS-20261128-A3-0008');
    expect(store.cases.byId(other.id)?.record.caseNo).toBe('TS-20261128-B1-0001');
  });

  it('prints a job once: a retry after success claims nothing, a failed job can be claimed again', () => {
    const store = memoryStore();
    const { printJob } = intake(store);
    expect(store.printJobs.claim(printJob.id)?.status).toBe('printing');
    expect(store.printJobs.claim(printJob.id)).toBeNull();
    store.printJobs.failed(printJob.id, { code: 'PRINTER_PAPER_OUT', message: '缺纸' });
    expect(store.printJobs.claim(printJob.id)?.attempts).toBe(2);
    store.printJobs.printed(printJob.id);
    expect(store.printJobs.claim(printJob.id)).toBeNull();
    expect(store.printJobs.get(printJob.id)?.job).toMatchObject({ status: 'printed', attempts: 2, error: null });
  });

  it('marks a job cut off by a crash as failed, so nobody believes it printed', () => {
    const store = memoryStore();
    const { printJob } = intake(store);
    store.printJobs.claim(printJob.id);
    expect(store.printJobs.failInterrupted()).toBe(1);
    expect(store.printJobs.get(printJob.id)?.job.error?.code).toBe('PRINT_INTERRUPTED');
  });

  it('purges personal data only of cases the server has and that closed long enough ago', () => {
    let now = new Date('2026-11-28T02:00:00.000Z');
    const store = memoryStore({ now: () => now });
    const a = intake(store);
    const b = intake(store);
    store.outbox.recordResults(store.outbox.nextBatch(10).map((e) => ({ id: e.id, status: 'applied' as const })));
    // The server delivered case a; case b is still in review.
    store.db.transaction((tx) => {
      store.cases.applyServerCase(tx, { ...a.record, status: 'delivered' });
      store.cases.applyServerCase(tx, { ...b.record, status: 'in-review' });
    });
    expect(store.cases.purgePersonalData(new Date('2026-11-01T00:00:00.000Z'))).toBe(0);
    now = new Date('2027-06-01T00:00:00.000Z');
    expect(store.cases.purgePersonalData(new Date('2027-05-01T00:00:00.000Z'))).toBe(1);
    const purged = store.cases.byId(a.record.id)!;
    expect(purged.record.applicant).toEqual({ name: '韩*梅', idType: '111', idNumber: '110105********002X' });
    expect(purged.purgedAt).not.toBeNull();
    expect(JSON.stringify(store.printJobs.get(a.printJob.id)?.document)).not.toContain('韩梅梅');
    expect(store.cases.byId(b.record.id)?.record.applicant.name).toBe('韩梅梅');
    // A later pull of the purged case does not bring the personal data back.
    store.db.transaction((tx) => store.cases.applyServerCase(tx, { ...a.record, status: 'delivered' }));
    expect(store.cases.byId(a.record.id)?.record.applicant.name).toBe('韩*梅');
  });

  it('refuses a change to a case the station does not know, writing nothing', () => {
    const store = memoryStore();
    expect(() =>
      store.cases.change({ caseId: 'nope', at: new Date(), staffId: 'S', windowCode: 'A3', change: () => ({ record: {} as CaseRecord, mutation: { name: 'case.deliver', args: {} }, action: 'x' }) }),
    ).toThrow(DomainFailure);
    expect(store.outbox.counts().pending).toBe(0);
  });

  it('remembers a verifier for offline sign-in, never the password itself', () => {
    const store = memoryStore();
    const staff = { id: 'S-A3', username: 'clerk-A3', name: '张敏', role: 'clerk' as const };
    store.verifiers.remember(staff, 'hall-demo-2026');
    expect(store.verifiers.verify('clerk-A3', 'hall-demo-2026')).toEqual(staff);
    expect(store.verifiers.verify('clerk-A3', 'wrong')).toBeNull();
    expect(store.verifiers.verify('clerk-A9', 'hall-demo-2026')).toBeNull();
    const raw = JSON.stringify(store.db.$client.prepare('SELECT * FROM staff_verifiers').all());
    expect(raw).not.toContain('hall-demo-2026');
  });
});

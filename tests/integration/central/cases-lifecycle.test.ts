import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseIntake, CaseRecord } from '../../../src/contract/case';
import type { MutationName, PushResult } from '../../../src/contract/sync';
import { caseRecord, envelope, intake, newId, pushOne, reach, received, startCasesHall, type CasesHall } from './cases-fixture';
import { backends } from './harness';

describe.each(backends)('the life of a case on %s', (backend) => {
  let hall: CasesHall;
  beforeAll(async () => {
    hall = await startCasesHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  // Clerks push from window B1's PC, departments (dispatch, decide, the clock) from their office PC.
  async function send(name: MutationName, args: unknown, at = '2026-11-30T03:00:00.000Z'): Promise<PushResult> {
    reach(hall, at);
    return pushOne(hall, envelope(name, args, { at }));
  }

  async function applied(name: MutationName, args: unknown, at?: string): Promise<CaseRecord> {
    const r = await send(name, args, at);
    expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
    // The push answers with a receipt (no personal data); the case itself is read back in full.
    return caseRecord(hall, (r.value as { caseNo: string }).caseNo);
  }

  async function refused(name: MutationName, args: unknown, at?: string): Promise<string> {
    const r = await send(name, args, at);
    expect(r.status).toBe('rejected');
    return r.code!;
  }

  async function accepted(over: Partial<CaseIntake> = {}): Promise<string> {
    const c = intake(over);
    await applied('case.accept', { case: c });
    return c.id;
  }

  async function deferred(): Promise<string> {
    const c = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-12-04')] });
    await applied('case.accept-deferred', { case: c });
    return c.id;
  }

  async function inReview(departmentCodes: string[], over: Partial<CaseIntake> = {}): Promise<string> {
    const caseId = await accepted(over);
    await applied('case.dispatch', { caseId, departmentCodes });
    return caseId;
  }

  const decide = (caseId: string, departmentCode: string, decision: 'approved' | 'denied') =>
    ({ caseId, departmentCode, decision, opinion: decision === 'approved' ? '符合条件，同意' : '场所不符合要求' }) as const;

  describe('materials supplied after intake', () => {
    it('accepts a deferred (容缺) case in full once its last owed material arrives', async () => {
      const caseId = await deferred();
      const r = await applied('case.supplement-material', { caseId, materialCode: 'LEASE', receipt: 'original' }, '2026-12-02T01:00:00.000Z');
      expect(r.status).toBe('accepted');
      expect(r.materials.find((m) => m.materialCode === 'LEASE')).toMatchObject({ receipt: 'original', receivedAt: '2026-12-02T01:00:00.000Z', dueDate: '2026-12-04' });
      expect(r.promisedDate).toBe('2026-12-07');
    });

    it('counts a corrected case as accepted on the day its materials are complete (art. 32)', async () => {
      const c = intake({ materials: [received('IDCARD'), received('FORM', 'missing')] });
      await applied('case.notify-correction', { case: c, correctionDueDate: '2026-12-04' });
      const half = await applied('case.supplement-material', { caseId: c.id, materialCode: 'FORM', receipt: 'original' }, '2026-12-02T01:00:00.000Z');
      // The lease is still short (it was never listed): the case waits for the rest of the correction.
      expect(half.status).toBe('correction-notified');
      const done = await applied('case.supplement-material', { caseId: c.id, materialCode: 'LEASE', receipt: 'electronic' }, '2026-12-02T02:00:00.000Z');
      expect(done.status).toBe('accepted');
      expect(done.acceptedAt).toBe('2026-12-02T02:00:00.000Z');
      // 5 working days after Wednesday 2026-12-02.
      expect(done.promisedDate).toBe('2026-12-09');
    });

    it('refuses a material that is not owed, not on the checklist, or still short after the supplement', async () => {
      const caseId = await deferred();
      expect(await refused('case.supplement-material', { caseId, materialCode: 'IDCARD', receipt: 'original' })).toBe('CASE_MATERIAL_NOT_OWED');
      expect(await refused('case.supplement-material', { caseId, materialCode: 'HEALTH', receipt: 'original' })).toBe('CASE_MATERIAL_UNKNOWN');
      expect(await refused('case.supplement-material', { caseId, materialCode: 'LEASE', receipt: 'copy' })).toBe('CASE_MATERIAL_STILL_SHORT');
      expect(await refused('case.supplement-material', { caseId, materialCode: 'LEASE', receipt: 'missing' })).toBe('MUTATION_INVALID');
    });

    it('refuses a supplement to a case that owes nothing', async () => {
      const caseId = await accepted();
      expect(await refused('case.supplement-material', { caseId, materialCode: 'LEASE', receipt: 'original' })).toBe('CASE_ILLEGAL_TRANSITION');
    });
  });

  describe('parallel review (并联审批)', () => {
    it('sends the case to every department at once and approves it only when all approve', async () => {
      const caseId = await accepted();
      const sent = await applied('case.dispatch', { caseId, departmentCodes: ['SCJG', 'WJW', 'XF', 'WJW'] });
      expect(sent.status).toBe('in-review');
      expect(sent.reviews.map((r) => [r.departmentCode, r.decision])).toEqual([
        ['SCJG', 'pending'],
        ['WJW', 'pending'],
        ['XF', 'pending'],
      ]);
      expect((await applied('case.decide', decide(caseId, 'WJW', 'approved'))).status).toBe('in-review');
      expect((await applied('case.decide', decide(caseId, 'SCJG', 'approved'))).status).toBe('in-review');
      const done = await applied('case.decide', decide(caseId, 'XF', 'approved'));
      expect(done.status).toBe('approved');
      expect(done.reviews.every((r) => r.decision === 'approved' && r.opinion === '符合条件，同意' && r.decidedAt !== null)).toBe(true);
    });

    it('denies the case as soon as one department denies, and takes no more decisions', async () => {
      const caseId = await inReview(['SCJG', 'WJW']);
      expect((await applied('case.decide', decide(caseId, 'WJW', 'denied'))).status).toBe('denied');
      expect(await refused('case.decide', decide(caseId, 'SCJG', 'approved'))).toBe('CASE_ILLEGAL_TRANSITION');
    });

    it('refuses a decision of a department the case was not sent to, or a second one', async () => {
      const caseId = await inReview(['SCJG', 'WJW']);
      expect(await refused('case.decide', decide(caseId, 'XF', 'approved'))).toBe('CASE_REVIEW_NOT_FOUND');
      await applied('case.decide', decide(caseId, 'SCJG', 'approved'));
      expect(await refused('case.decide', decide(caseId, 'SCJG', 'denied'))).toBe('CASE_REVIEW_ALREADY_DECIDED');
    });

    it('refuses to dispatch a case that is not accepted, or to an unknown department', async () => {
      const c = intake({ materials: [received('IDCARD'), received('FORM', 'missing')] });
      await applied('case.notify-correction', { case: c, correctionDueDate: '2026-12-04' });
      expect(await refused('case.dispatch', { caseId: c.id, departmentCodes: ['SCJG'] })).toBe('CASE_ILLEGAL_TRANSITION');
      const caseId = await accepted();
      expect(await refused('case.dispatch', { caseId, departmentCodes: ['SCJG', 'NOSUCH'] })).toBe('CASE_DEPARTMENT_UNKNOWN');
      expect(await refused('case.decide', decide(caseId, 'SCJG', 'approved'))).toBe('CASE_ILLEGAL_TRANSITION');
    });

    it('reviews a deferred case at once but approves it only after the owed material arrives (先行审查)', async () => {
      const caseId = await deferred();
      expect((await applied('case.dispatch', { caseId, departmentCodes: ['SCJG'] })).status).toBe('in-review');
      expect(await refused('case.decide', decide(caseId, 'SCJG', 'approved'))).toBe('CASE_DEFERRED_PENDING');
      expect((await applied('case.supplement-material', { caseId, materialCode: 'LEASE', receipt: 'original' })).status).toBe('in-review');
      expect((await applied('case.decide', decide(caseId, 'SCJG', 'approved'))).status).toBe('approved');
    });

    it('lets two departments decide at the same moment without losing either decision', async () => {
      const caseId = await inReview(['SCJG', 'WJW', 'XF']);
      await applied('case.decide', decide(caseId, 'XF', 'approved'));
      const [a, b] = await Promise.all([send('case.decide', decide(caseId, 'SCJG', 'approved')), send('case.decide', decide(caseId, 'WJW', 'approved'))]);
      expect([a.status, b.status]).toEqual(['applied', 'applied']);
      // One of the two was last, and found the other's decision: the case is approved with all three.
      expect([a.value, b.value].map((v) => (v as { status: string }).status).sort()).toEqual(['approved', 'in-review']);
      const now = await caseRecord(hall, (a.value as { caseNo: string }).caseNo);
      expect(now.status).toBe('approved');
      expect(now.reviews.map((r) => r.decision)).toEqual(['approved', 'approved', 'approved']);
    });
  });

  describe('special procedures stop the clock', () => {
    it('moves the promised date by the working days the pause covered', async () => {
      const caseId = await inReview(['SCJG']);
      const paused = await applied('case.pause-clock', { caseId, kind: 'other', reason: '专家评审', from: '2026-12-02' });
      expect(paused.clockPauses).toEqual([{ from: '2026-12-02', to: null, reason: '专家评审' }]);
      expect(paused.promisedDate).toBe('2026-12-07');
      expect(await refused('case.decide', decide(caseId, 'SCJG', 'approved'))).toBe('CASE_CLOCK_PAUSED');
      expect(await refused('case.pause-clock', { caseId, kind: 'extension', reason: '延期', from: '2026-12-03' })).toBe('CASE_CLOCK_ALREADY_PAUSED');
      expect(await refused('case.resume-clock', { caseId, on: '2026-12-01' })).toBe('CASE_CLOCK_PAUSE_INVALID');
      // 12-02 and 12-03 do not count: the 5 working days end two working days later.
      const resumed = await applied('case.resume-clock', { caseId, on: '2026-12-03' });
      expect(resumed.clockPauses).toEqual([{ from: '2026-12-02', to: '2026-12-03', reason: '专家评审' }]);
      expect(resumed.promisedDate).toBe('2026-12-09');
      expect(await refused('case.resume-clock', { caseId, on: '2026-12-04' })).toBe('CASE_CLOCK_NOT_PAUSED');

      // A second pause over a weekend costs only its working days (Fri 12-11 and Mon 12-14).
      expect(await refused('case.pause-clock', { caseId, kind: 'other', reason: '听证', from: '2026-12-03' })).toBe('CASE_CLOCK_PAUSE_INVALID');
      await applied('case.pause-clock', { caseId, kind: 'other', reason: '听证', from: '2026-12-04' });
      expect((await applied('case.resume-clock', { caseId, on: '2026-12-07' })).promisedDate).toBe('2026-12-11');
      expect((await applied('case.decide', decide(caseId, 'SCJG', 'approved'))).status).toBe('approved');
    });

    it('stops the clock only during review, and never before acceptance', async () => {
      const caseId = await accepted();
      expect(await refused('case.pause-clock', { caseId, kind: 'extension', reason: '延期', from: '2026-12-01' })).toBe('CASE_ILLEGAL_TRANSITION');
      await applied('case.dispatch', { caseId, departmentCodes: ['SCJG'] });
      expect(await refused('case.pause-clock', { caseId, kind: 'extension', reason: '延期', from: '2026-11-27' })).toBe('CASE_CLOCK_PAUSE_INVALID');
    });
  });

  describe('delivery and evaluation', () => {
    it('takes a case from acceptance to delivery and a rating, keeping every step in its history', async () => {
      const caseId = await inReview(['SCJG']);
      await applied('case.decide', decide(caseId, 'SCJG', 'approved'));
      expect((await applied('case.mark-ready', { caseId })).status).toBe('ready');
      const delivered = await applied('case.deliver', { caseId, how: 'window', licenceName: '食品经营许可证', licenceNo: 'JY13709020012345' }, '2026-12-03T06:00:00.000Z');
      expect(delivered).toMatchObject({
        status: 'delivered',
        delivery: { how: 'window', at: '2026-12-03T06:00:00.000Z', licenceName: '食品经营许可证', licenceNo: 'JY13709020012345' },
      });
      const rated = await applied('case.evaluate', { caseId, level: 1 });
      expect(rated.status).toBe('delivered');
      expect(rated.evaluation).toMatchObject({ level: 1, reason: null });
      expect(rated.history.map((h) => h.action)).toEqual(['case.accept', 'case.dispatch', 'case.decide', 'case.mark-ready', 'case.deliver', 'case.evaluate']);
      expect(rated.history.find((h) => h.action === 'case.decide')?.by).toBe(hall.staffIds.approver);
      expect(await refused('case.evaluate', { caseId, level: 2 })).toBe('CASE_ALREADY_EVALUATED');
    });

    it('hands over a denial at once, without marking it ready', async () => {
      const caseId = await inReview(['SCJG']);
      await applied('case.decide', decide(caseId, 'SCJG', 'denied'));
      expect((await applied('case.deliver', { caseId, how: 'express' })).delivery).toMatchObject({ how: 'express', licenceName: null });
    });

    it('refuses to deliver or mark ready before a decision', async () => {
      const caseId = await inReview(['SCJG']);
      expect(await refused('case.deliver', { caseId, how: 'window' })).toBe('CASE_ILLEGAL_TRANSITION');
      expect(await refused('case.mark-ready', { caseId })).toBe('CASE_ILLEGAL_TRANSITION');
    });

    it('asks a reason for a bad rating (不满意, 非常不满意), whatever the outcome of the case', async () => {
      const c = intake();
      await applied('case.reject', { case: c, reason: '不属于本机关职权范围', competentBody: '' });
      expect(await refused('case.evaluate', { caseId: c.id, level: 4 })).toBe('EVALUATION_REASON_REQUIRED');
      expect(await refused('case.evaluate', { caseId: c.id, level: 5, reason: '   ' })).toBe('EVALUATION_REASON_REQUIRED');
      const rated = await applied('case.evaluate', { caseId: c.id, level: 4, reason: '等候时间过长' });
      expect(rated).toMatchObject({ status: 'rejected', evaluation: { level: 4, reason: '等候时间过长' } });
    });

    it('refuses a change to a case the hall server does not have', async () => {
      expect(await refused('case.mark-ready', { caseId: newId() })).toBe('CASE_NOT_FOUND');
    });
  });
});

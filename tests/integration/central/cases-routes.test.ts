import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDetailSchema, caseListResponseSchema, type CaseListResponse } from '../../../src/contract/api-cases';
import type { CaseIntake } from '../../../src/contract/case';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../../src/central/db/schema';
import { call, caseNo, envelope, idNumber, intake, push, received, STATION_B2, startCasesHall, type CasesHall } from './cases-fixture';
import { backends } from './harness';

/** The code printed in the QR of the citizen's receipt (contract/case.ts accessCode). */
const RECEIPT_CODE = 'Q7kP2mX9vR4tLw8N';

describe.each(backends)('case look-up routes on %s', (backend) => {
  let hall: CasesHall;
  const applicantId = idNumber('19780320', 57);
  const c = {} as Record<'current' | 'late' | 'owing' | 'paused' | 'done' | 'other', CaseIntake>;

  const on = (day: string, over: Partial<CaseIntake> = {}): Partial<CaseIntake> => ({
    acceptedAt: `${day}T02:00:00.000Z`,
    caseNo: caseNo('B1', day.replaceAll('-', '')),
    ...over,
  });
  const person = { name: '周文静', idType: '111' as const, idNumber: applicantId, phone: '13805381111' };

  beforeAll(async () => {
    hall = await startCasesHall(backend);
    // Today on the hall server is Monday 2026-11-30.
    c.current = intake({ applicant: person, accessCode: RECEIPT_CODE });
    c.late = intake(on('2026-11-02', { applicant: person, promisedDate: '2026-11-09' }));
    c.owing = intake(on('2026-11-02', { promisedDate: '2026-11-09', materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-11-05')] }));
    c.paused = intake(on('2026-11-16', { promisedDate: '2026-11-23' }));
    c.done = intake(on('2026-11-02', { promisedDate: '2026-11-09' }));
    c.other = intake({ windowCode: 'B2', stationId: STATION_B2, clerkId: hall.staffIds.clerkB2, caseNo: 'TS-20261130-B2-0099' });
    // Window B1 takes in; the departments' office decides; window B2 takes in one more.
    const results = [
      ...(await push(hall, [
        envelope('case.accept', { case: c.current }),
        envelope('case.accept', { case: c.late }),
        envelope('case.accept-deferred', { case: c.owing }),
        envelope('case.accept', { case: c.paused }),
        envelope('case.accept', { case: c.done }),
      ])).results,
      ...(await push(hall, [
        envelope('case.dispatch', { caseId: c.paused.id, departmentCodes: ['SCJG'] }),
        envelope('case.pause-clock', { caseId: c.paused.id, kind: 'other', reason: '现场核查', from: '2026-11-18' }),
        envelope('case.dispatch', { caseId: c.done.id, departmentCodes: ['SCJG'] }),
        envelope('case.decide', { caseId: c.done.id, departmentCode: 'SCJG', decision: 'approved', opinion: '同意' }),
      ])).results,
      ...(await push(hall, [envelope('case.accept', { case: c.other }, { staffId: hall.staffIds.clerkB2 })], { stationId: STATION_B2 })).results,
    ];
    expect(results.map((r) => r.code ?? r.status)).toEqual(results.map(() => 'applied'));
  });
  afterAll(async () => {
    await hall?.close();
  });

  async function list(query: string, token = hall.tokens.clerkB1): Promise<CaseListResponse> {
    const r = await call(hall, 'GET', `/api/v1/cases?${query}`, token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain(applicantId);
    return caseListResponseSchema.parse(r.body);
  }
  const nos = (r: CaseListResponse) => r.cases.map((x) => x.caseNo).sort();

  describe('case look-up', () => {
    it('shows one case in full, the ID number unmasked, with its history, to the station that took it in', async () => {
      const r = await call(hall, 'GET', `/api/v1/cases/${c.current.caseNo}`, hall.tokens.clerkB1);
      expect(r.status).toBe(200);
      const detail = caseDetailSchema.parse(r.body);
      expect(detail).toMatchObject({ id: c.current.id, status: 'accepted', promisedDate: '2026-12-07', flags: { overdue: false, overdueMaterials: [] } });
      expect(detail.applicant.idNumber).toBe(applicantId);
      expect(detail.history).toHaveLength(1);
    });

    it('answers 404 for an unknown case number and 400 for something that is not one', async () => {
      const missing = await call(hall, 'GET', '/api/v1/cases/TS-20261130-B1-9999', hall.tokens.clerkB1);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: { code: 'CASE_NOT_FOUND' } });
      const bad = await call(hall, 'GET', '/api/v1/cases/drop%20table', hall.tokens.clerkB1);
      expect(bad.status).toBe(400);
    });

    it("lists a person's cases by ID number with the number masked, however it is typed", async () => {
      const r = await list(`idNumber=${encodeURIComponent(` ${applicantId.toLowerCase()}`)}`);
      expect(nos(r)).toEqual([c.current.caseNo, c.late.caseNo].sort());
      expect(r.cases.every((x) => x.idNumberMasked === `${applicantId.slice(0, 6)}********${applicantId.slice(14)}`)).toBe(true);
      expect(r.cases.every((x) => x.applicantName === '周*静')).toBe(true);
    });

    it('flags a case past its promised date and a deferred material past its due date', async () => {
      const r = await list('from=2026-11-01&to=2026-11-30');
      const flags = Object.fromEntries(r.cases.map((x) => [x.caseNo, x.flags]));
      expect(r.today).toBe('2026-11-30');
      expect(flags[c.late.caseNo]).toMatchObject({ overdue: true, overdueMaterials: [] });
      expect(flags[c.owing.caseNo]).toMatchObject({ overdue: true, overdueMaterials: [{ materialCode: 'LEASE', dueDate: '2026-11-05' }] });
      expect(flags[c.current.caseNo]).toMatchObject({ overdue: false, promisedDateNow: '2026-12-07' });
      // Decided in time: the promised date no longer runs.
      expect(flags[c.done.caseNo]).toMatchObject({ overdue: false });
    });

    it('keeps a case whose clock is stopped from counting as overdue, moving its date day by day', async () => {
      const r = await list('status=in-review');
      const paused = r.cases.find((x) => x.caseNo === c.paused.caseNo)!;
      expect(paused.promisedDate).toBe('2026-11-23');
      // 11-17 counts; 11-18..11-30 are paused; 12-01..12-04 are the other four working days.
      expect(paused.flags).toMatchObject({ overdue: false, promisedDateNow: '2026-12-04' });
    });

    it('filters by status, acceptance dates and window, newest first', async () => {
      expect(nos(await list('status=approved'))).toEqual([c.done.caseNo]);
      expect(nos(await list('from=2026-11-16&to=2026-11-16'))).toEqual([c.paused.caseNo]);
      expect(nos(await list('windowCode=B2'))).toEqual([c.other.caseNo]);
      const all = await list('limit=100');
      expect(all.cases).toHaveLength(6);
      const times = all.cases.map((x) => x.acceptedAt);
      expect(times).toEqual([...times].sort().reverse());
      expect((await list('limit=2')).cases).toHaveLength(2);
    });

    it('refuses a query it cannot read with 400', async () => {
      for (const q of ['from=2026-12-01&to=2026-11-01', 'status=lost', 'from=2026-02-30', 'limit=0', 'idNumber=12']) {
        const r = await call(hall, 'GET', `/api/v1/cases?${q}`, hall.tokens.clerkB1);
        expect(r.status, q).toBe(400);
      }
    });
  });

  describe('who may push, pull and look cases up', () => {
    const routes = () => [
      { name: 'push', method: 'POST', path: '/api/v1/sync/push', body: { mutations: [envelope('case.mark-ready', { caseId: c.done.id })] } },
      { name: 'pull', method: 'GET', path: '/api/v1/sync/pull?cursor=0&limit=5' },
      { name: 'case', method: 'GET', path: `/api/v1/cases/${c.current.caseNo}` },
      { name: 'list', method: 'GET', path: '/api/v1/cases' },
    ];

    it('answers 401 without a token or with a token that is not valid', async () => {
      for (const r of routes()) {
        for (const token of [null, 'not-a-real-token']) {
          const res = await call(hall, r.method, r.path, token, r.body);
          expect(res.status, `${r.name} ${token}`).toBe(401);
          expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
        }
      }
    });

    it("opens another station's case only with the receipt's code and a reason, and audits every full read", async () => {
      const path = `/api/v1/cases/${c.current.caseNo}`;
      // Window B2's clerk: not its station's case, so it does not exist for them…
      expect(await call(hall, 'GET', path, hall.tokens.clerkB2)).toMatchObject({ status: 404, body: { error: { code: 'CASE_NOT_FOUND' } } });
      expect((await call(hall, 'GET', `${path}?code=WRONGCODE1234&reason=x1`, hall.tokens.clerkB2)).status).toBe(404);
      // …until the citizen hands over the receipt: with its code, and a reason, it opens.
      expect(await call(hall, 'GET', `${path}?code=${RECEIPT_CODE}`, hall.tokens.clerkB2)).toMatchObject({ status: 422, body: { error: { code: 'CASE_READ_REASON_REQUIRED' } } });
      const opened = await call(hall, 'GET', `${path}?code=${RECEIPT_CODE}&reason=${encodeURIComponent('申请人持回执查询进度')}`, hall.tokens.clerkB2);
      expect(opened.status).toBe(200);
      expect(caseDetailSchema.parse(opened.body).applicant.idNumber).toBe(applicantId);
      const reads = await hall.ctx.db.drizzle.select().from(auditLog).where(and(eq(auditLog.action, 'case.read-full'), eq(auditLog.entityId, c.current.id)));
      expect(reads.map((r) => [r.username, (r.after as { reason: string; via: string }).via, (r.after as { reason: string }).reason])).toContainEqual([
        'clerk-B2',
        'receipt-code',
        '申请人持回执查询进度',
      ]);
      // The zone's supervisor and the deciding department see it in their scope.
      expect((await call(hall, 'GET', path, hall.tokens.supervisor)).status).toBe(200);
      expect((await call(hall, 'GET', path, hall.tokens.approver)).status).toBe(200);
    });

    it('lets a station push and pull only with its key, under a session signed in from it', async () => {
      // A session from B1's PC, used without the PC's key or with another PC's key.
      expect(await call(hall, 'POST', '/api/v1/sync/push', hall.tokens.clerkB1, { mutations: [envelope('case.evaluate', { caseId: c.current.id, level: 1 })] })).toMatchObject({
        status: 403,
        body: { error: { code: 'STATION_REQUIRED' } },
      });
      const wrongPc = await hall.stations.B2.push(hall.tokens.clerkB1, [envelope('case.evaluate', { caseId: c.current.id, level: 1 })]);
      expect(wrongPc).toMatchObject({ status: 403, body: { error: { code: 'STATION_FORBIDDEN' } } });
      const pulled = await hall.stations.B2.pull(hall.tokens.clerkB1);
      expect(pulled.status).toBe(403);
      // A push cannot name another station.
      const named = await call(hall, 'POST', '/api/v1/sync/push', null, {});
      expect(named.status).toBe(401);
    });
  });
});

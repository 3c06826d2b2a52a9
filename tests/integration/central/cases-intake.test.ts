import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseEvents, cases, changeLog } from '../../../src/central/db/schema';
import { caseRecordSchema } from '../../../src/contract/case';
import { caseRecord, envelope, idNumber, intake, newId, push, pushOne, reach, received, STATION_B1, STATION_B2, startCasesHall, type CasesHall } from './cases-fixture';
import { backends } from './harness';

describe.each(backends)('case intake on %s', (backend) => {
  let hall: CasesHall;
  beforeAll(async () => {
    hall = await startCasesHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  const db = () => hall.ctx.db.drizzle;
  const caseRow = async (id: string) => (await db().select().from(cases).where(eq(cases.id, id)))[0];

  async function rejectedWith(name: Parameters<typeof envelope>[0], args: unknown): Promise<{ code: string; message: string; value: unknown }> {
    const r = await pushOne(hall, envelope(name, args));
    expect(r.status).toBe('rejected');
    return { code: r.code!, message: r.message!, value: r.value };
  }

  describe('intake pushed by a station', () => {
    it('records an accepted case with its history, an audit row and a change for its station', async () => {
      const c = intake();
      const r = await pushOne(hall, envelope('case.accept', { case: c }));
      expect(r.status).toBe('applied');
      // The push answers with a receipt of the case, nothing personal.
      expect(r.value).toEqual({ id: c.id, caseNo: c.caseNo, status: 'accepted', promisedDate: '2026-12-07', updatedAt: expect.any(String) });
      const record = caseRecordSchema.parse(await caseRecord(hall, c.caseNo));
      expect(record).toMatchObject({ id: c.id, caseNo: c.caseNo, status: 'accepted', promisedDate: '2026-12-07', stationId: c.stationId });
      expect(record.applicant.idNumber).toBe(c.applicant.idNumber);
      expect(record.history.map((h) => [h.action, h.status, h.by])).toEqual([['case.accept', 'accepted', hall.staffIds.clerkB1]]);

      // At rest the number is sealed, found by its blind index, shown masked.
      const stored = (await caseRow(c.id))!;
      expect(JSON.stringify(stored)).not.toContain(c.applicant.idNumber);
      expect(JSON.stringify(stored)).not.toContain(c.applicant.phone!);
      expect(JSON.stringify(stored)).not.toContain(c.applicant.address!);
      expect(stored.idIndex).toBe(hall.ctx.sealer.index(c.applicant.idNumber));
      expect(stored.idNumberMasked).toBe(`${c.applicant.idNumber.slice(0, 6)}********${c.applicant.idNumber.slice(14)}`);
      const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, c.id));
      expect(events).toHaveLength(1);
      const changes = await db().select().from(changeLog).where(and(eq(changeLog.entity, 'case'), eq(changeLog.entityId, c.id)));
      expect(changes).toHaveLength(1);
      expect(changes[0]!.stationId).toBe(c.stationId);
      // The change log says that the case moved, not what it holds: a pull reads the case itself.
      expect(changes[0]!.data).toBeNull();
      const audits = await db().select().from(auditLog).where(and(eq(auditLog.entity, 'case'), eq(auditLog.entityId, c.id)));
      // The intake, and the full read above, each with who did it (the read with its reason).
      expect(audits.map((a) => a.action)).toEqual(['case.accept', 'case.read-full']);
      expect(audits[1]!.after).toMatchObject({ reason: '测试核对', via: 'scope' });
      expect(audits[1]!.username).toBe('admin');
      // The audit trail keeps who did it, never the full ID number.
      expect(JSON.stringify(audits[0]!.after)).not.toContain(c.applicant.idNumber);
      expect(audits[0]!.username).toBe('clerk-B1');
    });

    it('takes in a bundle with the longest promised limit of its matters and shared materials asked once', async () => {
      const c = intake({
        matterCodes: ['FOODPERMIT', 'HYGIENE'],
        bundleCode: 'OPENSHOP',
        materials: [received('IDCARD'), received('FORM'), received('LEASE'), received('HEALTH', 'commitment')],
        promisedDate: '2026-12-14',
      });
      const r = await pushOne(hall, envelope('case.accept', { case: c }));
      expect(r.status).toBe('applied');
      expect((await caseRecord(hall, c.caseNo)).promisedDate).toBe('2026-12-14');
    });

    it('accepts an immediate matter with the promised date on the day itself', async () => {
      const c = intake({ matterCodes: ['NAMECHECK'], materials: [received('IDCARD', 'copy')], promisedDate: '2026-11-30' });
      expect((await pushOne(hall, envelope('case.accept', { case: c }))).status).toBe('applied');
    });

    it('normalises the ID number and finds the case by it', async () => {
      const number = idNumber('19850615', 42);
      const c = intake({ applicant: { name: '孙明辉', idType: '111', idNumber: ` ${number.toLowerCase()} ` } });
      expect((await pushOne(hall, envelope('case.accept', { case: c }))).status).toBe('applied');
      expect((await caseRow(c.id))?.idIndex).toBe(hall.ctx.sealer.index(number));
      expect((await caseRecord(hall, c.caseNo)).applicant.idNumber).toBe(number);
    });

    it('records a deferred acceptance (容缺) when only deferrable materials are missing, each with a due date', async () => {
      const c = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-12-04')] });
      const r = await pushOne(hall, envelope('case.accept-deferred', { case: c }));
      expect(r.status).toBe('applied');
      expect((await caseRecord(hall, c.caseNo)).status).toBe('accepted-deferred');
    });

    it('records a correction notice (补正) listing what is missing, with its due date', async () => {
      const c = intake({ materials: [received('IDCARD'), received('FORM', 'missing')] });
      const r = await pushOne(hall, envelope('case.notify-correction', { case: c, correctionDueDate: '2026-12-04' }));
      expect(r.status).toBe('applied');
      expect(await caseRecord(hall, c.caseNo)).toMatchObject({ status: 'correction-notified', correctionDueDate: '2026-12-04' });
    });

    it('records a rejection (不予受理) with its reason and the competent body, even beyond the known calendar', async () => {
      const c = intake({ acceptedAt: '2027-03-01T02:00:00.000Z', promisedDate: '2027-03-08', caseNo: 'TS-20270301-B1-0001' });
      reach(hall, c.acceptedAt);
      const r = await pushOne(hall, envelope('case.reject', { case: c, reason: '不属于本机关职权范围', competentBody: '市自然资源和规划局' }, { at: c.acceptedAt }));
      expect(r.status).toBe('applied');
      expect(await caseRecord(hall, c.caseNo)).toMatchObject({ status: 'rejected', rejection: { reason: '不属于本机关职权范围', competentBody: '市自然资源和规划局' } });
    });
  });

  describe('intake the hall server refuses', () => {
    it('refuses a promised date that does not follow from the calendar, naming the right one', async () => {
      const c = intake({ promisedDate: '2026-12-05' });
      const r = await rejectedWith('case.accept', { case: c });
      expect(r.code).toBe('CASE_PROMISED_DATE_MISMATCH');
      expect(r.message).toContain('2026-12-07');
      expect(r.value).toMatchObject({ promisedDate: '2026-12-05', expected: '2026-12-07' });
      expect(await caseRow(c.id)).toBeUndefined();
    });

    it('counts holidays and make-up days like the State Council notice (accepted before 国庆)', async () => {
      // 2026-09-24 (Thu) + 5 working days: 09-25..27 off, 09-28..30, 10-01..07 off, 10-08 (4th), 10-09 (5th).
      const wrong = intake({ acceptedAt: '2026-09-24T02:00:00.000Z', caseNo: 'TS-20260924-B1-0001', promisedDate: '2026-10-01' });
      expect((await rejectedWith('case.accept', { case: wrong })).value).toMatchObject({ expected: '2026-10-09' });
      const right = intake({ acceptedAt: '2026-09-24T02:00:00.000Z', caseNo: 'TS-20260924-B1-0002', promisedDate: '2026-10-09' });
      expect((await pushOne(hall, envelope('case.accept', { case: right }))).status).toBe('applied');
    });

    it('takes the acceptance day in Shanghai, not in UTC', async () => {
      // 2026-11-29 17:00 UTC is already Monday 2026-11-30 01:00 in Shanghai.
      const c = intake({ acceptedAt: '2026-11-29T17:00:00.000Z', promisedDate: '2026-12-04' });
      expect((await rejectedWith('case.accept', { case: c })).value).toMatchObject({ expected: '2026-12-07' });
    });

    it('counts a promise into the provisional next year, and refuses one only outside the statute', async () => {
      // Mon 2026-12-28 + 5: Dec 29..31, Jan 1 off (元旦 by the statute), Mon Jan 4, Tue Jan 5.
      const c = intake({ acceptedAt: '2026-12-28T02:00:00.000Z', caseNo: 'TS-20261228-B1-0001', promisedDate: '2027-01-05' });
      reach(hall, c.acceptedAt);
      const r = await pushOne(hall, envelope('case.accept', { case: c }));
      expect(r.status).toBe('applied');
      expect(await caseRecord(hall, c.caseNo)).toMatchObject({ promisedDate: '2027-01-05', calendarVersions: [{ year: 2026, revision: 1 }, { year: 2027, revision: 0 }], internalDueDate: null });
      const early = intake({ acceptedAt: '2024-12-27T02:00:00.000Z', caseNo: 'TS-20241227-B1-0001', promisedDate: '2025-01-06' });
      expect((await rejectedWith('case.accept', { case: early })).code).toBe('CALENDAR_YEAR_UNKNOWN');
    });

    it('refuses to accept outright when a required material is missing, and names it', async () => {
      const c = intake({ materials: [received('IDCARD'), received('FORM', 'missing'), received('LEASE')] });
      const r = await rejectedWith('case.accept', { case: c });
      expect(r.code).toBe('CASE_MATERIALS_INCOMPLETE');
      expect(r.message).toContain('FORM');
      expect(r.value).toMatchObject({ shortfalls: [{ materialCode: 'FORM', problem: 'missing' }] });
    });

    it('refuses a copy where the original must be seen, and a commitment where none is allowed', async () => {
      const copy = intake({ materials: [received('IDCARD', 'copy'), received('FORM'), received('LEASE')] });
      expect((await rejectedWith('case.accept', { case: copy })).value).toMatchObject({ shortfalls: [{ materialCode: 'IDCARD', problem: 'original-required' }] });
      const committed = intake({ materials: [received('IDCARD'), received('FORM', 'commitment'), received('LEASE')] });
      expect((await rejectedWith('case.accept', { case: committed })).value).toMatchObject({
        shortfalls: [{ materialCode: 'FORM', problem: 'commitment-not-allowed' }],
      });
    });

    it('refuses to accept outright when a deferrable material is missing (that is 容缺)', async () => {
      const c = intake({ materials: [received('IDCARD'), received('FORM')] });
      expect((await rejectedWith('case.accept', { case: c })).code).toBe('CASE_MATERIALS_INCOMPLETE');
    });

    it('refuses a deferred acceptance with a required material missing or nothing deferred', async () => {
      const required = intake({ materials: [received('IDCARD', 'missing'), received('FORM'), received('LEASE', 'missing', '2026-12-04')] });
      expect((await rejectedWith('case.accept-deferred', { case: required })).code).toBe('CASE_MATERIALS_INCOMPLETE');
      const nothing = intake();
      expect((await rejectedWith('case.accept-deferred', { case: nothing })).code).toBe('INTAKE_NOTHING_DEFERRED');
    });

    it('refuses a deferred material without a due date, or due after the promised date', async () => {
      const none = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing')] });
      expect((await rejectedWith('case.accept-deferred', { case: none })).code).toBe('CASE_DEFERRED_DUE_DATE_INVALID');
      const late = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-12-08')] });
      const r = await rejectedWith('case.accept-deferred', { case: late });
      expect(r.code).toBe('CASE_DEFERRED_DUE_DATE_INVALID');
      expect(r.message).toContain('2026-12-07');
      const sameDay = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-11-30')] });
      expect((await rejectedWith('case.accept-deferred', { case: sameDay })).code).toBe('CASE_DEFERRED_DUE_DATE_INVALID');
    });

    it('refuses a deferred material due beyond its own limit, even within the promise, and takes an earlier day the clerk agreed', async () => {
      // Mon 2026-11-30: the lease may wait 4 working days (Fri 12-04); the case is promised for Mon 12-07.
      const beyond = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-12-07')] });
      const r = await rejectedWith('case.accept-deferred', { case: beyond });
      expect(r.code).toBe('CASE_DEFERRED_DUE_DATE_BEYOND_LIMIT');
      expect(r.message).toContain('2026-12-04');
      expect(r.value).toMatchObject({ materialCode: 'LEASE', dueDate: '2026-12-07', latest: '2026-12-04', deferralDays: 4 });
      expect(await caseRow(beyond.id)).toBeUndefined();
      const earlier = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-12-01')] });
      expect((await pushOne(hall, envelope('case.accept-deferred', { case: earlier }))).status).toBe('applied');
    });

    it('refuses a correction notice when nothing is missing, or due before the notice', async () => {
      expect((await rejectedWith('case.notify-correction', { case: intake(), correctionDueDate: '2026-12-04' })).code).toBe('INTAKE_NOTHING_MISSING');
      const c = intake({ materials: [received('IDCARD'), received('FORM', 'missing')] });
      expect((await rejectedWith('case.notify-correction', { case: c, correctionDueDate: '2026-11-29' })).code).toBe('CASE_CORRECTION_DUE_DATE_INVALID');
    });

    it('refuses an ID number with a wrong check character, saying so', async () => {
      const good = idNumber();
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const r = await rejectedWith('case.accept', { case: intake({ applicant: { name: '赵雪梅', idType: '111', idNumber: bad } }) });
      expect(r.code).toBe('ID_NUMBER_CHECK_DIGIT');
      expect(r.message).toContain('applicant');
    });

    it("refuses an agent's invalid ID number", async () => {
      const r = await rejectedWith('case.accept', { case: intake({ agent: { name: '钱国庆', idNumber: '370902199001011234' } }) });
      expect(r.code).toMatch(/^ID_NUMBER_/);
      expect(r.message).toContain('agent');
    });

    it('refuses matters, bundles, windows and materials the catalogue does not have', async () => {
      expect((await rejectedWith('case.accept', { case: intake({ matterCodes: ['NOSUCHMATTER'] }) })).code).toBe('MATTER_UNKNOWN');
      expect((await rejectedWith('case.accept', { case: intake({ bundleCode: 'NOSUCH' }) })).code).toBe('BUNDLE_UNKNOWN');
      expect((await rejectedWith('case.accept', { case: intake({ windowCode: 'B9', stationId: STATION_B1, caseNo: 'TS-20261130-B9-0001' }) })).code).toBe('WINDOW_UNKNOWN');
      const extra = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE'), received('HEALTH')] });
      expect((await rejectedWith('case.accept', { case: extra })).code).toBe('CASE_MATERIAL_UNKNOWN');
      const twice = intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE'), received('FORM')] });
      expect((await rejectedWith('case.accept', { case: twice })).code).toBe('CASE_MATERIAL_DUPLICATE');
    });

    it('refuses a case number that already belongs to another case', async () => {
      const first = intake();
      expect((await pushOne(hall, envelope('case.accept', { case: first }))).status).toBe('applied');
      const r = await rejectedWith('case.accept', { case: intake({ caseNo: first.caseNo }) });
      expect(r.code).toBe('CASE_NUMBER_TAKEN');
    });

    it('refuses a second intake of the same case under another mutation', async () => {
      const c = intake();
      expect((await pushOne(hall, envelope('case.accept', { case: c }))).status).toBe('applied');
      expect((await rejectedWith('case.reject', { case: c, reason: '重复提交', competentBody: '' })).code).toBe('CASE_ALREADY_RECORDED');
      expect((await caseRow(c.id))?.status).toBe('accepted');
    });

    it('refuses a case pushed by a station that did not make it', async () => {
      // B2's clerk, at B2's PC, pushes a case that says it was made on B1's PC.
      const c = intake({ windowCode: 'B2', stationId: STATION_B1, clerkId: hall.staffIds.clerkB2 });
      const r = await pushOne(hall, envelope('case.accept', { case: c }, { staffId: hall.staffIds.clerkB2 }), { stationId: STATION_B2, token: hall.tokens.clerkB2 });
      expect(r).toMatchObject({ status: 'rejected', code: 'CASE_STATION_MISMATCH' });
    });

    it('refuses work attributed to a clerk who never signed in at the pushing station', async () => {
      // B1's clerk never signed in at B2's PC: B2 cannot push work in B1's clerk's name.
      const r = await pushOne(hall, envelope('case.accept', { case: intake() }), { stationId: STATION_B2, token: hall.tokens.clerkB2 });
      expect(r).toMatchObject({ status: 'rejected', code: 'MUTATION_STAFF_UNKNOWN' });
    });

    it('refuses arguments that do not parse, with the field that is wrong', async () => {
      const r = await rejectedWith('case.accept', { case: { ...intake(), caseNo: 'not-a-case-no' } });
      expect(r.code).toBe('MUTATION_INVALID');
      expect(r.message).toContain('case.caseNo');
      expect((await rejectedWith('case.accept', 'nonsense')).code).toBe('MUTATION_INVALID');
      expect((await rejectedWith('case.evaluate', { caseId: newId(), level: 9 })).code).toBe('MUTATION_INVALID');
    });

    it('goes on with the mutations after a refused one, and writes nothing for the refused one', async () => {
      const a = intake();
      const bad = intake({ promisedDate: '2026-12-31' });
      const b = intake();
      const before = await db().select({ n: count() }).from(changeLog);
      const res = await push(hall, [envelope('case.accept', { case: a }), envelope('case.accept', { case: bad }), envelope('case.accept', { case: b })]);
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
      expect(await caseRow(bad.id)).toBeUndefined();
      expect((await db().select().from(caseEvents).where(eq(caseEvents.caseId, bad.id))).length).toBe(0);
      const after = await db().select({ n: count() }).from(changeLog);
      expect(after[0]!.n - before[0]!.n).toBe(2);
    });
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../src/central/audit/writer';
import { replaceCatalog } from '../../../src/central/catalog/repository';
import { auditLog, caseEvents, cases, changeLog } from '../../../src/central/db/schema';
import { inWork } from '../../../src/central/db/work';
import type { CaseIntake } from '../../../src/contract/case';
import { call, caseNo, caseRecord, envelope, intake, pushOne, reach, startCasesHall, testCatalog, type CasesHall } from './cases-fixture';
import { backends } from './harness';

/**
 * The year's end with a provisional next year, and the official notice replacing it: intake goes on
 * across the year end, the administrator pastes the notice and previews every changed day, saving
 * is guarded and audited, open cases whose legal date comes earlier get an internal deadline (the
 * printed promise stands), and an offline intake promised on the provisional year still holds.
 */

const notice2027 = readFileSync(fileURLToPath(new URL('../../fixtures/calendar-notices/2027-plausible.txt', import.meta.url)), 'utf8');

/** A 20-working-day matter (the catalogue of the case suites has 0, 5 and 10). */
const licence20 = {
  ...testCatalog.matters.find((m) => m.code === 'FOODPERMIT')!,
  code: 'LICENCE20',
  basicCode: 'LICENCE20',
  name: '二十个工作日的许可',
  promisedLimitDays: 20,
  statutoryLimitDays: 20,
};

describe.each(backends)('entering the official calendar over a provisional year on %s', (backend) => {
  let hall: CasesHall;
  const at = (iso: string) => ({ acceptedAt: iso, caseNo: caseNo('B1', iso.slice(0, 10).replaceAll('-', '')) });

  beforeAll(async () => {
    // The hall's today is Monday 2026-11-30 (cases-fixture): the 2027 notice is due, not yet entered.
    hall = await startCasesHall(backend);
    await inWork(hall.ctx, systemActor, (w) => replaceCatalog(w, { ...testCatalog, matters: [...testCatalog.matters, licence20] }));
  });
  afterAll(async () => {
    await hall?.close();
  });

  const db = () => hall.ctx.db.drizzle;
  const row = async (id: string) => (await db().select().from(cases).where(eq(cases.id, id)))[0]!;
  /** Taken in at its acceptance time: the hall's clock stands there for the push, then goes back. */
  const accept = async (c: CaseIntake) => {
    const saved = hall.test.clock.offsetMs;
    reach(hall, c.acceptedAt);
    try {
      return await pushOne(hall, envelope('case.accept', { case: c }, { at: c.acceptedAt }));
    } finally {
      hall.test.clock.offsetMs = saved;
    }
  };
  const admin = () => hall.tokens.admin;

  // Cases kept from one step to the next (the steps are one story, in order).
  let c20: CaseIntake;
  let beforeNotice: CaseIntake;
  let afterFeb3: CaseIntake;

  it('accepts a 20-working-day matter taken in on 2026-12-07 with a 2027 promise counted on the provisional year', async () => {
    // Dec 8..31 gives 18 working days; Jan 1 is 元旦 by the statute; Mon Jan 4 and Tue Jan 5.
    c20 = intake({ ...at('2026-12-07T02:00:00.000Z'), matterCodes: ['LICENCE20'], promisedDate: '2027-01-05', calendarVersions: [{ year: 2026, revision: 1 }, { year: 2027, revision: 0 }] });
    const r = await accept(c20);
    expect(r.status).toBe('applied');
    expect(await caseRecord(hall, c20.caseNo)).toMatchObject({ promisedDate: '2027-01-05', calendarVersions: [{ year: 2026, revision: 1 }, { year: 2027, revision: 0 }] });
    // A window that counted the year end as an ordinary weekend would be told the right date.
    const wrong = await accept(intake({ ...at('2026-12-07T02:00:00.000Z'), matterCodes: ['LICENCE20'], promisedDate: '2027-01-04' }));
    expect(wrong).toMatchObject({ status: 'rejected', code: 'CASE_PROMISED_DATE_MISMATCH', value: { expected: '2027-01-05' } });

    // Fri 2027-01-29 + 5 on the provisional year: Feb 1..4, then 02-05..02-10 rest (春节 and its made-up days), Thu Feb 11.
    beforeNotice = intake({ ...at('2027-01-29T02:00:00.000Z'), promisedDate: '2027-02-11', calendarVersions: [{ year: 2027, revision: 0 }] });
    expect((await accept(beforeNotice)).status).toBe('applied');
    const list = await call(hall, 'GET', '/api/v1/calendar', null);
    expect(list.body).toMatchObject({ today: '2026-11-30', warnings: [2027] });
  });

  it('reads the pasted 2027 notice and shows every day it changes, and the deadlines it would move, before anything is saved', async () => {
    const r = await call(hall, 'POST', '/api/v1/calendar/2027/preview', admin(), { text: notice2027 });
    expect(r.status).toBe(200);
    const p = r.body as {
      calendar: { holidays: Array<{ name: string; from: string; to: string }>; workdays: Array<{ date: string }> };
      current: { status: string; revision: number };
      changes: Array<{ date: string; before: { working: boolean; reason: string }; after: { working: boolean; reason: string; name?: string } }>;
      guard: unknown[];
      earlier: Array<{ caseNo: string; promisedDate: string; dueDate: string }>;
      notes: unknown[];
      openCases: number;
    };
    expect(p.current).toMatchObject({ status: 'provisional', revision: 0 });
    expect(p.notes).toEqual([]);
    expect(p.guard).toEqual([]);
    const changed = Object.fromEntries(p.changes.map((c) => [c.date, c]));
    expect(changed['2027-01-31']).toMatchObject({ before: { working: false, reason: 'weekend' }, after: { working: true, reason: 'makeup', name: '春节调休上班' } });
    expect(changed['2027-02-11']).toMatchObject({ before: { working: true }, after: { working: false, reason: 'holiday' } });
    expect(changed['2027-02-20']).toMatchObject({ after: { working: true, reason: 'makeup' } });
    // 端午 is on a Wednesday: the same single day either way.
    expect(changed['2027-06-09']).toBeUndefined();
    expect(p.earlier).toEqual([{ caseNo: beforeNotice.caseNo, windowCode: 'B1', acceptedOn: '2027-01-29', promisedDate: '2027-02-11', dueDate: '2027-02-04' }]);
    expect(p.openCases).toBe(2);
    // Nothing was written.
    expect((await call(hall, 'GET', '/api/v1/calendar/2027', null)).body).toMatchObject({ status: 'provisional' });
    const other = await call(hall, 'POST', '/api/v1/calendar/2028/preview', admin(), { text: notice2027 });
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'CALENDAR_NOTICE_YEAR_MISMATCH' } } });
    const junk = await call(hall, 'POST', '/api/v1/calendar/2027/preview', admin(), { text: '今天天气很好。' });
    expect(junk).toMatchObject({ status: 422, body: { error: { code: 'CALENDAR_NOTICE_UNREADABLE' } } });
  });

  it('saves the notice as revision 1: the promises stand, and the case whose legal date comes earlier gets an internal deadline supervisors see', async () => {
    const parsed = (await call(hall, 'POST', '/api/v1/calendar/2027/preview', admin(), { text: notice2027 })).body as { calendar: object };
    const r = await call(hall, 'PUT', '/api/v1/calendar/2027', admin(), { ...parsed.calendar, expectedRevision: 0 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ calendar: { status: 'official', revision: 1 }, forced: false, restored: 0 });
    expect((r.body as { earlier: unknown[] }).earlier).toEqual([expect.objectContaining({ caseNo: beforeNotice.caseNo, dueDate: '2027-02-04' })]);

    const moved = await row(beforeNotice.id);
    expect(moved).toMatchObject({ promisedDate: '2027-02-11', internalDueDate: '2027-02-04', internalDueMovedBy: { year: 2027, revision: 1 } });
    expect((await row(c20.id)).internalDueDate).toBeNull();
    const history = await db().select().from(caseEvents).where(eq(caseEvents.caseId, beforeNotice.id));
    expect(history.map((h) => h.action)).toEqual(['case.accept', 'case.deadline-moved']);
    expect(history[1]!.note).toContain('2027-02-04');
    // The station that took the case in is poked (the log carries no personal data) and pulls it with its new deadline.
    const change = await db().select().from(changeLog).where(and(eq(changeLog.entity, 'case'), eq(changeLog.entityId, beforeNotice.id))).orderBy(desc(changeLog.seq)).limit(1);
    expect(change[0]).toMatchObject({ event: 'case.deadline-moved', stationId: beforeNotice.stationId, data: null });
    const pulled = (await hall.stations.B1.pull(hall.tokens.clerkB1, change[0]!.seq! - 1, 10)).body as { changes: Array<{ id: string; data: unknown }> };
    expect(pulled.changes.find((c) => c.id === beforeNotice.id)?.data).toMatchObject({ internalDueDate: '2027-02-04', promisedDate: '2027-02-11' });

    const list = await call(hall, 'GET', '/api/v1/calendar/moved-deadlines', hall.tokens.supervisor);
    expect(list.status).toBe(200);
    expect((list.body as { cases: unknown[] }).cases).toEqual([
      expect.objectContaining({ caseNo: beforeNotice.caseNo, promisedDate: '2027-02-11', internalDueDate: '2027-02-04', applicantName: '赵*梅', movedBy: expect.objectContaining({ year: 2027, revision: 1 }) }),
    ]);
    expect((await call(hall, 'GET', '/api/v1/calendar/moved-deadlines', hall.tokens.clerkB1)).status).toBe(403);
    const detail = await call(hall, 'GET', `/api/v1/cases/${beforeNotice.caseNo}`, hall.tokens.supervisor);
    expect((detail.body as { flags: object }).flags).toMatchObject({ internalDueDate: '2027-02-04' });
    expect((await call(hall, 'GET', '/api/v1/calendar', null)).body).toMatchObject({ warnings: [] });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entity, 'calendar'), eq(auditLog.entityId, '2027')));
    expect(audit.map((a) => a.action)).toEqual(['calendar.put']);
    expect(audit[0]!.after).toMatchObject({ revision: 1, forced: false, deadlinesEarlier: [`${beforeNotice.caseNo}:2027-02-04`] });
  });

  it('still accepts an intake promised offline on the provisional year, keeping the earlier legal date as its internal deadline', async () => {
    const offline = intake({ ...at('2027-01-29T03:00:00.000Z'), promisedDate: '2027-02-11', calendarVersions: [{ year: 2027, revision: 0 }] });
    const r = await accept(offline);
    expect(r.status).toBe('applied');
    expect(await caseRecord(hall, offline.caseNo)).toMatchObject({ promisedDate: '2027-02-11', internalDueDate: '2027-02-04', calendarVersions: [{ year: 2027, revision: 0 }] });
    expect((await row(offline.id)).internalDueMovedBy).toMatchObject({ year: 2027, revision: 1 });
    // A station that says nothing of its calendar is checked on the calendar in force.
    const unversioned = await accept(intake({ ...at('2027-01-29T03:00:00.000Z'), promisedDate: '2027-02-11' }));
    expect(unversioned).toMatchObject({ status: 'rejected', code: 'CASE_PROMISED_DATE_MISMATCH', value: { expected: '2027-02-04' } });
    const unknown = await accept(intake({ ...at('2027-01-29T03:00:00.000Z'), promisedDate: '2027-02-11', calendarVersions: [{ year: 2027, revision: 7 }] }));
    expect(unknown).toMatchObject({ status: 'rejected', code: 'CALENDAR_REVISION_UNKNOWN' });
    // On the official days: Wed Feb 3 + 5 is Feb 4, then 02-05..02-13 off, Feb 15..18.
    afterFeb3 = intake({ ...at('2027-02-03T02:00:00.000Z'), promisedDate: '2027-02-18', calendarVersions: [{ year: 2027, revision: 1 }] });
    expect((await accept(afterFeb3)).status).toBe('applied');
  });

  it('asks for force before emptying the year or taking out rest days open cases count on, and audits a forced save', async () => {
    const current = (await call(hall, 'GET', '/api/v1/calendar/2027', null)).body as { source: string; holidays: Array<{ from: string; to: string; name: string }>; workdays: Array<{ date: string; name: string }> };
    const emptied = await call(hall, 'PUT', '/api/v1/calendar/2027', admin(), { year: 2027, source: current.source, holidays: [], workdays: [] });
    expect(emptied.status).toBe(409);
    const why = (emptied.body as { error: { code: string; details: { reasons: Array<{ code: string; caseNos?: string[] }> } } }).error;
    expect(why.code).toBe('CALENDAR_CHANGE_NEEDS_FORCE');
    expect(why.details.reasons.map((r) => r.code)).toEqual(['HOLIDAYS_EMPTIED', 'COUNTED_REST_DAYS_REMOVED']);
    expect(why.details.reasons[0]).toEqual({ code: 'HOLIDAYS_EMPTIED', holidaysBefore: 7 });
    // 元旦 is counted by the 20-day case, 春节 by the one taken in on Feb 3.
    expect(why.details.reasons[1]!.caseNos).toEqual([c20.caseNo, afterFeb3.caseNo]);

    // 春节 cut to 02-05..02-10: 02-11 and 02-12 become working days inside the span of the case taken in on Feb 3.
    const shorter = { year: 2027, source: current.source, holidays: current.holidays.map((h) => (h.name === '春节' ? { ...h, to: '2027-02-10' } : h)), workdays: current.workdays };
    const refused = await call(hall, 'PUT', '/api/v1/calendar/2027', admin(), shorter);
    expect(refused.status).toBe(409);
    const details = (refused.body as { error: { details: { reasons: Array<{ code: string; dates: string[]; caseNos: string[] }>; changedDays: number } } }).error.details;
    expect(details.reasons).toEqual([{ code: 'COUNTED_REST_DAYS_REMOVED', dates: ['2027-02-11', '2027-02-12'], caseNos: [afterFeb3.caseNo], cases: 1 }]);
    expect(details.changedDays).toBe(3);
    expect((await call(hall, 'GET', '/api/v1/calendar/2027', null)).body).toMatchObject({ revision: 1 });
    const stale = await call(hall, 'PUT', '/api/v1/calendar/2027', admin(), { ...shorter, force: true, expectedRevision: 0 });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'CALENDAR_REVISION_CONFLICT', details: { revision: 1 } } } });
    expect((await call(hall, 'PUT', '/api/v1/calendar/2027', hall.tokens.supervisor, { ...shorter, force: true })).status).toBe(403);

    const forced = await call(hall, 'PUT', '/api/v1/calendar/2027', admin(), { ...shorter, force: true, expectedRevision: 1 });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ calendar: { revision: 2 }, forced: true });
    // Feb 3 + 5 on revision 2: Feb 4, 11, 12, 15, 16.
    expect(await row(afterFeb3.id)).toMatchObject({ promisedDate: '2027-02-18', internalDueDate: '2027-02-16', internalDueMovedBy: { year: 2027, revision: 2 } });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entity, 'calendar'), eq(auditLog.entityId, '2027')));
    expect(audit.map((a) => a.action)).toEqual(['calendar.put', 'calendar.put-forced']);
    expect(audit[1]!.after).toMatchObject({ revision: 2, forced: true, guard: [{ code: 'COUNTED_REST_DAYS_REMOVED' }] });
    expect(audit[1]!.username).toBe('admin');

    const revisions = await call(hall, 'GET', '/api/v1/calendar/2027/revisions', admin());
    expect((revisions.body as { revisions: Array<{ revision: number; forced: boolean }> }).revisions.map((r) => [r.revision, r.forced])).toEqual([
      [2, true],
      [1, false],
    ]);
    const list = (await call(hall, 'GET', '/api/v1/calendar/moved-deadlines', hall.tokens.supervisor)).body as { cases: Array<{ caseNo: string; internalDueDate: string }> };
    expect(list.cases.map((c) => c.internalDueDate)).toEqual(['2027-02-04', '2027-02-04', '2027-02-16']);
  });

  it('lifts an internal deadline when a later revision makes the promise the deadline again', async () => {
    const current = (await call(hall, 'GET', '/api/v1/calendar/2027', null)).body as { source: string; holidays: Array<{ from: string; to: string; name: string }>; workdays: Array<{ date: string; name: string }> };
    // Back to the notice's 春节 (adding rest days needs no force).
    const restored = await call(hall, 'PUT', '/api/v1/calendar/2027', admin(), {
      year: 2027,
      source: current.source,
      holidays: current.holidays.map((h) => (h.name === '春节' ? { ...h, to: '2027-02-13' } : h)),
      workdays: current.workdays,
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ calendar: { revision: 3 }, forced: false, restored: 1 });
    expect(await row(afterFeb3.id)).toMatchObject({ promisedDate: '2027-02-18', internalDueDate: null });
  });
});

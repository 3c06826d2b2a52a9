/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are plain JSON that the assertions check field by field */
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../src/central/calendar/repository';
import { addWorkingDays } from '../../../src/domain/calendar';
import { compactLocalDate, localDateInShanghai } from '../../../src/domain/local-date';
import { backends, startTestHall, type TestHall, type TestStation } from './harness';
import { FOOD, idNumbers, materialFile, pdf, png, portalAccount } from './online-fixtures';

const PDF = pdf();
const PNG = png('board-image');
const file = (materialCode: string, bytes: Buffer, contentType: string) => materialFile(materialCode, bytes, contentType);

const idNumber = idNumbers('198703', 200);

const complete = () => ({
  portalId: `BF${ulid()}`,
  submittedAt: new Date().toISOString(),
  applicant: { name: '孙网办', idNumber: idNumber(), phone: '13905381111', address: '泰山区网办路2号' },
  matterCodes: [FOOD],
  form: { shopName: '岱宗小馆' },
  commitments: ['M005'],
  files: [file('M032', PDF, 'application/pdf'), file('M004', PNG, 'image/png'), file('M001', PDF, 'application/pdf')],
});

describe.each(backends)("the board's channel figures on %s", (backend) => {
  let hall: TestHall;
  let admin: string;
  let supervisor: string;
  let supervisorC: string;
  let portal: string;
  let pcB1: TestStation;
  let clerk: string;
  let clerkId: string;

  beforeAll(async () => {
    hall = await startTestHall(backend, { config: { sessionHours: 24 * 30, idleMinutes: 24 * 60 * 30 } });
    admin = await hall.login('admin');
    supervisor = await hall.login('supervisor');
    portal = await portalAccount(hall, admin, 'portal-bf');
    const made = await hall.api('POST', '/api/v1/staff', {
      token: admin,
      body: { username: 'supervisor-c', name: 'C区值班长', role: 'supervisor', zoneCodes: ['C'], homeWindowCode: null, password: 'Superv-pass-2026' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    supervisorC = await hall.login('supervisor-c', undefined, 'Superv-pass-2026');
    pcB1 = await hall.station('pc-B1');
    clerk = await pcB1.login('clerk-B1', 'B1');
    clerkId = (await hall.api('GET', '/api/v1/auth/me', { token: clerk })).body.staff.id;
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const figures = async (token: string) => {
    const r = await hall.api('GET', '/api/v1/reports/channels', { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const shares = (s: any) => s.channels.map((c: any) => [c.channel, c.count, c.percent]);

  /** A case taken in at window B1 and pushed by its PC, as a station does. */
  async function windowCase(name: 'case.accept' | 'case.reject', n: number) {
    const now = hall.clock.now();
    // The food permit is promised in 3 working days.
    const promisedDate = addWorkingDays(await loadWorkCalendar(hall.ctx.db.drizzle), localDateInShanghai(now), 3);
    const c = {
      id: ulid(),
      caseNo: `TS-${compactLocalDate(localDateInShanghai(now))}-B1-${String(800 + n).padStart(4, '0')}`,
      stationId: 'pc-B1',
      windowCode: 'B1',
      clerkId,
      ticketId: null,
      ticketNumber: null,
      matterCodes: [FOOD],
      bundleCode: null,
      applicant: { name: '窗口申请人', idType: '111', idNumber: idNumber(), phone: '13905382222' },
      agent: null,
      source: 'window',
      materials: ['M032', 'M004', 'M001', 'M005', 'M007', 'M165', 'M033', 'M008'].map((materialCode) => ({ materialCode, receipt: 'original', receivedAt: now.toISOString(), dueDate: null })),
      acceptedAt: now.toISOString(),
      promisedDate,
      noticeNo: `SL-${n}-${ulid().slice(-6)}`,
    };
    const args = name === 'case.accept' ? { case: c } : { case: c, reason: '不属于本机关职权范围', competentBody: '' };
    const r = await pcB1.push(clerk, [{ id: ulid(), name, args, at: now.toISOString(), staffId: clerkId }]);
    expect(r.body.results[0].status, JSON.stringify(r.body.results[0])).toBe('applied');
  }

  it('shows a dash for every share before anything is taken in, and no overdue pre-review', async () => {
    const f = await figures(admin);
    expect(f.today).toBe(localDateInShanghai(hall.clock.now()));
    expect(f.day.from).toBe(f.today);
    expect(f.month.from).toBe(`${f.today.slice(0, 7)}-01`);
    expect([f.day.total, f.month.total, f.inboxOverdue]).toEqual([0, 0, 0]);
    expect(shares(f.day)).toEqual([
      ['window', 0, null],
      ['online', 0, null],
      ['town', 0, null],
    ]);
  });

  it('counts two cases taken in at the window and one accepted from the online inbox as exact shares, in the supervisor\'s zones only', async () => {
    await windowCase('case.accept', 1);
    await windowCase('case.reject', 2);
    const filed = await hall.api('POST', '/api/v1/online-applications', { token: portal, body: complete() });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const accepted = await hall.api('POST', `/api/v1/online-applications/${filed.body.id}/accept`, { token: clerk, body: { outcome: 'accept-deferred' } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.case.source).toBe('online');

    for (const token of [admin, supervisor]) {
      const f = await figures(token);
      for (const period of [f.day, f.month]) {
        expect(period.total).toBe(3);
        expect(shares(period)).toEqual([
          ['window', 2, 66.7],
          ['online', 1, 33.3],
          ['town', 0, 0],
        ]);
      }
    }
    // Zone C's supervisor: none of these cases is of its zones.
    const c = await figures(supervisorC);
    expect([c.day.total, c.month.total]).toEqual([0, 0]);
    expect(c.day.channels.every((x: any) => x.percent === null)).toBe(true);
  });

  it("counts the inbox's applications still waiting past their pre-review deadline, not the returned ones, in the caller's zones", async () => {
    const waiting = await hall.api('POST', '/api/v1/online-applications', { token: portal, body: complete() });
    const returned = await hall.api('POST', '/api/v1/online-applications', { token: portal, body: complete() });
    expect([waiting.status, returned.status]).toEqual([201, 201]);
    const r = await hall.api('POST', `/api/v1/online-applications/${returned.body.id}/return`, {
      token: clerk,
      body: { items: [{ materialCode: 'M004', problem: 'defective', reason: '照片不清晰' }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await figures(admin)).inboxOverdue).toBe(0);

    // Ten days on, the one still submitted is past its deadline (one working day after receipt).
    hall.clock.advance(10 * 86_400_000);
    const list = await hall.api('GET', '/api/v1/online-applications?state=submitted', { token: admin });
    expect(list.body.applications.filter((a: any) => a.overdue).map((a: any) => a.id)).toEqual([waiting.body.id]);
    expect((await figures(admin)).inboxOverdue).toBe(1);
    expect((await figures(supervisor)).inboxOverdue).toBe(1);
    expect((await figures(supervisorC)).inboxOverdue).toBe(0);
    // Clerks read the board's figures through their own reports, not this route.
    const denied = await hall.api('GET', '/api/v1/reports/channels', { token: clerk });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are plain JSON that the assertions check field by field */
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationTransition, type ApplicationAction, type ApplicationState } from '../../../src/domain/online-application';
import { addWorkingDays } from '../../../src/domain/calendar';
import { compactLocalDate, localDateInShanghai } from '../../../src/domain/local-date';
import { loadWorkCalendar } from '../../../src/central/calendar/repository';
import { backends, startTestHall, type TestHall, type TestStation } from './harness';
import { FOOD, idNumbers, jpeg, materialFile as file, pdf, png, portalAccount, sha256 as sha } from './online-fixtures';

/** Zone C, handled online. */
const ZONE_C = '11370902002932362Y0075';
/** Zone E, counter only (handling form 1). */
const COUNTER_ONLY = '11370902003328319R0001';

const PDF = pdf();
const PNG = png('test-image');
const JPEG = jpeg('test-photo');

const idNumber = idNumbers('198501', 100);

function filing(over: Record<string, unknown> = {}) {
  return {
    portalId: `WS${ulid()}`,
    submittedAt: new Date().toISOString(),
    applicant: { name: '张网申', idNumber: idNumber(), phone: '13905381234', address: '泰山区网申路1号' },
    matterCodes: [FOOD],
    form: { shopName: '泰山小吃', area: 60 },
    commitments: ['M005'],
    files: [file('M032', PDF, 'application/pdf', '申请书.pdf'), file('M004', PNG, 'image/png', '营业执照.png')],
    ...over,
  };
}

describe.each(backends)('the online inbox on %s', (backend) => {
  let hall: TestHall;
  let admin: string;
  let portal: string;
  let pcB1: TestStation;
  let clerk: string;
  let clerkC: string;
  let reception: string;

  beforeAll(async () => {
    // Sessions outlast the art. 32 test's ten days (the clock moves; nobody signs in again).
    hall = await startTestHall(backend, { config: { sessionHours: 24 * 30, idleMinutes: 24 * 60 * 30 } });
    admin = await hall.login('admin');
    portal = await portalAccount(hall, admin, 'portal-sd');
    pcB1 = await hall.station('pc-B1');
    clerk = await pcB1.login('clerk-B1', 'B1');
    clerkC = await hall.login('clerk-C1', 'C1');
    reception = await hall.login('clerk-R1');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const file1 = (body: unknown, token = portal) => hall.api('POST', '/api/v1/online-applications', { token, body });
  const act = (id: string, action: string, body: unknown, token = clerk) => hall.api('POST', `/api/v1/online-applications/${id}/${action}`, { token, body });
  const code = (r: { status: number; body: any }) => `${r.status} ${r.body?.error?.code ?? ''}`.trim();

  it('files, returns with one notice naming every missing material, takes the correction and accepts it as an online case at the clerk\'s window', async () => {
    const today = localDateInShanghai(hall.clock.now());
    const cal = await loadWorkCalendar(hall.ctx.db.drizzle);
    const body = filing();
    const filed = await file1(body);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const app = filed.body;
    expect(app).toMatchObject({ state: 'submitted', zoneCode: 'B', channel: 'online', reviewDueDate: addWorkingDays(cal, today, 1), overdue: false, caseNo: null });
    expect(app.files.map((f: any) => [f.n, f.materialCode, f.size, f.sha256])).toEqual([
      [1, 'M032', PDF.length, sha(PDF)],
      [2, 'M004', PNG.length, sha(PNG)],
    ]);
    expect(Object.fromEntries(app.checklist.map((c: any) => [c.materialCode, c.received]))).toMatchObject({ M032: 'electronic', M004: 'electronic', M005: 'commitment', M001: 'missing' });

    // The portal sends it again (a lost answer): the same application; other content under the same id: refused.
    const again = await file1(body);
    expect([again.status, again.body.id]).toEqual([200, app.id]);
    expect(code(await file1({ ...body, form: { shopName: '别的店' } }))).toBe('409 APPLICATION_ID_REUSED');

    // The inbox of zone B lists it, masked; zone C's clerk and a reception desk do not reach it.
    const inbox = await hall.api('GET', '/api/v1/online-applications?state=submitted', { token: clerk });
    expect(inbox.status).toBe(200);
    const item = inbox.body.applications.find((a: any) => a.id === app.id);
    expect(item).toMatchObject({ applicantName: '张*申', fileCount: 2, reviewDueDate: app.reviewDueDate, overdue: false });
    expect(item.idNumberMasked).toMatch(/^370902\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(inbox.body)).not.toContain(body.applicant.idNumber);
    expect((await hall.api('GET', '/api/v1/online-applications', { token: clerkC })).body.applications.some((a: any) => a.id === app.id)).toBe(false);
    expect(code(await hall.api('GET', `/api/v1/online-applications/${app.id}`, { token: clerkC }))).toBe('404 APPLICATION_NOT_FOUND');
    expect(code(await hall.api('GET', '/api/v1/online-applications', { token: reception }))).toBe('403 ZONE_FORBIDDEN');

    // The clerk opens the PDF in place: the bytes as filed, their type, no sniffing; the read is audited.
    const pdf = await fetch(`${hall.url}/api/v1/online-applications/${app.id}/materials/1`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    expect(code(await hall.api('GET', `/api/v1/online-applications/${app.id}/materials/9`, { token: clerk }))).toBe('404 MATERIAL_FILE_NOT_FOUND');
    expect(code(await hall.api('GET', `/api/v1/online-applications/${app.id}/materials/1`, { token: clerkC }))).toBe('404 APPLICATION_NOT_FOUND');
    const audited = await hall.ctx.db.drizzle.execute(sql`select count(*)::int as n from audit_log where action = 'application.material-read' and entity_id = ${app.id}`);
    expect((audited as any).rows[0].n).toBe(1);

    // Outright acceptance is refused while materials are short (the counter's rule).
    const short = await act(app.id, 'accept', { outcome: 'accept' });
    expect(code(short)).toBe('422 CASE_MATERIALS_INCOMPLETE');
    expect(short.body.error.details.shortfalls.map((s: any) => s.materialCode)).toContain('M001');

    // 一次性告知: the clerk names the unreadable licence; the hall adds the missing ID card.
    const returned = await act(app.id, 'return', { items: [{ materialCode: 'M004', problem: 'defective', reason: '营业执照照片模糊' }], note: '请一次补齐' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.state).toBe('returned');
    expect(returned.body.notice.items.map((i: any) => [i.materialCode, i.problem])).toEqual([
      ['M004', 'defective'],
      ['M001', 'missing'],
    ]);
    expect(returned.body.notice.noticeNo).toMatch(new RegExp(`^WS-${compactLocalDate(today)}-`));

    // Who may do what: the portal does not accept, a clerk does not correct; no acceptance while it is out for correction.
    expect(code(await act(app.id, 'accept', {}, portal))).toBe('403 ROLE_FORBIDDEN');
    expect(code(await act(app.id, 'correction', { correctionId: 'c1', files: [] }, clerk))).toBe('403 ROLE_FORBIDDEN');
    const early = await act(app.id, 'accept', {});
    expect(code(early)).toBe('409 APPLICATION_ILLEGAL_TRANSITION');
    expect(early.body.error.details.state).toBe('returned');

    // The correction: a sharper licence and the ID card; the old licence file is superseded.
    const correction = { correctionId: 'BZ-1', files: [file('M004', Buffer.concat([PNG, Buffer.from('sharper')]), 'image/png'), file('M001', JPEG, 'image/jpeg', '身份证.jpg')] };
    const corrected = await act(app.id, 'correction', correction, portal);
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.state).toBe('submitted');
    expect(corrected.body.files.map((f: any) => [f.n, f.materialCode, f.superseded])).toEqual([
      [1, 'M032', false],
      [2, 'M004', true],
      [3, 'M004', false],
      [4, 'M001', false],
    ]);
    expect([(await act(app.id, 'correction', correction, portal)).status]).toEqual([200]);
    expect(code(await act(app.id, 'correction', { ...correction, files: [] }, portal))).toBe('409 CORRECTION_ID_REUSED');

    // 容缺受理: the four deferrable materials come later, each by its own date; the case is the hall's, numbered <zone>00.
    const accepted = await act(app.id, 'accept', { outcome: 'accept-deferred' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const c = accepted.body.case;
    expect(c).toMatchObject({ caseNo: `TS-${compactLocalDate(today)}-B00-0001`, source: 'online', status: 'accepted-deferred', windowCode: 'B1', stationId: 'pc-B1' });
    expect(c.promisedDate).toBe(addWorkingDays(cal, today, 3));
    expect(c.materials.filter((m: any) => m.receipt === 'missing').map((m: any) => [m.materialCode, m.dueDate])).toEqual([
      ['M007', addWorkingDays(cal, today, 2)],
      ['M165', addWorkingDays(cal, today, 3)],
      ['M033', addWorkingDays(cal, today, 2)],
      ['M008', addWorkingDays(cal, today, 3)],
    ]);
    expect(c.materials.find((m: any) => m.materialCode === 'M005').receipt).toBe('commitment');
    expect(accepted.body.application).toMatchObject({ state: 'accepted', caseNo: c.caseNo, promisedDate: c.promisedDate });
    expect(code(await act(app.id, 'accept', {}))).toBe('409 APPLICATION_ILLEGAL_TRANSITION');
    expect(code(await act(app.id, 'withdraw', {}, portal))).toBe('409 APPLICATION_ILLEGAL_TRANSITION');

    // The clerk's station pulls it like a case taken in at its window, and the hall shows it in full.
    const pulled = await pcB1.pull(clerk);
    expect(pulled.body.changes.find((ch: any) => ch.entity === 'case' && ch.id === c.id)?.data).toMatchObject({ caseNo: c.caseNo, source: 'online' });
    expect(pulled.body.changes.some((ch: any) => ch.entity === 'application')).toBe(false);
    const full = await hall.api('GET', `/api/v1/cases/${c.caseNo}`, { token: clerk });
    expect([full.status, full.body.source, full.body.applicant.idNumber]).toEqual([200, 'online', body.applicant.idNumber]);
  });

  it('refuses files that are not what they say, too large, or not asked for, and stores nothing', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a web page named a PDF', { files: [file('M032', html, 'application/pdf')] }, '422 MATERIAL_FILE_TYPE_MISMATCH'],
      ['a Word file', { files: [file('M032', PDF, 'application/msword')] }, '422 MATERIAL_FILE_TYPE_UNSUPPORTED'],
      ['bytes changed in transit', { files: [{ ...file('M032', PDF, 'application/pdf'), sha256: sha(PNG) }] }, '422 MATERIAL_FILE_HASH_MISMATCH'],
      ['an empty file', { files: [{ ...file('M032', PDF, 'application/pdf'), contentBase64: '', sha256: undefined }] }, '422 MATERIAL_FILE_EMPTY'],
      ['a material the matter does not ask for', { files: [file('M999', PDF, 'application/pdf')] }, '422 CASE_MATERIAL_UNKNOWN'],
      ['matters of two zones', { matterCodes: [FOOD, ZONE_C], commitments: [], files: [] }, '422 APPLICATION_ZONES_MIXED'],
      ['a counter-only matter', { matterCodes: [COUNTER_ONLY], commitments: [], files: [] }, '422 MATTER_NOT_ONLINE'],
      ['an unknown matter', { matterCodes: ['NOPE'], commitments: [], files: [] }, '422 MATTER_UNKNOWN'],
      ['a bad ID number', { applicant: { name: '李某', idNumber: '370902198501011230', phone: '13900000000' } }, '422 ID_NUMBER_CHECK_DIGIT'],
      ['the portal claiming a town centre took it in', { channel: 'town', siteName: '某镇便民服务中心' }, '403 APPLICATION_CHANNEL_FORBIDDEN'],
      ['no phone', { applicant: { name: '李某', idNumber: idNumber() } }, '400 VALIDATION_FAILED'],
    ];
    const before = (await hall.api('GET', '/api/v1/online-applications', { token: portal })).body.applications.length;
    const wrong: string[] = [];
    for (const [what, over, want] of cases) {
      const got = code(await file1(filing(over)));
      if (got !== want) wrong.push(`${what}: ${got}, want ${want}`);
    }
    expect(wrong).toEqual([]);
    // Over 10 MiB decoded: refused from the base64's length, before decoding.
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PDF.copy(big);
    expect(code(await file1(filing({ files: [{ ...file('M032', big, 'application/pdf'), sha256: undefined }] })))).toBe('413 MATERIAL_FILE_TOO_LARGE');
    // The route's own limit: room for 30 MiB of files in base64, and no more.
    const huge = await hall.api('POST', '/api/v1/online-applications', { token: portal, rawBody: `{"pad":"${'x'.repeat(43 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } });
    expect(code(huge)).toBe('413 BODY_TOO_LARGE');
    // The big limit is this route's only: a ticket body of 6 MiB is still too large.
    expect(code(await hall.api('POST', '/api/v1/tickets', { token: clerk, body: { zoneCode: 'B', requestId: ulid(), pad: 'x'.repeat(6 * 1024 * 1024) } }))).toBe('413 BODY_TOO_LARGE');
    expect((await hall.api('GET', '/api/v1/online-applications', { token: portal })).body.applications.length).toBe(before);
  }, 60_000);

  it('refuses with a reason, lets the portal withdraw, and keeps the portal to its own applications', async () => {
    const a = (await file1(filing())).body;
    const refused = await act(a.id, 'refuse', { reason: '不属于本部门职权范围', competentBody: '市场监管局' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ state: 'refused', refusal: { reason: '不属于本部门职权范围', competentBody: '市场监管局' } });
    expect(code(await act(a.id, 'withdraw', {}, portal))).toBe('409 APPLICATION_ILLEGAL_TRANSITION');

    const b = (await file1(filing())).body;
    expect(code(await act(b.id, 'withdraw', {}, clerk))).toBe('403 ROLE_FORBIDDEN');
    const withdrawn = await act(b.id, 'withdraw', {}, portal);
    expect([withdrawn.status, withdrawn.body.state]).toEqual([200, 'withdrawn']);
    expect(code(await act(b.id, 'refuse', { reason: 'x' }))).toBe('409 APPLICATION_ILLEGAL_TRANSITION');

    // Another portal account sees nothing of this one's.
    await hall.api('POST', '/api/v1/staff', { token: admin, body: { username: 'portal-other', name: '另一平台', role: 'portal', password: 'Portal-pass-2026' } });
    const other = await hall.login('portal-other', undefined, 'Portal-pass-2026');
    expect(code(await hall.api('GET', `/api/v1/online-applications/${b.id}`, { token: other }))).toBe('404 APPLICATION_NOT_FOUND');
    expect((await hall.api('GET', '/api/v1/online-applications', { token: other })).body.applications).toEqual([]);
    const mine = await hall.api('GET', `/api/v1/online-applications?updatedAfter=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, { token: portal });
    expect(mine.body.applications.map((x: any) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('keeps the applicant and the files sealed at rest', async () => {
    const body = filing({ files: [file('M032', Buffer.from('%PDF-1.4 SECRET-PLAN-OF-THE-SHOP'), 'application/pdf')] });
    expect((await file1(body)).status).toBe(201);
    const db = hall.ctx.db.drizzle;
    const rows = JSON.stringify(((await db.execute(sql`select * from online_applications`)) as any).rows);
    expect(rows).not.toContain(body.applicant.idNumber);
    expect(rows).not.toContain('13905381234');
    expect(rows).not.toContain('泰山小吃');
    const chunks = ((await db.execute(sql`select sealed from material_chunks`)) as any).rows.map((r: any) => Buffer.from(r.sealed).toString('latin1')).join('');
    expect(chunks).not.toContain('SECRET-PLAN');
    expect(chunks).not.toContain('%PDF');
  });

  it('makes one application of twenty filings of the same portalId at once', async () => {
    const body = filing();
    const answers = await Promise.all(Array.from({ length: 20 }, () => file1(body)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
  }, 60_000);

  it('counts the promise from receipt when the application waited more than five working days without a notice (art. 32)', async () => {
    const received = localDateInShanghai(hall.clock.now());
    const complete = filing({ files: [file('M032', PDF, 'application/pdf'), file('M004', PNG, 'image/png'), file('M001', JPEG, 'image/jpeg')] });
    const a = (await file1(complete)).body;
    hall.clock.advance(10 * 86_400_000);
    try {
      const clerkLater = clerk;
      const listed = (await hall.api('GET', '/api/v1/online-applications?state=submitted', { token: clerkLater })).body.applications.find((x: any) => x.id === a.id);
      expect(listed).toMatchObject({ overdue: true, deemedAccepted: true });
      const accepted = await act(a.id, 'accept', { outcome: 'accept-deferred' }, clerkLater);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const cal = await loadWorkCalendar(hall.ctx.db.drizzle);
      expect(accepted.body.case.promisedDate).toBe(addWorkingDays(cal, received, 3));
      expect(accepted.body.application.history.at(-1).note).toContain('逾期');
    } finally {
      hall.clock.advance(-10 * 86_400_000);
    }
  });

  it('counts a case accepted from the inbox under channel online in the cases report, at the window that took it in', async () => {
    const today = localDateInShanghai(hall.clock.now());
    const read = async (groupBy: string) => {
      const r = await hall.api('GET', `/api/v1/reports/cases?from=${today}&to=${today}&groupBy=${groupBy}`, { token: admin });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const row = (rep: any, key: string) => rep.rows.find((x: any) => x.key === key) ?? { received: 0, accepted: 0, acceptedDeferred: 0 };
    const before = await read('channel');
    const beforeWindow = await read('window');
    const a = (await file1(filing({ files: [file('M032', PDF, 'application/pdf'), file('M004', PNG, 'image/png'), file('M001', JPEG, 'image/jpeg')] }))).body;
    const accepted = await act(a.id, 'accept', { outcome: 'accept-deferred' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const after = await read('channel');
    expect(row(after, 'online')).toMatchObject({ label: '网上', received: row(before, 'online').received + 1, accepted: row(before, 'online').accepted + 1, acceptedDeferred: row(before, 'online').acceptedDeferred + 1 });
    expect(row(after, 'window').received).toBe(row(before, 'window').received);
    expect(after.totals.online).toBe(before.totals.online + 1);
    expect(after.totals.onlineShare).toBe(Math.round((after.totals.online / after.totals.received) * 10_000) / 10_000);
    // Counted at the window and clerk that pressed 受理.
    expect(row(await read('window'), 'B1').received).toBe(row(beforeWindow, 'B1').received + 1);
  });

  it('keeps to the state machine whatever the sequence of actions, and never makes two cases of one application', async () => {
    const complete = () => filing({ files: [file('M032', PDF, 'application/pdf'), file('M004', PNG, 'image/png'), file('M001', JPEG, 'image/jpeg')] });
    let corrections = 0;
    const send: Record<ApplicationAction, (id: string) => Promise<{ status: number; body: any }>> = {
      return: (id) => act(id, 'return', { items: [{ materialCode: 'M004', problem: 'defective', reason: '模糊' }] }),
      correct: (id) => act(id, 'correction', { correctionId: `c${++corrections}`, files: [file('M004', Buffer.concat([PNG, Buffer.from(String(corrections))]), 'image/png')] }, portal),
      accept: (id) => act(id, 'accept', { outcome: 'accept-deferred' }),
      refuse: (id) => act(id, 'refuse', { reason: '不符合条件' }),
      withdraw: (id) => act(id, 'withdraw', {}, portal),
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<ApplicationAction>('return', 'correct', 'accept', 'refuse', 'withdraw'), { minLength: 1, maxLength: 7 }), async (actions) => {
        const id = (await file1(complete())).body.id as string;
        let state: ApplicationState = 'submitted';
        for (const a of actions) {
          const want = applicationTransition(state, a);
          const got = await send[a](id);
          if (want.ok) {
            expect(got.status, `${state} ${a}: ${JSON.stringify(got.body)}`).toBe(200);
            state = want.value;
          } else {
            expect(code(got), `${state} ${a}`).toBe('409 APPLICATION_ILLEGAL_TRANSITION');
          }
        }
        const held = (await hall.api('GET', `/api/v1/online-applications/${id}`, { token: portal })).body;
        expect(held.state).toBe(state);
        const made = ((await hall.ctx.db.drizzle.execute(sql`select count(*)::int as n from audit_log where action = 'application.accepted' and entity_id = ${id}`)) as any).rows[0].n;
        expect(made).toBe(state === 'accepted' ? 1 : 0);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('accepts an application once when two windows press 受理 at the same moment', async () => {
    const b2 = await hall.login('clerk-B2', 'B2');
    const a = (await file1(filing({ files: [file('M032', PDF, 'application/pdf'), file('M004', PNG, 'image/png'), file('M001', JPEG, 'image/jpeg')] }))).body;
    const answers = await Promise.all([act(a.id, 'accept', { outcome: 'accept-deferred' }), act(a.id, 'accept', { outcome: 'accept-deferred' }, b2), act(a.id, 'accept', { outcome: 'accept-deferred' })]);
    expect(answers.map(code).sort()).toEqual(['200', '409 APPLICATION_ILLEGAL_TRANSITION', '409 APPLICATION_ILLEGAL_TRANSITION']);
    const caseNo = answers.find((r) => r.status === 200)!.body.case.caseNo;
    const cases = ((await hall.ctx.db.drizzle.execute(sql`select count(*)::int as n from cases where case_no = ${caseNo}`)) as any).rows[0].n;
    expect(cases).toBe(1);
  });

  it('refuses a window\'s push that claims a case came in online', async () => {
    const me = (await hall.api('GET', '/api/v1/auth/me', { token: clerk })).body.staff.id;
    const c = {
      id: ulid(),
      caseNo: `TS-${compactLocalDate(localDateInShanghai(hall.clock.now()))}-B1-0901`,
      stationId: 'pc-B1',
      windowCode: 'B1',
      clerkId: me,
      ticketId: null,
      ticketNumber: null,
      matterCodes: [FOOD],
      bundleCode: null,
      applicant: { name: '冒充网申', idType: '111', idNumber: idNumber(), phone: '13905380000' },
      agent: null,
      source: 'online',
      materials: [],
      acceptedAt: hall.clock.now().toISOString(),
      promisedDate: '2026-12-31',
      noticeNo: 'X-1',
    };
    const r = await pcB1.push(clerk, [{ id: ulid(), name: 'case.reject', args: { case: c, reason: '测试', competentBody: '' }, at: hall.clock.now().toISOString(), staffId: me }]);
    expect([r.body.results[0].status, r.body.results[0].code]).toEqual(['rejected', 'CASE_SOURCE_FORBIDDEN']);
  });
});

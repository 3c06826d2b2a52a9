/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are plain JSON that the assertions check field by field */
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactLocalDate, localDateInShanghai } from '../../../src/domain/local-date';
import { backends, startTestHall, type TestHall, type TestStation } from './harness';
import { FOOD, idNumbers, jpeg, materialFile, pdf, png, portalAccount } from './online-fixtures';

// FOOD (食品经营许可（新办), zone B) is not delegated to the demo centre: the centre files it to the district.

const PDF = pdf();
const PNG = png('scan');
const JPEG = jpeg('photo');
const file = (materialCode: string, bytes: Buffer, contentType: string) => materialFile(materialCode, bytes, contentType);

const idNumber = idNumbers('199003', 200);

/** What a centre's clerk sends after reading the card and scanning the papers. */
function filing(over: Record<string, unknown> = {}) {
  return {
    portalId: `TC${ulid()}`,
    submittedAt: new Date().toISOString(),
    channel: 'town',
    applicant: { name: '王镇办', idNumber: idNumber(), phone: '13905385678', address: '泰山区省庄镇1号' },
    matterCodes: [FOOD],
    form: {},
    commitments: ['M005'],
    files: [file('M032', PDF, 'application/pdf'), file('M004', PNG, 'image/png'), file('M001', JPEG, 'image/jpeg')],
    ...over,
  };
}

describe.each(backends)('town and community centres (就近受理、远程审批) on %s', (backend) => {
  let hall: TestHall;
  let portal: string;
  let centre: string;
  let clerkB1: string;
  let pcTC01: TestStation;

  beforeAll(async () => {
    hall = await startTestHall(backend);
    const admin = await hall.login('admin');
    portal = await portalAccount(hall, admin, 'portal-town');
    pcTC01 = await hall.station('pc-TC01');
    centre = await pcTC01.login('clerk-TC01', 'TC01');
    clerkB1 = await (await hall.station('pc-B1')).login('clerk-B1', 'B1');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const file1 = (body: unknown, token: string) => hall.api('POST', '/api/v1/online-applications', { token, body });
  const act = (id: string, action: string, body: unknown, token: string) => hall.api('POST', `/api/v1/online-applications/${id}/${action}`, { token, body });
  const code = (r: { status: number; body: any }) => `${r.status} ${r.body?.error?.code ?? ''}`.trim();

  it('lists the centre in the catalogue with its own site code and window', async () => {
    const catalog = await hall.api('GET', '/api/v1/catalog', { token: centre });
    expect(catalog.status).toBe(200);
    expect(catalog.body.sites).toEqual([{ code: 'SZ', name: '省庄镇便民服务中心', windowCodes: ['TC01'] }]);
    expect(catalog.body.windows.some((w: any) => w.code === 'TC01')).toBe(true);
    expect(catalog.body.matters.filter((m: any) => m.takeInSites?.includes('SZ')).map((m: any) => m.name)).toEqual(['个体工商户设立登记']);
  });

  it('files a centre clerk\'s application as channel town, the centre taken from the session, and the district accepts it as a town case', async () => {
    // The body's siteName is not believed: the centre is the one the clerk signed in at.
    const filed = await file1(filing({ siteName: '别的便民服务中心' }), centre);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const app = filed.body;
    expect(app).toMatchObject({ channel: 'town', siteName: '省庄镇便民服务中心', siteCode: 'SZ', zoneCode: 'B', state: 'submitted' });

    // The owning zone's counter sees it in its inbox, with the centre that took it in.
    const inbox = await hall.api('GET', '/api/v1/online-applications?state=submitted', { token: clerkB1 });
    expect(inbox.body.applications.find((a: any) => a.id === app.id)).toMatchObject({ channel: 'town', siteName: '省庄镇便民服务中心', caseNo: null });

    // The centre follows what it filed, and reviews nothing: its counter is no window of zone B.
    const mine = await hall.api('GET', '/api/v1/online-applications', { token: centre });
    expect(mine.status).toBe(200);
    expect(mine.body.applications.map((a: any) => a.id)).toEqual([app.id]);
    expect((await hall.api('GET', `/api/v1/online-applications/${app.id}`, { token: centre })).status).toBe(200);
    expect(code(await act(app.id, 'accept', { outcome: 'accept-deferred' }, centre))).toBe('404 APPLICATION_NOT_FOUND');
    expect(code(await act(app.id, 'return', { items: [{ materialCode: 'M004', problem: 'defective', reason: '模糊' }] }, centre))).toBe('404 APPLICATION_NOT_FOUND');
    expect(code(await hall.api('GET', `/api/v1/online-applications/${app.id}/materials/1`, { token: centre }))).toBe('404 APPLICATION_NOT_FOUND');

    // 远程审批: zone B's counter accepts; the case is a town case in the hall's own series.
    const accepted = await act(app.id, 'accept', { outcome: 'accept-deferred' }, clerkB1);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const today = compactLocalDate(localDateInShanghai(hall.clock.now()));
    expect(accepted.body.case).toMatchObject({ source: 'town', caseNo: `TS-${today}-B00-0001`, windowCode: 'B1' });

    // The centre sees the case number and opens the case to print its receipt; another centre's
    // or the hall's other windows do not reach it without the receipt's code.
    const followed = await hall.api('GET', '/api/v1/online-applications', { token: centre });
    expect(followed.body.applications[0]).toMatchObject({ state: 'accepted', caseNo: accepted.body.case.caseNo });
    const opened = await hall.api('GET', `/api/v1/cases/${accepted.body.case.caseNo}`, { token: centre });
    expect([opened.status, opened.body.source, opened.body.caseNo]).toEqual([200, 'town', accepted.body.case.caseNo]);
    const clerkA1 = await hall.login('clerk-A1', 'A1');
    expect(code(await hall.api('GET', `/api/v1/cases/${accepted.body.case.caseNo}`, { token: clerkA1 }))).toBe('404 CASE_NOT_FOUND');
  });

  it('refuses the portal claiming town, a centre claiming online, and a hall window filing into the inbox', async () => {
    expect(code(await file1(filing({ siteName: '某镇便民服务中心' }), portal))).toBe('403 APPLICATION_CHANNEL_FORBIDDEN');
    expect(code(await file1(filing({ channel: 'online' }), centre))).toBe('403 APPLICATION_CHANNEL_FORBIDDEN');
    // Leaving the channel out is claiming the default, online.
    const { channel: _c, ...noChannel } = filing();
    expect(code(await file1(noChannel, centre))).toBe('403 APPLICATION_CHANNEL_FORBIDDEN');
    expect(code(await file1(filing(), clerkB1))).toBe('403 APPLICATION_CHANNEL_FORBIDDEN');
    // The portal's own filings are untouched by the centre's rules.
    expect((await file1(filing({ channel: 'online' }), portal)).status).toBe(201);
    // A supervisor or approver files nothing.
    const supervisor = await hall.login('supervisor');
    expect(code(await file1(filing(), supervisor))).toBe('403 ROLE_FORBIDDEN');
  });

  it('records a centre\'s own case only for a delegated matter, and only under the centre\'s site code', async () => {
    const me = (await hall.api('GET', '/api/v1/auth/me', { token: centre })).body.staff.id as string;
    const catalog = (await hall.api('GET', '/api/v1/catalog')).body;
    const licence = catalog.matters.find((m: any) => m.name === '个体工商户设立登记').code as string;
    const day = compactLocalDate(localDateInShanghai(hall.clock.now()));
    let n = 0;
    // 不予受理 needs no checklist or calendar: the site's rules are what is tested.
    const rejection = (matterCode: string, site: string) => {
      n += 1;
      const c = {
        id: ulid(), caseNo: `${site}-${day}-TC01-${String(n).padStart(4, '0')}`, stationId: 'pc-TC01', windowCode: 'TC01', clerkId: me, ticketId: null, ticketNumber: null,
        matterCodes: [matterCode], bundleCode: null, applicant: { name: '镇民', idType: '111', idNumber: idNumber(), phone: '13905380000' }, agent: null, source: 'window',
        materials: [], acceptedAt: hall.clock.now().toISOString(), promisedDate: '2026-12-31', noticeNo: `BY-${n}`,
      };
      return { id: ulid(), name: 'case.reject', args: { case: c, reason: '测试', competentBody: '' }, at: hall.clock.now().toISOString(), staffId: me };
    };
    const results = (await pcTC01.push(centre, [rejection(FOOD, 'SZ'), rejection(licence, 'TS'), rejection(licence, 'SZ')])).body.results.map((r: any) => `${r.status} ${r.code ?? ''}`.trim());
    expect(results).toEqual(['rejected MATTER_NOT_DELEGATED', 'rejected CASE_NUMBER_SITE_MISMATCH', 'applied']);
  });

  it('does not let a centre\'s counter call the hall\'s tickets', async () => {
    await hall.issue(clerkB1, 'B');
    expect(code(await hall.api('POST', '/api/v1/windows/TC01/call-next', { token: centre, body: {} }))).toBe('409 WINDOW_AT_CENTRE');
  });
});

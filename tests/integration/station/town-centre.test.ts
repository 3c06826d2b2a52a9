import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { allReceived, backends, DEMO_PASSWORD, hallBehindProxy, ok, startStation, stationConfig, syntheticIdNumber, tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;

/** Delegated to the demo centre 省庄镇便民服务中心 (SZ): taken in at its counter as a full case. */
const LICENCE = '个体工商户设立登记';
/** 食品经营许可（新办): not delegated, so the centre files it to zone B's inbox. */
const FOOD = '11370902002932362Y0045';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-card-photo')]);
const scanned = (materialCode: string, bytes: Buffer, contentType: string, fileName: string) => ({
  materialCode,
  fileName,
  contentType,
  contentBase64: bytes.toString('base64'),
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

/** The PC of window `windowCode`, its clerk signed in and the catalogue pulled. */
async function signedIn(hallUrl: string, windowCode: string) {
  const dir = tempDir(`station-${windowCode}-`);
  cleanups.push(() => dir.remove());
  const station = await startStation(stationConfig({ HALL_URL: hallUrl, STATION_ID: `${windowCode}-pc`, WINDOW_CODE: windowCode, STATION_DATA_DIR: dir.path }));
  cleanups.push(() => station.stop());
  await ok(station.dispatch('session.login', { username: `clerk-${windowCode}`, password: DEMO_PASSWORD, windowCode }));
  await ok(station.dispatch('sync.now', {}));
  return station;
}

/**
 * 就近受理、远程审批 end to end: the town centre's station (window TC01) takes a delegated licence in
 * as its own case (numbered with the centre's site code), files a food permit into the district's
 * inbox, the district's window accepts it, and the centre prints the result's receipt.
 */
describe.each(backends)('a town centre\'s station and the district hall (%s)', (backend) => {
  it('takes in what is delegated, files the rest to the district, and prints the district\'s receipt', async () => {
    const { hall, proxy } = await hallBehindProxy(backend, cleanups);
    const station = await signedIn(proxy.url, 'TC01');

    const catalog = station.context.catalog.catalog();
    expect(catalog.sites).toEqual([{ code: 'SZ', name: '省庄镇便民服务中心', windowCodes: ['TC01'] }]);
    const licence = catalog.matters.find((m) => m.name === LICENCE)!;

    // A delegated matter: a full case at the centre's counter, in the centre's own number series.
    const checklist = await ok<Any[]>(station.dispatch('intake.checklist', { matterCodes: [licence.code] }));
    const applicant = { name: '张镇民', idNumber: syntheticIdNumber(31), phone: '13800000031' };
    const taken = await ok<Any>(
      station.dispatch('intake.submit', { matterCodes: [licence.code], received: allReceived(checklist), outcome: 'accept', applicant }),
    );
    expect(taken.case.caseNo).toMatch(/^SZ-\d{8}-TC01-0001$/);
    expect(taken.printJob.status).toBe('printed');
    await ok(station.dispatch('sync.now', {}));
    expect(station.context.store.outbox.counts().pending).toBe(0);
    const supervisor = await hall.login('supervisor');
    const onHall = await hall.api('GET', `/api/v1/cases/${taken.case.caseNo}`, { token: supervisor });
    expect([onHall.status, onHall.body.windowCode, onHall.body.source]).toEqual([200, 'TC01', 'window']);

    // Not delegated: the counter refuses a case and points to 转报区级审批.
    const foodChecklist = await ok<Any[]>(station.dispatch('intake.checklist', { matterCodes: [FOOD] }));
    const refused = await station.dispatch('intake.submit', { matterCodes: [FOOD], received: allReceived(foodChecklist), outcome: 'accept', applicant });
    expect(refused.ok ? 'taken in' : refused.error.code).toBe('MATTER_NOT_DELEGATED');

    // ... so the clerk files it: card read, papers scanned, sent to zone B's inbox as channel town.
    const requestId = ulid();
    const filing = {
      requestId,
      applicant: { ...applicant, address: '泰山区省庄镇2号' },
      matterCodes: [FOOD],
      commitments: ['M005'],
      files: [scanned('M032', PDF, 'application/pdf', '申请书.pdf'), scanned('M004', PDF, 'application/pdf', '营业执照.pdf'), scanned('M001', JPEG, 'image/jpeg', '身份证.jpg')],
    };
    const filed = await ok<Any>(station.dispatch('town.file', filing));
    expect(filed).toMatchObject({ channel: 'town', siteName: '省庄镇便民服务中心', siteCode: 'SZ', zoneCode: 'B', state: 'submitted' });
    // A resend after a lost answer is the same application.
    expect((await ok<Any>(station.dispatch('town.file', filing))).id).toBe(filed.id);
    const followed = await ok<Any>(station.dispatch('inbox.list', {}));
    expect(followed.applications.map((a: Any) => a.id)).toEqual([filed.id]);

    // 远程审批: a window of zone B accepts it.
    const pcB1 = await hall.registerPc('pc-B1', 'B1');
    const clerkB1 = await hall.login('clerk-B1', 'B1', pcB1);
    const accepted = await hall.api('POST', `/api/v1/online-applications/${filed.id}/accept`, { token: clerkB1, body: { outcome: 'accept-deferred' } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const caseNo = accepted.body.case.caseNo as string;
    expect(accepted.body.case.source).toBe('town');

    // The centre sees the case number and prints the district's receipt of it.
    const now = await ok<Any>(station.dispatch('inbox.list', {}));
    expect(now.applications[0]).toMatchObject({ state: 'accepted', caseNo });
    const receipt = await ok<Any>(station.dispatch('cases.printReceipt', { caseNo }));
    expect(receipt).toMatchObject({ kind: 'deferral', status: 'printed', caseId: null });
    expect(receipt.reference).toContain(caseNo);
    // The centre's own case reprints the notice it printed at intake.
    const again = await ok<Any>(station.dispatch('cases.printReceipt', { caseNo: taken.case.caseNo }));
    expect(again).toMatchObject({ kind: 'acceptance', caseId: taken.case.id, status: 'printed' });

    // A hall window files nothing into the inbox: it takes cases in itself.
    const b2 = await signedIn(proxy.url, 'B2');
    const fromHall = await b2.dispatch('town.file', { ...filing, requestId: ulid() });
    expect(fromHall.ok ? 'filed' : fromHall.error.code).toBe('APPLICATION_CHANNEL_FORBIDDEN');
  }, 90_000);
});

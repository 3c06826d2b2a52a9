import { afterEach, describe, expect, it } from 'vitest';
import { caseIntakeSchema } from '../../../src/contract/case';
import { parseMutationArgs } from '../../../src/contract/sync';
import { addWorkingDays } from '../../../src/domain/calendar';
import type { Station } from '../../../src/station/api';
import { FOOD_ALL, FOOD_PERMIT, offlineStation } from './offline-station';

const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.stop();
});

async function signedIn(now?: () => Date) {
  const s = await offlineStation({}, now ? { now } : {});
  stations.push(s.station);
  const login = await s.station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' });
  expect(login).toMatchObject({ ok: true, value: { offline: true, window: { code: 'A3' } } });
  return s;
}

const applicant = { name: '韩梅梅', idNumber: '11010519491231002X', phone: '13800000000' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = any;
const value = async (p: Promise<{ ok: boolean }>): Promise<Any> => {
  const a = (await p) as Any;
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.value;
};

describe('intake at an offline window', () => {
  it('accepts a case, prints its receipt and queues one case.accept the hall server will parse', async () => {
    const { station, printer } = await signedIn();
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant }));
    expect(r.case).toMatchObject({ caseNo: `TS-${station.context.today().replaceAll('-', '')}-A3-0001`, status: 'accepted', pendingSync: true });
    expect(r.printJob).toMatchObject({ status: 'printed', kind: 'acceptance', attempts: 1 });
    expect(printer.jobs.map((j) => j.doc.reference)).toEqual([r.case.noticeNo]);
    const [entry] = station.context.store.outbox.nextBatch(10);
    expect(entry?.name).toBe('case.accept');
    const parsed = parseMutationArgs({ name: 'case.accept', args: entry!.args });
    expect(parsed.success).toBe(true);
    expect(caseIntakeSchema.parse((entry!.args as Any).case).promisedDate).toBe(r.case.promisedDate);
    // The hall learns the receipt's code with the intake (it keeps the hash): the QR opens the page.
    const code = caseIntakeSchema.parse((entry!.args as Any).case).accessCode;
    expect(code).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(printer.jobs[0]!.doc.qr!.endsWith(`/c/${r.case.caseNo}/${code}`)).toBe(true);
    // The receipt never carries the full ID number.
    expect(JSON.stringify(printer.jobs[0]!.doc)).not.toContain('11010519491231002X');
  });

  it('promises across the year end on the provisional next year, and says which calendar the promise was counted on', async () => {
    // Wed 2026-12-30, 10:00 in Shanghai: only 2025 and 2026 were ever entered on this station.
    const { station, printer } = await signedIn(() => new Date('2026-12-30T02:00:00Z'));
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant }));
    // 3 working days: Dec 31, Jan 1 off (元旦 by the statute), Mon Jan 4, Tue Jan 5.
    expect(r.case.promisedDate).toBe('2027-01-05');
    // The receipt prints the date as usual: the law counts working days, the hall keeps its promise.
    const receipt = JSON.stringify(printer.jobs[0]!.doc);
    expect(receipt).toContain('2027年1月5日');
    expect(receipt).not.toMatch(/暂定|provisional/);
    const [entry] = station.context.store.outbox.nextBatch(10);
    expect(caseIntakeSchema.parse((entry!.args as Any).case).calendarVersions).toEqual([
      { year: 2026, revision: 1 },
      { year: 2027, revision: 0 },
    ]);
  });

  it('takes in with deferred materials (容缺), each due on its own date, none later than the promise', async () => {
    const { station, printer } = await signedIn();
    const received = { ...FOOD_ALL, M033: 'missing' as const, M008: 'missing' as const };
    const decision = await value(station.dispatch('intake.evaluate', { matterCodes: [FOOD_PERMIT], received }));
    expect(decision.allowed.accept.ok).toBe(false);
    expect(decision.allowed.acceptDeferred).toEqual({ ok: true });
    const due = Object.fromEntries(decision.deferred.map((d: Any) => [d.materialCode, d]));
    const calendar = station.context.catalog.workCalendar();
    const today = station.context.today();
    // The rules within 2 working days, the health certificates within 3: two different dates.
    expect(due.M033).toMatchObject({ deferralDays: 2, dueDate: addWorkingDays(calendar, today, 2) });
    expect(due.M008).toMatchObject({ deferralDays: 3, dueDate: addWorkingDays(calendar, today, 3) });
    expect(decision.deferredDueDate).toBe(due.M008.dueDate);
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'accept-deferred', applicant }));
    expect(r.case.status).toBe('accepted-deferred');
    const owed = Object.fromEntries(r.case.materials.filter((m: Any) => m.dueDate !== null).map((m: Any) => [m.materialCode, m.dueDate]));
    expect(owed).toEqual({ M033: due.M033.dueDate, M008: due.M008.dueDate });
    for (const d of Object.values(owed)) expect((d as string) <= r.case.promisedDate).toBe(true);
    expect(r.printJob.kind).toBe('deferral');
    // The notice gives each material its date.
    const text = printer.jobs[0]!.doc.lines.map((l: Any) => l.text ?? '').join('\n');
    expect(text).toContain('请按各项所列期限补齐');
    expect(text.match(/补交期限：/g)).toHaveLength(2);
  });

  it('keeps an earlier due date the clerk agreed with the applicant, and refuses one beyond the material’s own limit', async () => {
    const { station } = await signedIn();
    const received = { ...FOOD_ALL, M008: 'missing' as const };
    const decision = await value(station.dispatch('intake.evaluate', { matterCodes: [FOOD_PERMIT], received }));
    const health = decision.deferred[0];
    expect(health.dueDateChoices).toHaveLength(3);
    const later = addWorkingDays(station.context.catalog.workCalendar(), health.dueDate, 1);
    const beyond = await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'accept-deferred', applicant, dueDates: { M008: later } });
    expect(beyond).toMatchObject({ ok: false, error: { code: 'INTAKE_DEFERRED_DUE_DATE_INVALID' } });
    // The rules may wait 2 working days though the case is promised in 3: the third day is beyond their limit.
    const rules = { ...FOOD_ALL, M033: 'missing' as const };
    const third = addWorkingDays(station.context.catalog.workCalendar(), station.context.today(), 3);
    const beyondLimit = await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: rules, outcome: 'accept-deferred', applicant, dueDates: { M033: third } });
    expect(beyondLimit).toMatchObject({ ok: false, error: { code: 'INTAKE_DEFERRED_DUE_DATE_BEYOND_LIMIT', details: { deferralDays: 2 } } });
    const past = await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'accept-deferred', applicant, dueDates: { M008: station.context.today() } });
    expect(past).toMatchObject({ ok: false, error: { code: 'INTAKE_DEFERRED_DUE_DATE_INVALID' } });
    expect(station.context.store.outbox.counts().pending).toBe(0);
    const agreed = health.dueDateChoices[0];
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'accept-deferred', applicant, dueDates: { M008: agreed } }));
    expect(r.case.materials.find((m: Any) => m.materialCode === 'M008').dueDate).toBe(agreed);
    const [entry] = station.context.store.outbox.nextBatch(10);
    expect((entry!.args as Any).case.materials.find((m: Any) => m.materialCode === 'M008').dueDate).toBe(agreed);
  });

  it('refuses to accept outright what the checklist does not allow, writing nothing', async () => {
    const { station } = await signedIn();
    const received = { ...FOOD_ALL, M032: 'missing' as const };
    const a = await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'accept', applicant });
    expect(a).toMatchObject({ ok: false, error: { code: 'INTAKE_MATERIALS_INCOMPLETE' } });
    const d = await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'accept-deferred', applicant });
    expect(d).toMatchObject({ ok: false, error: { code: 'INTAKE_REQUIRED_MISSING' } });
    expect(station.context.store.outbox.counts().pending).toBe(0);
    expect(await value(station.dispatch('cases.list', {}))).toEqual([]);
  });

  it('refuses a deferred acceptance or a correction notice without a phone to reach the applicant, writing nothing', async () => {
    const { station, printer } = await signedIn();
    const received = { ...FOOD_ALL, M033: 'missing' as const };
    const { phone: _phone, ...noPhone } = applicant;
    for (const outcome of ['accept-deferred', 'notify-correction'] as const) {
      const r = (await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome, applicant: noPhone })) as Any;
      expect(r).toMatchObject({ ok: false, error: { code: 'INTAKE_PHONE_REQUIRED' } });
    }
    expect(printer.jobs).toHaveLength(0);
    expect(station.context.store.outbox.nextBatch(10)).toHaveLength(0);
    // The agent's phone is a way to reach the applicant too.
    const agent = { name: '李雷', idNumber: '370902198503151233', phone: '13900000000' };
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'accept-deferred', applicant: noPhone, agent }));
    expect(r.case.status).toBe('accepted-deferred');
  });

  it('refuses an ID number with a wrong check digit before anything is numbered or printed', async () => {
    const { station, printer } = await signedIn();
    const a = await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant: { ...applicant, idNumber: '110105194912310021' } });
    expect(a).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_CHECK_DIGIT' } });
    expect(printer.jobs).toHaveLength(0);
    const next = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant }));
    expect(next.case.caseNo.endsWith('-0001')).toBe(true);
  });

  it('lists every missing material at once on a correction notice, and accepts the case the day the last one arrives', async () => {
    const { station, printer } = await signedIn();
    const received = { ...FOOD_ALL, M032: 'missing' as const, M007: 'copy' as const };
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received, outcome: 'notify-correction', applicant }));
    expect(r.case).toMatchObject({ status: 'correction-notified' });
    expect(r.case.correctionDueDate).not.toBeNull();
    const text = JSON.stringify(printer.jobs[0]!.doc.lines);
    expect(text).toContain('未提交');
    expect(text).toContain('原件');

    const first = await value(station.dispatch('cases.supplement', { caseId: r.case.id, materialCode: 'M032', receipt: 'original' }));
    expect(first.status).toBe('correction-notified');
    const again = await station.dispatch('cases.supplement', { caseId: r.case.id, materialCode: 'M032', receipt: 'original' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CASE_MATERIAL_NOT_OWED' } });
    const done = await value(station.dispatch('cases.supplement', { caseId: r.case.id, materialCode: 'M007', receipt: 'original' }));
    expect(done.status).toBe('accepted');
    expect(station.context.store.outbox.nextBatch(10).map((e) => e.name)).toEqual(['case.notify-correction', 'case.supplement-material', 'case.supplement-material']);
  });

  it('rejects only with a reason, and prints the rejection notice with the right to review', async () => {
    const { station, printer } = await signedIn();
    const without = await station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: {}, outcome: 'reject', applicant });
    expect(without).toMatchObject({ ok: false, error: { code: 'INTAKE_REJECTION_REASON_REQUIRED' } });
    const r = await value(
      station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: {}, outcome: 'reject', applicant, rejection: { reason: '申请事项不属于本机关职权范围', competentBody: '泰安市市场监督管理局' } }),
    );
    expect(r.case).toMatchObject({ status: 'rejected', rejection: { competentBody: '泰安市市场监督管理局' } });
    expect(JSON.stringify(printer.jobs[0]!.doc)).toContain('泰安市泰山区人民政府');
  });

  it('follows the case lifecycle: no delivery before a decision, one evaluation with a reason when bad', async () => {
    const { station } = await signedIn();
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant }));
    expect(await station.dispatch('cases.deliver', { caseId: r.case.id, how: 'window' })).toMatchObject({ ok: false, error: { code: 'CASE_ILLEGAL_TRANSITION' } });
    expect(await station.dispatch('cases.evaluate', { caseId: r.case.id, level: 5 })).toMatchObject({ ok: false, error: { code: 'EVALUATION_REASON_REQUIRED' } });
    const rated = await value(station.dispatch('cases.evaluate', { caseId: r.case.id, level: 1 }));
    expect(rated.evaluation).toMatchObject({ level: 1, reason: null });
    expect(await station.dispatch('cases.evaluate', { caseId: r.case.id, level: 2 })).toMatchObject({ ok: false, error: { code: 'CASE_ALREADY_EVALUATED' } });
  });

  it('shows lists masked and the detail in full, and finds a case by number, name or ID number', async () => {
    const { station } = await signedIn();
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant }));
    const list = await value(station.dispatch('cases.list', { query: '韩梅' }));
    expect(list).toEqual([expect.objectContaining({ caseNo: r.case.caseNo, idNumberMasked: '110105********002X', matterNames: ['食品经营许可（新办）'] })]);
    expect(JSON.stringify(list)).not.toContain('11010519491231002X');
    expect(await value(station.dispatch('cases.list', { query: '11010519491231002X' }))).toHaveLength(1);
    const detail = await value(station.dispatch('cases.get', { caseNo: r.case.caseNo }));
    expect(detail.applicant.idNumber).toBe('11010519491231002X');
    expect(detail.printJobs).toHaveLength(1);
  });
});

describe('reading the ID card', () => {
  it('reads the demo resident from the simulated reader, the same data the form fills in', async () => {
    const { station } = await offlineStation({ READER: 'simulated' });
    stations.push(station);
    const holder = await value(station.dispatch('intake.readCard', {}));
    expect(holder).toMatchObject({ cardType: 'resident' });
    expect(holder.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await value(station.dispatch('devices.status', {}))).toMatchObject({ reader: { target: 'simulated', state: 'ok' } });
  });
});

describe('printing receipts', () => {
  it('keeps a failed job with the printer problem, prints it once on retry, and reprints as a new job', async () => {
    const { station, printer } = await signedIn();
    const deviceEvents: Any[] = [];
    station.events.subscribe((e) => {
      if (e.type === 'devices') deviceEvents.push(e.status);
    });
    printer.setState('paper-out');
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant }));
    // The case is taken in even though the paper ran out.
    expect(r.case.status).toBe('accepted');
    expect(r.printJob).toMatchObject({ status: 'failed', error: { code: 'PRINTER_PAPER_OUT' } });
    expect(printer.jobs).toHaveLength(0);
    // The header's printer light turns with the failure, without anyone opening the devices page.
    await expect.poll(() => deviceEvents.at(-1)?.printer).toMatchObject({ state: 'problem', problem: { code: 'PRINTER_PAPER_OUT' } });

    printer.setState('healthy');
    expect(await value(station.dispatch('print.retry', { jobId: r.printJob.id }))).toMatchObject({ status: 'printed', attempts: 2, error: null });
    await expect.poll(() => deviceEvents.at(-1)?.printer).toMatchObject({ state: 'ok' });
    expect(await value(station.dispatch('print.retry', { jobId: r.printJob.id }))).toMatchObject({ status: 'printed', attempts: 2 });
    expect(printer.jobs).toHaveLength(1);
    // The QR on the screen and the QR on the paper carry the same case look-up address.
    expect(printer.jobs[0]!.doc.qr).toBe(r.case.caseUrl);
    // The citizen's progress page: the case number and the receipt's code, made here (offline too).
    const m = new RegExp(`/c/${r.case.caseNo}/([A-Za-z0-9]{16})$`).exec(r.case.caseUrl);
    expect(m, r.case.caseUrl).not.toBeNull();

    const copy = await value(station.dispatch('print.reprint', { jobId: r.printJob.id }));
    expect(copy).toMatchObject({ status: 'printed', reprintOf: r.printJob.id, reference: r.printJob.reference });
    expect(printer.jobs).toHaveLength(2);
    const day = await value(station.dispatch('print.jobs', {}));
    expect(day.map((j: Any) => j.id).sort()).toEqual([r.printJob.id, copy.id].sort());
  });

  it('reports a device problem through devices.status and lets the clerk switch the printer off', async () => {
    const { station } = await signedIn();
    expect(await value(station.dispatch('devices.status', {}))).toMatchObject({ printer: { state: 'ok', target: 'simulated' }, reader: { state: 'not-configured' } });
    const bad = await station.dispatch('devices.configure', { printer: 'lpt1' });
    expect(bad).toMatchObject({ ok: false });
    const off = await value(station.dispatch('devices.configure', { printer: 'none' }));
    expect(off.printer).toMatchObject({ state: 'not-configured', target: 'none' });
    expect(station.context.store.settings.get('devices')).toMatchObject({ printer: 'none' });
    const job = await value(station.dispatch('devices.testPrint', {}));
    expect(job).toMatchObject({ status: 'failed', error: { code: 'PRINTER_NOT_CONFIGURED' } });
    expect(await station.dispatch('intake.readCard', {})).toMatchObject({ ok: false, error: { code: 'READER_NOT_CONNECTED' } });
  });
});

describe('the receipt code after the hall sends its copy of the case', () => {
  it('keeps the code the station made: a reprint opens the same progress page', async () => {
    const { station } = await signedIn();
    const r = await value(station.dispatch('intake.submit', { matterCodes: [FOOD_PERMIT], received: FOOD_ALL, outcome: 'accept', applicant }));
    const store = station.context.store;
    const [entry] = store.outbox.nextBatch(10);
    store.outbox.recordResults([{ id: entry!.id, status: 'applied' }]);
    // The hall's copy never carries the code (it keeps the hash only).
    const { accessCode: _code, ...serverCopy } = store.cases.byId(r.case.id)!.record as Any;
    expect(store.db.transaction((tx) => store.cases.applyServerCase(tx, { ...serverCopy, status: 'in-review' }))).toBe('applied');
    const after = await value(station.dispatch('cases.get', { caseId: r.case.id }));
    expect(after.status).toBe('in-review');
    expect(after.caseUrl).toBe(r.case.caseUrl);
  });
});


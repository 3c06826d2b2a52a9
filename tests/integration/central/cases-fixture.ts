/**
 * A small hall for the case and sync suites: two zones, three departments, a handful of materials
 * and matters chosen so every intake outcome and review path can happen. Synthetic people only
 * (valid check characters, made-up names).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monotonicFactory } from 'ulid';
import { calendarYearSchema } from '../../../src/contract/catalog';
import type { CaseIntake, CaseMaterial, CaseRecord } from '../../../src/contract/case';
import type { MutationEnvelope, MutationName, PushResponse } from '../../../src/contract/sync';
import type { Catalog } from '../../../src/domain/catalog';
import { idCheckCharacter } from '../../../src/domain/id-number';
import { systemActor } from '../../../src/central/audit/writer';
import { createStaff, findStaffByUsername, updateStaff } from '../../../src/central/auth/staff-repository';
import { putCalendarYear } from '../../../src/central/calendar/entering';
import { replaceCatalog } from '../../../src/central/catalog/repository';
import type { HallContext } from '../../../src/central/context';
import { inWork } from '../../../src/central/db/work';
import { calendarYears as calendarYearsTable } from '../../../src/central/db/schema';
import { startTestHall, type Backend, type TestHall, type TestStation } from './harness';

export const PASSWORD = 'cases-test-password';

const mat = (code: string, name: string) => ({ code, name, type: 1 as const, form: 3 as const, source: 'applicant' as const });
const need = (materialCode: string, necessity: 'required' | 'optional' | 'deferrable', originals = 1, commitmentAllowed = false, deferralDays?: number) => ({
  materialCode,
  necessity,
  originals,
  copies: 1,
  commitmentAllowed,
  ...(deferralDays === undefined ? {} : { deferralDays }),
});
const matter = (code: string, name: string, departmentCode: string, promisedLimitDays: number, materials: ReturnType<typeof need>[]) => ({
  code,
  basicCode: code.slice(0, 10),
  name,
  typeCode: '01' as const,
  departmentCode,
  zoneCode: 'B',
  caseType: promisedLimitDays === 0 ? ('immediate' as const) : ('promised' as const),
  statutoryLimitDays: promisedLimitDays * 3,
  promisedLimitDays,
  fee: { charged: false },
  visits: 1,
  handlingForms: [1 as const],
  serviceObjects: [1 as const, 2 as const],
  townAvailable: false,
  legalBasis: '《中华人民共和国行政许可法》',
  materials,
});

export const testCatalog: Catalog = {
  hall: { name: '测试政务服务大厅', regionCode: '370902', siteCode: 'TS' },
  sites: [],
  zones: [
    { code: 'A', name: '商事登记' },
    { code: 'B', name: '市场准入与经营许可' },
  ],
  windows: [
    { code: 'A1', name: 'A1窗口', kind: 'counter', zones: [{ zoneCode: 'A', weight: 1 }] },
    { code: 'B1', name: 'B1窗口', kind: 'counter', zones: [{ zoneCode: 'B', weight: 1 }] },
    { code: 'B2', name: 'B2窗口', kind: 'counter', zones: [{ zoneCode: 'B', weight: 1 }] },
  ],
  departments: [
    { code: 'SCJG', name: '区市场监督管理局' },
    { code: 'WJW', name: '区卫生健康委员会' },
    { code: 'XF', name: '区消防救援大队' },
  ],
  materials: [
    mat('IDCARD', '申请人身份证明'),
    mat('FORM', '申请书'),
    mat('LEASE', '经营场所使用证明'),
    mat('HEALTH', '从业人员健康证明'),
    mat('PHOTO', '门店照片'),
  ],
  matters: [
    // 5 working days; the lease may follow later (容缺), within 4 working days.
    matter('FOODPERMIT', '食品经营许可', 'SCJG', 5, [need('IDCARD', 'required'), need('FORM', 'required'), need('LEASE', 'deferrable', 1, false, 4), need('PHOTO', 'optional', 0)]),
    // 10 working days; the health certificate may be replaced by a signed commitment (告知承诺).
    matter('HYGIENE', '公共场所卫生许可', 'WJW', 10, [need('IDCARD', 'required'), need('HEALTH', 'required', 1, true)]),
    // Done at the window.
    matter('NAMECHECK', '名称自主申报', 'SCJG', 0, [need('IDCARD', 'required', 0)]),
  ],
  bundles: [{ code: 'OPENSHOP', name: '开餐馆一件事', zoneCode: 'B', matterCodes: ['FOODPERMIT', 'HYGIENE'], description: '食品经营许可与卫生许可一次办' }],
};

/** A resident ID number with a valid check character (region 370902, Taishan district). */
export function idNumber(birth = '19900101', seq = 123): string {
  const body = `370902${birth}${String(seq).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

const calendarDir = fileURLToPath(new URL('../../../resources/calendar/', import.meta.url));
const calendarYears = [2025, 2026].map((y) => calendarYearSchema.parse(JSON.parse(readFileSync(`${calendarDir}${y}.json`, 'utf8'))));

export interface CasesHall {
  backend: Backend;
  url: string;
  test: TestHall;
  ctx: HallContext;
  /** Signed-in tokens: a clerk at B1, one at B2, a supervisor and an administrator. */
  /**
   * Sessions signed in from their stations: the clerks at B1 and B2; the supervisor and the admin at
   * B1's PC; the approver (every department of the catalogue) at the departments' office PC.
   */
  tokens: { clerkB1: string; clerkB2: string; supervisor: string; admin: string; approver: string };
  staffIds: { clerkB1: string; clerkB2: string; approver: string; admin: string };
  /** The window PCs of B1 and B2 and the departments' office PC, registered and approved. */
  stations: { B1: TestStation; B2: TestStation; office: TestStation };
  close(): Promise<void>;
}

/** The hall server's today in these suites: Monday 2026-11-30, 11:00 in Shanghai. */
export const TODAY_AT = Date.parse('2026-11-30T03:00:00Z');

/**
 * A hall with the small catalogue above, through the core's harness (a fresh PostgreSQL database
 * per hall on the postgres backend). The clock stands at TODAY_AT and runs on from there.
 */
export async function startCasesHall(backend: Backend): Promise<CasesHall> {
  // The suites move the clock by days: sessions outlast them (idle and expiry have suites of their own).
  const test = await startTestHall(backend, { config: { demo: false, sessionHours: 24 * 365, idleMinutes: 24 * 60 * 365 } });
  test.clock.offsetMs = TODAY_AT - Date.now();
  const ctx = test.ctx;
  const staffIds = await inWork(ctx, systemActor, async (w) => {
    await replaceCatalog(w, testCatalog);
    // The first start already entered resources/calendar (2025, 2026) as revision 1, as a real hall's does.
    const entered = new Set((await w.tx.select({ year: calendarYearsTable.year }).from(calendarYearsTable)).map((r) => r.year));
    for (const y of calendarYears) if (!entered.has(y.year)) await putCalendarYear(w, y);
    // Outside demo mode the hall made its first `admin` with a one-time password: the suite sets its own.
    const admin = (await findStaffByUsername(w.tx, 'admin'))!;
    await updateStaff(w, admin, { password: PASSWORD, zoneCodes: ['A', 'B'] }, 'suite-set-up');
    const adminId = admin.id;
    await createStaff(w, { username: 'supervisor', name: '值班长', role: 'supervisor', zoneCodes: ['A', 'B'], password: PASSWORD });
    const b1 = await createStaff(w, { username: 'clerk-B1', name: '王晓燕', role: 'clerk', zoneCodes: ['B'], homeWindowCode: 'B1', password: PASSWORD });
    const b2 = await createStaff(w, { username: 'clerk-B2', name: '李志强', role: 'clerk', zoneCodes: ['B'], homeWindowCode: 'B2', password: PASSWORD });
    const approver = await createStaff(w, { username: 'approver', name: '审批员', role: 'approver', zoneCodes: [], departmentCodes: ['SCJG', 'WJW', 'XF'], password: PASSWORD });
    return { clerkB1: b1.id, clerkB2: b2.id, approver: approver.id, admin: adminId };
  });
  currentStaffIds = staffIds;
  const adminToken = await test.login('admin', undefined, PASSWORD);
  const stations = {
    B1: await test.station(STATION_B1, 'B1', adminToken),
    B2: await test.station(STATION_B2, 'B2', adminToken),
    office: await test.station(STATION_OFFICE, undefined, adminToken),
  };
  const tokens = {
    clerkB1: await stations.B1.login('clerk-B1', undefined, PASSWORD),
    clerkB2: await stations.B2.login('clerk-B2', undefined, PASSWORD),
    supervisor: await stations.B1.login('supervisor', undefined, PASSWORD),
    // The administrator works at window B1 too: it may take in there, decide anything, and hand out.
    admin: await stations.B1.login('admin', 'B1', PASSWORD),
    approver: await stations.office.login('approver', undefined, PASSWORD),
  };
  return { backend, url: test.url, test, ctx, tokens, staffIds, stations, close: () => test.close() };
}

/** The staff ids of the hall last started (a clerk's id goes into the intakes and envelopes it makes). */
let currentStaffIds = { clerkB1: 'clerk-B1', clerkB2: 'clerk-B2', approver: 'approver', admin: 'admin' };

/** What departments do (windows take in, departments decide): pushed from their office PC by the approver. */
export const DEPARTMENT_MUTATIONS = new Set<MutationName>(['case.dispatch', 'case.decide', 'case.pause-clock', 'case.resume-clock']);

// ---- building mutations ------------------------------------------------------------------------

const nextUlid = monotonicFactory();
export const newId = (): string => nextUlid();

export const STATION_B1 = 'station-B1';
export const STATION_B2 = 'station-B2';
export const STATION_OFFICE = 'station-office';

let serial = 0;
/** A case number unique within a test run: TS-<day>-<window>-<serial>. */
export function caseNo(windowCode = 'B1', day = '20261130'): string {
  serial += 1;
  return `TS-${day}-${windowCode}-${String(serial).padStart(4, '0')}`;
}

export const received = (materialCode: string, receipt: CaseMaterial['receipt'] = 'original', dueDate: string | null = null): CaseMaterial => ({
  materialCode,
  receipt,
  receivedAt: receipt === 'missing' ? null : '2026-11-30T02:00:00.000Z',
  dueDate,
});

/** A complete food permit application at window B1 on Monday 2026-11-30, 10:00 in Shanghai. */
export function intake(over: Partial<CaseIntake> = {}): CaseIntake {
  const windowCode = over.windowCode ?? 'B1';
  return {
    id: newId(),
    caseNo: caseNo(windowCode),
    stationId: windowCode === 'B1' ? STATION_B1 : STATION_B2,
    windowCode,
    clerkId: windowCode === 'B2' ? currentStaffIds.clerkB2 : currentStaffIds.clerkB1,
    ticketId: null,
    ticketNumber: 'B007',
    matterCodes: ['FOODPERMIT'],
    bundleCode: null,
    applicant: { name: '赵雪梅', idType: '111', idNumber: idNumber(), phone: '13905381234', address: '山东省泰安市泰山区东岳大街1号' },
    agent: null,
    source: 'window',
    materials: [received('IDCARD'), received('FORM'), received('LEASE')],
    acceptedAt: '2026-11-30T02:00:00.000Z',
    // 5 working days after Monday 2026-11-30.
    promisedDate: '2026-12-07',
    noticeNo: `SL-${Math.random().toString(36).slice(2, 10)}`,
    ...over,
  };
}

export function envelope<N extends MutationName>(name: N, args: unknown, over: Partial<MutationEnvelope> = {}): MutationEnvelope {
  const staffId = DEPARTMENT_MUTATIONS.has(name) ? currentStaffIds.approver : currentStaffIds.clerkB1;
  return { id: newId(), name, args, at: '2026-11-30T02:05:00.000Z', staffId, ...over };
}

export interface Http {
  status: number;
  body: unknown;
}

export async function call(hall: CasesHall, method: string, path: string, token: string | null, body?: unknown): Promise<Http> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${hall.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

/**
 * Push from a station under a session: B1's PC and clerk unless `stationId` names B2's or the office;
 * a batch of department mutations alone goes from the office PC by the approver.
 */
export async function push(hall: CasesHall, mutations: MutationEnvelope[], opts: { token?: string; stationId?: string } = {}): Promise<PushResponse> {
  const departments = opts.token === undefined && mutations.length > 0 && mutations.every((m) => DEPARTMENT_MUTATIONS.has(m.name));
  const stationId = opts.stationId ?? (departments ? STATION_OFFICE : STATION_B1);
  const station = stationId === STATION_B2 ? hall.stations.B2 : stationId === STATION_OFFICE ? hall.stations.office : hall.stations.B1;
  const token = opts.token ?? (station === hall.stations.B2 ? hall.tokens.clerkB2 : station === hall.stations.office ? hall.tokens.approver : hall.tokens.clerkB1);
  const r = await station.push(token, mutations);
  if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as PushResponse;
}

/** The hall's clock moved on to just after `at`, so a mutation dated then is not from the future. */
export function reach(hall: CasesHall, at: string): void {
  const gap = Date.parse(at) - hall.test.clock.now().getTime();
  if (gap > 0) hall.test.clock.advance(gap + 60_000);
}

/** A case as the hall now holds it, in full (read by the administrator). */
export async function caseRecord(hall: CasesHall, caseNo: string): Promise<CaseRecord> {
  const r = await call(hall, 'GET', `/api/v1/cases/${caseNo}?reason=${encodeURIComponent('测试核对')}`, hall.tokens.admin);
  if (r.status !== 200) throw new Error(`case ${caseNo}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as CaseRecord;
}

/** Push one mutation and return its result. */
export async function pushOne(hall: CasesHall, m: MutationEnvelope, opts: { token?: string; stationId?: string } = {}) {
  return (await push(hall, [m], opts)).results[0]!;
}

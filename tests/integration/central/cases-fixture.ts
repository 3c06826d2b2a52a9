/**
 * A small hall for the case and sync suites: two zones, three departments, a handful of materials
 * and matters chosen so every intake outcome and review path can happen. Synthetic people only
 * (valid check characters, made-up names).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monotonicFactory } from 'ulid';
import { calendarYearSchema } from '../../../src/contract/catalog';
import type { CaseIntake, CaseMaterial } from '../../../src/contract/case';
import type { MutationEnvelope, MutationName, PushResponse } from '../../../src/contract/sync';
import type { Catalog } from '../../../src/domain/catalog';
import { idCheckCharacter } from '../../../src/domain/id-number';
import { systemActor } from '../../../src/central/audit/writer';
import { createStaff } from '../../../src/central/auth/staff-repository';
import { putCalendarYear } from '../../../src/central/calendar/entering';
import { replaceCatalog } from '../../../src/central/catalog/repository';
import type { HallContext } from '../../../src/central/context';
import { inWork } from '../../../src/central/db/work';
import { startTestHall, type Backend, type TestHall } from './harness';

export const PASSWORD = 'cases-test-password';

const mat = (code: string, name: string) => ({ code, name, type: 1 as const, form: 3 as const, source: 'applicant' as const });
const need = (materialCode: string, necessity: 'required' | 'optional' | 'deferrable', originals = 1, commitmentAllowed = false) => ({
  materialCode,
  necessity,
  originals,
  copies: 1,
  commitmentAllowed,
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
    // 5 working days; the lease may follow later (容缺).
    matter('FOODPERMIT', '食品经营许可', 'SCJG', 5, [need('IDCARD', 'required'), need('FORM', 'required'), need('LEASE', 'deferrable'), need('PHOTO', 'optional', 0)]),
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
  tokens: { clerkB1: string; clerkB2: string; supervisor: string; admin: string };
  staffIds: { clerkB1: string; clerkB2: string };
  close(): Promise<void>;
}

/** The hall server's today in these suites: Monday 2026-11-30, 11:00 in Shanghai. */
export const TODAY_AT = Date.parse('2026-11-30T03:00:00Z');

/**
 * A hall with the small catalogue above, through the core's harness (a fresh PostgreSQL database
 * per hall on the postgres backend). The clock stands at TODAY_AT and runs on from there.
 */
export async function startCasesHall(backend: Backend): Promise<CasesHall> {
  const test = await startTestHall(backend, { config: { seedDemo: false } });
  test.clock.offsetMs = TODAY_AT - Date.now();
  const ctx = test.ctx;
  const staffIds = await inWork(ctx, systemActor, async (w) => {
    await replaceCatalog(w, testCatalog);
    for (const y of calendarYears) await putCalendarYear(w, y);
    await createStaff(w, { username: 'admin', name: '管理员', role: 'admin', zoneCodes: ['A', 'B'], password: PASSWORD });
    await createStaff(w, { username: 'supervisor', name: '值班长', role: 'supervisor', zoneCodes: ['A', 'B'], password: PASSWORD });
    const b1 = await createStaff(w, { username: 'clerk-B1', name: '王晓燕', role: 'clerk', zoneCodes: ['B'], homeWindowCode: 'B1', password: PASSWORD });
    const b2 = await createStaff(w, { username: 'clerk-B2', name: '李志强', role: 'clerk', zoneCodes: ['B'], homeWindowCode: 'B2', password: PASSWORD });
    return { clerkB1: b1.id, clerkB2: b2.id };
  });
  const tokens = {
    clerkB1: await test.login('clerk-B1', undefined, PASSWORD),
    clerkB2: await test.login('clerk-B2', undefined, PASSWORD),
    supervisor: await test.login('supervisor', undefined, PASSWORD),
    admin: await test.login('admin', undefined, PASSWORD),
  };
  return { backend, url: test.url, test, ctx, tokens, staffIds, close: () => test.close() };
}

// ---- building mutations ------------------------------------------------------------------------

const nextUlid = monotonicFactory();
export const newId = (): string => nextUlid();

export const STATION_B1 = 'station-B1';
export const STATION_B2 = 'station-B2';

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
    clerkId: 'clerk-B1',
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
  return { id: newId(), name, args, at: '2026-11-30T02:05:00.000Z', staffId: 'clerk-B1', ...over };
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

export async function push(hall: CasesHall, mutations: MutationEnvelope[], opts: { token?: string; stationId?: string } = {}): Promise<PushResponse> {
  const r = await call(hall, 'POST', '/api/v1/sync/push', opts.token ?? hall.tokens.clerkB1, { stationId: opts.stationId ?? STATION_B1, mutations });
  if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as PushResponse;
}

/** Push one mutation and return its result. */
export async function pushOne(hall: CasesHall, m: MutationEnvelope, opts: { token?: string; stationId?: string } = {}) {
  return (await push(hall, [m], opts)).results[0]!;
}

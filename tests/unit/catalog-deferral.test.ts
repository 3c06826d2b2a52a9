import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarYearSchema } from '../../src/contract/catalog';
import { importCatalogJson } from '../../src/contract/catalog-import';
import { addWorkingDays, buildCalendar, isWorkingDay } from '../../src/domain/calendar';
import type { Catalog, Matter, MatterMaterial } from '../../src/domain/catalog';
import { decideIntake, deferredDueDateProblem, mergeChecklist, promisedDaysOf, type MaterialReceipt } from '../../src/domain/checklist';
import { compareLocalDate } from '../../src/domain/local-date';

/**
 * 容缺 over the whole demo catalogue: which materials may wait, for how long, and what the merged
 * checklist of every bundle (and of any matters taken in together) makes of them. Exhaustive over the
 * rows where that is cheap, fast-check where the space is not (acceptance days, sets of matters).
 */

const root = join(__dirname, '..', '..');
const imported = importCatalogJson(readFileSync(join(root, 'resources', 'catalog', 'demo-hall.json'), 'utf8'));
if (!imported.ok) throw new Error(imported.error.message);
const demo: Catalog = imported.value;
const calendar = buildCalendar([2025, 2026].map((y) => calendarYearSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'calendar', `${y}.json`), 'utf8')))));

const materialName = new Map(demo.materials.map((m) => [m.code, m.name]));
const rows: Array<{ matter: Matter; row: MatterMaterial; name: string }> = demo.matters.flatMap((matter) =>
  matter.materials.map((row) => ({ matter, row, name: materialName.get(row.materialCode)! })),
);
const deferrable = rows.filter((r) => r.row.necessity === 'deferrable');

/**
 * The non-key papers the published 容缺 lists let applicants bring after acceptance: site and layout
 * drawings and photos, equipment lists, the applicant's own rules and plans, staff health and
 * physical checks, test reports, photos and payment accounts, and copies of approvals already on
 * record at the issuing body (fire-safety, EIA, planning, project filing, drawing review).
 */
const NON_KEY = new Set([
  '经营场所平面布局图',
  '经营场所照片',
  '主要设备设施清单及布局说明',
  '食品生产主要设备设施清单及工艺流程图',
  '食品安全管理制度',
  '从业人员健康证明',
  '药品质量管理制度及岗位职责',
  '医疗器械经营质量管理制度',
  '公共场所卫生管理制度及卫生安全应急预案',
  '公共场所卫生检测（评价）报告',
  '安全生产管理制度和岗位操作规程',
  '生产安全事故应急预案',
  '医疗机构规章制度和人员名单',
  '校舍安全及消防、卫生评价证明',
  '体检合格证明',
  '近期一寸免冠彩色照片',
  '本人社会保障卡或银行账户信息',
  '社会保障卡',
  '建设工程消防设计文件',
]);
/** Approvals issued by a body that keeps the original: only a copy of them may wait. */
const APPROVAL_COPIES = new Set([
  '公众聚集场所投入使用、营业前消防安全检查意见书',
  '环境影响评价审批意见或登记表备案回执',
  '建设工程规划许可证',
  '项目审批、核准或备案文件',
  '施工图设计文件审查合格书',
]);
/** Application forms, statements and commitments: what the applicant asks for and signs. */
const FORM = /申请|登记表$|申报表$|采集表$|信息表$|声明书|承诺书/;

describe('容缺 in the demo catalogue', () => {
  it('lets at least 60 material rows across at least 30 matters be supplied later, each with its own limit', () => {
    expect(deferrable.length).toBeGreaterThanOrEqual(60);
    expect(new Set(deferrable.map((r) => r.matter.code)).size).toBeGreaterThanOrEqual(30);
    for (const { matter, row, name } of deferrable) expect(row.deferralDays, `${matter.name}: ${name}`).toBeDefined();
    // Limits follow the paper and the matter, not one hall-wide number.
    expect(new Set(deferrable.map((r) => r.row.deferralDays)).size).toBeGreaterThanOrEqual(4);
    // Every zone that licenses businesses or pays benefits practises it.
    for (const zone of ['B', 'C', 'E', 'F']) expect(deferrable.some((r) => r.matter.zoneCode === zone), zone).toBe(true);
  });

  it('never lets a deferral limit exceed the promised limit, and defers nothing of an immediate matter', () => {
    for (const { matter, row, name } of rows) {
      const label = `${matter.name}: ${name}`;
      if (row.necessity !== 'deferrable') {
        expect(row.deferralDays, label).toBeUndefined();
        continue;
      }
      expect(matter.caseType, label).toBe('promised');
      expect(row.deferralDays, label).toBeGreaterThanOrEqual(1);
      expect(row.deferralDays, label).toBeLessThanOrEqual(matter.promisedLimitDays);
    }
  });

  it('never defers a key material: the ID document, the application form, the business licence a permit rests on, the permit being changed', () => {
    for (const { matter, row, name } of rows) {
      const label = `${matter.name}: ${name}`;
      if (name === '居民身份证' || name === '居民户口簿' || FORM.test(name)) expect(row.necessity, label).not.toBe('deferrable');
      if (name === '营业执照' || name === '原许可证件（正副本）') expect(row.necessity, label).not.toBe('deferrable');
    }
    // And only papers the 容缺 lists call non-key, approvals only as copies.
    for (const { matter, row, name } of deferrable) {
      const label = `${matter.name}: ${name}`;
      expect(NON_KEY.has(name) || APPROVAL_COPIES.has(name), `${label} is not a non-key material`).toBe(true);
      if (APPROVAL_COPIES.has(name)) expect(row.originals, `${label} waits as a copy only`).toBe(0);
    }
  });

  it('keeps what a permit is decided on required where the same paper may wait elsewhere', () => {
    const asked = (matterName: string, name: string) => demo.matters.find((m) => m.name === matterName)!.materials.find((mm) => materialName.get(mm.materialCode) === name)!;
    // The process flow is what a food production licence is reviewed on; for a small workshop's registration it may follow.
    expect(asked('食品生产许可（新办）', '食品生产主要设备设施清单及工艺流程图').necessity).toBe('required');
    expect(asked('食品小作坊登记（新办）', '食品生产主要设备设施清单及工艺流程图').necessity).toBe('deferrable');
    // A planning permit being changed is the subject of the matter, not a copy on record.
    expect(asked('建设工程规划许可证变更', '建设工程规划许可证').necessity).toBe('required');
    expect(asked('药品零售企业经营许可（新办）', '执业药师注册证').necessity).toBe('required');
    expect(asked('教师资格认定', '体检合格证明').necessity).toBe('required');
  });

  it('lets fire-safety and EIA papers wait only where a commitment may also replace them (告知承诺)', () => {
    for (const { matter, row, name } of rows) {
      if (name === '公众聚集场所投入使用、营业前消防安全检查意见书' || name === '环境影响评价审批意见或登记表备案回执') {
        expect(row.commitmentAllowed, `${matter.name}: ${name}`).toBe(true);
      }
    }
    expect(rows.filter((r) => r.row.commitmentAllowed).length).toBeGreaterThanOrEqual(40);
  });

  it('shows 容缺 on the merged checklist of the bundles whose law allows it, with the strictest limit of their matters', () => {
    const withDeferral = demo.bundles.filter((b) => {
      const ms = b.matterCodes.map((c) => demo.matters.find((m) => m.code === c)!);
      return mergeChecklist(ms, demo.materials).some((i) => i.necessity === 'deferrable');
    });
    expect(withDeferral.map((b) => b.name)).toEqual(expect.arrayContaining(['我要开餐馆', '我要开药店', '我要开旅馆', '我要开超市', '我要开办民办幼儿园', '退休一件事']));
    expect(withDeferral.length).toBeGreaterThanOrEqual(8);
    // 开餐馆: the layout waits 2 days for the food permit and 3 for the drainage permit: the merged row says 2.
    const restaurant = demo.bundles.find((b) => b.name === '我要开餐馆')!;
    const layout = mergeChecklist(restaurant.matterCodes.map((c) => demo.matters.find((m) => m.code === c)!), demo.materials).find((i) => i.name === '经营场所平面布局图')!;
    expect(layout).toMatchObject({ necessity: 'deferrable', deferralDays: 2 });
    expect(layout.matterCodes).toHaveLength(2);
  });
});

/** Matters as an application may combine them: every bundle, and any few matters of one zone. */
const bundleArb = fc.constantFrom(...demo.bundles).map((b) => b.matterCodes.map((c) => demo.matters.find((m) => m.code === c)!));
const zoneMix = fc
  .constantFrom(...['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
  .chain((zone) => fc.uniqueArray(fc.constantFrom(...demo.matters.filter((m) => m.zoneCode === zone)), { minLength: 1, maxLength: 4, selector: (m) => m.code }));
// Working days of 2025 up to early December 2026: a promise of up to 20 working days stays within the known calendar.
const acceptanceDay = fc.integer({ min: 0, max: 470 }).map((n) => addWorkingDays(calendar, '2025-01-02', n));

describe('every merged checklist of the demo catalogue', () => {
  it('holds together: the strictest necessity, and a deferrable item’s limit is the smallest of the matters that defer it', () => {
    fc.assert(
      fc.property(fc.oneof(bundleArb, zoneMix), (matters) => {
        const list = mergeChecklist(matters, demo.materials);
        for (const item of list) {
          const asks = matters.flatMap((m) => m.materials.filter((mm) => mm.materialCode === item.materialCode).map((mm) => ({ m, mm })));
          const deferring = asks.filter((a) => a.mm.necessity === 'deferrable');
          if (asks.some((a) => a.mm.necessity === 'required')) expect(item.necessity).toBe('required');
          else if (deferring.length > 0) expect(item.necessity).toBe('deferrable');
          else expect(item.necessity).toBe('optional');
          if (item.necessity === 'deferrable') {
            expect(item.deferralDays).toBe(Math.min(...deferring.map((a) => a.mm.deferralDays!)));
            // Never longer than the promise of any matter that defers it, so never beyond the case's promise.
            for (const a of deferring) expect(item.deferralDays!).toBeLessThanOrEqual(a.m.promisedLimitDays);
            expect(item.deferralDays!).toBeLessThanOrEqual(promisedDaysOf(matters));
          } else {
            expect(item.deferralDays).toBeUndefined();
          }
          expect(item.commitmentAllowed).toBe(asks.every((a) => a.mm.commitmentAllowed));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives each deferred material its own due date: a working day after acceptance, within its limit and the promise', () => {
    fc.assert(
      fc.property(fc.oneof(bundleArb, zoneMix), acceptanceDay, (matters, acceptedOn) => {
        const list = mergeChecklist(matters, demo.materials);
        // Everything required brought, everything deferrable left for later.
        const received: Record<string, MaterialReceipt> = Object.fromEntries(list.filter((i) => i.necessity === 'required').map((i) => [i.materialCode, 'original']));
        const d = decideIntake(list, received, { acceptedOn, calendar, matters, creditOk: true });
        const expected = list.filter((i) => i.necessity === 'deferrable').map((i) => i.materialCode);
        expect(d.deferred.map((i) => i.materialCode)).toEqual(expected);
        if (expected.length === 0) return;
        expect(d.allowed.acceptDeferred).toEqual({ ok: true });
        for (const item of d.deferred) {
          expect(item.dueDate).toBe(addWorkingDays(calendar, acceptedOn, item.deferralDays!));
          expect(isWorkingDay(calendar, item.dueDate)).toBe(true);
          expect(compareLocalDate(item.dueDate, acceptedOn)).toBeGreaterThan(0);
          expect(compareLocalDate(item.dueDate, d.promisedDate)).toBeLessThanOrEqual(0);
          expect(item.dueDateChoices).toHaveLength(item.deferralDays!);
          expect(deferredDueDateProblem(item, item.dueDate, acceptedOn, d.promisedDate)).toBeNull();
        }
        expect(d.deferredDueDate).toBe(d.deferred.map((i) => i.dueDate).sort().at(-1));
      }),
      { numRuns: 300 },
    );
  });
});

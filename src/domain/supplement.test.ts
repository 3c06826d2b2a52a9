import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar';
import type { Material, Matter, MatterMaterial } from './catalog';
import { mergeChecklist } from './checklist';
import { supplementMaterial, type CaseMaterialState, type SupplementInput } from './supplement';

const calendar = buildCalendar([
  {
    year: 2026,
    source: 'test',
    holidays: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }],
    workdays: [{ date: '2026-10-10', name: '国庆调休' }],
  },
]);

const materials: Material[] = [
  { code: 'ID', name: '申请人身份证件', type: 1, form: 3, source: 'applicant' },
  { code: 'FORM', name: '申请书', type: 2, form: 3, source: 'online' },
  { code: 'HEALTH', name: '从业人员健康证明', type: 1, form: 1, source: 'applicant' },
];
const mm = (materialCode: string, necessity: MatterMaterial['necessity'], originals = 1, copies = 0): MatterMaterial => ({ materialCode, necessity, originals, copies, commitmentAllowed: false });
const foodPermit: Matter = {
  code: 'FOOD',
  basicCode: 'FOOD',
  name: '食品经营许可',
  typeCode: '01',
  departmentCode: 'D1',
  zoneCode: 'B',
  caseType: 'promised',
  statutoryLimitDays: 15,
  promisedLimitDays: 5,
  fee: { charged: false },
  visits: 1,
  handlingForms: [1],
  serviceObjects: [1],
  townAvailable: true,
  legalBasis: '《中华人民共和国食品安全法》第三十五条',
  materials: [mm('ID', 'required'), mm('FORM', 'required'), mm('HEALTH', 'deferrable')],
};
const checklist = mergeChecklist([foodPermit], materials);
const got = (code: string, receipt: CaseMaterialState['receipt'] = 'original', dueDate: string | null = null): CaseMaterialState => ({ materialCode: code, receipt, receivedAt: receipt === 'missing' ? null : '2026-09-28T02:00:00.000Z', dueDate });

// Accepted Monday 2026-09-28 (Asia/Shanghai), before the National Day holidays.
const base = (over: Partial<SupplementInput>): SupplementInput => ({
  status: 'accepted-deferred',
  materials: [got('ID'), got('FORM'), got('HEALTH', 'missing', '2026-09-30')],
  acceptedAt: new Date('2026-09-28T02:00:00Z'),
  checklist,
  matters: [foodPermit],
  calendar,
  materialCode: 'HEALTH',
  receipt: 'original',
  at: new Date('2026-09-29T03:00:00Z'),
  ...over,
});

describe('a material handed in after intake', () => {
  it('completes a deferred (容缺) case: it becomes an ordinary accepted case, the promise unchanged', () => {
    const r = supplementMaterial(base({}));
    expect(r).toMatchObject({ ok: true, value: { status: 'accepted', accepted: null } });
    if (r.ok) expect(r.value.materials.find((m) => m.materialCode === 'HEALTH')).toEqual({ materialCode: 'HEALTH', receipt: 'original', receivedAt: '2026-09-29T03:00:00.000Z', dueDate: '2026-09-30' });
  });

  it('accepts a corrected case on the day its last material arrives and promises from that day (art. 32)', () => {
    const r = supplementMaterial(
      base({ status: 'correction-notified', materials: [got('ID'), got('FORM', 'missing'), got('HEALTH')], materialCode: 'FORM', at: new Date('2026-09-30T03:00:00Z') }),
    );
    // 2026-09-30 + 5 working days skips the National Day holidays and counts the make-up Saturday 10-10.
    expect(r).toMatchObject({ ok: true, value: { status: 'accepted', accepted: { promisedDate: '2026-10-13', promisedDays: 5 } } });
  });

  it('keeps a corrected case waiting while something else on the notice is still missing', () => {
    const r = supplementMaterial(base({ status: 'correction-notified', materials: [got('ID', 'missing'), got('FORM', 'missing')], materialCode: 'FORM' }));
    expect(r).toMatchObject({ ok: true, value: { status: 'correction-notified', accepted: null } });
  });

  it('refuses a material that is not owed, one that is not on the checklist, and a copy where the original is required', () => {
    expect(supplementMaterial(base({ materialCode: 'ID' }))).toMatchObject({ ok: false, error: { code: 'CASE_MATERIAL_NOT_OWED' } });
    expect(supplementMaterial(base({ materialCode: 'LEASE' }))).toMatchObject({ ok: false, error: { code: 'CASE_MATERIAL_UNKNOWN' } });
    expect(supplementMaterial(base({ receipt: 'copy' }))).toMatchObject({ ok: false, error: { code: 'CASE_MATERIAL_STILL_SHORT', details: { problem: 'original-required' } } });
  });

  it('refuses supplements to a case that owes nothing any more', () => {
    expect(supplementMaterial(base({ status: 'delivered' }))).toMatchObject({ ok: false, error: { code: 'CASE_ILLEGAL_TRANSITION' } });
  });
});

import { describe, expect, it } from 'vitest';
import { acceptedCaseReceipt, type AcceptedCase } from './case-receipt';
import type { Matter } from './catalog';
import type { ChecklistItem } from './checklist';

const matter: Matter = {
  code: 'FOOD', basicCode: 'F1', name: '食品经营许可（新办）', typeCode: '01', departmentCode: '001', zoneCode: 'B', caseType: 'promised',
  statutoryLimitDays: 20, promisedLimitDays: 3, fee: { charged: false }, visits: 0, handlingForms: [1, 2], serviceObjects: [1], townAvailable: true,
  legalBasis: '《中华人民共和国食品安全法》第三十五条', materials: [],
};
const item = (materialCode: string, name: string, necessity: ChecklistItem['necessity']): ChecklistItem => ({
  materialCode, name, necessity, originals: 1, copies: 0, commitmentAllowed: true, matterCodes: ['FOOD'],
});
const checklist = [item('M032', '申请书', 'required'), item('M005', '场所证明', 'required'), item('M007', '健康证明', 'deferrable')];

const accepted: AcceptedCase = {
  caseNo: 'TS-20261207-B00-0001',
  noticeNo: 'TS-20261207-B00-0001-RQ',
  status: 'accepted-deferred',
  windowCode: 'B1',
  applicant: { name: '王镇办', idNumber: '370902199003101234' },
  agent: null,
  matterCodes: ['FOOD'],
  materials: [
    { materialCode: 'M032', receipt: 'electronic', dueDate: null },
    { materialCode: 'M005', receipt: 'commitment', dueDate: null },
    { materialCode: 'M007', receipt: 'missing', dueDate: '2026-12-09' },
  ],
  acceptedAt: '2026-12-07T02:00:00.000Z',
  promisedDate: '2026-12-10',
};
const ctx = { hallName: '泰山区政务服务中心', matters: [matter], checklist, clerkName: '李晓燕', caseUrl: 'https://hall.example/c/TS-20261207-B00-0001' };
const text = (d: { lines: Array<{ kind: string; text?: string; label?: string; value?: string }> }) => d.lines.map((l) => l.text ?? `${l.label ?? ''}${l.value ?? ''}`).join('\n');

describe('the receipt of a case accepted elsewhere (the district, for a town centre)', () => {
  it('prints the 容缺 notice with the material still owed, its date and the promise, under the district\'s name', () => {
    const r = acceptedCaseReceipt(accepted, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ kind: 'deferral', reference: 'TS-20261207-B00-0001-RQ', qr: ctx.caseUrl });
    const printed = text(r.value);
    for (const s of ['泰山区政务服务中心', 'TS-20261207-B00-0001', '健康证明', '食品经营许可（新办）']) expect(printed).toContain(s);
    expect(printed).not.toContain('370902199003101234');
  });

  it('prints the plain acceptance notice once nothing is owed', () => {
    const r = acceptedCaseReceipt({ ...accepted, status: 'in-review', noticeNo: 'TS-20261207-B00-0001-SL', materials: accepted.materials.map((m) => ({ ...m, receipt: m.receipt === 'missing' ? 'original' : m.receipt, dueDate: null })) }, ctx);
    expect(r.ok && r.value.kind).toBe('acceptance');
  });

  it('has no acceptance receipt for a case that was not accepted', () => {
    for (const status of ['rejected', 'correction-notified'] as const) {
      const r = acceptedCaseReceipt({ ...accepted, status }, ctx);
      expect(r.ok ? 'printed' : r.error.code).toBe('NOTICE_NOT_FOUND');
    }
  });
});

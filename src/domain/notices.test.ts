import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChecklistItem, Shortfall } from './checklist';
import type { DocumentLine, PrintDocument } from './document';
import { idCheckCharacter } from './id-number';
import {
  acceptanceNotice,
  caseProgressUrl,
  correctionNotice,
  deferralNotice,
  noticeMaterialsFromItems,
  noticeMaterialsFromShortfalls,
  rejectionNotice,
  ticketSlip,
  type AcceptanceNoticeInput,
} from './notices';
import { formatNoticeNumber } from './numbers';

const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
// Synthetic people: Taishan district region code, valid check characters, made-up names.
const applicantId = withCheck('37090219880506123');
const agentId = withCheck('37091119920214004');

const base: AcceptanceNoticeInput = {
  hallName: '泰安市泰山区政务服务中心',
  caseNo: 'TS-20261127-A3-0007',
  noticeNo: '泰山审受字〔2026〕第0007号',
  applicant: { name: '韩晓梅', idNumber: applicantId },
  agent: null,
  matters: [
    { code: '370902-B-001', name: '食品经营许可' },
    { code: '370902-A-003', name: '个体工商户设立登记' },
  ],
  appliedOn: '2026-11-27',
  window: 'A3',
  clerkName: '王明',
  caseUrl: caseProgressUrl('https://hall.example/', 'TS-20261127-A3-0007', 'Q7kP2mX9vR4tLw8N'),
  acceptedOn: '2026-11-27',
  promisedDate: '2026-12-04',
  promisedDays: 5,
  legalBasis: '《中华人民共和国食品安全法》第三十五条',
};

function text(doc: PrintDocument): string {
  const line = (l: DocumentLine) => ('text' in l ? l.text : 'label' in l ? `${l.label} ${l.value}` : '');
  return [...doc.lines, ...(doc.footer ?? [])].map(line).join('\n');
}

describe('acceptance notice', () => {
  const doc = acceptanceNotice(base);
  const t = text(doc);

  it('carries the facts the law asks of a written acceptance', () => {
    expect(doc.kind).toBe('acceptance');
    expect(doc.reference).toBe('泰山审受字〔2026〕第0007号');
    expect(doc.lines.find((l) => l.kind === 'title')).toEqual({ kind: 'title', text: '受理通知书' });
    for (const fact of ['泰安市泰山区政务服务中心', 'TS-20261127-A3-0007', '韩晓梅', '食品经营许可', '个体工商户设立登记', '2026年11月27日', '2026年12月4日', '5个工作日', '《中华人民共和国食品安全法》第三十五条', '予以受理', 'A3', '王明', '申请人签字', '专用章']) {
      expect(t).toContain(fact);
    }
  });

  it('prints the ID number masked, never in full', () => {
    expect(t).toContain(`${applicantId.slice(0, 6)}********${applicantId.slice(14)}`);
    expect(JSON.stringify(doc)).not.toContain(applicantId);
  });

  it('links the QR code to the citizen\'s progress page, with the receipt\'s code', () => {
    expect(doc.qr).toBe('https://hall.example/c/TS-20261127-A3-0007/Q7kP2mX9vR4tLw8N');
    expect(caseProgressUrl('https://hall.example', 'TS-20261127-A3-0007', null)).toBe('https://hall.example/c/TS-20261127-A3-0007');
  });

  it('numbers itself from the case number when no notice number is given', () => {
    const { noticeNo: _ignored, ...rest } = base;
    expect(acceptanceNotice(rest).reference).toBe(formatNoticeNumber(base.caseNo, 'acceptance'));
  });

  it('says an immediate matter is done at once', () => {
    expect(text(acceptanceNotice({ ...base, promisedDays: 0, promisedDate: '2026-11-27' }))).toContain('（即办）');
  });

  it('lists materials replaced by a commitment and what a false commitment costs', () => {
    const c = text(acceptanceNotice({ ...base, committedMaterials: ['从业人员健康证明'] }));
    expect(c).toContain('从业人员健康证明');
    expect(c).toContain('信用记录');
  });

  it('masks the agent too', () => {
    const d = acceptanceNotice({ ...base, agent: { name: '李刚', idNumber: agentId } });
    expect(text(d)).toContain('李刚');
    expect(JSON.stringify(d)).not.toContain(agentId);
  });
});

const item = (over: Partial<ChecklistItem>): ChecklistItem => ({
  materialCode: 'X',
  name: 'X',
  necessity: 'required',
  originals: 1,
  copies: 0,
  commitmentAllowed: false,
  matterCodes: ['370902-B-001'],
  ...over,
});

describe('deferral notice', () => {
  const deferred = [item({ materialCode: 'HEALTH', name: '从业人员健康证明', necessity: 'deferrable', standard: '县级以上医疗机构出具' })];
  const doc = deferralNotice({ ...base, noticeNo: undefined, deferredMaterials: noticeMaterialsFromItems(deferred), dueDate: '2026-12-04' });
  const t = text(doc);

  it('says what is missing, how and by when to supply it, and what happens if not', () => {
    expect(doc.kind).toBe('deferral');
    expect(doc.reference).toBe(formatNoticeNumber(base.caseNo, 'deferral'));
    for (const fact of ['容缺受理通知书', '从业人员健康证明', '原件1份', '县级以上医疗机构出具', '请于2026年12月4日前补齐', '补交方式', '受理窗口', '逾期未补齐', '终止办理']) {
      expect(t).toContain(fact);
    }
    expect(JSON.stringify(doc)).not.toContain(applicantId);
  });

  it('gives each material its own due date when they differ, and the last one as the deadline for all', () => {
    const two = [
      { ...item({ materialCode: 'HEALTH', name: '从业人员健康证明', necessity: 'deferrable' }), dueDate: '2026-12-02' },
      { ...item({ materialCode: 'PLAN', name: '经营场所平面布局图', necessity: 'deferrable', originals: 0, copies: 1 }), dueDate: '2026-11-30' },
    ];
    const d = text(deferralNotice({ ...base, deferredMaterials: noticeMaterialsFromItems(two), dueDate: '2026-12-02' }));
    expect(d).toContain('请按各项所列期限补齐，最迟于2026年12月2日前');
    expect(d).toMatch(/从业人员健康证明[\s\S]*补交期限：2026年12月2日前[\s\S]*经营场所平面布局图[\s\S]*补交期限：2026年11月30日前/);
    expect(d).toContain('本人承诺按上述期限补齐上述材料');
    // One date for all reads as one sentence, without repeating it on every line.
    const one = text(deferralNotice({ ...base, deferredMaterials: noticeMaterialsFromItems(two.map((m) => ({ ...m, dueDate: '2026-12-02' }))), dueDate: '2026-12-02' }));
    expect(one).toContain('请于2026年12月2日前补齐');
    expect(one).not.toContain('补交期限：');
  });

  it('takes the hall’s own wording for supplying and for the consequence', () => {
    const d = text(deferralNotice({ ...base, deferredMaterials: [], dueDate: '2026-12-01', supplyHow: '邮寄至B区收件窗口', consequence: '逾期按撤回申请处理。' }));
    expect(d).toContain('邮寄至B区收件窗口');
    expect(d).toContain('逾期按撤回申请处理。');
  });
});

describe('correction notice', () => {
  const shortfalls: Shortfall[] = [
    { item: item({ materialCode: 'ID', name: '申请人身份证件' }), receipt: 'copy', problem: 'original-required', reason: '需提供原件1份（仅交复印件）' },
    { item: item({ materialCode: 'FORM', name: '申请书', standard: '按规定格式填写并签字', originals: 1 }), receipt: 'missing', problem: 'missing', reason: '未提交' },
    { item: item({ materialCode: 'LEASE', name: '经营场所使用证明', originals: 0, copies: 1 }), receipt: 'commitment', problem: 'commitment-not-allowed', reason: '该材料不适用告知承诺，须提交材料' },
  ];
  const doc = correctionNotice({ ...base, notifiedOn: '2026-11-27', materials: noticeMaterialsFromShortfalls(shortfalls), dueDate: '2026-12-11' });
  const t = text(doc);

  it('lists every missing or defective material at once, with what is wrong and the standard', () => {
    expect(doc.kind).toBe('correction');
    expect(t).toContain('一次性告知');
    expect(t).toContain('共3项');
    for (const s of shortfalls) {
      expect(t).toContain(s.item.name);
      expect(t).toContain(s.reason);
    }
    expect(t).toContain('按规定格式填写并签字');
    expect(t).toContain('复印件1份');
    expect(t).toContain('第三十二条');
  });

  it('gives the correction deadline', () => {
    expect(t).toContain('请于2026年12月11日前补正');
  });
});

describe('rejection notice', () => {
  const input = {
    ...base,
    rejectedOn: '2026-11-27',
    reason: '申请事项依法不需要取得行政许可',
    competentBody: '泰安市市场监督管理局',
    reviewBody: '泰安市泰山区人民政府',
    court: '泰安市泰山区人民法院',
  };

  it('gives the reason, the body to apply to and the right to review or litigation', () => {
    const doc = rejectionNotice(input);
    const t = text(doc);
    expect(doc.kind).toBe('rejection');
    for (const fact of ['不予受理通知书', '申请事项依法不需要取得行政许可', '不予受理', '请向泰安市市场监督管理局申请', '六十日内向泰安市泰山区人民政府申请行政复议', '六个月内依法向泰安市泰山区人民法院提起行政诉讼']) {
      expect(t).toContain(fact);
    }
    expect(JSON.stringify(doc)).not.toContain(applicantId);
  });

  it('leaves out the competent body when the matter is the hall’s own', () => {
    expect(text(rejectionNotice({ ...input, competentBody: null }))).not.toContain('有权受理的机关');
  });
});

describe('ticket slip', () => {
  const slip = ticketSlip({
    hallName: '泰安市泰山区政务服务中心',
    ticketId: '01KB6Z3Q8M5N2R4T6V8X0Y2Z4A',
    ticketNo: 'B012',
    zoneCode: 'B',
    zoneName: '市场准入与经营许可',
    priority: 'green',
    peopleAhead: 4,
    issuedAt: new Date('2026-11-28T01:05:00Z'),
  });

  it('prints the number big, the zone, the people ahead and the local time', () => {
    expect(slip.kind).toBe('ticket-slip');
    expect(slip.reference).toBe('B012');
    expect(slip.lines.find((l) => l.kind === 'title')).toEqual({ kind: 'title', text: 'B012' });
    const t = text(slip);
    expect(t).toContain('B区 市场准入与经营许可');
    expect(t).toContain('前面等候 4人');
    expect(t).toContain('2026-11-28 09:05');
    expect(t).toContain('绿色通道');
  });

  it('carries the ticket id in the QR code', () => {
    expect(slip.qr).toBe('01KB6Z3Q8M5N2R4T6V8X0Y2Z4A');
    const linked = ticketSlip({ ...slipInput(), ticketUrlBase: 'https://hall.example/t/' });
    expect(linked.qr).toBe('https://hall.example/t/01KB6Z3Q8M5N2R4T6V8X0Y2Z4A');
  });

  it('shows the local date after midnight UTC+8', () => {
    expect(text(ticketSlip({ ...slipInput(), issuedAt: new Date('2026-11-27T16:30:00Z') }))).toContain('2026-11-28 00:30');
  });
});

function slipInput() {
  return {
    hallName: '泰安市泰山区政务服务中心',
    ticketId: '01KB6Z3Q8M5N2R4T6V8X0Y2Z4A',
    ticketNo: 'A001',
    zoneCode: 'A',
    zoneName: '商事登记',
    priority: 'normal' as const,
    peopleAhead: 0,
    issuedAt: new Date('2026-11-28T00:30:00Z'),
  };
}

describe('personal data on paper', () => {
  it('never prints a full ID number on any notice', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const idArb = fc
      .tuple(fc.constantFrom('370902', '370911', '110105'), fc.integer({ min: 1950, max: 2008 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), digits(3))
      .map(([region, y, m, d, seq]) => withCheck(`${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`));
    fc.assert(
      fc.property(idArb, idArb, (id, agent) => {
        const common = { ...base, applicant: { name: '韩晓梅', idNumber: id }, agent: { name: '李刚', idNumber: agent } };
        const docs = [
          acceptanceNotice(common),
          deferralNotice({ ...common, deferredMaterials: [], dueDate: '2026-12-01' }),
          correctionNotice({ ...common, notifiedOn: '2026-11-27', materials: [], dueDate: '2026-12-11' }),
          rejectionNotice({ ...common, rejectedOn: '2026-11-27', reason: '不属于受理范围', reviewBody: '泰安市泰山区人民政府', court: '泰安市泰山区人民法院' }),
        ];
        for (const d of docs) {
          const all = JSON.stringify(d);
          expect(all).not.toContain(id);
          expect(all).not.toContain(agent);
          expect(all).toContain(`${id.slice(0, 6)}********${id.slice(14)}`);
        }
      }),
      { numRuns: 50 },
    );
  });
});

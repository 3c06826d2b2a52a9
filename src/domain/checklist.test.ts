import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bundle, Material, MaterialNecessity, Matter, MatterMaterial } from './catalog';
import { addWorkingDays, buildCalendar, isWorkingDay } from './calendar';
import {
  bundleMatters,
  decideIntake,
  deferredDueDateProblem,
  mergeChecklist,
  rowDeferralDays,
  type ChecklistItem,
  type IntakeContext,
  type MaterialReceipt,
} from './checklist';
import { DomainFailure } from './result';

// The 2026 arrangement as published (State Council, 2025-11-04); only 2026 is known here.
const calendar = buildCalendar([
  {
    year: 2026,
    source: 'test',
    holidays: [
      { from: '2026-01-01', to: '2026-01-03', name: '元旦' },
      { from: '2026-02-15', to: '2026-02-23', name: '春节' },
      { from: '2026-10-01', to: '2026-10-07', name: '国庆节' },
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦调休' },
      { date: '2026-02-14', name: '春节调休' },
      { date: '2026-02-28', name: '春节调休' },
      { date: '2026-10-10', name: '国庆调休' },
    ],
  },
]);

const materials: Material[] = [
  { code: 'ID', name: '申请人身份证件', type: 1, form: 3, source: 'applicant' },
  { code: 'FORM', name: '申请书', type: 2, form: 3, source: 'online', standard: '按规定格式填写并签字' },
  { code: 'LEASE', name: '经营场所使用证明', type: 1, form: 1, source: 'applicant', standard: '租赁合同或产权证明' },
  { code: 'HEALTH', name: '从业人员健康证明', type: 1, form: 1, source: 'applicant' },
  { code: 'PLAN', name: '经营场所平面图', type: 3, form: 1, source: 'applicant' },
];

function mm(materialCode: string, necessity: MaterialNecessity, originals = 1, copies = 0, commitmentAllowed = false, deferralDays?: number): MatterMaterial {
  return { materialCode, necessity, originals, copies, commitmentAllowed, ...(deferralDays === undefined ? {} : { deferralDays }) };
}
/** A deferrable row with its own limit in working days. */
const later = (materialCode: string, deferralDays: number, originals = 1, copies = 0, commitmentAllowed = false): MatterMaterial =>
  mm(materialCode, 'deferrable', originals, copies, commitmentAllowed, deferralDays);

function matter(code: string, promisedLimitDays: number, list: MatterMaterial[], caseType: Matter['caseType'] = 'promised'): Matter {
  return {
    code,
    basicCode: code.slice(0, 10),
    name: `事项${code}`,
    typeCode: '01',
    departmentCode: 'D1',
    zoneCode: 'B',
    caseType,
    statutoryLimitDays: promisedLimitDays * 3,
    promisedLimitDays,
    fee: { charged: false },
    visits: 1,
    handlingForms: [1, 2],
    serviceObjects: [1, 2],
    townAvailable: false,
    legalBasis: '《中华人民共和国行政许可法》',
    materials: list,
  };
}

const businessLicence = matter('BL', 1, [mm('ID', 'required', 1, 1), mm('FORM', 'required', 1, 0), mm('LEASE', 'deferrable', 0, 1)]);
const foodPermit = matter('FP', 5, [
  mm('ID', 'required', 1, 2),
  mm('LEASE', 'required', 1, 1),
  mm('HEALTH', 'deferrable', 1, 0, true),
  mm('PLAN', 'optional', 0, 1),
]);
const pickup = matter('PK', 0, [mm('ID', 'required', 1, 0)], 'immediate');

const ctx = (over: Partial<IntakeContext> = {}): IntakeContext => ({
  acceptedOn: '2026-11-27',
  calendar,
  matters: [businessLicence, foodPermit],
  creditOk: true,
  ...over,
});

const item = (list: ChecklistItem[], code: string) => list.find((i) => i.materialCode === code) as ChecklistItem;

describe('one checklist for several matters', () => {
  const list = mergeChecklist([businessLicence, foodPermit], materials);

  it('asks for a shared material once', () => {
    expect(list.map((i) => i.materialCode)).toEqual(['ID', 'FORM', 'LEASE', 'HEALTH', 'PLAN']);
    expect(item(list, 'ID').matterCodes).toEqual(['BL', 'FP']);
  });

  it('takes the strictest necessity and the highest counts', () => {
    expect(item(list, 'LEASE')).toMatchObject({ necessity: 'required', originals: 1, copies: 1 });
    expect(item(list, 'ID')).toMatchObject({ originals: 1, copies: 2 });
  });

  it('allows a commitment only when every matter asking for the material allows it', () => {
    expect(item(list, 'HEALTH').commitmentAllowed).toBe(true);
    const strict = matter('X', 3, [mm('HEALTH', 'required', 1, 0, false)]);
    expect(item(mergeChecklist([foodPermit, strict], materials), 'HEALTH').commitmentAllowed).toBe(false);
  });

  it('carries the material name and standard from the dictionary', () => {
    expect(item(list, 'FORM')).toMatchObject({ name: '申请书', standard: '按规定格式填写并签字' });
    expect(item(list, 'ID').standard).toBeUndefined();
  });

  it('merges any matters the same way: each material once with the strictest terms', () => {
    const necessity = fc.constantFrom<MaterialNecessity>('required', 'deferrable', 'optional');
    const row = fc.record({
      code: fc.constantFrom('ID', 'FORM', 'LEASE', 'HEALTH', 'PLAN'),
      necessity,
      originals: fc.nat({ max: 3 }),
      copies: fc.nat({ max: 3 }),
      commitmentAllowed: fc.boolean(),
    });
    const mattersArb = fc.array(fc.uniqueArray(row, { selector: (r) => r.code, maxLength: 5 }), { minLength: 1, maxLength: 4 }).map((ms) =>
      ms.map((rows, i) => matter(`M${i}`, 3, rows.map((r) => mm(r.code, r.necessity, r.originals, r.copies, r.commitmentAllowed)))),
    );
    fc.assert(
      fc.property(mattersArb, (ms) => {
        const merged = mergeChecklist(ms, materials);
        const codes = merged.map((i) => i.materialCode);
        expect(new Set(codes).size).toBe(codes.length);
        for (const it of merged) {
          const asks = ms.flatMap((m) => m.materials.filter((x) => x.materialCode === it.materialCode));
          expect(it.originals).toBe(Math.max(...asks.map((a) => a.originals)));
          expect(it.copies).toBe(Math.max(...asks.map((a) => a.copies)));
          expect(it.commitmentAllowed).toBe(asks.every((a) => a.commitmentAllowed));
          const rank = ['optional', 'deferrable', 'required'];
          expect(rank.indexOf(it.necessity)).toBe(Math.max(...asks.map((a) => rank.indexOf(a.necessity))));
        }
        expect(codes.length).toBe(new Set(ms.flatMap((m) => m.materials.map((x) => x.materialCode))).size);
      }),
    );
  });

  it('keeps the strictest (smallest) deferral limit of the matters that defer a shared material', () => {
    const permitA = matter('A', 5, [mm('ID', 'required'), later('HEALTH', 4), later('PLAN', 2, 0, 1)]);
    const permitB = matter('B', 7, [mm('ID', 'required'), later('HEALTH', 2), mm('PLAN', 'optional', 0, 1)]);
    const merged = mergeChecklist([permitA, permitB], materials);
    expect(item(merged, 'HEALTH')).toMatchObject({ necessity: 'deferrable', deferralDays: 2 });
    // A matter asking for it as optional does not need it, so A's limit stands.
    expect(item(merged, 'PLAN')).toMatchObject({ necessity: 'deferrable', deferralDays: 2 });
    // A matter requiring it makes it required: nothing waits, and no limit is left on the row.
    const strict = mergeChecklist([permitA, matter('C', 7, [mm('HEALTH', 'required')])], materials);
    expect(item(strict, 'HEALTH').necessity).toBe('required');
    expect(item(strict, 'HEALTH').deferralDays).toBeUndefined();
    expect(item(strict, 'ID').deferralDays).toBeUndefined();
  });

  it('reads a row from before deferral limits existed with the old 5 days, cut to the promised limit', () => {
    expect(rowDeferralDays(foodPermit, mm('HEALTH', 'deferrable'))).toBe(5);
    expect(rowDeferralDays(businessLicence, mm('LEASE', 'deferrable'))).toBe(1);
    expect(rowDeferralDays(pickup, mm('HEALTH', 'deferrable'))).toBe(0);
    expect(rowDeferralDays(foodPermit, later('HEALTH', 3))).toBe(3);
    expect(item(mergeChecklist([businessLicence, foodPermit], materials), 'HEALTH').deferralDays).toBe(5);
  });

  it('finds the matters of a bundle and refuses a bundle naming an unknown matter', () => {
    const bundle: Bundle = { code: 'OPEN-RESTAURANT', name: '开餐馆', zoneCode: 'B', matterCodes: ['FP', 'BL'], description: '' };
    const r = bundleMatters(bundle, [businessLicence, foodPermit]);
    expect(r.ok && r.value.map((m) => m.code)).toEqual(['FP', 'BL']);
    const bad = bundleMatters({ ...bundle, matterCodes: ['BL', 'NOPE'] }, [businessLicence]);
    expect(!bad.ok && bad.error.code).toBe('CATALOG_MATTER_UNKNOWN');
  });
});

describe('what an intake may do with what was received', () => {
  const list = mergeChecklist([businessLicence, foodPermit], materials);
  const complete: Record<string, MaterialReceipt> = { ID: 'original', FORM: 'electronic', LEASE: 'original', HEALTH: 'original' };

  it('accepts a complete application and promises the longest limit of its matters', () => {
    const d = decideIntake(list, complete, ctx());
    expect(d.allowed.accept).toEqual({ ok: true });
    expect(d.allowed.notifyCorrection.ok).toBe(false);
    expect(d.allowed.reject.ok).toBe(true);
    expect(d.promisedDays).toBe(5);
    // Fri 2026-11-27 + 5 working days = Fri 2026-12-04.
    expect(d.promisedDate).toBe('2026-12-04');
    expect(d.shortfalls).toEqual([]);
  });

  it('counts working days over the Spring Festival', () => {
    expect(decideIntake(list, complete, ctx({ acceptedOn: '2026-02-12' })).promisedDate).toBe('2026-02-26');
  });

  it('does not need optional materials', () => {
    expect(decideIntake(list, { ...complete, PLAN: 'missing' }, ctx()).allowed.accept.ok).toBe(true);
  });

  it('accepts the applicant’s commitment where the matters allow it', () => {
    const d = decideIntake(list, { ...complete, HEALTH: 'commitment' }, ctx());
    expect(d.allowed.accept.ok).toBe(true);
    expect(d.committed.map((i) => i.materialCode)).toEqual(['HEALTH']);
  });

  it('does not let a commitment replace a material that allows none, and says why', () => {
    const d = decideIntake(list, { ...complete, LEASE: 'commitment' }, ctx());
    expect(d.allowed.accept.ok).toBe(false);
    expect(d.missingRequired.map((i) => i.materialCode)).toEqual(['LEASE']);
    expect(d.shortfalls[0]).toMatchObject({ problem: 'commitment-not-allowed' });
    expect(d.shortfalls[0]?.reason).toContain('告知承诺');
  });

  it('takes a copy only where no original is asked for', () => {
    const copyOnly = mergeChecklist([matter('C', 3, [mm('PLAN', 'required', 0, 1)])], materials);
    expect(decideIntake(copyOnly, { PLAN: 'copy' }, ctx({ matters: [matter('C', 3, [])] })).allowed.accept.ok).toBe(true);
    const d = decideIntake(list, { ...complete, ID: 'copy' }, ctx());
    expect(d.allowed.accept.ok).toBe(false);
    expect(d.shortfalls.map((s) => [s.item.materialCode, s.problem])).toEqual([['ID', 'original-required']]);
  });

  it('offers deferred acceptance when only deferrable materials are missing, due within 5 working days', () => {
    const d = decideIntake(list, { ...complete, HEALTH: 'missing' }, ctx());
    expect(d.allowed.accept.ok).toBe(false);
    expect(d.allowed.acceptDeferred).toEqual({ ok: true });
    expect(d.allowed.notifyCorrection.ok).toBe(true);
    expect(d.deferred.map((i) => i.materialCode)).toEqual(['HEALTH']);
    expect(d.deferredDueDate).toBe('2026-12-04');
  });

  it('never sets the deferred due date after the promised date, whatever the row says', () => {
    // The catalogue refuses a limit beyond the promise; the rule holds without it.
    const quick = matter('Q', 2, [mm('ID', 'required'), later('HEALTH', 10)]);
    const d = decideIntake(mergeChecklist([quick], materials), { ID: 'original' }, ctx({ matters: [quick] }));
    expect(d.promisedDate).toBe('2026-12-01');
    expect(d.deferredDueDate).toBe('2026-12-01');
    expect(d.deferred[0]?.dueDateChoices).toEqual(['2026-11-30', '2026-12-01']);
    expect(d.allowed.acceptDeferred.ok).toBe(true);
  });

  it('gives each deferred material its own due date, from its own limit', () => {
    const restaurant = matter('R', 5, [mm('ID', 'required'), later('HEALTH', 3), later('PLAN', 1, 0, 1), later('LEASE', 5, 0, 1, true)]);
    const d = decideIntake(mergeChecklist([restaurant], materials), { ID: 'original' }, ctx({ matters: [restaurant] }));
    // Fri 2026-11-27: +1 is Mon 11-30, +3 Wed 12-02, +5 Fri 12-04.
    expect(d.deferred.map((i) => [i.materialCode, i.deferralDays, i.dueDate])).toEqual([
      ['HEALTH', 3, '2026-12-02'],
      ['PLAN', 1, '2026-11-30'],
      ['LEASE', 5, '2026-12-04'],
    ]);
    expect(d.deferred[0]?.dueDateChoices).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(d.deferredDueDate).toBe('2026-12-04');
    expect(d.allowed.acceptDeferred.ok).toBe(true);
  });

  it('counts a deferral limit in working days over a holiday', () => {
    const permit = matter('P', 7, [mm('ID', 'required'), later('HEALTH', 3)]);
    const d = decideIntake(mergeChecklist([permit], materials), { ID: 'original' }, ctx({ matters: [permit], acceptedOn: '2026-09-30' }));
    // National Day 10-01..10-07 is off; Sat 10-10 is a make-up working day.
    expect(d.deferred[0]?.dueDateChoices).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('tells why a due date may not stand: not after acceptance, after the promise, or beyond its own limit', () => {
    const permit = matter('P', 5, [mm('ID', 'required'), later('HEALTH', 2)]);
    const d = decideIntake(mergeChecklist([permit], materials), { ID: 'original' }, ctx({ matters: [permit] }));
    const health = d.deferred[0]!;
    expect(health.dueDate).toBe('2026-12-01');
    const problem = (due: string | null) => deferredDueDateProblem(health, due, '2026-11-27', d.promisedDate);
    expect(problem('2026-11-30')).toBeNull();
    expect(problem('2026-12-01')).toBeNull();
    expect(problem(null)).toBe('missing');
    expect(problem('2026-11-27')).toBe('not-after-acceptance');
    expect(problem('2026-12-02')).toBe('beyond-deferral-limit');
    expect(problem('2026-12-07')).toBe('after-promised-date');
  });

  it('refuses deferred acceptance to a bad-credit applicant', () => {
    const d = decideIntake(list, { ...complete, HEALTH: 'missing' }, ctx({ creditOk: false }));
    expect(d.allowed.acceptDeferred).toMatchObject({ ok: false, code: 'INTAKE_CREDIT_EXCLUDED' });
    expect(d.allowed.notifyCorrection.ok).toBe(true);
  });

  it('refuses deferred acceptance for an immediate matter: there is no time to supply anything', () => {
    const now = matter('NOW', 0, [mm('ID', 'required'), mm('HEALTH', 'deferrable')], 'immediate');
    const d = decideIntake(mergeChecklist([now], materials), { ID: 'original' }, ctx({ matters: [now] }));
    expect(d.promisedDate).toBe('2026-11-27');
    expect(d.allowed.acceptDeferred).toMatchObject({ ok: false, code: 'INTAKE_DEFERRAL_NO_TIME' });
  });

  it('allows only a correction notice when a required material is missing, listing every gap at once', () => {
    const d = decideIntake(list, { ID: 'copy', LEASE: 'commitment' }, ctx());
    expect(d.allowed.accept.ok).toBe(false);
    expect(d.allowed.acceptDeferred).toMatchObject({ ok: false, code: 'INTAKE_REQUIRED_MISSING' });
    expect(d.allowed.notifyCorrection.ok).toBe(true);
    expect(d.shortfalls.map((s) => s.item.materialCode)).toEqual(['ID', 'FORM', 'LEASE', 'HEALTH']);
    expect(d.missingRequired.map((i) => i.materialCode)).toEqual(['ID', 'FORM', 'LEASE']);
  });

  it('names the missing year instead of guessing a deadline', () => {
    try {
      decideIntake(list, complete, ctx({ acceptedOn: '2026-12-30' }));
      expect.unreachable('a 2027 deadline without 2027 data');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainFailure);
      expect((e as DomainFailure).code).toBe('CALENDAR_YEAR_UNKNOWN');
      expect((e as DomainFailure).details).toMatchObject({ year: 2027 });
    }
  });

  it('always leaves the clerk a way forward and lists every gap, whatever was received', () => {
    const receipt = fc.constantFrom<MaterialReceipt | undefined>('original', 'copy', 'electronic', 'commitment', 'missing', undefined);
    const receivedArb = fc.record({ ID: receipt, FORM: receipt, LEASE: receipt, HEALTH: receipt, PLAN: receipt });
    fc.assert(
      fc.property(receivedArb, fc.boolean(), fc.integer({ min: 1, max: 5 }), (raw, creditOk, deferralDays) => {
        const received = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as Record<string, MaterialReceipt>;
        const permit = { ...foodPermit, materials: foodPermit.materials.map((r) => (r.materialCode === 'HEALTH' ? { ...r, deferralDays } : r)) };
        const list = mergeChecklist([businessLicence, permit], materials);
        const d = decideIntake(list, received, ctx({ creditOk, matters: [businessLicence, permit, pickup] }));
        const counts = (i: ChecklistItem) => {
          const r = received[i.materialCode] ?? 'missing';
          return r === 'original' || r === 'electronic' || (r === 'copy' && i.originals === 0) || (r === 'commitment' && i.commitmentAllowed);
        };
        const gaps = list.filter((i) => i.necessity !== 'optional' && !counts(i)).map((i) => i.materialCode);
        expect(d.shortfalls.map((s) => s.item.materialCode)).toEqual(gaps);
        expect(d.allowed.accept.ok).toBe(gaps.length === 0);
        expect(d.allowed.accept.ok || d.allowed.notifyCorrection.ok).toBe(true);
        if (d.allowed.acceptDeferred.ok) {
          expect(d.missingRequired).toEqual([]);
          expect(creditOk).toBe(true);
        }
        if (d.deferredDueDate !== null) {
          expect(d.deferredDueDate <= d.promisedDate).toBe(true);
        }
        for (const it of d.deferred) {
          expect(it.dueDate <= d.promisedDate).toBe(true);
          expect(it.dueDateChoices.at(-1)).toBe(it.dueDate);
        }
      }),
    );
  });
});

describe('due dates of deferred materials over random catalogues', () => {
  it('gives every deferred material a working day after acceptance, within its strictest limit and the promise', () => {
    const codes = ['HEALTH', 'PLAN', 'LEASE'] as const;
    const row = (limit: number) =>
      fc.record({
        code: fc.constantFrom(...codes),
        necessity: fc.constantFrom<MaterialNecessity>('required', 'deferrable', 'optional'),
        days: fc.integer({ min: 1, max: limit }),
      });
    const matterArb = fc
      .integer({ min: 1, max: 12 })
      .chain((limit) => fc.tuple(fc.constant(limit), fc.uniqueArray(row(limit), { selector: (r) => r.code, maxLength: 3 })));
    // The test calendar knows 2026 only: acceptance days up to late October leave room for any limit.
    const acceptedOn = fc.integer({ min: 0, max: 200 }).map((n) => addWorkingDays(calendar, '2026-01-05', n));
    fc.assert(
      fc.property(fc.array(matterArb, { minLength: 1, maxLength: 3 }), acceptedOn, (drafts, on) => {
        const ms = drafts.map(([limit, rows], i) =>
          matter(`M${i}`, limit, [mm('ID', 'required'), ...rows.map((r) => (r.necessity === 'deferrable' ? later(r.code, r.days) : mm(r.code, r.necessity)))]),
        );
        const d = decideIntake(mergeChecklist(ms, materials), { ID: 'original' }, ctx({ matters: ms, acceptedOn: on }));
        for (const it of d.deferred) {
          const limits = ms.flatMap((m) => m.materials.filter((r) => r.materialCode === it.materialCode && r.necessity === 'deferrable').map((r) => r.deferralDays!));
          expect(it.deferralDays).toBe(Math.min(...limits));
          expect(it.dueDate).toBe(addWorkingDays(calendar, on, it.deferralDays!));
          expect(it.dueDate > on && it.dueDate <= d.promisedDate).toBe(true);
          expect(it.dueDateChoices).toHaveLength(it.deferralDays!);
          for (const day of it.dueDateChoices) expect(isWorkingDay(calendar, day)).toBe(true);
          expect(deferredDueDateProblem(it, it.dueDate, on, d.promisedDate)).toBeNull();
        }
        if (d.deferred.length > 0 && d.missingRequired.length === 0) expect(d.allowed.acceptDeferred.ok).toBe(true);
      }),
    );
  });
});

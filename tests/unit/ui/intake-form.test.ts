import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../../src/domain/id-number';
import {
  alignReceived,
  applicantComplete,
  checkApplicant,
  deferredDueDates,
  emptyForm,
  evaluateArgs,
  idNumberShownProblem,
  lastDueDate,
  markAll,
  idCardMaterials,
  withCardRead,
  phoneMissingFor,
  countOutcomes,
  promisedKey,
  matterCodesOf,
  receiptOptions,
  rowState,
  submitArgs,
  type ChecklistItem,
  type DeferredItem,
  type IntakeForm,
} from '../../../src/ui/intake-form';

const item = (over: Partial<ChecklistItem>): ChecklistItem => ({
  materialCode: 'M1',
  name: '身份证',
  necessity: 'required',
  originals: 1,
  copies: 1,
  commitmentAllowed: false,
  matterCodes: ['X1'],
  ...over,
});
const withCheck = (body: string) => body + idCheckCharacter(body);
const applicantId = withCheck('37090219920708204');
const agentId = withCheck('37091119850315123');

const filled = (): IntakeForm => ({
  ...emptyForm(),
  applicant: { name: '韩梅梅', idNumber: applicantId, phone: '0538-1234567', address: '泰安市泰山区' },
  matters: [{ code: 'M100', name: '食品经营许可' }],
  bundle: { code: 'B1', name: '开餐馆', matterCodes: ['M200', 'M100'] },
});

describe('marking materials at the counter', () => {
  it('offers 承诺 only where a commitment may replace the material', () => {
    expect(receiptOptions(item({ commitmentAllowed: true }))).toContain('commitment');
    expect(receiptOptions(item({ commitmentAllowed: false }))).not.toContain('commitment');
  });

  it('shows a copy where an original is required as still short', () => {
    expect(rowState(item({ originals: 1 }), 'copy')).toBe('short');
    expect(rowState(item({ originals: 0 }), 'copy')).toBe('ok');
    expect(rowState(item({}), 'electronic')).toBe('ok');
  });

  it('shows a missing deferrable material as deferred, a missing optional one as grey', () => {
    expect(rowState(item({ necessity: 'deferrable' }), 'missing')).toBe('deferred');
    expect(rowState(item({ necessity: 'optional' }), 'missing')).toBe('optional-missing');
    expect(rowState(item({ necessity: 'required' }), 'missing')).toBe('short');
    expect(rowState(item({ commitmentAllowed: false }), 'commitment')).toBe('short');
  });

  it('keeps marks when matters are added, starts new materials as missing, drops marks of removed ones', () => {
    const before = { M1: 'original', M2: 'copy', GONE: 'original' } as const;
    const list = [item({ materialCode: 'M1' }), item({ materialCode: 'M2' }), item({ materialCode: 'M3' })];
    expect(alignReceived({ ...before }, list)).toEqual({ M1: 'original', M2: 'copy', M3: 'missing' });
  });

  it('does not keep a commitment mark on a material that no longer allows it', () => {
    expect(alignReceived({ M1: 'commitment' }, [item({ materialCode: 'M1', commitmentAllowed: false })])).toEqual({ M1: 'missing' });
  });

  it('marks everything as originals in one press', () => {
    const list = [item({ materialCode: 'A' }), item({ materialCode: 'B' })];
    expect(markAll(list, { A: 'missing' }, 'original')).toEqual({ A: 'original', B: 'original' });
  });

  it('does not record optional materials nobody handed over (授权委托书 without an agent) when marking all received', () => {
    const list = [item({ materialCode: 'A' }), item({ materialCode: 'P', name: '授权委托书', necessity: 'optional' }), item({ materialCode: 'D', necessity: 'deferrable' })];
    expect(markAll(list, { A: 'missing', P: 'missing', D: 'missing' }, 'original')).toEqual({ A: 'original', P: 'missing', D: 'original' });
    expect(markAll(list, { A: 'original', P: 'original', D: 'original' }, 'missing')).toEqual({ A: 'missing', P: 'missing', D: 'missing' });
  });

  it('marks the ID card row received as an original once the card was read, and no other row', () => {
    const list = [item({ materialCode: 'M001', name: '居民身份证' }), item({ materialCode: 'M153', name: '居民身份证申领登记表' }), item({ materialCode: 'ID', name: '申请人身份证件' })];
    expect(idCardMaterials(list)).toEqual(['M001', 'ID']);
    expect(withCardRead({ M001: 'missing', M153: 'missing', ID: 'copy' }, list)).toEqual({ M001: 'original', M153: 'missing', ID: 'original' });
  });
});

describe('the applicant as typed', () => {
  it('accepts a complete applicant with a valid ID number', () => {
    expect(applicantComplete(checkApplicant(filled(), '2026-11-28'))).toBe(true);
  });

  it('gives the check-digit reason for a mistyped ID number', () => {
    const f = filled();
    f.applicant.idNumber = applicantId.slice(0, 17) + (applicantId.endsWith('1') ? '2' : '1');
    const check = checkApplicant(f, '2026-11-28');
    expect(check.idNumber?.code).toBe('ID_NUMBER_CHECK_DIGIT');
    expect(applicantComplete(check)).toBe(false);
  });

  it('does not call a half-typed number wrong, only once it is complete', () => {
    const partial = applicantId.slice(0, 10);
    const f = { ...filled(), applicant: { ...filled().applicant, idNumber: partial } };
    const problem = checkApplicant(f, '2026-11-28').idNumber;
    expect(problem?.code).toBe('ID_NUMBER_LENGTH');
    expect(idNumberShownProblem(partial, problem)).toBeNull();
    const tooLong = `${applicantId}1`;
    expect(idNumberShownProblem(tooLong, checkApplicant({ ...f, applicant: { ...f.applicant, idNumber: tooLong } }, '2026-11-28').idNumber)?.code).toBe('ID_NUMBER_LENGTH');
  });

  it('checks the agent only when there is one', () => {
    const f = filled();
    expect(checkApplicant(f, '2026-11-28').agentIdNumber).toBeNull();
    f.agentOn = true;
    expect(checkApplicant(f, '2026-11-28').agentName?.code).toBe('REQUIRED');
    f.agent = { name: '李雷', idNumber: agentId, phone: '' };
    expect(applicantComplete(checkApplicant(f, '2026-11-28'))).toBe(true);
  });

  it('refuses a phone number with letters', () => {
    const f = filled();
    f.applicant.phone = 'call me';
    expect(checkApplicant(f, '2026-11-28').phone?.code).toBe('PHONE_FORMAT');
  });
});

describe('what is sent to the station', () => {
  it('lists the bundle matters first and each matter once', () => {
    expect(matterCodesOf(filled())).toEqual(['M200', 'M100']);
  });

  it('asks for no verdict before a matter is chosen', () => {
    expect(evaluateArgs(emptyForm())).toBeNull();
    expect(evaluateArgs(filled())).toEqual({ matterCodes: ['M200', 'M100'], bundleCode: 'B1', received: {}, creditOk: true });
  });

  it('sends trimmed applicant fields, the ticket, and the rejection only with a rejection', () => {
    const f = filled();
    f.applicant.name = '  韩梅梅 ';
    f.applicant.idNumber = ` ${applicantId.toLowerCase()} `;
    const args = submitArgs(f, 'accept', { id: 'T1', number: 'A012' }, { reason: 'x', competentBody: 'y' });
    expect(args.applicant).toMatchObject({ name: '韩梅梅', idType: '111', idNumber: applicantId, phone: '0538-1234567', address: '泰安市泰山区' });
    expect(args.ticketNumber).toBe('A012');
    expect(args.rejection).toBeNull();
    expect(args.agent).toBeNull();
    const rejected = submitArgs(f, 'reject', null, { reason: ' 不属于本机关职权 ', competentBody: ' 市市场监管局 ' });
    expect(rejected.rejection).toEqual({ reason: '不属于本机关职权', competentBody: '市市场监管局' });
    expect(rejected.ticketId).toBeNull();
  });

  it('leaves out an empty phone rather than sending a blank the station would refuse', () => {
    const f = filled();
    f.applicant.phone = '   ';
    expect('phone' in submitArgs(f, 'accept', null, null).applicant).toBe(false);
  });
});

describe('due dates of deferred materials (容缺)', () => {
  const deferred = (code: string, dueDateChoices: string[]): DeferredItem => ({
    ...item({ materialCode: code, necessity: 'deferrable', deferralDays: dueDateChoices.length }),
    dueDate: dueDateChoices.at(-1)!,
    dueDateChoices,
  });
  const decision = { deferred: [deferred('HEALTH', ['2026-11-30', '2026-12-01', '2026-12-02']), deferred('PLAN', ['2026-11-30'])] };

  it('proposes each material its own date, and keeps an earlier day the clerk agreed', () => {
    expect(deferredDueDates(decision, {})).toEqual({ HEALTH: '2026-12-02', PLAN: '2026-11-30' });
    expect(deferredDueDates(decision, { HEALTH: '2026-12-01' })).toEqual({ HEALTH: '2026-12-01', PLAN: '2026-11-30' });
    expect(lastDueDate(deferredDueDates(decision, { HEALTH: '2026-12-01' }))).toBe('2026-12-01');
    expect(lastDueDate({})).toBeNull();
  });

  it('forgets a pick that is no longer one of the material’s days, and picks for materials no longer deferred', () => {
    expect(deferredDueDates(decision, { HEALTH: '2026-12-09', LEASE: '2026-11-30' })).toEqual({ HEALTH: '2026-12-02', PLAN: '2026-11-30' });
  });

  it('sends the dates with a deferred acceptance only', () => {
    const f = { ...filled(), dueDates: { HEALTH: '2026-12-01', GONE: '2026-11-30' } };
    expect(submitArgs(f, 'accept-deferred', null, null, decision).dueDates).toEqual({ HEALTH: '2026-12-01', PLAN: '2026-11-30' });
    expect(submitArgs(f, 'accept', null, null, decision).dueDates).toEqual({});
    expect(submitArgs(f, 'notify-correction', null, null, decision).dueDates).toEqual({});
  });
});

describe('what the record needs before it is written', () => {
  it('asks for a phone before 容缺, 补正告知 or an acceptance on a commitment, and takes the agent’s', () => {
    const form = { ...emptyForm(), received: { M5: 'commitment' as const } };
    expect(phoneMissingFor(form, 'accept-deferred')).toBe('deferred');
    expect(phoneMissingFor(form, 'notify-correction')).toBe('correction');
    expect(phoneMissingFor(form, 'accept')).toBe('commitment');
    expect(phoneMissingFor({ ...form, received: {} }, 'accept')).toBeNull();
    expect(phoneMissingFor({ ...form, applicant: { ...form.applicant, phone: '13800000000' } }, 'accept-deferred')).toBeNull();
    expect(phoneMissingFor({ ...form, agentOn: true, agent: { name: '李雷', idNumber: '', phone: '13900000000' } }, 'accept-deferred')).toBeNull();
  });

  it('counts the day’s 受理, 告知 and 不予受理 apart', () => {
    const statuses = ['accepted', 'accepted-deferred', 'in-review', 'correction-notified', 'rejected', 'correction-notified'] as const;
    expect(countOutcomes(statuses.map((status) => ({ status })))).toEqual({ accepted: 3, notified: 2, rejected: 1 });
  });
});

describe('the promise line', () => {
  it('says an immediate case is done on the spot instead of "（0个工作日）"', () => {
    expect(promisedKey(0)).toBe('intake.promisedImmediate');
    expect(promisedKey(5)).toBe('intake.promised');
  });
});

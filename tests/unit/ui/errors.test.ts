import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckCharacter, parseIdNumber } from '../../../src/domain/id-number';
import { validateEvaluation } from '../../../src/domain/evaluation';
import { errorMessages, errorText, isKnownError } from '../../../src/ui/i18n/errors';

const body = '37090219920708204'; // synthetic: Taishan district, born 1992-07-08
const valid = body + idCheckCharacter(body);
const cjk = /[\u4e00-\u9fff]/;

describe('error messages the clerk reads', () => {
  it('tells which check character a mistyped ID number calls for', () => {
    const wrong = body + (idCheckCharacter(body) === '1' ? '2' : '1');
    const parsed = parseIdNumber(wrong, '2026-11-28');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('ID_NUMBER_CHECK_DIGIT');
    expect(errorText(parsed.error)).toContain(`校验位错误(应为${idCheckCharacter(body)})`);
  });

  it('has a Chinese line for every reason an ID number is refused', () => {
    const samples = ['', '3709021992070820', '370902199207082047123', '37090219921308204X', '99090219920708204X', '123456789012345', `${body}Y`, '370902203001012041'];
    for (const s of samples) {
      const parsed = parseIdNumber(s, '2026-11-28');
      if (parsed.ok) continue;
      expect(isKnownError(parsed.error.code), parsed.error.code).toBe(true);
      expect(errorText(parsed.error)).toMatch(cjk);
    }
    expect(parseIdNumber(valid, '2026-11-28').ok).toBe(true);
  });

  it('never falls back to the server text for any number a clerk might type', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9X ]{0,22}$/), (typed) => {
        const parsed = parseIdNumber(typed, '2026-11-28');
        if (!parsed.ok) expect(isKnownError(parsed.error.code), parsed.error.code).toBe(true);
      }),
    );
  });

  it('words the length problem with the count typed', () => {
    expect(errorText({ code: 'ID_NUMBER_LENGTH', message: '', details: { length: 17, expected: 18 } })).toBe('证件号码应为18位，现在是17位，请核对后重新输入，或按 F9 读卡');
    expect(errorText({ code: 'ID_NUMBER_LENGTH', message: '', details: { length: 15, firstGeneration: true } })).toContain('15位一代身份证');
  });

  it('explains the hall server being away, and the printer being out of paper', () => {
    expect(errorText({ code: 'HALL_UNREACHABLE', message: 'fetch failed' })).toMatch(/^大厅服务器无法连接/);
    expect(errorText({ code: 'PRINTER_PAPER_OUT', message: 'paper end' })).toMatch(/^打印机缺纸/);
    expect(errorText({ code: 'CARD_NOT_FOUND', message: 'no card' })).toMatch(/^未检测到身份证/);
  });

  it('names the year missing from the holiday calendar', () => {
    expect(errorText({ code: 'CALENDAR_YEAR_UNKNOWN', message: 'no 2027', details: { year: 2027 } })).toContain('2027年的节假日安排尚未录入');
  });

  it('asks for a reason on a bad rating, as the domain refuses it', () => {
    const refused = validateEvaluation({ level: 5 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(errorText(refused.error)).toBe('“不满意”和“非常不满意”须填写原因');
  });

  it('keeps the server message for a code it does not know, says what to do, and leaves the code to the grey line', () => {
    expect(errorText({ code: 'SOMETHING_NEW', message: '服务器这样说' })).toBe('服务器这样说，请重试；如反复出现请联系管理员');
    expect(errorText({ code: 'SOMETHING_NEW', message: '' })).toBe('操作没有完成，请重试；如反复出现请联系管理员');
  });

  it('tells the clerk what to do in every Chinese line, and never shows a raw code in it', () => {
    // What to do: ask (请), offer (可), name a key or a step, or say nothing is needed (无需) or it happens by itself (自动).
    const says = /请|可|按|重试|重新|稍后|联系|检查|核对|改|换|补|先|须|需|无需|合上|自动|等/;
    for (const [code, entry] of Object.entries(errorMessages)) {
      const zh = typeof entry.zh === 'function' ? entry.zh({}) : entry.zh;
      expect(zh, code).toMatch(says);
      expect(zh, code).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    }
  });

  it('survives details of the wrong shape', () => {
    expect(errorText({ code: 'TICKET_RECALL_LIMIT', message: 'm', details: {} })).toMatch(cjk);
    expect(errorText({ code: 'TICKET_ILLEGAL_TRANSITION', message: 'm', details: { status: 'finished', action: 'recall' } })).toBe('该号当前状态（已办结）不能重呼，可能已被其他窗口处理');
  });

  it('has English beside every Chinese line', () => {
    for (const [code, entry] of Object.entries(errorMessages)) {
      const zh = typeof entry.zh === 'function' ? entry.zh({}) : entry.zh;
      const en = typeof entry.en === 'function' ? entry.en({}) : entry.en;
      expect(zh, code).toMatch(cjk);
      expect(en, code).not.toMatch(cjk);
      expect(errorText({ code, message: '' }, 'en')).toBe(en);
    }
  });
});

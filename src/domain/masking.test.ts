import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maskAddress, maskIdNumber, maskName, maskPersonalText, maskPhone } from './masking';
import { idCheckCharacter } from './id-number';

const withCheck = (body17: string): string => body17 + idCheckCharacter(body17);
const taishanApplicant = withCheck('37090219850317123');

describe('masking personal data for lists, receipts and logs', () => {
  it('keeps the region code and the last four of an ID number', () => {
    expect(maskIdNumber('370902198503171233')).toBe('370902********1233');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('USA370980021510')).toBe('US***********10');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('')).toBe('');
  });

  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0538-8221234')).toBe('053*****1234');
    expect(maskPhone('12345')).toBe('***45');
  });

  it('keeps only the start of an address', () => {
    expect(maskAddress('山东省泰安市泰山区财源街道东岳大街1号')).toBe('山东省泰安市****');
    expect(maskAddress('泰山区')).toBe('泰****');
    expect(maskAddress('')).toBe('');
  });

  it('masks names the way the hall writes them in logs', () => {
    expect(maskName('韩梅梅')).toBe('韩*梅');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
    // 𠮷 lies outside the BMP: two UTF-16 units, one character.
    expect(maskName('𠮷大林')).toBe('𠮷*林');
    expect(maskName('王𠮷')).toBe('王*');
  });

  it('never leaves the hidden part of an ID number or phone in the mask', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked.slice(0, 6) + masked.slice(14)).toBe(id.slice(0, 6) + id.slice(14));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        expect(maskPhone(phone)).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }),
    );
  });
});

describe('redacting free text for logs', () => {
  it('masks an ID number and a mobile number inside a sentence', () => {
    const line = `申请人身份证${taishanApplicant}，电话13812345678，已受理`;
    expect(maskPersonalText(line)).toBe(`申请人身份证${maskIdNumber(taishanApplicant)}，电话138****5678，已受理`);
  });

  it('masks numbers in JSON, with a lower-case x, with +86 or with separators', () => {
    expect(maskPersonalText('{"idNumber":"11010519491231002x","phone":"13812345678"}')).toBe(
      '{"idNumber":"110105********002x","phone":"138****5678"}',
    );
    expect(maskPersonalText('tel +86 138-1234-5678.')).toBe('tel +86 138****5678.');
    expect(maskPersonalText('tel 8613812345678')).toBe('tel 86138****5678');
    expect(maskPersonalText('card USA370980021510 read')).toBe('card US***********10 read');
  });

  it('masks a mistyped ID number too: a wrong check digit is still somebody’s number', () => {
    expect(maskPersonalText('id=110105194912310021')).toBe('id=110105********0021');
  });

  it('leaves ticket numbers, case numbers, dates and longer numbers alone', () => {
    const line = 'A001 called to window A3, case TS-20261128-A3-0007, at 2026-11-28T09:00:00Z, order 1381234567890123456789';
    expect(maskPersonalText(line)).toBe(line);
    expect(maskPersonalText('23812345678')).toBe('23812345678');
  });

  it('leaves no 11-digit mobile number or 18-character ID number unmasked in any text', () => {
    const idArb = fc.stringMatching(/^\d{17}[\dX]$/);
    const phoneArb = fc.stringMatching(/^1[3-9]\d{9}$/);
    const filler = fc.string({ unit: fc.constantFrom('申', '请', '人', ' ', ',', ':', 'a', '=', '"') });
    fc.assert(
      fc.property(filler, fc.oneof(idArb, phoneArb), filler, (before, secret, after) => {
        const out = maskPersonalText(before + secret + after);
        expect(out).not.toContain(secret);
        expect(out).toBe(before + (secret.length === 18 ? maskIdNumber(secret) : maskPhone(secret)) + after);
      }),
    );
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { idCheckCharacter, normaliseIdNumber, parseIdNumber } from './id-number';
import { fromDayNumber, toDayNumber } from './local-date';
import { DomainFailure } from './result';

const TODAY = '2026-11-28';

/** A synthetic number: body + the check character the body calls for. */
const withCheck = (body17: string): string => body17 + idCheckCharacter(body17);

function errorOf(raw: string, today?: string) {
  const r = parseIdNumber(raw, today);
  if (r.ok) throw new Error(`expected ${raw} to be refused`);
  return r.error;
}

describe('GB 11643 check character', () => {
  it('matches the examples printed in the standard', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44052418800101001')).toBe('4');
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => idCheckCharacter('1101051949123100')).toThrow(DomainFailure);
    expect(() => idCheckCharacter('1101051949123100A')).toThrow(DomainFailure);
  });
});

describe('reading an ID number at the window', () => {
  it('accepts the examples of the standard and reads birth date and sex', () => {
    const a = parseIdNumber('11010519491231002X');
    expect(a).toEqual({
      ok: true,
      value: { kind: 'resident', number: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
    const b = parseIdNumber('440524188001010014');
    expect(b).toEqual({
      ok: true,
      value: { kind: 'resident', number: '440524188001010014', regionCode: '440524', birthDate: '1880-01-01', sex: 'male' },
    });
  });

  it('reads a Taishan district applicant typed with spaces, a lower-case x or full-width digits', () => {
    const number = withCheck('37090219850317123');
    const r = parseIdNumber(` ${number.slice(0, 6)} ${number.slice(6)} `, TODAY);
    expect(r.ok && r.value).toMatchObject({ kind: 'resident', regionCode: '370902', birthDate: '1985-03-17', sex: 'male' });
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(normaliseIdNumber('３７０９０２')).toBe('370902');
    expect(parseIdNumber('１１０１０５１９４９１２３１００２ｘ').ok).toBe(true);
  });

  it('says when nothing was entered', () => {
    expect(errorOf('').code).toBe('ID_NUMBER_EMPTY');
    expect(errorOf('   ').code).toBe('ID_NUMBER_EMPTY');
  });

  it('says when the length is wrong, and recognises a first-generation 15-digit number', () => {
    expect(errorOf('1101051949123100').code).toBe('ID_NUMBER_LENGTH');
    expect(errorOf('1101051949123100').details).toEqual({ length: 16, expected: 18 });
    expect(errorOf('11010519491231002X1').code).toBe('ID_NUMBER_LENGTH');
    const old = errorOf('110105491231002');
    expect(old.code).toBe('ID_NUMBER_LENGTH');
    expect(old.details).toMatchObject({ firstGeneration: true });
  });

  it('says which character is not allowed', () => {
    const e = errorOf('1101051949123100X2');
    expect(e.code).toBe('ID_NUMBER_FORMAT');
    expect(e.details).toMatchObject({ position: 17, character: 'X' });
    expect(errorOf('11010519491231O02X').details).toMatchObject({ position: 15, character: 'O' });
    expect(errorOf('AB1123456789012').code).toBe('ID_NUMBER_FORMAT');
  });

  it('refuses a province code that GB/T 2260 does not have', () => {
    const e = errorOf(withCheck('01010519491231002'));
    expect(e.code).toBe('ID_NUMBER_REGION');
    const f = errorOf(withCheck('24010519491231002'));
    expect(f.code).toBe('ID_NUMBER_REGION');
    expect(f.details).toMatchObject({ provinceCode: '24' });
    expect(errorOf(withCheck('66010519491231002')).code).toBe('ID_NUMBER_REGION');
  });

  it('refuses a birth date that is not a date, too early, or in the future', () => {
    const notDate = errorOf(withCheck('37090220260230123'));
    expect(notDate.code).toBe('ID_NUMBER_BIRTH_DATE');
    expect(notDate.details).toMatchObject({ reason: 'not-a-date' });
    expect(errorOf(withCheck('37090217991231123')).details).toMatchObject({ reason: 'too-early' });
    const future = errorOf(withCheck('37090220261129123'), TODAY);
    expect(future.details).toMatchObject({ reason: 'in-future', today: TODAY });
    expect(parseIdNumber(withCheck('37090220261128123'), TODAY).ok).toBe(true);
    // A living applicant is born after 1900; the standard's 1880 example is only a format example.
    expect(errorOf('440524188001010014', TODAY).details).toMatchObject({ reason: 'too-early', earliest: '1900-01-01' });
    expect(parseIdNumber(withCheck('37090219000101123'), TODAY).ok).toBe(true);
  });

  it('names the expected check character so the clerk can spot the typo', () => {
    const e = errorOf('110105194912310021');
    expect(e.code).toBe('ID_NUMBER_CHECK_DIGIT');
    expect(e.details).toEqual({ expected: 'X', found: '1' });
  });

  it('reads Hong Kong, Macao and Taiwan residence permits', () => {
    for (const prefix of ['81', '82', '83']) {
      const r = parseIdNumber(withCheck(`${prefix}000019900101003`), TODAY);
      expect(r.ok && r.value).toEqual({
        kind: 'permit',
        number: withCheck(`${prefix}000019900101003`),
        regionCode: `${prefix}0000`,
        birthDate: '1990-01-01',
        sex: 'male',
      });
    }
    const e = errorOf(withCheck('81030019900101003'));
    expect(e.code).toBe('ID_NUMBER_REGION');
    expect(e.details).toMatchObject({ expected: '810000' });
  });

  it('reads the 2023 foreign permanent resident card with the same check', () => {
    const number = withCheck('93784019800215011');
    const r = parseIdNumber(number, TODAY);
    expect(r.ok && r.value).toEqual({ kind: 'foreign2023', number, regionCode: '370000', birthDate: '1980-02-15', sex: 'male' });
    expect(errorOf(`${number.slice(0, 17)}${number[17] === '0' ? '1' : '0'}`).code).toBe('ID_NUMBER_CHECK_DIGIT');
    expect(errorOf(withCheck('97184019800215011')).code).toBe('ID_NUMBER_REGION');
  });

  it('reads the 2017 foreign permanent resident card (3 letters + 12 digits)', () => {
    const r = parseIdNumber('usa370980021510', TODAY);
    expect(r).toEqual({ ok: true, value: { kind: 'foreign2017', number: 'USA370980021510', regionCode: '370900' } });
    expect(errorOf('USA990980021510').code).toBe('ID_NUMBER_REGION');
    expect(errorOf('USA370980023010').code).toBe('ID_NUMBER_BIRTH_DATE');
  });

  describe('properties', () => {
    const provinces = ['11', '13', '21', '31', '37', '44', '50', '65'];
    const bodyArb = fc
      .record({
        province: fc.constantFrom(...provinces),
        rest: fc.integer({ min: 0, max: 9999 }),
        birth: fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber(TODAY) }),
        seq: fc.integer({ min: 0, max: 999 }),
      })
      .map(
        ({ province, rest, birth, seq }) =>
          `${province}${String(rest).padStart(4, '0')}${fromDayNumber(birth).replaceAll('-', '')}${String(seq).padStart(3, '0')}`,
      );

    it('accepts any well-formed body with its computed check character', () => {
      fc.assert(
        fc.property(bodyArb, (body) => {
          const r = parseIdNumber(withCheck(body), TODAY);
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(r.value.birthDate?.replaceAll('-', '')).toBe(body.slice(6, 14));
            expect(r.value.sex).toBe(Number(body[16]) % 2 ? 'male' : 'female');
          }
        }),
      );
    });

    it('refuses the number when any single digit is changed', () => {
      fc.assert(
        fc.property(bodyArb, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (body, position, shift) => {
          const number = withCheck(body);
          const chars = '0123456789X';
          const alphabet = position === 17 ? chars : chars.slice(0, 10);
          const old = alphabet.indexOf(number[position]!);
          const replacement = alphabet[(old + shift) % alphabet.length]!;
          fc.pre(replacement !== number[position]);
          const changed = number.slice(0, position) + replacement + number.slice(position + 1);
          expect(parseIdNumber(changed, TODAY).ok).toBe(false);
        }),
      );
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter, parseIdNumber } from '../../../src/domain/id-number';
import { DEMO_CARD_HOLDERS, DEMO_RESIDENT } from '../../../src/station/devices/idcard/demo-people';
import { NATIONS, nationCode, nationName } from '../../../src/station/devices/idcard/nations';
import { decodeCardText, encodeCardText, type CardHolder } from '../../../src/station/devices/idcard/text-block';

const withCheck = (body17: string): string => body17 + idCheckCharacter(body17);

/**
 * A text block written field by field at the byte offsets of the DEVICES.md table, independently of
 * encodeCardText, so the decoder is checked against the table itself.
 */
function block(fields: [offset: number, text: string][], typeMark: string): Buffer {
  const buf = Buffer.from(' '.repeat(128), 'utf16le');
  for (const [offset, text] of fields) Buffer.from(text, 'utf16le').copy(buf, offset);
  Buffer.from(typeMark, 'utf16le').copy(buf, 248);
  return buf;
}

const decoded = (buf: Buffer): CardHolder => {
  const r = decodeCardText(buf, { today: '2026-11-28' });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

const residentFields = (id: string): [number, string][] => [
  [0, '赵晓东'],
  [30, '1'],
  [32, '05'],
  [36, '19791224'],
  [52, '新疆维吾尔自治区乌鲁木齐市天山区示例路1号'],
  [122, id],
  [158, '乌鲁木齐市公安局天山区分局'],
  [188, '20150101'],
  [204, '长期'],
];

describe('the text block of a resident ID card', () => {
  it('is read field by field at the offsets of the table', () => {
    const id = withCheck('65010219791224001');
    expect(decoded(block(residentFields(id), ' '))).toEqual({
      cardType: 'resident',
      name: '赵晓东',
      sex: 'male',
      nation: '维吾尔',
      nationCode: '05',
      birthDate: '1979-12-24',
      address: '新疆维吾尔自治区乌鲁木齐市天山区示例路1号',
      idNumber: id,
      issuer: '乌鲁木齐市公安局天山区分局',
      validFrom: '2015-01-01',
      validTo: '长期',
    });
  });

  it('refuses an ID number with a wrong check character, with the domain reason', () => {
    const id = withCheck('65010219791224001');
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const r = decodeCardText(block(residentFields(wrong), ' '));
    expect(r).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_CHECK_DIGIT', details: { field: 'idNumber' } } });
  });

  it('refuses a block whose birth date differs from the one in the ID number', () => {
    const fields = residentFields(withCheck('65010219791224001'));
    fields[3] = [36, '19791225'];
    expect(decodeCardText(block(fields, ' '))).toMatchObject({ ok: false, error: { code: 'CARD_TEXT_INCONSISTENT', details: { field: 'birthDate' } } });
  });

  it('refuses a block whose sex differs from the one in the ID number', () => {
    const fields = residentFields(withCheck('65010219791224001'));
    fields[1] = [30, '2'];
    expect(decodeCardText(block(fields, ' '))).toMatchObject({ ok: false, error: { code: 'CARD_TEXT_INCONSISTENT', details: { field: 'sex' } } });
  });

  it('refuses a date that is not in the calendar', () => {
    const fields = residentFields(withCheck('65010219791224001'));
    fields[7] = [188, '20150230'];
    expect(decodeCardText(block(fields, ' '))).toMatchObject({ ok: false, error: { code: 'CARD_TEXT_INVALID', details: { field: 'validFrom' } } });
  });

  it('refuses a holder born after today', () => {
    const id = withCheck('37090220270101001');
    const fields = residentFields(id);
    fields[3] = [36, '20270101'];
    expect(decodeCardText(block(fields, ' '), { today: '2026-11-28' })).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_BIRTH_DATE' } });
  });

  it('refuses a block that is not 256 bytes and a card type it does not know', () => {
    expect(decodeCardText(Buffer.alloc(255))).toMatchObject({ ok: false, error: { code: 'CARD_TEXT_LENGTH' } });
    expect(decodeCardText(block(residentFields(withCheck('65010219791224001')), 'X'))).toMatchObject({ ok: false, error: { code: 'CARD_TYPE_UNKNOWN' } });
  });
});

describe('the text block of a residence permit of a Hong Kong, Macao or Taiwan resident (J)', () => {
  it('reads the pass number and the issue count after the validity dates', () => {
    const id = withCheck('83000019851111002');
    const holder = decoded(
      block(
        [
          [0, '林雅婷'],
          [30, '2'],
          [36, '19851111'],
          [52, '台湾省台北市示例街2号'],
          [122, id],
          [158, '福州市公安局'],
          [188, '20230601'],
          [204, '20280601'],
          [220, 'T01234567'],
          [238, '02'],
        ],
        'J',
      ),
    );
    expect(holder).toEqual({
      cardType: 'permit',
      name: '林雅婷',
      sex: 'female',
      birthDate: '1985-11-11',
      address: '台湾省台北市示例街2号',
      idNumber: id,
      issuer: '福州市公安局',
      validFrom: '2023-06-01',
      validTo: '2028-06-01',
      passNumber: 'T01234567',
      issueCount: 2,
    });
  });

  it('refuses a resident ID number on a permit card', () => {
    const fields: [number, string][] = [
      [0, '林雅婷'],
      [30, '2'],
      [36, '19851111'],
      [122, withCheck('35010219851111002')],
      [188, '20230601'],
      [204, '20280601'],
    ];
    expect(decodeCardText(block(fields, 'J'))).toMatchObject({ ok: false, error: { code: 'CARD_TEXT_INCONSISTENT', details: { field: 'idNumber' } } });
  });
});

describe('the text block of a foreign permanent resident card', () => {
  it('reads the 2017 card (I): English name first, card number, nationality, Chinese name, birth date at the end', () => {
    const holder = decoded(
      block(
        [
          [0, 'MUELLER, ANNA KATHARINA'],
          [120, '2'],
          [122, 'DEU110088030701'],
          [152, 'DEU'],
          [158, '安娜'],
          [188, '20170301'],
          [204, '20270301'],
          [220, '19880307'],
          [236, '01'],
          [240, '1100'],
        ],
        'I',
      ),
    );
    expect(holder).toEqual({
      cardType: 'foreign2017',
      name: '安娜',
      englishName: 'MUELLER, ANNA KATHARINA',
      sex: 'female',
      nationality: 'DEU',
      birthDate: '1988-03-07',
      idNumber: 'DEU110088030701',
      validFrom: '2017-03-01',
      validTo: '2027-03-01',
      cardVersion: '01',
      authorityCode: '1100',
    });
  });

  it('reads the 2023 card (Y): the English name joined from its two parts', () => {
    const id = withCheck('93125019901005001');
    const english = 'KOWALSKI-NOWAK, ALEKSANDER MAXIMILIAN';
    const holder = decoded(
      block(
        [
          [0, '亚历山大'],
          [30, '1'],
          [32, '01'],
          [36, '19901005'],
          [52, english.slice(0, 35)],
          [122, id],
          [188, '20240301'],
          [204, '20340301'],
          [220, english.slice(35)],
          [242, 'POL'],
        ],
        'Y',
      ),
    );
    expect(holder).toEqual({
      cardType: 'foreign2023',
      name: '亚历山大',
      englishName: english,
      sex: 'male',
      nationality: 'POL',
      birthDate: '1990-10-05',
      idNumber: id,
      validFrom: '2024-03-01',
      validTo: '2034-03-01',
      issueCount: 1,
    });
  });
});

describe('encoding for the simulator', () => {
  it.each(DEMO_CARD_HOLDERS.map((h) => [h.cardType, h.name, h] as const))('writes the %s card of %s so that it reads back the same', (_type, _name, holder) => {
    const buf = encodeCardText(holder);
    expect(buf).toHaveLength(256);
    expect(decoded(buf)).toEqual(holder);
  });

  it('refuses a value longer than its field', () => {
    expect(() => encodeCardText({ ...DEMO_RESIDENT, name: '名'.repeat(16) })).toThrow(RangeError);
  });
});

describe('GB 3304 nations', () => {
  it('knows all 56 nations by code, and 97 and 98', () => {
    expect(NATIONS.size).toBe(58);
    expect(nationName('01')).toBe('汉');
    expect(nationName('10')).toBe('朝鲜');
    expect(nationName('56')).toBe('基诺');
    expect(nationName('97')).toBe('其他');
    expect(nationName('98')).toBe('外国血统中国籍人士');
    expect(nationName('57')).toBeUndefined();
    expect(new Set(NATIONS.values()).size).toBe(58);
  });

  it('finds the code from the name, with or without 族', () => {
    expect(nationCode('蒙古族')).toBe('02');
    expect(nationCode('土家')).toBe('15');
    expect(nationCode('土')).toBe('30');
  });
});

describe('the text decoder under fuzzing', () => {
  it('never throws on any 256 bytes, and whatever it accepts has a valid ID number', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.constantFrom(' ', 'J', 'I', 'Y'), (bytes, mark) => {
        const buf = Buffer.from(bytes);
        Buffer.from(mark, 'utf16le').copy(buf, 248);
        const r = decodeCardText(buf, { today: '2026-11-28' });
        if (r.ok) expect(parseIdNumber(r.value.idNumber).ok).toBe(true);
      }),
    );
  });

  it('never throws when one field of a real card is overwritten with random bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEMO_CARD_HOLDERS), fc.nat(255), fc.uint8Array({ minLength: 1, maxLength: 40 }), (holder, at, noise) => {
        const buf = encodeCardText(holder);
        Buffer.from(noise).copy(buf, at);
        const r = decodeCardText(buf);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});

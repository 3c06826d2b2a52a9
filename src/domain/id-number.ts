import { type LocalDate, isLocalDate } from './local-date';
import { DomainFailure, type Result, fail, ok } from './result';

/**
 * resident: 居民身份证 (GB 11643-1999); permit: 港澳台居民居住证 (81 Hong Kong, 82 Macao, 83 Taiwan);
 * foreign2017 / foreign2023: 外国人永久居留身份证, old 15-character and new 18-digit numbers.
 */
export type IdDocumentKind = 'resident' | 'permit' | 'foreign2017' | 'foreign2023';

export interface IdDocument {
  kind: IdDocumentKind;
  /** Normalised: no spaces, half-width, upper-case X. */
  number: string;
  /**
   * GB/T 2260 code: the full 6-digit address code for residents, '810000'/'820000'/'830000' for
   * permits, the accepting province (+ city for 2017 cards) for foreigners.
   */
  regionCode?: string;
  birthDate?: LocalDate;
  sex?: 'male' | 'female';
}

// GB 11643-1999: ISO 7064 MOD 11-2 over the 17 body digits.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (31 mainland provinces and 71 Taiwan). Only this part is
 * checked: prefecture and county codes are renamed and abolished over the years, but numbers issued
 * under an old code stay valid for life, so a full code table would reject real people.
 */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71',
]);
/** Where a foreigner's card can be accepted: the mainland provinces. */
const MAINLAND_PROVINCES = new Set([...PROVINCES].filter((p) => p !== '71'));
/** Residence permits of Hong Kong, Macao and Taiwan residents: 81/82/83 then 0000. */
const PERMIT_PREFIXES = new Set(['81', '82', '83']);

/** A living applicant at the window was born after 1900. */
const EARLIEST_LIVING_BIRTH = '1900-01-01';
// GB 11643's own example 440524188001010014 is born in 1880: the encoding admits the 19th century.
const EARLIEST_ENCODED_BIRTH = '1800-01-01';

/** The GB 11643 check character ('0'..'9' or 'X') of a 17-digit body. */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainFailure('ID_NUMBER_FORMAT', 'The check character needs exactly 17 digits', { body: first17 });
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Strips spaces, turns full-width digits and letters (typed with a Chinese IME) into ASCII, upper-cases. */
export function normaliseIdNumber(raw: string): string {
  return String(raw ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toUpperCase();
}

const isoDate = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

function checkBirthDate(digits: string, today: LocalDate | undefined): Result<LocalDate> {
  const date = isoDate(digits);
  if (!isLocalDate(date)) {
    return fail('ID_NUMBER_BIRTH_DATE', `The birth date part ${digits} is not a calendar date`, { birthDate: digits, reason: 'not-a-date' });
  }
  const earliest = today === undefined ? EARLIEST_ENCODED_BIRTH : EARLIEST_LIVING_BIRTH;
  if (date < earliest) {
    return fail('ID_NUMBER_BIRTH_DATE', `The birth date ${date} is before ${earliest}`, { birthDate: date, reason: 'too-early', earliest });
  }
  if (today !== undefined && date > today) {
    return fail('ID_NUMBER_BIRTH_DATE', `The birth date ${date} is after today (${today})`, { birthDate: date, reason: 'in-future', today });
  }
  return ok(date);
}

function firstBadCharacter(number: string, allowed: (c: string, i: number) => boolean): Record<string, unknown> {
  const i = [...number].findIndex((c, index) => !allowed(c, index));
  return i < 0 ? {} : { position: i + 1, character: number[i] };
}

function parseForeign2017(number: string, today: LocalDate | undefined): Result<IdDocument> {
  // Layout of the 2004/2017 card: nationality (ISO 3166 alpha-3), 4-digit accepting-place code
  // (province + city), birth date YYMMDD, serial. No published check character is verified here.
  const province = number.slice(3, 5);
  if (!MAINLAND_PROVINCES.has(province)) {
    return fail('ID_NUMBER_REGION', `${province} is not a province code of GB/T 2260`, { provinceCode: province });
  }
  const yymmdd = number.slice(7, 13);
  const candidates = ['19', '20'].map((c) => checkBirthDate(c + yymmdd, today));
  if (!candidates.some((c) => c.ok)) {
    return fail('ID_NUMBER_BIRTH_DATE', `The birth date part ${yymmdd} is not a possible date`, { birthDate: yymmdd, reason: 'not-a-date' });
  }
  return ok({ kind: 'foreign2017', number, regionCode: `${number.slice(3, 7)}00` });
}

/**
 * Validates the number of an identity document presented at a window, with one reason per failure:
 * ID_NUMBER_EMPTY, ID_NUMBER_LENGTH, ID_NUMBER_FORMAT, ID_NUMBER_REGION, ID_NUMBER_BIRTH_DATE,
 * ID_NUMBER_CHECK_DIGIT (details.expected is the character the body calls for).
 *
 * Without `today` the number's structure is checked (birth dates from 1800, as GB 11643's example
 * born in 1880 shows); with `today` it is checked as a living applicant's: born 1900-01-01..today.
 */
export function parseIdNumber(raw: string, today?: LocalDate): Result<IdDocument> {
  if (today !== undefined && !isLocalDate(today)) {
    throw new DomainFailure('DATE_INVALID', `Not a calendar date: ${today}`, { value: today });
  }
  const number = normaliseIdNumber(raw);
  if (number === '') return fail('ID_NUMBER_EMPTY', 'No ID number was entered');

  if (number.length === 15) {
    if (/^[A-Z]{3}\d{12}$/.test(number)) return parseForeign2017(number, today);
    if (/^\d{15}$/.test(number)) {
      return fail('ID_NUMBER_LENGTH', 'A 15-digit first-generation ID number is no longer valid; the 18-character number is needed', {
        length: 15,
        expected: 18,
        firstGeneration: true,
      });
    }
    return fail('ID_NUMBER_FORMAT', 'A 15-character number must be 3 letters and 12 digits (foreign permanent resident card, 2017)', {
      expected: '3 letters + 12 digits',
      ...firstBadCharacter(number, (c, i) => (i < 3 ? /[A-Z]/.test(c) : /\d/.test(c))),
    });
  }
  if (number.length !== 18) {
    return fail('ID_NUMBER_LENGTH', `An ID number has 18 characters, this one has ${number.length}`, {
      length: number.length,
      expected: 18,
    });
  }
  if (!/^\d{17}[\dX]$/.test(number)) {
    return fail('ID_NUMBER_FORMAT', 'An ID number is 17 digits followed by a digit or X', {
      expected: '17 digits + digit or X',
      ...firstBadCharacter(number, (c, i) => /\d/.test(c) || (i === 17 && c === 'X')),
    });
  }

  let kind: IdDocumentKind;
  let regionCode: string;
  const prefix = number.slice(0, 2);
  if (number[0] === '9') {
    // 2023 card: 9, accepting province (2), nationality (3, ISO 3166 numeric, not checked), then
    // birth date, serial and check character in the places of a resident ID.
    kind = 'foreign2023';
    const province = number.slice(1, 3);
    if (!MAINLAND_PROVINCES.has(province)) {
      return fail('ID_NUMBER_REGION', `${province} is not a province code of GB/T 2260`, { provinceCode: province });
    }
    regionCode = `${province}0000`;
  } else if (PERMIT_PREFIXES.has(prefix)) {
    kind = 'permit';
    if (number.slice(2, 6) !== '0000') {
      return fail('ID_NUMBER_REGION', `A residence permit number starts ${prefix}0000, this one ${number.slice(0, 6)}`, {
        regionCode: number.slice(0, 6),
        expected: `${prefix}0000`,
      });
    }
    regionCode = number.slice(0, 6);
  } else {
    kind = 'resident';
    if (!PROVINCES.has(prefix)) {
      return fail('ID_NUMBER_REGION', `${prefix} is not a province code of GB/T 2260`, { provinceCode: prefix, regionCode: number.slice(0, 6) });
    }
    regionCode = number.slice(0, 6);
  }

  const birth = checkBirthDate(number.slice(6, 14), today);
  if (!birth.ok) return birth;

  const expected = idCheckCharacter(number.slice(0, 17));
  if (number[17] !== expected) {
    return fail('ID_NUMBER_CHECK_DIGIT', `The check character should be ${expected}, not ${number[17]}: a digit was probably mistyped`, {
      expected,
      found: number[17],
    });
  }

  // GB 11643: odd sequence numbers are given to men, even ones to women.
  const sex = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ kind, number, regionCode, birthDate: birth.value, sex });
}

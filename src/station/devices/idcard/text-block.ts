import { parseIdNumber, type IdDocumentKind } from '../../../domain/id-number';
import { isLocalDate } from '../../../domain/local-date';
import { fail, ok, type Result } from '../../../domain/result';
import { nationCode, nationName } from './nations';

/**
 * The 256-byte text block of a card: UCS-2 little-endian, space padded, fields at fixed byte offsets
 * that depend on the card type stored at bytes 248-249 (space: resident ID, 'J': residence permit of
 * HK/Macao/Taiwan residents, 'I': foreign permanent resident card 2017, 'Y': the 2023 card).
 */
export const TEXT_BLOCK_BYTES = 256;
const TYPE_OFFSET = 248;

export type CardType = IdDocumentKind;
export type Sex = 'male' | 'female' | 'unknown' | 'unspecified';

export interface CardHolder {
  cardType: CardType;
  /** The Chinese name; for a 2017 foreign card without one, the English name. */
  name: string;
  englishName?: string;
  sex: Sex;
  /** Ethnic group (resident ID only), by its GB 3304 name and code. */
  nation?: string;
  nationCode?: string;
  /** ISO 3166 alpha-3 (foreign cards). */
  nationality?: string;
  birthDate: string;
  address?: string;
  /** The 18-character number, or the 15-character number of a 2017 foreign card. */
  idNumber: string;
  issuer?: string;
  validFrom: string;
  /** 'YYYY-MM-DD' or '长期' (valid for life). */
  validTo: string;
  /** Pass number of a HK/Macao/Taiwan resident's residence permit. */
  passNumber?: string;
  /** How many times the permit was issued, or the renewal count of a 2023 foreign card. */
  issueCount?: number;
  /** 2017 foreign card: card version and the code of the issuing authority. */
  cardVersion?: string;
  authorityCode?: string;
}

type Field = readonly [offset: number, bytes: number];

const LAYOUT = {
  resident: {
    name: [0, 30], sex: [30, 2], nation: [32, 4], birthDate: [36, 16], address: [52, 70], idNumber: [122, 36],
    issuer: [158, 30], validFrom: [188, 16], validTo: [204, 16],
  },
  permit: {
    name: [0, 30], sex: [30, 2], birthDate: [36, 16], address: [52, 70], idNumber: [122, 36], issuer: [158, 30],
    validFrom: [188, 16], validTo: [204, 16], passNumber: [220, 18], issueCount: [238, 4],
  },
  foreign2017: {
    englishName: [0, 120], sex: [120, 2], idNumber: [122, 30], nationality: [152, 6], name: [158, 30],
    validFrom: [188, 16], validTo: [204, 16], birthDate: [220, 16], cardVersion: [236, 4], authorityCode: [240, 8],
  },
  foreign2023: {
    name: [0, 30], sex: [30, 2], issueCount: [32, 4], birthDate: [36, 16], englishName1: [52, 70], idNumber: [122, 36],
    validFrom: [188, 16], validTo: [204, 16], englishName2: [220, 22], nationality: [242, 6],
  },
} as const satisfies Record<CardType, Record<string, Field>>;

const TYPE_CHAR: Record<CardType, string> = { resident: ' ', permit: 'J', foreign2017: 'I', foreign2023: 'Y' };

const SEX_BY_CODE: Record<string, Sex> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };
const CODE_BY_SEX: Record<Sex, string> = { unknown: '0', male: '1', female: '2', unspecified: '9' };

const FIELD_NAMES: Record<string, string> = {
  name: '姓名', sex: '性别', birthDate: '出生日期', idNumber: '证件号码', validFrom: '有效期起始日期', validTo: '有效期截止日期',
};

const PERMANENT = '长期';

function field(buf: Buffer, [offset, bytes]: Field): string {
  return buf
    .subarray(offset, offset + bytes)
    .toString('utf16le')
    .replaceAll('\u0000', ' ')
    .trim();
}

const invalid = (key: string, value: string, why: string): Result<never> =>
  fail('CARD_TEXT_INVALID', `身份证信息中的${FIELD_NAMES[key] ?? key}“${value}”${why}，请拿起身份证后重新放置`, { field: key, value });

function date(key: string, value: string, allowPermanent = false): Result<string> {
  if (allowPermanent && value === PERMANENT) return ok(PERMANENT);
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  if (!/^\d{8}$/u.test(value) || !isLocalDate(iso)) return invalid(key, value, '不是有效日期');
  return ok(iso);
}

function cardTypeOf(buf: Buffer): CardType | null {
  const ch = buf.subarray(TYPE_OFFSET, TYPE_OFFSET + 2).toString('utf16le');
  if (ch === ' ' || ch === '\u0000') return 'resident';
  if (ch === 'J') return 'permit';
  if (ch === 'I') return 'foreign2017';
  if (ch === 'Y') return 'foreign2023';
  return null;
}

export interface DecodeOptions {
  /** Today in Asia/Shanghai: a card holder cannot be born after it. */
  today?: string;
}

/** Decodes and checks the text block of any of the four card types. */
export function decodeCardText(buf: Buffer, opts: DecodeOptions = {}): Result<CardHolder> {
  if (buf.length !== TEXT_BLOCK_BYTES) {
    return fail('CARD_TEXT_LENGTH', `身份证文字信息应为 ${TEXT_BLOCK_BYTES} 字节，收到 ${buf.length} 字节`, { length: buf.length });
  }
  const cardType = cardTypeOf(buf);
  if (cardType === null) {
    const code = buf.subarray(TYPE_OFFSET, TYPE_OFFSET + 2).toString('hex');
    return fail('CARD_TYPE_UNKNOWN', `无法识别的证件类型（标记 ${code}），请放置居民身份证、居住证或外国人永久居留身份证`, { typeMark: code });
  }
  const layout: Record<string, Field> = LAYOUT[cardType];
  const get = (key: string): string => {
    const f = layout[key];
    return f ? field(buf, f) : '';
  };

  // The 2023 card splits the English name over two fields: part 1 is full when part 2 is used.
  const raw = (key: string): string => {
    const f = layout[key];
    return f ? buf.subarray(f[0], f[0] + f[1]).toString('utf16le') : '';
  };
  const englishName =
    cardType === 'foreign2017' ? get('englishName') : cardType === 'foreign2023' ? `${raw('englishName1')}${raw('englishName2')}`.replaceAll('\u0000', ' ').trimEnd() : '';
  const name = get('name') || englishName;
  if (name === '') return invalid('name', '', '为空');

  const sexCode = get('sex');
  const sex = SEX_BY_CODE[sexCode];
  if (!sex) return invalid('sex', sexCode, '不是性别代码（0、1、2、9）');

  const birthDate = date('birthDate', get('birthDate'));
  if (!birthDate.ok) return birthDate;
  const validFrom = date('validFrom', get('validFrom'));
  if (!validFrom.ok) return validFrom;
  const validTo = date('validTo', get('validTo'), true);
  if (!validTo.ok) return validTo;

  const idNumber = get('idNumber');
  const parsed = parseIdNumber(idNumber, opts.today);
  if (!parsed.ok) {
    return fail(parsed.error.code, `身份证中的证件号码无效，请拿起身份证后重新放置（${parsed.error.message}）`, {
      field: 'idNumber',
      ...parsed.error.details,
    });
  }
  const doc = parsed.value;
  if (doc.kind !== cardType) {
    return fail('CARD_TEXT_INCONSISTENT', `证件号码的类型（${doc.kind}）与卡片类型（${cardType}）不符，请拿起身份证后重新放置`, {
      field: 'idNumber',
      cardType,
      numberKind: doc.kind,
    });
  }
  if (doc.birthDate !== undefined && doc.birthDate !== birthDate.value) {
    return fail('CARD_TEXT_INCONSISTENT', `证件号码中的出生日期与卡上的出生日期（${birthDate.value}）不符，请拿起身份证后重新放置`, {
      field: 'birthDate',
    });
  }
  if (doc.sex !== undefined && (sex === 'male' || sex === 'female') && doc.sex !== sex) {
    return fail('CARD_TEXT_INCONSISTENT', '证件号码中的性别与卡上的性别不符，请拿起身份证后重新放置', { field: 'sex' });
  }

  const holder: CardHolder = { cardType, name, sex, birthDate: birthDate.value, idNumber: doc.number, validFrom: validFrom.value, validTo: validTo.value };
  if (englishName !== '') holder.englishName = englishName;
  const optional = (key: keyof CardHolder & string) => {
    const v = get(key);
    if (v !== '') (holder as unknown as Record<string, unknown>)[key] = v;
  };
  if (cardType === 'resident') {
    const code = get('nation');
    if (code !== '') {
      holder.nationCode = code;
      const n = nationName(code);
      if (n !== undefined) holder.nation = n;
    }
  }
  optional('address');
  optional('issuer');
  optional('nationality');
  optional('passNumber');
  optional('cardVersion');
  optional('authorityCode');
  const count = get('issueCount');
  if (count !== '') {
    if (!/^\d+$/u.test(count)) return invalid('issueCount', count, '不是数字');
    holder.issueCount = Number(count);
  }
  return ok(holder);
}

function put(buf: Buffer, key: string, [offset, bytes]: Field, value: string): void {
  const encoded = Buffer.from(value, 'utf16le');
  if (encoded.length > bytes) throw new RangeError(`${key} "${value}" is longer than ${bytes / 2} characters`);
  encoded.copy(buf, offset);
}

const compact = (d: string): string => (d === PERMANENT ? d : d.replaceAll('-', ''));

/**
 * Writes a card holder as the reader would deliver the text block (for the simulator and tests:
 * synthetic people only).
 */
export function encodeCardText(holder: CardHolder): Buffer {
  const buf = Buffer.from(' '.repeat(TEXT_BLOCK_BYTES / 2), 'utf16le');
  const layout: Record<string, Field> = LAYOUT[holder.cardType];
  const set = (key: string, value: string | undefined) => {
    const f = layout[key];
    if (f && value !== undefined) put(buf, key, f, value);
  };
  const english = holder.englishName ?? '';
  if (holder.cardType === 'foreign2017') {
    set('englishName', english || holder.name);
    if (holder.name !== english) set('name', holder.name);
  } else {
    set('name', holder.name);
  }
  if (holder.cardType === 'foreign2023') {
    const first = english.slice(0, 35);
    set('englishName1', first);
    set('englishName2', english.slice(first.length));
  }
  set('sex', CODE_BY_SEX[holder.sex]);
  if (holder.cardType === 'resident') set('nation', holder.nationCode ?? (holder.nation !== undefined ? nationCode(holder.nation) : undefined));
  set('birthDate', compact(holder.birthDate));
  set('address', holder.address);
  set('idNumber', holder.idNumber);
  set('issuer', holder.issuer);
  set('validFrom', compact(holder.validFrom));
  set('validTo', compact(holder.validTo));
  set('nationality', holder.nationality);
  set('passNumber', holder.passNumber);
  set('issueCount', holder.issueCount === undefined ? undefined : String(holder.issueCount).padStart(2, '0'));
  set('cardVersion', holder.cardVersion);
  set('authorityCode', holder.authorityCode);
  buf.write(TYPE_CHAR[holder.cardType], TYPE_OFFSET, 'utf16le');
  return buf;
}

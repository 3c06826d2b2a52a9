import { type LocalDate, isLocalDate } from './local-date';
import { DomainFailure, type Result, fail, ok } from './result';

/** Zone (or item-group) prefix of a ticket: letters only, so 'A001' reads back unambiguously. */
const TICKET_PREFIX = /^[A-Z]{1,3}$/;

/** The largest daily serial a ticket number of this width can show (999 for width 3). */
export function maxTicketSerial(width = 3): number {
  if (!Number.isInteger(width) || width < 1 || width > 6) {
    throw new DomainFailure('TICKET_WIDTH_INVALID', `A ticket serial width must be 1..6 digits, got ${width}`, { width });
  }
  return 10 ** width - 1;
}

/** 'A001': zone prefix + daily serial, zero-padded to `width` digits (the serial restarts each day). */
export function formatTicketNumber(zoneCode: string, serial: number, width = 3): string {
  const max = maxTicketSerial(width);
  if (!TICKET_PREFIX.test(zoneCode)) {
    throw new DomainFailure('TICKET_PREFIX_INVALID', `A ticket prefix is 1 to 3 capital letters, got "${zoneCode}"`, { zoneCode });
  }
  if (!Number.isInteger(serial) || serial < 1) {
    throw new DomainFailure('TICKET_SERIAL_INVALID', `A ticket serial is a whole number from 1, got ${serial}`, { zoneCode, serial });
  }
  if (serial > max) {
    // Wrapping round to 001 would give two people the same number on one day.
    throw new DomainFailure('TICKET_SERIAL_EXHAUSTED', `Zone ${zoneCode} has issued all ${max} ticket numbers of today`, {
      zoneCode,
      serial,
      max,
    });
  }
  return zoneCode + String(serial).padStart(width, '0');
}

/** Reads 'A001' back into its prefix and serial. */
export function parseTicketNumber(s: string): Result<{ zoneCode: string; serial: number }> {
  const m = /^([A-Z]{1,3})(\d{1,6})$/.exec(s.trim().toUpperCase());
  const serial = m ? Number(m[2]) : 0;
  if (!m || serial < 1) {
    return fail('TICKET_NUMBER_FORMAT', `Not a ticket number: "${s}"`, { value: s });
  }
  return ok({ zoneCode: m[1]!, serial });
}

export interface CaseNumberParts {
  /** The hall or town/community centre, e.g. 'TS' (no '-'). */
  siteCode: string;
  /** The day of intake (Asia/Shanghai). */
  date: LocalDate;
  /** The window that took the case in, e.g. 'A3' (no '-'). */
  windowCode: string;
  /** Daily serial of that window, 1..9999. */
  serial: number;
}

const CODE = /^[A-Z0-9]{1,8}$/;
const CASE_NUMBER = /^([A-Z0-9]{1,8})-(\d{4})(\d{2})(\d{2})-([A-Z0-9]{1,8})-(\d{4})$/;
export const MAX_CASE_SERIAL = 9999;

/**
 * 'TS-20261128-A3-0007'. Each window numbers its own cases per day, so stations mint case numbers
 * offline without asking anyone; site and window codes contain no '-', which keeps the number
 * unambiguous and hence unique across the hall.
 */
export function formatCaseNumber(p: CaseNumberParts): string {
  if (!CODE.test(p.siteCode)) {
    throw new DomainFailure('CASE_NUMBER_PART_INVALID', `A site code is 1..8 capital letters or digits, got "${p.siteCode}"`, { siteCode: p.siteCode });
  }
  if (!CODE.test(p.windowCode)) {
    throw new DomainFailure('CASE_NUMBER_PART_INVALID', `A window code is 1..8 capital letters or digits, got "${p.windowCode}"`, { windowCode: p.windowCode });
  }
  if (!isLocalDate(p.date)) {
    throw new DomainFailure('CASE_NUMBER_PART_INVALID', `Not a date: "${p.date}"`, { date: p.date });
  }
  if (!Number.isInteger(p.serial) || p.serial < 1) {
    throw new DomainFailure('CASE_NUMBER_PART_INVALID', `A case serial is a whole number from 1, got ${p.serial}`, { serial: p.serial });
  }
  if (p.serial > MAX_CASE_SERIAL) {
    throw new DomainFailure('CASE_SERIAL_EXHAUSTED', `Window ${p.windowCode} has used all ${MAX_CASE_SERIAL} case numbers of ${p.date}`, {
      windowCode: p.windowCode,
      date: p.date,
    });
  }
  return `${p.siteCode}-${p.date.replaceAll('-', '')}-${p.windowCode}-${String(p.serial).padStart(4, '0')}`;
}

export function parseCaseNumber(s: string): Result<CaseNumberParts> {
  const m = CASE_NUMBER.exec(s.trim().toUpperCase());
  if (!m) {
    return fail('CASE_NUMBER_FORMAT', `Not a case number (like TS-20261128-A3-0007): "${s}"`, { value: s });
  }
  const date = `${m[2]}-${m[3]}-${m[4]}`;
  const serial = Number(m[6]);
  if (!isLocalDate(date) || serial < 1) {
    return fail('CASE_NUMBER_FORMAT', `The case number ${s} holds no real date or serial`, { value: s });
  }
  return ok({ siteCode: m[1]!, date, windowCode: m[5]!, serial });
}

export type NoticeKind = 'acceptance' | 'deferral' | 'correction' | 'rejection';

/** 受理 SL, 容缺 RQ, 补正 BZ, 不予受理 BY: pinyin initials, as clerks say them. */
export const NOTICE_SUFFIX: Readonly<Record<NoticeKind, string>> = {
  acceptance: 'SL',
  deferral: 'RQ',
  correction: 'BZ',
  rejection: 'BY',
};

/**
 * The number printed on a notice: the case number + '-SL' / '-RQ' / '-BZ' / '-BY'. A second notice
 * of the same kind for one case (say a second correction notice after resubmission) passes
 * `sequence` 2, 3, ... and gets '-BZ2', '-BZ3'.
 */
export function formatNoticeNumber(caseNo: string, kind: NoticeKind, sequence = 1): string {
  const parsed = parseCaseNumber(caseNo);
  if (!parsed.ok) throw new DomainFailure('CASE_NUMBER_FORMAT', parsed.error.message, parsed.error.details);
  const suffix = NOTICE_SUFFIX[kind];
  if (!suffix) throw new DomainFailure('NOTICE_KIND_INVALID', `Unknown notice kind "${String(kind)}"`, { kind });
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99) {
    throw new DomainFailure('NOTICE_SEQUENCE_INVALID', `A notice sequence is 1..99, got ${sequence}`, { sequence });
  }
  return `${formatCaseNumber(parsed.value)}-${suffix}${sequence === 1 ? '' : sequence}`;
}

export function parseNoticeNumber(s: string): Result<{ caseNo: string; kind: NoticeKind; sequence: number }> {
  const m = /^(.*)-(SL|RQ|BZ|BY)([2-9]|[1-9]\d)?$/.exec(s.trim().toUpperCase());
  const caseNo = m ? parseCaseNumber(m[1]!) : undefined;
  if (!m || !caseNo?.ok) {
    return fail('NOTICE_NUMBER_FORMAT', `Not a notice number (like TS-20261128-A3-0007-SL): "${s}"`, { value: s });
  }
  const kind = (Object.keys(NOTICE_SUFFIX) as NoticeKind[]).find((k) => NOTICE_SUFFIX[k] === m[2])!;
  return ok({ caseNo: formatCaseNumber(caseNo.value), kind, sequence: m[3] ? Number(m[3]) : 1 });
}

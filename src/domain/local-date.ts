import { DomainFailure } from './result';

/**
 * A date that matters to people ('YYYY-MM-DD'): a deadline, the queue day, a birth date.
 * The hall lives in Asia/Shanghai; instants are stored in UTC and turned into local dates only here.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
// China has used UTC+8 without daylight saving since 1991; a fixed offset avoids depending on the
// time-zone database of whatever runtime (Electron, a browser, Node) the code happens to run in.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date written 'YYYY-MM-DD' (years 0001..9999). */
export function isLocalDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = LOCAL_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(d: LocalDate): [number, number, number] {
  if (!isLocalDate(d)) {
    throw new DomainFailure('DATE_INVALID', `Not a calendar date (YYYY-MM-DD): ${String(d)}`, { value: d });
  }
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Days since 1970-01-01 (negative before). Integer arithmetic on the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil), so no Date object and no time zone is involved.
 */
export function toDayNumber(d: LocalDate): number {
  const [y0, m, day] = parts(d);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of toDayNumber. */
export function fromDayNumber(n: number): LocalDate {
  if (!Number.isInteger(n)) {
    throw new DomainFailure('DATE_INVALID', `Not a whole day number: ${n}`, { value: n });
  }
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) {
    throw new DomainFailure('DATE_INVALID', `Day number ${n} is outside years 0001..9999`, { value: n });
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The local date in Asia/Shanghai (UTC+8) of an instant. */
export function localDateInShanghai(instant: Date): LocalDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new DomainFailure('DATE_INVALID', 'Invalid instant', { value: String(instant) });
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** The instant at which a local date starts in Asia/Shanghai (00:00 UTC+8). */
export function startOfLocalDate(d: LocalDate): Date {
  return new Date(toDayNumber(d) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new DomainFailure('DATE_INVALID', `Not a whole number of days: ${n}`, { value: n });
  return fromDayNumber(toDayNumber(d) + n);
}

/** 0 Sunday .. 6 Saturday. */
export function dayOfWeek(d: LocalDate): number {
  // 1970-01-01 was a Thursday.
  return (((toDayNumber(d) + 4) % 7) + 7) % 7;
}

/** Negative, zero or positive like a sort comparator; both must be valid dates. */
export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  parts(a);
  parts(b);
  // Fixed-width 'YYYY-MM-DD' sorts like the dates it names.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(d: LocalDate): number {
  return parts(d)[0];
}

/** 'YYYYMMDD', as inside case numbers. */
export function compactLocalDate(d: LocalDate): string {
  parts(d);
  return d.replaceAll('-', '');
}

/** '2026年11月28日', as printed on notices. */
export function formatChineseDate(d: LocalDate): string {
  const [y, m, day] = parts(d);
  return `${y}年${m}月${day}日`;
}

import { type LocalDate, dayOfWeek, fromDayNumber, isLocalDate, toDayNumber, yearOf } from './local-date';
import { DomainFailure } from './result';

/**
 * One year of the State Council holiday arrangement. Also the JSON format of
 * resources/calendar/YYYY.json, which an administrator updates on the hall server each November.
 */
export interface CalendarYear {
  year: number;
  /** The notice the data was copied from, so a clerk can check it. */
  source: string;
  /** Statutory holidays (inclusive ranges), days off even when they fall on a weekday. */
  holidays: Array<{ from: LocalDate; to: LocalDate; name: string }>;
  /** Make-up working days (调休上班): weekend days on which the hall works. */
  workdays: Array<{ date: LocalDate; name: string }>;
  /**
   * The hall's revision of an entered (official) year: 1 for the first entry, one more for each
   * correction. Absent in resources/calendar (read as 1). A provisional year is revision 0.
   */
  revision?: number;
}

/** Entered from the State Council's notice, or derived from the statute until the notice is entered. */
export type CalendarYearStatus = 'official' | 'provisional';

/** Which revision of a year a date was computed on: 0 is the provisional year, 1.. the entered ones. */
export interface CalendarVersion {
  year: number;
  revision: number;
}

/**
 * Where a calendar finds a year nobody entered: the statute's provisional year (statutory-calendar.ts,
 * which brings the lunar library), for every year from `first` to `last`.
 */
export interface ProvisionalYears {
  first: number;
  last: number;
  derive(year: number): CalendarYear;
}

/** Days on which a special procedure (extension, hearing, inspection, expert review) stops the clock. */
export interface ClockPause {
  from: LocalDate;
  to: LocalDate;
}

type SpecialDay = { kind: 'holiday' | 'makeup'; name: string };

interface YearEntry {
  status: CalendarYearStatus;
  revision: number;
  data: CalendarYear;
}

/**
 * Built once by buildCalendar; every lookup is a map or range check on day numbers. Provisional
 * years are derived the first time a date in them is asked for and kept here (the answers never
 * change, only how much has been worked out), so a calendar over 2025..9999 costs what it uses.
 */
export interface WorkCalendar {
  /** Entered (official) years, ascending. */
  readonly years: readonly number[];
  /** Holidays and make-up working days by day number (see toDayNumber), of the years worked out so far. */
  readonly specialDays: Map<number, SpecialDay>;
  /** Inclusive day-number ranges of the years worked out so far, ascending, merged when adjacent. */
  readonly ranges: Array<[number, number]>;
  /** Each year worked out so far: entered, or derived from the statute. */
  readonly entries: Map<number, YearEntry>;
  readonly provisional: ProvisionalYears | null;
}

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  reason: DayReason;
  /** Holiday or make-up day name from the calendar data. */
  name?: string;
}

function invalid(message: string, details: Record<string, unknown>): never {
  throw new DomainFailure('CALENDAR_INVALID', message, details);
}

const yearStart = (year: number): number => toDayNumber(`${String(year).padStart(4, '0')}-01-01`);
const yearEnd = (year: number): number => toDayNumber(`${String(year).padStart(4, '0')}-12-31`);

/** The special days of one year, checked: what would silently give wrong deadlines is refused. */
function indexYear(y: CalendarYear): Map<number, SpecialDay> {
  const year = y?.year;
  if (!Number.isInteger(year) || year < 1900 || year > 9999) invalid(`Calendar year is not a year: ${String(year)}`, { year });
  const days = new Map<number, SpecialDay>();
  const checkDate = (date: unknown, what: string): number => {
    if (typeof date !== 'string' || !isLocalDate(date)) invalid(`${what} is not a date: ${String(date)}`, { year, date });
    if (yearOf(date) !== year) invalid(`${what} ${date} lies outside the calendar year ${year}`, { year, date });
    return toDayNumber(date);
  };
  const put = (day: number, entry: SpecialDay): void => {
    const date = fromDayNumber(day);
    const previous = days.get(day);
    if (previous && previous.kind !== entry.kind) {
      invalid(`${date} is both a holiday and a make-up working day`, { year, date });
    }
    if (previous) invalid(`${date} is listed twice`, { year, date });
    days.set(day, entry);
  };
  for (const h of y.holidays ?? []) {
    const from = checkDate(h?.from, 'Holiday start');
    const to = checkDate(h?.to, 'Holiday end');
    if (to < from) invalid(`Holiday ${h.name} ends (${h.to}) before it starts (${h.from})`, { year, date: h.from });
    for (let day = from; day <= to; day++) put(day, { kind: 'holiday', name: String(h.name ?? '') });
  }
  for (const w of y.workdays ?? []) {
    const day = checkDate(w?.date, 'Make-up working day');
    const weekday = dayOfWeek(w.date);
    if (weekday !== 0 && weekday !== 6) {
      invalid(`Make-up working day ${w.date} is not a Saturday or Sunday`, { year, date: w.date });
    }
    put(day, { kind: 'makeup', name: String(w.name ?? '') });
  }
  return days;
}

function addYear(cal: WorkCalendar, entry: YearEntry, days: Map<number, SpecialDay>): void {
  const year = entry.data.year;
  cal.entries.set(year, entry);
  for (const [day, special] of days) cal.specialDays.set(day, special);
  const start = yearStart(year);
  const end = yearEnd(year);
  const ranges = cal.ranges;
  ranges.push([start, end]);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && last[1] + 1 >= r[0]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  ranges.splice(0, ranges.length, ...merged);
}

/**
 * Checks and indexes the entered years. Refuses data that would silently give wrong deadlines:
 * a date outside its year, a range running backwards, a day listed twice, a day both off and
 * worked, a make-up working day on a weekday (it would change nothing: almost surely a typo).
 * With `provisional`, every year it covers that was not entered is derived from the statute when
 * first needed (statutory-calendar.ts: calendarInForce); without it, such a date is
 * CALENDAR_YEAR_UNKNOWN.
 */
export function buildCalendar(years: CalendarYear[], opts: { provisional?: ProvisionalYears | null } = {}): WorkCalendar {
  const cal: WorkCalendar = { years: [], specialDays: new Map(), ranges: [], entries: new Map(), provisional: opts.provisional ?? null };
  const seen = new Set<number>();
  for (const y of years) {
    const days = indexYear(y);
    if (seen.has(y.year)) invalid(`Calendar year ${y.year} is given twice`, { year: y.year });
    seen.add(y.year);
    const revision = y.revision ?? 1;
    addYear(cal, { status: 'official', revision, data: y }, days);
  }
  (cal.years as number[]).push(...[...seen].sort((a, b) => a - b));
  return cal;
}

/** The entered (official) years. */
export function knownYears(cal: WorkCalendar): number[] {
  return [...cal.years];
}

const LAST_DAY = toDayNumber('9999-12-31');

/** The year of a day number, also for the day after 9999-12-31 (10000), which no LocalDate names. */
function yearOfDay(day: number): number {
  return day > LAST_DAY ? 10_000 : yearOf(fromDayNumber(day));
}

function isKnownDay(cal: WorkCalendar, day: number): boolean {
  for (const [start, end] of cal.ranges) if (day >= start && day <= end) return true;
  return false;
}

/** The year's entry, deriving a provisional year on first use; null outside what the calendar covers. */
function entryOf(cal: WorkCalendar, year: number): YearEntry | null {
  const known = cal.entries.get(year);
  if (known) return known;
  const p = cal.provisional;
  if (!p || year < p.first || year > p.last) return null;
  const data = p.derive(year);
  const entry: YearEntry = { status: 'provisional', revision: 0, data };
  addYear(cal, entry, indexYear(data));
  return entry;
}

function requireKnown(cal: WorkCalendar, day: number): void {
  if (isKnownDay(cal, day)) return;
  const year = yearOfDay(day);
  if (year <= 9999 && entryOf(cal, year)) return;
  // Beyond the entered years and the statute's reach, guessing weekends-only would move deadlines.
  const p = cal.provisional;
  throw new DomainFailure(
    'CALENDAR_YEAR_UNKNOWN',
    p
      ? `No working-day calendar for ${year}: the hall derives years ${p.first}..${p.last} from the statute; other years must be entered on the hall server`
      : `No working-day calendar for ${year}: the holiday arrangement of ${year} must be entered on the hall server`,
    { year, knownYears: [...cal.years], ...(p ? { provisionalYears: [p.first, p.last] } : {}) },
  );
}

/**
 * Whether a year was entered or is derived from the statute, and its revision (0 when provisional);
 * null for a year the calendar does not cover.
 */
export function yearStatus(cal: WorkCalendar, year: number): { year: number; status: CalendarYearStatus; revision: number } | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  const e = entryOf(cal, year);
  return e ? { year, status: e.status, revision: e.revision } : null;
}

/** A year's holidays and make-up days as the calendar counts them (entered or derived); null outside it. */
export function calendarYearData(cal: WorkCalendar, year: number): CalendarYear | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  return entryOf(cal, year)?.data ?? null;
}

/**
 * The versions of every year from `from` to `to` (both included): what a date counted over that
 * span was computed on. Stations send it with an intake so the hall can check a promise made on a
 * provisional year after the official notice has replaced it.
 */
export function calendarVersionsBetween(cal: WorkCalendar, from: LocalDate, to: LocalDate): CalendarVersion[] {
  const [a, b] = [yearOf(from), yearOf(to)].sort((x, y) => x - y) as [number, number];
  const out: CalendarVersion[] = [];
  for (let year = a; year <= b; year++) {
    requireKnown(cal, yearStart(year));
    const e = cal.entries.get(year)!;
    out.push({ year, revision: e.revision });
  }
  return out;
}

/**
 * The years that are still provisional and that the hall should warn about on `today`: this year,
 * and from November 1 (when the State Council's notice is due) next year too.
 */
export function provisionalYearsToWarn(cal: WorkCalendar, today: LocalDate): number[] {
  const year = yearOf(today);
  const years = Number(today.slice(5, 7)) >= 11 ? [year, year + 1] : [year];
  return years.filter((y) => yearStatus(cal, y)?.status === 'provisional');
}

function working(cal: WorkCalendar, day: number): boolean {
  const special = cal.specialDays.get(day);
  if (special) return special.kind === 'makeup';
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

type PauseRange = readonly [number, number];

function pauseRanges(pauses: ClockPause[] | undefined): PauseRange[] {
  return (pauses ?? []).map((p) => {
    if (!isLocalDate(p.from) || !isLocalDate(p.to) || p.to < p.from) {
      throw new DomainFailure('CLOCK_PAUSE_INVALID', `Clock pause ${p.from}..${p.to} is not a date range`, {
        from: p.from,
        to: p.to,
      });
    }
    return [toDayNumber(p.from), toDayNumber(p.to)] as const;
  });
}

const paused = (ranges: PauseRange[], day: number): boolean => ranges.some(([a, b]) => day >= a && day <= b);

/** Weekends are off unless a make-up working day; statutory holidays are off. */
export function isWorkingDay(cal: WorkCalendar, date: LocalDate): boolean {
  const day = toDayNumber(date);
  requireKnown(cal, day);
  return working(cal, day);
}

/** Why a day is or is not a working day, for calendar screens and notices. */
export function dayInfo(cal: WorkCalendar, date: LocalDate): DayInfo {
  const day = toDayNumber(date);
  requireKnown(cal, day);
  const special = cal.specialDays.get(day);
  if (special) return { date, working: special.kind === 'makeup', reason: special.kind, name: special.name };
  const weekend = !working(cal, day);
  return { date, working: !weekend, reason: weekend ? 'weekend' : 'weekday' };
}

/**
 * The date n working days after `from` (Administrative Licensing Law art. 82: limits count working
 * days; the start day itself is not counted). n = 0 gives `from`. Days inside a clock pause are not
 * counted. Every date looked at (including `from`) must lie in a known year, otherwise
 * CALENDAR_YEAR_UNKNOWN names the missing year.
 */
export function addWorkingDays(cal: WorkCalendar, from: LocalDate, n: number, pauses?: ClockPause[]): LocalDate {
  if (!Number.isInteger(n) || n < 0) {
    throw new DomainFailure('WORKING_DAYS_INVALID', `A number of working days must be a whole number >= 0, got ${n}`, { n });
  }
  const stops = pauseRanges(pauses);
  let day = toDayNumber(from);
  requireKnown(cal, day);
  let counted = 0;
  while (counted < n) {
    day += 1;
    requireKnown(cal, day);
    if (working(cal, day) && !paused(stops, day)) counted += 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days after `from` up to and including `to`, pauses not counted: the inverse of
 * addWorkingDays. 0 when to = from; when `to` is before `from` the count runs the other way and
 * is negative (-workingDaysBetween(to, from)), so "days left" can go below zero for an overdue case.
 */
export function workingDaysBetween(cal: WorkCalendar, from: LocalDate, to: LocalDate, pauses?: ClockPause[]): number {
  const stops = pauseRanges(pauses);
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  requireKnown(cal, a);
  requireKnown(cal, b);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let counted = 0;
  for (let day = lo + 1; day <= hi; day++) {
    requireKnown(cal, day);
    if (working(cal, day) && !paused(stops, day)) counted += 1;
  }
  return counted === 0 ? 0 : sign * counted;
}

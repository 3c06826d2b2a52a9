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
}

/** Days on which a special procedure (extension, hearing, inspection, expert review) stops the clock. */
export interface ClockPause {
  from: LocalDate;
  to: LocalDate;
}

type SpecialDay = { kind: 'holiday' | 'makeup'; name: string };

/** Built once by buildCalendar; every lookup is a map or range check on day numbers. */
export interface WorkCalendar {
  /** Known years, ascending. */
  readonly years: readonly number[];
  /** Holidays and make-up working days by day number (see toDayNumber). */
  readonly specialDays: ReadonlyMap<number, SpecialDay>;
  /** Inclusive day-number ranges covered by the known years, ascending, merged when adjacent. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
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

/**
 * Checks and indexes the holiday data. Refuses data that would silently give wrong deadlines:
 * a date outside its year, a range running backwards, a day listed twice, a day both off and
 * worked, a make-up working day on a weekday (it would change nothing: almost surely a typo).
 */
export function buildCalendar(years: CalendarYear[]): WorkCalendar {
  const specialDays = new Map<number, SpecialDay>();
  const seen = new Set<number>();
  for (const y of years) {
    const year = y?.year;
    if (!Number.isInteger(year) || year < 1900 || year > 9999) invalid(`Calendar year is not a year: ${String(year)}`, { year });
    if (seen.has(year)) invalid(`Calendar year ${year} is given twice`, { year });
    seen.add(year);
    const checkDate = (date: unknown, what: string): number => {
      if (typeof date !== 'string' || !isLocalDate(date)) invalid(`${what} is not a date: ${String(date)}`, { year, date });
      if (yearOf(date) !== year) invalid(`${what} ${date} lies outside the calendar year ${year}`, { year, date });
      return toDayNumber(date);
    };
    const put = (day: number, entry: SpecialDay): void => {
      const date = fromDayNumber(day);
      const previous = specialDays.get(day);
      if (previous && previous.kind !== entry.kind) {
        invalid(`${date} is both a holiday and a make-up working day`, { year, date });
      }
      if (previous) invalid(`${date} is listed twice`, { year, date });
      specialDays.set(day, entry);
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
  }
  const sorted = [...seen].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const year of sorted) {
    const start = toDayNumber(`${String(year).padStart(4, '0')}-01-01`);
    const end = toDayNumber(`${String(year).padStart(4, '0')}-12-31`);
    const last = ranges[ranges.length - 1];
    if (last && last[1] + 1 === start) last[1] = end;
    else ranges.push([start, end]);
  }
  return { years: sorted, specialDays, ranges };
}

export function knownYears(cal: WorkCalendar): number[] {
  return [...cal.years];
}

function isKnownDay(cal: WorkCalendar, day: number): boolean {
  for (const [start, end] of cal.ranges) if (day >= start && day <= end) return true;
  return false;
}

function requireKnown(cal: WorkCalendar, day: number): void {
  if (isKnownDay(cal, day)) return;
  const year = yearOf(fromDayNumber(day));
  // Holiday arrangements are published each November: guessing weekends-only would move deadlines.
  throw new DomainFailure(
    'CALENDAR_YEAR_UNKNOWN',
    `No working-day calendar for ${year}: the holiday arrangement of ${year} must be entered on the hall server`,
    { year, knownYears: [...cal.years] },
  );
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

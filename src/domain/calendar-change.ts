import { buildCalendar, dayInfo, type CalendarYear, type CalendarYearStatus, type DayReason } from './calendar';
import { type LocalDate, addDays, compareLocalDate, fromDayNumber, toDayNumber, yearOf } from './local-date';

/**
 * What entering a year changes, day by day, and when that change needs the administrator to say
 * `force` (the trust issue's guard on destructive writes).
 */

export interface DayState {
  working: boolean;
  reason: DayReason;
  name?: string;
}

export interface DayChange {
  date: LocalDate;
  before: DayState;
  after: DayState;
}

const state = (info: ReturnType<typeof dayInfo>): DayState => ({ working: info.working, reason: info.reason, ...(info.name ? { name: info.name } : {}) });

/**
 * Every day of the year whose status changes (working or not, why, or the holiday's name), in date
 * order. `before` null: a year the hall never counted (only weekends rest).
 */
export function dayChanges(before: CalendarYear | null, after: CalendarYear): DayChange[] {
  const year = after.year;
  const a = buildCalendar(before ? [before] : [{ year, source: '', holidays: [], workdays: [] }]);
  const b = buildCalendar([after]);
  const out: DayChange[] = [];
  const end = toDayNumber(`${String(year).padStart(4, '0')}-12-31`);
  for (let day = toDayNumber(`${String(year).padStart(4, '0')}-01-01`); day <= end; day++) {
    const date = fromDayNumber(day);
    const x = state(dayInfo(a, date));
    const y = state(dayInfo(b, date));
    if (x.working !== y.working || x.reason !== y.reason || (x.name ?? '') !== (y.name ?? '')) out.push({ date, before: x, after: y });
  }
  return out;
}

/** One day as the month grid edits it: a rest day of a holiday, or a weekend day worked. */
export interface EditedDay {
  date: LocalDate;
  kind: 'holiday' | 'makeup';
  name: string;
}

/** The special days of a year, one by one (the month grid's starting point). */
export function specialDaysOf(y: CalendarYear): EditedDay[] {
  const out: EditedDay[] = [];
  for (const h of y.holidays) for (let d = h.from; compareLocalDate(d, h.to) <= 0; d = addDays(d, 1)) out.push({ date: d, kind: 'holiday', name: h.name });
  for (const w of y.workdays) out.push({ date: w.date, kind: 'makeup', name: w.name });
  return out.sort((p, q) => compareLocalDate(p.date, q.date));
}

/** A year from days edited on the grid: consecutive rest days of one name become one range. */
export function calendarYearFromDays(year: number, source: string, days: EditedDay[]): CalendarYear {
  const sorted = days.filter((d) => yearOf(d.date) === year).sort((p, q) => compareLocalDate(p.date, q.date));
  const holidays: CalendarYear['holidays'] = [];
  for (const d of sorted) {
    if (d.kind !== 'holiday') continue;
    const last = holidays[holidays.length - 1];
    if (last && last.name === d.name && addDays(last.to, 1) === d.date) last.to = d.date;
    else holidays.push({ from: d.date, to: d.date, name: d.name });
  }
  const workdays = sorted.filter((d) => d.kind === 'makeup').map((d) => ({ date: d.date, name: d.name }));
  return { year, source, holidays, workdays };
}

/** An open case's counting span: the days its deadline already counts on. */
export interface OpenDeadline {
  caseNo: string;
  acceptedOn: LocalDate;
  /** The deadline it counts towards; null while a special procedure stops its clock (open-ended). */
  dueDate: LocalDate | null;
}

export type GuardReason =
  /** The year would have no holidays at all: never what a notice says. */
  | { code: 'HOLIDAYS_EMPTIED'; holidaysBefore: number }
  /** Rest days of an entered year become working days while open cases count over them. */
  | { code: 'COUNTED_REST_DAYS_REMOVED'; dates: LocalDate[]; caseNos: string[]; cases: number };

/**
 * When saving a year needs `force`. Replacing a year's holidays with nothing always does. Turning
 * rest days of an ENTERED year into working days (a holiday taken out, a make-up day added) does
 * when open cases' deadlines count over those days: it would move deadlines the hall has promised.
 * Replacing a provisional year with the official notice does not: that is what provisional means,
 * and the hall moves the internal deadlines that come earlier (the promise printed stands).
 */
export function calendarChangeGuard(input: {
  beforeStatus: CalendarYearStatus | null;
  before: CalendarYear | null;
  after: CalendarYear;
  changes: DayChange[];
  openCases: OpenDeadline[];
}): GuardReason[] {
  const reasons: GuardReason[] = [];
  const holidaysBefore = input.before?.holidays.length ?? 0;
  if (input.after.holidays.length === 0 && holidaysBefore > 0) reasons.push({ code: 'HOLIDAYS_EMPTIED', holidaysBefore });
  if (input.beforeStatus === 'official') {
    const removed = input.changes.filter((c) => !c.before.working && c.after.working).map((c) => c.date);
    const counting = input.openCases.filter((c) =>
      removed.some((d) => compareLocalDate(d, c.acceptedOn) > 0 && (c.dueDate === null || compareLocalDate(d, c.dueDate) <= 0)),
    );
    if (counting.length > 0) {
      const dates = removed.filter((d) => counting.some((c) => compareLocalDate(d, c.acceptedOn) > 0 && (c.dueDate === null || compareLocalDate(d, c.dueDate) <= 0)));
      reasons.push({ code: 'COUNTED_REST_DAYS_REMOVED', dates, caseNos: counting.slice(0, 50).map((c) => c.caseNo), cases: counting.length });
    }
  }
  return reasons;
}

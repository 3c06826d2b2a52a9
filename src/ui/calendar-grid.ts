import type { EditedDay } from '../domain/calendar-change';
import { dayOfWeek, daysInMonth, type LocalDate } from '../domain/local-date';

/**
 * The month grid of the calendar screen: days laid out Monday first (as Chinese wall calendars
 * are), each with what it is, and the administrator's click on a day.
 */

export type GridKind = 'weekday' | 'weekend' | 'holiday' | 'makeup';

export interface GridDay {
  date: LocalDate;
  day: number;
  kind: GridKind;
  /** The holiday's or make-up day's name. */
  name?: string;
  /** Changed by the previewed notice or edit. */
  changed: boolean;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const isWeekend = (d: LocalDate): boolean => {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
};

/** The weeks of a month, Monday first; days of the neighbouring months are null. */
export function monthWeeks(year: number, month: number, special: ReadonlyMap<LocalDate, EditedDay>, changed: ReadonlySet<LocalDate>): Array<Array<GridDay | null>> {
  const first = `${String(year).padStart(4, '0')}-${pad2(month)}-01`;
  const lead = (dayOfWeek(first) + 6) % 7;
  const cells: Array<GridDay | null> = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    const date = `${first.slice(0, 8)}${pad2(day)}`;
    const s = special.get(date);
    const kind: GridKind = s ? s.kind : isWeekend(date) ? 'weekend' : 'weekday';
    cells.push({ date, day, kind, ...(s ? { name: s.name } : {}), changed: changed.has(date) });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<GridDay | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * A click on a day: a holiday or make-up day goes back to what the week makes it; a weekday becomes
 * a rest day of the holiday chosen; a weekend day becomes a make-up working day of that holiday.
 */
export function toggleDay(days: EditedDay[], date: LocalDate, holidayName: string): EditedDay[] {
  if (days.some((d) => d.date === date)) return days.filter((d) => d.date !== date);
  const added: EditedDay = isWeekend(date) ? { date, kind: 'makeup', name: `${holidayName}调休上班` } : { date, kind: 'holiday', name: holidayName };
  return [...days, added].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The holiday names a notice uses, for the grid's brush. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '国庆节、中秋节', '中秋节、国庆节'];

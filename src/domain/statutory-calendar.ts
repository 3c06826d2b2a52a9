import { LunarDay, LunarYear, SolarTerm, type SolarDay } from 'tyme4ts';
import { buildCalendar, type CalendarYear, type ProvisionalYears, type WorkCalendar } from './calendar';
import { type LocalDate, addDays, dayOfWeek, toDayNumber, fromDayNumber } from './local-date';
import { DomainFailure } from './result';

/**
 * The provisional year: what 《全国年节及纪念日放假办法》 (as amended in November 2024, in force from
 * 2025) itself gives, before the State Council's notice for the year is entered at the hall.
 *
 * Art. 2 (全体公民放假的节日): 元旦 Jan 1; 春节 four days, the lunar year's eve (除夕) and the first
 * three days of the first lunar month; 清明节 one day, the day of the solar term; 劳动节 May 1–2;
 * 端午节 one day, the 5th of the 5th lunar month; 中秋节 one day, the 15th of the 8th lunar month;
 * 国庆节 Oct 1–3. Art. 6: a rest day for all citizens that falls on a Saturday or Sunday is made up
 * on a working day (补假). The notice adds 调休 (weekend working days swapped for longer breaks); the
 * statute sets none, so a provisional year has no make-up working days.
 *
 * The lunar dates come from tyme4ts (寿星天文历's new-moon and solar-term algorithms, in Beijing
 * time). Not Node's Intl Chinese calendar: it puts 2027's new year on 02-07 instead of 02-06,
 * because that new moon falls at 23:56 Beijing time.
 */

/** The amended statute is in force from 2025: earlier years had a three-day 春节 without the eve. */
export const STATUTE_FIRST_YEAR = 2025;
/** The lunar library's last year (tyme4ts: lunar years up to 9999); beyond it no year is derived. */
export const STATUTE_LAST_YEAR = 9999;

export const PROVISIONAL_SOURCE = '按《全国年节及纪念日放假办法》（2024年修订）推算的暂定安排，以国务院办公厅通知为准';

interface Festival {
  name: string;
  days: LocalDate[];
}

const iso = (d: SolarDay): LocalDate =>
  `${String(d.getYear()).padStart(4, '0')}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;
const lunar = (year: number, month: number, day: number): LocalDate => iso(LunarDay.fromYmd(year, month, day).getSolarDay());
const pad2 = (n: number): string => String(n).padStart(2, '0');
const solar = (year: number, month: number, day: number): LocalDate => `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

/** The statute's rest days of a year, festival by festival, in the order of the statute. */
export function statutoryFestivals(year: number): Festival[] {
  const newYear = LunarDay.fromYmd(year, 1, 1);
  return [
    { name: '元旦', days: [solar(year, 1, 1)] },
    // The eve is the last day of the previous lunar year (the 29th or the 30th of its 12th month).
    { name: '春节', days: [iso(newYear.next(-1).getSolarDay()), iso(newYear.getSolarDay()), iso(newYear.next(1).getSolarDay()), iso(newYear.next(2).getSolarDay())] },
    { name: '清明节', days: [iso(SolarTerm.fromName(year, '清明').getSolarDay())] },
    { name: '劳动节', days: [solar(year, 5, 1), solar(year, 5, 2)] },
    { name: '端午节', days: [lunar(year, 5, 5)] },
    { name: '中秋节', days: [lunar(year, 8, 15)] },
    { name: '国庆节', days: [solar(year, 10, 1), solar(year, 10, 2), solar(year, 10, 3)] },
  ];
}

const weekend = (d: LocalDate): boolean => {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
};

const derived = new Map<number, CalendarYear>();

/**
 * The provisional arrangement of a year. Each statutory rest day that falls on a weekend, or on a
 * day another festival already takes (中秋 on 10-03 in 2028), is made up on the first weekday after
 * its festival that is not already off, as the notices do (2020: 中秋 on 国庆 gave 8 days). A
 * festival's range runs from its first day to its last made-up day, weekends inside included, as
 * the notices list them; festivals whose days touch are one range named "国庆节、中秋节".
 */
export function provisionalYear(year: number): CalendarYear {
  if (!Number.isInteger(year) || year < STATUTE_FIRST_YEAR || year > STATUTE_LAST_YEAR) {
    throw new DomainFailure('CALENDAR_YEAR_UNKNOWN', `No provisional calendar for ${year}: the statute as amended applies to ${STATUTE_FIRST_YEAR}..${STATUTE_LAST_YEAR}`, {
      year,
      provisionalYears: [STATUTE_FIRST_YEAR, STATUTE_LAST_YEAR],
    });
  }
  const memo = derived.get(year);
  if (memo) return structuredClone(memo);

  const festivals = statutoryFestivals(year);
  // Day number → the festivals resting on it, in the order they claimed it.
  const off = new Map<number, string[]>();
  const owed = new Map<string, number>();
  for (const f of festivals) {
    let lost = 0;
    for (const d of f.days) {
      const n = toDayNumber(d);
      const names = off.get(n);
      if (names) {
        names.push(f.name);
        lost += 1;
      } else {
        off.set(n, [f.name]);
        if (weekend(d)) lost += 1;
      }
    }
    owed.set(f.name, lost);
  }
  // 补假 after all statutory days are placed, so a made-up day never lands on another festival.
  for (const f of festivals) {
    let left = owed.get(f.name) ?? 0;
    let d = addDays(f.days[f.days.length - 1]!, 1);
    while (left > 0) {
      const n = toDayNumber(d);
      if (!weekend(d) && !off.has(n)) {
        off.set(n, [f.name]);
        left -= 1;
      }
      d = addDays(d, 1);
    }
  }

  // Runs of rest days; a run goes on over a weekend when a rest day follows it.
  const days = [...off.keys()].sort((a, b) => a - b);
  const holidays: CalendarYear['holidays'] = [];
  let run: { from: number; to: number; names: string[] } | null = null;
  const close = () => {
    if (run) holidays.push({ from: fromDayNumber(run.from), to: fromDayNumber(run.to), name: run.names.join('、') });
  };
  for (const n of days) {
    let bridged = run !== null;
    if (run) for (let g = run.to + 1; g < n; g++) if (!weekend(fromDayNumber(g))) bridged = false;
    if (run && bridged) run.to = n;
    else {
      close();
      run = { from: n, to: n, names: [] };
    }
    for (const name of off.get(n)!) if (!run.names.includes(name)) run.names.push(name);
  }
  close();

  const data: CalendarYear = { year, source: PROVISIONAL_SOURCE, holidays, workdays: [] };
  derived.set(year, data);
  return structuredClone(data);
}

/** The statute's provisional years, for buildCalendar. */
export const statutoryYears: ProvisionalYears = { first: STATUTE_FIRST_YEAR, last: STATUTE_LAST_YEAR, derive: provisionalYear };

/**
 * The calendar in force: the entered years where there are some, the statute's provisional years
 * from 2025 to the lunar library's last year otherwise. What the hall and every station count on.
 */
export function calendarInForce(entered: CalendarYear[]): WorkCalendar {
  return buildCalendar(entered, { provisional: statutoryYears });
}

/** True when the lunar library still covers `year` (a guard for its own range, checked in tests). */
export function lunarLibraryCovers(year: number): boolean {
  try {
    LunarYear.fromYear(year);
    return true;
  } catch {
    return false;
  }
}

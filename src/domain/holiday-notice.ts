import { buildCalendar, type CalendarYear } from './calendar';
import { type LocalDate, addDays, compareLocalDate, isLocalDate, toDayNumber } from './local-date';
import { DomainFailure, fail, ok, type Result } from './result';

/**
 * Reads the State Council's yearly notice, 《国务院办公厅关于20XX年部分节假日安排的通知》, as an
 * administrator pastes it: one numbered line per festival,
 *
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *
 * Each line gives one rest range (a single day, or "至" an end day that may leave out its month or
 * year) and the weekend days worked instead (上班). The parenthesised notes (weekday, lunar date)
 * are ignored; Chinese and ASCII punctuation both read (the text is NFKC-normalised first). The
 * title gives the year, the signature the publication date. Every holiday keeps the line's name
 * ("国庆节、中秋节") and every make-up day is "<name>调休上班", as resources/calendar has them.
 */

export type NoticeNote =
  /** "共N天" does not match the range read (a pasting slip, or the notice counts otherwise). */
  | { kind: 'day-count-mismatch'; item: string; said: number; counted: number }
  /** A date of the notice lies in another year (元旦 ranges start on Dec 31 some years): left out. */
  | { kind: 'outside-year'; item: string; date: LocalDate }
  /** A sentence with dates that says neither 放假 nor 上班: not read. */
  | { kind: 'sentence-not-read'; item: string; text: string }
  /** Festivals every notice lists that this text lacks (a partial paste). */
  | { kind: 'festival-missing'; names: string[] };

export interface ParsedNotice {
  calendar: CalendarYear;
  notes: NoticeNote[];
}

const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];
const NUMERAL = '[一二三四五六七八九十]{1,3}';
const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;

interface NoticeDate {
  year: number | null;
  month: number | null;
  day: number;
}

function datesIn(text: string): NoticeDate[] {
  return [...text.matchAll(DATE)].map((m) => ({ year: m[1] ? Number(m[1]) : null, month: m[2] ? Number(m[2]) : null, day: Number(m[3]) }));
}

function localDate(year: number, month: number, day: number): LocalDate | null {
  const d = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isLocalDate(d) ? d : null;
}

/** The year of a notice: its title, else its opening sentence ("现将2026年元旦、…"). */
function noticeYear(flat: string): number | null {
  const m = /关于(\d{4})年部分节假日安排的通知/.exec(flat) ?? /现将(\d{4})年/.exec(flat);
  return m ? Number(m[1]) : null;
}

/** The signature's date: "国务院办公厅 2025年11月4日" at the end. */
function publishedOn(flat: string): string | null {
  const all = [...flat.matchAll(/国务院办公厅(\d{4})年(\d{1,2})月(\d{1,2})日/g)];
  const m = all[all.length - 1];
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : null;
}

/**
 * The year's holidays and make-up working days from the notice text, with notes on what did not
 * add up; a failure (CALENDAR_NOTICE_UNREADABLE, CALENDAR_NOTICE_YEAR_MISMATCH, CALENDAR_INVALID)
 * when there is nothing sound to preview. `expectedYear`: the year the administrator is entering.
 */
export function parseHolidayNotice(text: string, expectedYear?: number): Result<ParsedNotice> {
  const normal = String(text ?? '').normalize('NFKC');
  const flat = normal.replace(/\s+/g, '');
  const year = noticeYear(flat) ?? expectedYear ?? null;
  if (year === null) {
    return fail('CALENDAR_NOTICE_UNREADABLE', 'The text names no year: paste the notice with its title (国务院办公厅关于20XX年部分节假日安排的通知)');
  }
  if (expectedYear !== undefined && year !== expectedYear) {
    return fail('CALENDAR_NOTICE_YEAR_MISMATCH', `This is the notice for ${year}, not for ${expectedYear}`, { noticeYear: year, year: expectedYear });
  }

  // One festival per line, also when the paste lost its line breaks.
  const lines = normal.replace(new RegExp(`(${NUMERAL}、)(?=[^:\\s]{1,16}:)`, 'g'), '\n$1').split(/\n/);
  const itemLine = new RegExp(`^\\s*(?:${NUMERAL}、)?\\s*([^:\\s]{1,16}):(.*)$`);
  const notes: NoticeNote[] = [];
  const holidays: CalendarYear['holidays'] = [];
  const workdays: CalendarYear['workdays'] = [];
  const named: string[] = [];

  const inYear = (item: string, d: LocalDate): boolean => {
    if (Number(d.slice(0, 4)) === year) return true;
    notes.push({ kind: 'outside-year', item, date: d });
    return false;
  };

  for (const line of lines) {
    const m = itemLine.exec(line);
    if (!m) continue;
    const name = m[1]!;
    const body = m[2]!.replace(/\([^()]*\)/g, '').replace(/\s+/g, '');
    if (!/^[\u4e00-\u9fff、]+$/.test(name) || !body.includes('放假')) continue;
    named.push(name);
    for (const sentence of body.split('。').filter((s) => s.length > 0)) {
      const rest = sentence.indexOf('放假');
      if (rest >= 0) {
        const dates = datesIn(sentence.slice(0, rest));
        const first = dates[0];
        if (!first) {
          notes.push({ kind: 'sentence-not-read', item: name, text: sentence });
          continue;
        }
        const fromYear: number = first.year ?? year;
        const fromMonth = first.month;
        if (fromMonth === null) {
          notes.push({ kind: 'sentence-not-read', item: name, text: sentence });
          continue;
        }
        const last = sentence.slice(0, rest).includes('至') ? dates[1] : undefined;
        const from = localDate(fromYear, fromMonth, first.day);
        const to: LocalDate | null = last ? localDate(last.year ?? fromYear, last.month ?? fromMonth, last.day) : from;
        // No notice rests longer than a few weeks: a longer range is a misread, not a holiday.
        if (!from || !to || compareLocalDate(from, to) > 0 || toDayNumber(to) - toDayNumber(from) > 40) {
          notes.push({ kind: 'sentence-not-read', item: name, text: sentence });
          continue;
        }
        const said = /共(\d+)天/.exec(sentence) ?? /放假(\d+)天/.exec(sentence);
        const counted = toDayNumber(to) - toDayNumber(from) + 1;
        if (said && Number(said[1]) !== counted) notes.push({ kind: 'day-count-mismatch', item: name, said: Number(said[1]), counted });
        // A range reaching into another year keeps its part in this one.
        let a = from;
        let b: LocalDate = to;
        while (compareLocalDate(a, b) <= 0 && !inYear(name, a)) a = addDays(a, 1);
        while (compareLocalDate(b, a) >= 0 && Number(b.slice(0, 4)) !== year) {
          notes.push({ kind: 'outside-year', item: name, date: b });
          b = addDays(b, -1);
        }
        if (compareLocalDate(a, b) <= 0) holidays.push({ from: a, to: b, name });
      } else if (sentence.includes('上班')) {
        for (const d of datesIn(sentence)) {
          const date = d.month === null ? null : localDate(d.year ?? year, d.month, d.day);
          if (!date) {
            notes.push({ kind: 'sentence-not-read', item: name, text: sentence });
            continue;
          }
          if (inYear(name, date)) workdays.push({ date, name: `${name}调休上班` });
        }
      } else if (datesIn(sentence).length > 0) {
        notes.push({ kind: 'sentence-not-read', item: name, text: sentence });
      }
    }
  }

  if (holidays.length === 0) {
    return fail('CALENDAR_NOTICE_UNREADABLE', 'No holiday line was found: each reads like "二、春节：2月15日至23日放假调休，共9天。2月14日（周六）上班。"');
  }
  const missing = FESTIVALS.filter((f) => !named.some((n) => n.split('、').includes(f)));
  if (missing.length > 0) notes.push({ kind: 'festival-missing', names: missing });

  const published = publishedOn(flat);
  const calendar: CalendarYear = {
    year,
    source: `国务院办公厅关于${year}年部分节假日安排的通知${published ? `（${published}发布）` : ''}`,
    holidays,
    workdays,
  };
  try {
    buildCalendar([calendar]);
  } catch (e) {
    if (e instanceof DomainFailure) return fail(e.code, e.message, e.details);
    throw e;
  }
  return ok({ calendar, notes });
}

/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import type { CalendarYear } from './calendar';
import { parseHolidayNotice, type ParsedNotice } from './holiday-notice';

const published = import.meta.glob<CalendarYear>('../../resources/calendar/*.json', { eager: true, import: 'default' });
const notices = import.meta.glob<string>('../../tests/fixtures/calendar-notices/*.txt', { eager: true, query: '?raw', import: 'default' });
const notice = (name: string): string => {
  const text = notices[`../../tests/fixtures/calendar-notices/${name}.txt`];
  if (!text) throw new Error(`fixture ${name} is missing`);
  return text;
};

function parsed(text: string, year?: number): ParsedNotice {
  const r = parseHolidayNotice(text, year);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('reading the State Council notice', () => {
  it.each([2025, 2026])('reproduces resources/calendar/%i.json exactly from the published text', (year) => {
    const r = parsed(notice(String(year)), year);
    expect(r.calendar).toStrictEqual(published[`../../resources/calendar/${year}.json`]);
    expect(JSON.stringify(r.calendar)).toBe(JSON.stringify(published[`../../resources/calendar/${year}.json`]));
    expect(r.notes).toEqual([]);
  });

  it('reads the same text with ASCII punctuation, without line breaks, or as the lines alone', () => {
    const text = notice('2026');
    const ascii = text.replaceAll('：', ':').replaceAll('（', '(').replaceAll('）', ')').replaceAll('，', ',');
    const oneLine = text.replace(/\n/g, '');
    const expected = published['../../resources/calendar/2026.json'];
    expect(parsed(ascii, 2026).calendar).toStrictEqual(expected);
    expect(parsed(oneLine, 2026).calendar).toStrictEqual(expected);
    const lines = text.split('\n').filter((l) => /^[一二三四五六七]、/.test(l)).join('\n');
    // Without the title and signature the year comes from the screen and the source names no date.
    const bare = parsed(lines, 2026).calendar;
    expect(bare.holidays).toStrictEqual(expected!.holidays);
    expect(bare.workdays).toStrictEqual(expected!.workdays);
    expect(bare.source).toBe('国务院办公厅关于2026年部分节假日安排的通知');
  });

  it('reads a single day, a range across months, a range across the year end and a weekend worked in another year', () => {
    const r = parsed(
      [
        '国务院办公厅关于2023年部分节假日安排的通知',
        '一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。',
        '二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。',
        '三、清明节：4月5日放假，共1天。',
        '四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。',
        '五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。',
        '六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。',
      ].join('\n'),
      2023,
    );
    expect(r.calendar.holidays).toEqual([
      { from: '2023-01-01', to: '2023-01-02', name: '元旦' },
      { from: '2023-01-21', to: '2023-01-27', name: '春节' },
      { from: '2023-04-05', to: '2023-04-05', name: '清明节' },
      { from: '2023-04-29', to: '2023-05-03', name: '劳动节' },
      { from: '2023-06-22', to: '2023-06-24', name: '端午节' },
      { from: '2023-09-29', to: '2023-10-06', name: '中秋节、国庆节' },
    ]);
    expect(r.calendar.workdays.map((w) => w.date)).toEqual(['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08']);
    expect(r.notes).toEqual([{ kind: 'outside-year', item: '元旦', date: '2022-12-31' }]);
  });

  it('previews the plausible 2027 notice (a test text, not a published one)', () => {
    const r = parsed(notice('2027-plausible'), 2027);
    expect(r.calendar.source).toBe('国务院办公厅关于2027年部分节假日安排的通知（2026年11月10日发布）');
    expect(r.calendar.holidays.find((h) => h.name === '春节')).toEqual({ from: '2027-02-05', to: '2027-02-13', name: '春节' });
    expect(r.calendar.holidays.find((h) => h.name === '端午节')).toEqual({ from: '2027-06-09', to: '2027-06-09', name: '端午节' });
    expect(r.calendar.workdays).toContainEqual({ date: '2027-02-20', name: '春节调休上班' });
    expect(r.notes).toEqual([]);
  });

  it('says what does not add up: a wrong day count, a missing festival', () => {
    const text = notice('2026').replace('共9天', '共8天').replace(/^七、国庆节.*$/m, '');
    const r = parsed(text, 2026);
    expect(r.notes).toEqual([
      { kind: 'day-count-mismatch', item: '春节', said: 8, counted: 9 },
      { kind: 'festival-missing', names: ['国庆节'] },
    ]);
  });

  it('refuses text that is not the notice, the notice of another year, and data that would give wrong deadlines', () => {
    const none = parseHolidayNotice('请于12月31日前提交材料。', 2027);
    expect(!none.ok && none.error.code).toBe('CALENDAR_NOTICE_UNREADABLE');
    const other = parseHolidayNotice(notice('2026'), 2027);
    expect(!other.ok && other.error).toMatchObject({ code: 'CALENDAR_NOTICE_YEAR_MISMATCH', details: { noticeYear: 2026, year: 2027 } });
    const noYear = parseHolidayNotice('一、元旦：1月1日放假。');
    expect(!noYear.ok && noYear.error.code).toBe('CALENDAR_NOTICE_UNREADABLE');
    // 2026-01-05 is a Monday: a make-up working day on a weekday is a typo.
    const weekday = parseHolidayNotice(notice('2026').replace('1月4日（周日）上班', '1月5日（周一）上班'), 2026);
    expect(!weekday.ok && weekday.error.code).toBe('CALENDAR_INVALID');
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  type NoticeKind,
  formatCaseNumber,
  formatNoticeNumber,
  formatTicketNumber,
  maxTicketSerial,
  parseCaseNumber,
  parseNoticeNumber,
  parseTicketNumber,
} from './numbers';
import { fromDayNumber, toDayNumber } from './local-date';
import { DomainFailure } from './result';

function failureOf(run: () => unknown): DomainFailure {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainFailure) return e;
    throw e;
  }
  throw new Error('expected a DomainFailure');
}

const codeArb = fc.stringMatching(/^[A-Z0-9]{1,8}$/);
const dateArb = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2035-12-31') }).map(fromDayNumber);
const caseArb = fc.record({
  siteCode: codeArb,
  date: dateArb,
  windowCode: codeArb,
  serial: fc.integer({ min: 1, max: 9999 }),
});

describe('ticket numbers', () => {
  it('prints zone prefix and zero-padded daily serial', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('H', 999)).toBe('H999');
    expect(formatTicketNumber('D', 12, 4)).toBe('D0012');
    expect(formatTicketNumber('VIP', 7, 2)).toBe('VIP07');
  });

  it('refuses to wrap round when a zone has used every number of the day', () => {
    const f = failureOf(() => formatTicketNumber('A', 1000));
    expect(f.code).toBe('TICKET_SERIAL_EXHAUSTED');
    expect(f.details).toMatchObject({ zoneCode: 'A', max: 999 });
    expect(failureOf(() => formatTicketNumber('A', 100, 2)).code).toBe('TICKET_SERIAL_EXHAUSTED');
    expect(formatTicketNumber('A', 9999, 4)).toBe('A9999');
    expect(maxTicketSerial(3)).toBe(999);
  });

  it('refuses serial 0, fractions, odd widths and prefixes that would not read back', () => {
    expect(failureOf(() => formatTicketNumber('A', 0)).code).toBe('TICKET_SERIAL_INVALID');
    expect(failureOf(() => formatTicketNumber('A', 1.5)).code).toBe('TICKET_SERIAL_INVALID');
    expect(failureOf(() => formatTicketNumber('A', 1, 0)).code).toBe('TICKET_WIDTH_INVALID');
    expect(failureOf(() => formatTicketNumber('A1', 1)).code).toBe('TICKET_PREFIX_INVALID');
    expect(failureOf(() => formatTicketNumber('', 1)).code).toBe('TICKET_PREFIX_INVALID');
    expect(failureOf(() => formatTicketNumber('a', 1)).code).toBe('TICKET_PREFIX_INVALID');
  });

  it('never gives two tickets of one zone and day the same number, and reads them back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('A', 'B', 'H'),
        fc.integer({ min: 1, max: 6 }).chain((width) =>
          fc.tuple(fc.constant(width), fc.uniqueArray(fc.integer({ min: 1, max: 10 ** width - 1 }), { minLength: 2, maxLength: 2 })),
        ),
        (zone, [width, [s1, s2]]) => {
          expect(formatTicketNumber(zone, s1!, width)).not.toBe(formatTicketNumber(zone, s2!, width));
          expect(parseTicketNumber(formatTicketNumber(zone, s1!, width))).toEqual({ ok: true, value: { zoneCode: zone, serial: s1 } });
        },
      ),
    );
    expect(parseTicketNumber('a012').ok).toBe(true);
    expect(parseTicketNumber('012').ok).toBe(false);
    expect(parseTicketNumber('A000').ok).toBe(false);
  });
});

describe('case numbers', () => {
  it('writes site, date, window and the window’s daily serial', () => {
    expect(formatCaseNumber({ siteCode: 'TS', date: '2026-11-28', windowCode: 'A3', serial: 7 })).toBe('TS-20261128-A3-0007');
  });

  it('reads a case number back into its parts', () => {
    expect(parseCaseNumber('TS-20261128-A3-0007')).toEqual({
      ok: true,
      value: { siteCode: 'TS', date: '2026-11-28', windowCode: 'A3', serial: 7 },
    });
    expect(parseCaseNumber(' ts-20261128-a3-0007 ').ok).toBe(true);
  });

  it('refuses what is not a case number', () => {
    for (const bad of ['', 'TS-2026112-A3-0007', 'TS-20260230-A3-0007', 'TS-20261128-A3-0000', 'TS-20261128-A-3-0007', 'TS-20261128-A3-07']) {
      const r = parseCaseNumber(bad);
      expect(r.ok ? 'parsed' : r.error.code).toBe('CASE_NUMBER_FORMAT');
    }
  });

  it('refuses parts that would make the number ambiguous or overflow', () => {
    const good = { siteCode: 'TS', date: '2026-11-28', windowCode: 'A3', serial: 1 };
    expect(failureOf(() => formatCaseNumber({ ...good, windowCode: 'A-3' })).code).toBe('CASE_NUMBER_PART_INVALID');
    expect(failureOf(() => formatCaseNumber({ ...good, siteCode: '' })).code).toBe('CASE_NUMBER_PART_INVALID');
    expect(failureOf(() => formatCaseNumber({ ...good, date: '2026-02-30' })).code).toBe('CASE_NUMBER_PART_INVALID');
    expect(failureOf(() => formatCaseNumber({ ...good, serial: 0 })).code).toBe('CASE_NUMBER_PART_INVALID');
    expect(failureOf(() => formatCaseNumber({ ...good, serial: 10_000 })).code).toBe('CASE_SERIAL_EXHAUSTED');
  });

  it('round-trips every valid case number', () => {
    fc.assert(
      fc.property(caseArb, (parts) => {
        expect(parseCaseNumber(formatCaseNumber(parts))).toEqual({ ok: true, value: parts });
      }),
    );
  });

  it('never gives two windows (or two cases of one window) the same number on one day', () => {
    fc.assert(
      fc.property(caseArb, codeArb, fc.integer({ min: 1, max: 9999 }), (a, otherWindow, otherSerial) => {
        const b = { ...a, windowCode: otherWindow, serial: otherSerial };
        fc.pre(a.windowCode !== b.windowCode || a.serial !== b.serial);
        expect(formatCaseNumber(a)).not.toBe(formatCaseNumber(b));
      }),
    );
  });

  it('never gives two sites or two days the same number', () => {
    fc.assert(
      fc.property(caseArb, caseArb, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(formatCaseNumber(a)).not.toBe(formatCaseNumber(b));
      }),
    );
  });
});

describe('notice numbers', () => {
  const caseNo = 'TS-20261128-A3-0007';

  it('adds the notice kind to the case number', () => {
    expect(formatNoticeNumber(caseNo, 'acceptance')).toBe('TS-20261128-A3-0007-SL');
    expect(formatNoticeNumber(caseNo, 'deferral')).toBe('TS-20261128-A3-0007-RQ');
    expect(formatNoticeNumber(caseNo, 'correction')).toBe('TS-20261128-A3-0007-BZ');
    expect(formatNoticeNumber(caseNo, 'rejection')).toBe('TS-20261128-A3-0007-BY');
  });

  it('numbers a second correction notice of the same case apart from the first', () => {
    expect(formatNoticeNumber(caseNo, 'correction', 2)).toBe('TS-20261128-A3-0007-BZ2');
    expect(failureOf(() => formatNoticeNumber(caseNo, 'correction', 0)).code).toBe('NOTICE_SEQUENCE_INVALID');
  });

  it('refuses to print a notice number for something that is not a case number', () => {
    expect(failureOf(() => formatNoticeNumber('A001', 'acceptance')).code).toBe('CASE_NUMBER_FORMAT');
  });

  it('reads notice numbers back, for every kind and sequence', () => {
    const kinds: NoticeKind[] = ['acceptance', 'deferral', 'correction', 'rejection'];
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...kinds), fc.integer({ min: 1, max: 99 }), (parts, kind, sequence) => {
        const c = formatCaseNumber(parts);
        expect(parseNoticeNumber(formatNoticeNumber(c, kind, sequence))).toEqual({ ok: true, value: { caseNo: c, kind, sequence } });
      }),
    );
    expect(parseNoticeNumber('TS-20261128-A3-0007-XX').ok).toBe(false);
    expect(parseNoticeNumber('TS-20261128-A3-0007-SL1').ok).toBe(false);
  });
});

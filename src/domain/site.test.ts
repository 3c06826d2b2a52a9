import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from './catalog';
import { formatCaseNumber, parseCaseNumber } from './numbers';
import { inboxWindowPart } from './online-application';
import { centreRoute, isDelegatedTo, isWindowCode, RESERVED_WINDOW_CODE_PATTERN, siteCodeOfWindow, siteOfWindow, WINDOW_CODE_PATTERN } from './site';

const SZ: Site = { code: 'SZ', name: '省庄镇便民服务中心', windowCodes: ['TC01', 'TC02'] };
const XF: Site = { code: 'XF', name: '徐家楼街道便民服务中心', windowCodes: ['XF1'] };
const hall = { name: '泰山区政务服务中心', regionCode: '370902', siteCode: 'TS' };

const codeChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const windowCode = fc.array(codeChars, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));

describe('window codes of the hall and its centres', () => {
  it('takes the hall\'s A3 and H12 and a centre\'s TC01 alike', () => {
    for (const c of ['A3', 'H12', 'TC01', 'SZ1', 'R1', '12345678']) expect(isWindowCode(c), c).toBe(true);
  });

  it('refuses lower case, dashes, more than 8 characters, and the hall\'s own inbox series', () => {
    for (const c of ['tc01', 'TC-01', '', 'ABCDEFGHI', 'B00', 'A0', 'C000', inboxWindowPart('B')]) expect(isWindowCode(c), c).toBe(false);
  });

  it('never lets a window mint a number of the hall\'s inbox series <zone>00', () => {
    fc.assert(
      fc.property(windowCode, fc.constantFrom(...'ABCDEFGH'.split('')), (code, zone) => {
        if (isWindowCode(code)) expect(code).not.toBe(inboxWindowPart(zone));
      }),
    );
  });

  it('gives every window code a case number that reads back to the same site, window and serial', () => {
    fc.assert(
      fc.property(windowCode, fc.constantFrom('TS', 'SZ', 'XF'), fc.integer({ min: 1, max: 9999 }), (code, site, serial) => {
        fc.pre(WINDOW_CODE_PATTERN.test(code) && !RESERVED_WINDOW_CODE_PATTERN.test(code));
        const no = formatCaseNumber({ siteCode: site, date: '2026-12-07', windowCode: code, serial });
        expect(parseCaseNumber(no)).toEqual({ ok: true, value: { siteCode: site, date: '2026-12-07', windowCode: code, serial } });
      }),
    );
  });
});

describe('which site a window belongs to', () => {
  it('names the centre of a centre\'s window and no centre for the hall\'s', () => {
    expect(siteOfWindow([SZ, XF], 'TC02')).toBe(SZ);
    expect(siteOfWindow([SZ, XF], 'A1')).toBeNull();
  });

  it('numbers a centre\'s cases with the centre\'s site code and the hall\'s with its own', () => {
    expect(siteCodeOfWindow({ hall, sites: [SZ] }, 'TC01')).toBe('SZ');
    expect(siteCodeOfWindow({ hall, sites: [SZ] }, 'B1')).toBe('TS');
    expect(formatCaseNumber({ siteCode: siteCodeOfWindow({ hall, sites: [SZ] }, 'TC01'), date: '2026-12-07', windowCode: 'TC01', serial: 1 })).toBe('SZ-20261207-TC01-0001');
  });
});

describe('what a centre\'s counter does with a matter', () => {
  const licence = { code: 'GT', takeInSites: ['SZ'] };
  const food: { code: string; takeInSites?: string[] } = { code: 'FOOD' };
  const elsewhere = { code: 'XFONLY', takeInSites: ['XF'] };

  it('takes a delegated matter in as a full case, and files the others to the district', () => {
    expect(isDelegatedTo(licence, 'SZ')).toBe(true);
    expect(isDelegatedTo(food, 'SZ')).toBe(false);
    expect(centreRoute(SZ, [licence])).toEqual({ kind: 'delegated' });
    expect(centreRoute(SZ, [licence, food, elsewhere])).toEqual({ kind: 'file', notDelegated: ['FOOD', 'XFONLY'] });
  });

  it('leaves the hall\'s own windows to take everything in', () => {
    expect(centreRoute(null, [food, elsewhere])).toEqual({ kind: 'hall' });
  });
});

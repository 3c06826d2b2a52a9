import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditView, caseFlags, toCaseListItem, toCaseRecord, type CaseRow } from '../../../src/central/cases/record';
import { caseListItemSchema } from '../../../src/contract/api-cases';
import { caseRecordSchema } from '../../../src/contract/case';
import { calendarYearSchema } from '../../../src/contract/catalog';
import { buildCalendar } from '../../../src/domain/calendar';
import { createSealer } from '../../../src/central/crypto/sealer';
import { sealCase } from '../../../src/central/cases/sealed';
import { idCheckCharacter } from '../../../src/domain/id-number';

const calendarDir = fileURLToPath(new URL('../../../resources/calendar/', import.meta.url));
const calendar = buildCalendar([2025, 2026].map((y) => calendarYearSchema.parse(JSON.parse(readFileSync(`${calendarDir}${y}.json`, 'utf8')))));

const STATUSES = ['accepted', 'accepted-deferred', 'correction-notified', 'rejected', 'in-review', 'approved', 'denied', 'ready', 'delivered'] as const;
const RUNNING = new Set(['accepted', 'accepted-deferred', 'in-review']);

const idNumber = (seq: number) => {
  const body = `370902198803${String((seq % 28) + 1).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
};

const sealer = createSealer(new Uint8Array(32).fill(7));

function row(over: Partial<CaseRow> = {}): CaseRow {
  const id = over.idNumber ?? idNumber(7);
  return {
    id: '01KB0000000000000000000000',
    caseNo: 'TS-20261116-B1-0001',
    stationId: 'station-B1',
    windowCode: 'B1',
    clerkId: 'clerk-B1',
    ticketId: null,
    ticketNumber: null,
    matterCodes: ['FOODPERMIT'],
    zoneCodes: ['B'],
    departmentCodes: ['SCJG'],
    bundleCode: null,
    applicant: { name: '吴海涛', idType: '111', idNumber: id, phone: '13905380000', address: '山东省泰安市泰山区财源街道1号' },
    idNumber: id,
    agent: null,
    source: 'window',
    status: 'accepted',
    acceptedAt: new Date('2026-11-16T02:00:00Z'),
    promisedDays: 5,
    promisedDate: '2026-11-23',
    noticeNo: 'SL-1',
    accessCodeHash: null,
    materials: [],
    rejection: null,
    correctionDueDate: null,
    reviews: [],
    clockPauses: [],
    delivery: null,
    evaluation: null,
    calendarVersions: [{ year: 2026, revision: 1 }],
    internalDueDate: null,
    internalDueMovedBy: null,
    createdAt: new Date('2026-11-16T02:00:00Z'),
    updatedAt: new Date('2026-11-16T02:00:00Z'),
    ...over,
  };
}

describe('deadline flags of a case', () => {
  it('flags a case overdue only from the day after its promised date, and only while its promise runs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.integer({ min: 0, max: 20 }), (status, day) => {
        const today = `2026-11-${String(day + 10).padStart(2, '0')}`;
        const flags = caseFlags(row({ status }), calendar, today);
        expect(flags.overdue).toBe(RUNNING.has(status) && today > '2026-11-23');
        expect(flags.promisedDateNow).toBe('2026-11-23');
      }),
    );
  });

  it('counts a running clock pause up to today, so a stopped case does not fall overdue', () => {
    const paused = row({ status: 'in-review', clockPauses: [{ kind: 'other', from: '2026-11-18', to: null, reason: '现场核查' }] });
    // 11-17 counts; 11-18..today are paused; the other four working days follow today.
    expect(caseFlags(paused, calendar, '2026-11-30')).toMatchObject({ overdue: false, promisedDateNow: '2026-12-04' });
    expect(caseFlags(paused, calendar, '2026-11-20')).toMatchObject({ overdue: false, promisedDateNow: '2026-11-26' });
  });

  it('keeps the stored date rather than failing when the pause runs past the known calendar', () => {
    const paused = row({ status: 'in-review', clockPauses: [{ kind: 'extension', from: '2026-11-18', to: null, reason: '延期' }] });
    expect(caseFlags(paused, calendar, '2026-12-31').promisedDateNow).toBe('2026-11-23');
  });

  it('flags deferred materials still missing after their due date, not those supplied', () => {
    const owing = row({
      status: 'accepted-deferred',
      materials: [
        { materialCode: 'LEASE', receipt: 'missing', receivedAt: null, dueDate: '2026-11-20' },
        { materialCode: 'PHOTO', receipt: 'missing', receivedAt: null, dueDate: '2026-11-23' },
        { materialCode: 'FORM', receipt: 'original', receivedAt: '2026-11-19T02:00:00.000Z', dueDate: '2026-11-20' },
      ],
    });
    expect(caseFlags(owing, calendar, '2026-11-20').overdueMaterials).toEqual([]);
    expect(caseFlags(owing, calendar, '2026-11-21').overdueMaterials).toEqual([{ materialCode: 'LEASE', dueDate: '2026-11-20' }]);
    expect(caseFlags({ ...owing, status: 'rejected' }, calendar, '2026-11-30').overdueMaterials).toEqual([]);
  });
});

describe('what a case looks like outside the database', () => {
  it('is always a record the contract accepts, with history in order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.nat(999), fc.integer({ min: 0, max: 5 }), (status, seq, n) => {
        const events = Array.from({ length: n }, (_, i) => ({
          id: i + 1,
          caseId: '01KB0000000000000000000000',
          at: new Date(Date.UTC(2026, 10, 16, 2, i)),
          action: i === 0 ? 'case.accept' : 'case.dispatch',
          fromStatus: null,
          toStatus: status,
          staffId: 'clerk-B1',
          stationId: 'station-B1',
          pushedBy: 'clerk-B1',
          receivedAt: new Date(Date.UTC(2026, 10, 16, 2, i)),
          mutationId: null,
          note: null,
          data: null,
        }));
        const record = toCaseRecord(row({ status, idNumber: idNumber(seq) }), events);
        expect(caseRecordSchema.parse(record)).toEqual(record);
        expect(record.history.map((h) => h.at)).toEqual(events.map((e) => e.at.toISOString()));
      }),
    );
  });

  it('masks the ID number and name in a list line, and leaves phone and address out', () => {
    fc.assert(
      fc.property(fc.nat(999), (seq) => {
        const r = row({ idNumber: idNumber(seq) });
        const item = toCaseListItem(sealCase(sealer, r), caseFlags(r, calendar, '2026-11-30'));
        caseListItemSchema.parse(item);
        const text = JSON.stringify(item);
        expect(text).not.toContain(r.idNumber);
        expect(item.idNumberMasked).toBe(`${r.idNumber.slice(0, 6)}********${r.idNumber.slice(14)}`);
        expect(item.applicantName).toBe('吴*涛');
        expect(text).not.toContain('13905380000');
        expect(text).not.toContain('财源街道');
      }),
    );
  });

  it('keeps no full ID number, phone or address in the audit trail', () => {
    const text = JSON.stringify(auditView(row()));
    expect(text).not.toContain(idNumber(7));
    expect(text).not.toContain('13905380000');
    expect(text).not.toContain('财源街道');
  });
});

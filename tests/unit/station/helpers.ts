import type { CaseRecord } from '../../../src/contract/case';
import { openStationDb } from '../../../src/station/db/open';
import { createStore, type Store } from '../../../src/station/store';

/** A synthetic applicant: valid check digit, fake name (GB 11643's own example number). */
export const APPLICANT = { name: '韩梅梅', idType: '111' as const, idNumber: '11010519491231002X', phone: '13800000000', address: '泰山区测试路1号' };

export const maskId = (id: string) => (id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length));

export function memoryStore(opts: { stationId?: string; now?: () => Date } = {}): Store {
  const db = openStationDb({ file: ':memory:' });
  return createStore(db, {
    stationId: opts.stationId ?? 'A3-test',
    maskIdNumber: maskId,
    localDay: (at) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
    now: opts.now ?? (() => new Date('2026-11-28T02:00:00.000Z')),
  });
}

export function caseRecord(over: Partial<CaseRecord> & { id: string; caseNo: string }): CaseRecord {
  return {
    stationId: 'A3-test',
    windowCode: 'A3',
    clerkId: 'S-A3',
    ticketId: null,
    ticketNumber: null,
    matterCodes: ['M001'],
    bundleCode: null,
    applicant: APPLICANT,
    agent: null,
    source: 'window',
    materials: [{ materialCode: 'ID_CARD', receipt: 'original', receivedAt: '2026-11-28T02:00:00.000Z', dueDate: null }],
    acceptedAt: '2026-11-28T02:00:00.000Z',
    promisedDate: '2026-12-02',
    noticeNo: `${over.caseNo}-SL`,
    status: 'accepted',
    rejection: null,
    correctionDueDate: null,
    reviews: [],
    clockPauses: [],
    delivery: null,
    evaluation: null,
    history: [],
    updatedAt: '2026-11-28T02:00:00.000Z',
    ...over,
  };
}

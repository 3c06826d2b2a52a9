import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/contract/sync';
import { applyPullPage } from '../../../src/station/sync/apply-page';
import { caseRecord, memoryStore } from './helpers';

describe('a pull page with several versions of one case', () => {
  it('leaves the station with the last version, its materials, and the page cursor', () => {
    const store = memoryStore();
    const C1 = '01KBCASE0000000000000000C1';
    const C2 = '01KBCASE0000000000000000C2';
    const base = caseRecord({ id: C1, caseNo: 'TS-20261128-A3-0001' });
    const versions = [
      { ...base, status: 'accepted-deferred' as const, materials: [] },
      { ...base, status: 'accepted' as const },
      {
        ...base,
        status: 'in-review' as const,
        materials: [
          ...base.materials,
          { materialCode: 'LEASE', receipt: 'copy' as const, receivedAt: '2026-11-29T02:00:00.000Z', dueDate: null },
        ],
      },
    ];
    const other = caseRecord({ id: C2, caseNo: 'TS-20261128-A3-0002' });
    const changes: Change[] = [
      ...versions.map((data, i) => ({ seq: i + 1, entity: 'case' as const, id: C1, op: 'upsert' as const, data })),
      { seq: 4, entity: 'case', id: C2, op: 'upsert', data: other },
    ];
    const summary = applyPullPage(store, { changes, cursor: 4, hasMore: false });
    expect(store.cases.byId(C1)?.record.status).toBe('in-review');
    expect(store.cases.byId(C1)?.record.materials.map((m) => m.materialCode)).toEqual(['ID_CARD', 'LEASE']);
    expect(store.cases.byId(C2)?.record.status).toBe(other.status);
    expect(summary.problems).toEqual([]);
    expect(summary.caseIds.sort()).toEqual([C1, C2]);
    expect(store.syncState.get().cursor).toBe(4);
  });
});

import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffView, listStaff } from '../../../src/central/auth/staff-repository';
import { listCalendarYears } from '../../../src/central/calendar/repository';
import { caseReads } from '../../../src/central/cases/repository';
import { toCaseRecord } from '../../../src/central/cases/record';
import { readCatalog } from '../../../src/central/catalog/repository';
import { auditLog, cases, tickets } from '../../../src/central/db/schema';
import { ticketView } from '../../../src/central/queue/tickets';
import { caseRecordSchema } from '../../../src/contract/case';
import { pullResponseSchema, type Change, type PullResponse } from '../../../src/contract/sync';
import { call, envelope, intake, newId, push, received, STATION_B1, STATION_B2, STATION_OFFICE, startCasesHall, type CasesHall } from './cases-fixture';
import { backends } from './harness';

describe.each(backends)('sync pull on %s', (backend) => {
  let hall: CasesHall;
  const b1Cases: string[] = [];
  const b2Cases: string[] = [];

  /** The PC and the session a pull comes from: window B1's clerk unless said otherwise. */
  const from = (stationId: string = STATION_B1) =>
    stationId === STATION_B2
      ? { station: hall.stations.B2, token: hall.tokens.clerkB2 }
      : stationId === STATION_OFFICE
        ? { station: hall.stations.office, token: hall.tokens.approver }
        : { station: hall.stations.B1, token: hall.tokens.clerkB1 };

  async function pull(query: string, stationId?: string, token?: string): Promise<PullResponse> {
    const who = from(stationId);
    const r = await hall.test.api('GET', `/api/v1/sync/pull?${query}`, { token: token ?? who.token, stationKey: who.station.key });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pullResponseSchema.parse(r.body);
  }

  /** Every page from `cursor` on, as a station would fetch them. */
  async function pullAll(opts: { limit: number; stationId?: string; cursor?: number }): Promise<{ changes: Change[]; cursor: number; pages: number }> {
    let cursor = opts.cursor ?? 0;
    const changes: Change[] = [];
    for (let pages = 1; ; pages++) {
      const page = await pull(`cursor=${cursor}&limit=${opts.limit}`, opts.stationId);
      changes.push(...page.changes);
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      if (!page.hasMore) return { changes, cursor, pages };
    }
  }

  /** What a station rebuilds from the changes: the latest data per entity and id, deletes removed. */
  function replay(changes: Change[]): Map<string, Map<string, unknown>> {
    const state = new Map<string, Map<string, unknown>>();
    for (const c of changes) {
      const byId = state.get(c.entity) ?? new Map<string, unknown>();
      state.set(c.entity, byId);
      if (c.op === 'delete') byId.delete(c.id);
      else byId.set(c.id, c.data);
    }
    return state;
  }

  const sorted = <T>(m: Map<string, T> | undefined) => [...(m ?? new Map<string, T>()).entries()].sort(([a], [b]) => a.localeCompare(b));
  const byKey = <T>(items: T[], key: (t: T) => string) => items.map((x) => [key(x), x] as [string, T]).sort(([a], [b]) => a.localeCompare(b));

  beforeAll(async () => {
    hall = await startCasesHall(backend);
    // The queue: tickets issued, called and served, so tickets appear in the log as they now stand.
    for (let i = 0; i < 3; i++) {
      const r = await call(hall, 'POST', '/api/v1/tickets', hall.tokens.clerkB1, { zoneCode: 'B', requestId: newId() });
      expect(r.status).toBe(201);
    }
    const called = await call(hall, 'POST', '/api/v1/windows/B1/call-next', hall.tokens.clerkB1);
    expect(called.status).toBe(200);
    // Cases of two stations, some moved on after intake (sent to the department by its office).
    for (let i = 0; i < 3; i++) {
      const c = intake();
      b1Cases.push(c.id);
      const res = [...(await push(hall, [envelope('case.accept', { case: c })])).results, ...(await push(hall, [envelope('case.dispatch', { caseId: c.id, departmentCodes: ['SCJG'] })])).results];
      expect(res.map((r) => r.status)).toEqual(['applied', 'applied']);
    }
    for (let i = 0; i < 2; i++) {
      const c = intake({ windowCode: 'B2', stationId: STATION_B2, clerkId: hall.staffIds.clerkB2, materials: [received('IDCARD'), received('FORM', 'missing')] });
      b2Cases.push(c.id);
      const res = await push(hall, [envelope('case.notify-correction', { case: c, correctionDueDate: '2026-12-04' }, { staffId: hall.staffIds.clerkB2 })], {
        stationId: STATION_B2,
        token: hall.tokens.clerkB2,
      });
      expect(res.results[0]!.status).toBe('applied');
    }
  });
  afterAll(async () => {
    await hall?.close();
  });

  describe('pull from cursor 0', () => {
    it('rebuilds the same catalogue, calendar, staff, tickets and cases as the database holds', async () => {
      // Each station gets its own cases; together the two stations' pulls cover the whole database.
      const bySeq = new Map<number, Change>();
      for (const stationId of [STATION_B1, STATION_B2]) for (const c of (await pullAll({ limit: 1000, stationId })).changes) bySeq.set(c.seq, c);
      const changes = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
      const state = replay(changes);
      const db = hall.ctx.db.drizzle;

      const catalog = await readCatalog(db);
      expect(state.get('hall')?.get('hall')).toEqual(catalog.hall);
      expect(sorted(state.get('zone'))).toEqual(byKey(catalog.zones, (z) => z.code));
      expect(sorted(state.get('window'))).toEqual(byKey(catalog.windows, (w) => w.code));
      expect(sorted(state.get('department'))).toEqual(byKey(catalog.departments, (d) => d.code));
      expect(sorted(state.get('material'))).toEqual(byKey(catalog.materials, (m) => m.code));
      expect(sorted(state.get('matter'))).toEqual(byKey(catalog.matters, (m) => m.code));
      expect(sorted(state.get('bundle'))).toEqual(byKey(catalog.bundles, (b) => b.code));
      expect([catalog.zones.length, catalog.windows.length, catalog.matters.length]).toEqual([2, 3, 3]);

      const years = await listCalendarYears(db);
      expect(sorted(state.get('calendar'))).toEqual(byKey(years.map((y) => y.data), (y) => String(y.year)));
      const staff = (await listStaff(db)).map(staffView);
      expect(sorted(state.get('staff'))).toEqual(byKey(staff, (s) => s.id));

      const ticketRows = await db.select().from(tickets).orderBy(asc(tickets.id));
      expect(ticketRows).toHaveLength(3);
      expect(sorted(state.get('ticket'))).toEqual(byKey(ticketRows.map(ticketView), (t) => t.id));
      expect(ticketRows.filter((t) => t.status === 'called')).toHaveLength(1);

      const caseRows = await db.select().from(cases);
      expect(caseRows).toHaveLength(5);
      const opened = await caseReads.byIds(db, hall.ctx.sealer, caseRows.map((r) => r.id));
      const records = await Promise.all(opened.map(async (r) => toCaseRecord(r, await caseReads.history(db, r.id))));
      expect(sorted(state.get('case'))).toEqual(byKey(records, (r) => r.id));
      for (const data of state.get('case')!.values()) caseRecordSchema.parse(data);
    });

    it('pages through the log in order: the same changes in small pages as in one, hasMore until the end', async () => {
      // (window B1's PC and clerk)
      const whole = await pullAll({ limit: 1000 });
      expect(whole.pages).toBe(1);
      const paged = await pullAll({ limit: 7 });
      expect(paged.pages).toBe(Math.max(1, Math.ceil(whole.changes.length / 7)));
      expect(paged.changes).toEqual(whole.changes);
      expect(paged.cursor).toBe(whole.cursor);
      const seqs = whole.changes.map((c) => c.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);

      const first = await pull('cursor=0&limit=7');
      expect(first).toMatchObject({ hasMore: true, cursor: first.changes[6]!.seq });
      const atEnd = await pull(`cursor=${whole.cursor}&limit=50`);
      // Every page also says where citizens reach the hall (the receipts' QR base): here, its own address.
      expect(atEnd).toEqual({ changes: [], cursor: whole.cursor, hasMore: false, publicBaseUrl: hall.url });
    });

    it('gives the next page only what changed after the cursor', async () => {
      const before = await pullAll({ limit: 1000, stationId: STATION_B1 });
      const caseId = b1Cases[0]!;
      await push(hall, [envelope('case.decide', { caseId, departmentCode: 'SCJG', decision: 'approved', opinion: '同意' })]);
      const next = await pull(`cursor=${before.cursor}&limit=50`, STATION_B1);
      expect(next.changes.map((c) => [c.entity, c.id, c.op])).toEqual([['case', caseId, 'upsert']]);
      expect((next.changes[0]!.data as { status: string }).status).toBe('approved');
    });
  });

  describe('pull for one station', () => {
    it("gives a station its own cases and everything else, never another station's cases; the department's office its department's", async () => {
      const mine = await pullAll({ limit: 5, stationId: STATION_B1 });
      const b2 = await pullAll({ limit: 1000, stationId: STATION_B2 });
      const office = await pullAll({ limit: 1000, stationId: STATION_OFFICE });
      const caseIds = (cs: Change[]) => [...new Set(cs.filter((c) => c.entity === 'case').map((c) => c.id))].sort();
      expect(caseIds(mine.changes)).toEqual([...b1Cases].sort());
      expect(caseIds(b2.changes)).toEqual([...b2Cases].sort());
      // Every case here is a food permit of 市场监管 (SCJG): its approver's office works on all of them.
      expect(caseIds(office.changes)).toEqual([...b1Cases, ...b2Cases].sort());
      const others = (cs: Change[]) => cs.filter((c) => c.entity !== 'case');
      expect(others(mine.changes)).toEqual(others(b2.changes));
      expect(mine.cursor).toBe(b2.cursor);
    });

    it('refuses a pull without a station key, or from a PC the session was not signed in from', async () => {
      const bare = await call(hall, 'GET', '/api/v1/sync/pull?cursor=0', hall.tokens.clerkB1);
      expect(bare).toMatchObject({ status: 403, body: { error: { code: 'STATION_REQUIRED' } } });
      const elsewhere = await hall.test.api('GET', '/api/v1/sync/pull?cursor=0', { token: hall.tokens.clerkB1, stationKey: hall.stations.B2.key });
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body).toMatchObject({ error: { code: 'STATION_FORBIDDEN' } });
    });

    it("moves the cursor past another station's cases, so they are not scanned again", async () => {
      const start = (await pullAll({ limit: 1000, stationId: STATION_B1 })).cursor;
      const c = intake({ windowCode: 'B2', stationId: STATION_B2, clerkId: hall.staffIds.clerkB2 });
      await push(hall, [envelope('case.accept', { case: c }, { staffId: hall.staffIds.clerkB2 })], { stationId: STATION_B2, token: hall.tokens.clerkB2 });
      const page = await pull(`cursor=${start}&limit=10`, STATION_B1);
      expect(page.changes).toEqual([]);
      expect(page.hasMore).toBe(false);
      expect(page.cursor).toBeGreaterThan(start);
      const forB2 = await pull(`cursor=${start}&limit=10`, STATION_B2);
      expect(forB2.changes.map((x) => x.id)).toEqual([c.id]);
      expect(forB2.cursor).toBe(page.cursor);
    });

    it('refuses a cursor or limit outside the contract with 400', async () => {
      for (const q of ['cursor=-1', 'limit=0', 'limit=1001', 'cursor=abc']) {
        const r = await hall.test.api('GET', `/api/v1/sync/pull?${q}`, { token: hall.tokens.clerkB1, stationKey: hall.stations.B1.key });
        expect(r.status, q).toBe(400);
        expect(r.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      }
    });

    it('pulls the same for whoever is signed in at the same PC (the station is what pulls)', async () => {
      const asSupervisor = await pull('cursor=0&limit=1000', STATION_B1, hall.tokens.supervisor);
      const asClerk = await pull('cursor=0&limit=1000', STATION_B1);
      expect(asSupervisor).toEqual(asClerk);
    });

    it('records that a station read the cases it pulled in full', async () => {
      await pull('cursor=0&limit=1000', STATION_B2);
      const reads = await hall.ctx.db.drizzle
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.read-full'), eq(auditLog.entityId, STATION_B2)))
        .orderBy(desc(auditLog.id));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads[0]!.after).toMatchObject({ reason: 'sync.pull' });
      expect((reads[0]!.after as { caseIds: string[] }).caseIds.sort()).toEqual(expect.arrayContaining([...b2Cases].sort()));
    });
  });
});

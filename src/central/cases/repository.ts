import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { ScopeFilter } from '../auth/policy';
import type { CaseStatus } from '../../domain/case';
import { addDays, startOfLocalDate } from '../../domain/local-date';
import type { HallQueryable } from '../db/client';
import { caseEvents, cases, departments, materials, matters, windows } from '../db/schema';
import type { Material, Matter } from '../../domain/catalog';
import type { Sealer } from '../crypto/sealer';
import type { CaseEventRow } from './record';
import { openCase, sealCase, type CaseRow, type StoredCaseRow } from './sealed';

/**
 * Reads of cases: by id, by number (opened: the applicant in full), lists (as stored: masked, the
 * seals left shut). Personal data is sealed in the table (cases/sealed.ts); only these functions and
 * the writes below cross between the two forms.
 */
export const caseReads = {
  async byId(db: HallQueryable, s: Sealer, id: string): Promise<CaseRow | null> {
    const row = (await db.select().from(cases).where(eq(cases.id, id)).limit(1))[0];
    return row ? openCase(s, row) : null;
  },

  async byCaseNo(db: HallQueryable, s: Sealer, caseNo: string): Promise<CaseRow | null> {
    const row = (await db.select().from(cases).where(eq(cases.caseNo, caseNo)).limit(1))[0];
    return row ? openCase(s, row) : null;
  },

  /** Whether a case holds this id or number (no seal opened). */
  async exists(db: HallQueryable, by: { id: string } | { caseNo: string }): Promise<{ windowCode: string } | null> {
    const where = 'id' in by ? eq(cases.id, by.id) : eq(cases.caseNo, by.caseNo);
    return (await db.select({ windowCode: cases.windowCode }).from(cases).where(where).limit(1))[0] ?? null;
  },

  /** Several cases by id, opened. */
  async byIds(db: HallQueryable, s: Sealer, ids: string[]): Promise<CaseRow[]> {
    if (ids.length === 0) return [];
    return (await db.select().from(cases).where(inArray(cases.id, ids))).map((r) => openCase(s, r));
  },

  async history(db: HallQueryable, caseId: string): Promise<CaseEventRow[]> {
    return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
  },

  /** The histories of several cases in one query, by case id. */
  async historyOf(db: HallQueryable, caseIds: string[]): Promise<Map<string, CaseEventRow[]>> {
    const out = new Map<string, CaseEventRow[]>();
    if (caseIds.length === 0) return out;
    const rows = await db.select().from(caseEvents).where(inArray(caseEvents.caseId, caseIds)).orderBy(asc(caseEvents.id));
    for (const r of rows) {
      const list = out.get(r.caseId);
      if (list) list.push(r);
      else out.set(r.caseId, [r]);
    }
    return out;
  },

  /** Newest acceptance first. `from`/`to` are local dates (Asia/Shanghai), inclusive; `scope` is the caller's (auth/policy.ts). */
  async list(
    db: HallQueryable,
    q: {
      /** The blind index of the ID number looked for (Sealer.index of the normalised number). */
      idIndex?: string | undefined;
      status?: CaseStatus | undefined;
      from?: string | undefined;
      to?: string | undefined;
      windowCode?: string | undefined;
      limit: number;
      offset?: number | undefined;
      scope: ScopeFilter;
    },
  ): Promise<StoredCaseRow[]> {
    const where: SQL[] = [casesInScope(q.scope)];
    if (q.idIndex !== undefined) where.push(eq(cases.idIndex, q.idIndex));
    if (q.status !== undefined) where.push(eq(cases.status, q.status));
    if (q.windowCode !== undefined) where.push(eq(cases.windowCode, q.windowCode));
    if (q.from !== undefined) where.push(gte(cases.acceptedAt, startOfLocalDate(q.from)));
    if (q.to !== undefined) where.push(lt(cases.acceptedAt, startOfLocalDate(addDays(q.to, 1))));
    return db
      .select()
      .from(cases)
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(desc(cases.acceptedAt), desc(cases.caseNo))
      .limit(q.limit)
      .offset(q.offset ?? 0);
  },
};

const anyOf = (column: typeof cases.zoneCodes | typeof cases.departmentCodes, codes: readonly string[]) =>
  codes.length === 0 ? sql`false` : sql`${column} ?| array[${sql.join(codes.map((c) => sql`${c}`), sql`, `)}]::text[]`;

/** The cases a scope reaches, as a WHERE part (auth/policy.ts scopes). */
export function casesInScope(f: ScopeFilter): SQL {
  switch (f.kind) {
    case 'all':
      return sql`true`;
    case 'station':
      return f.stationId === null ? sql`false` : eq(cases.stationId, f.stationId);
    case 'window':
      return f.windowCode === null ? sql`false` : eq(cases.windowCode, f.windowCode);
    case 'zones':
      return anyOf(cases.zoneCodes, f.zoneCodes);
    case 'departments':
      return anyOf(cases.departmentCodes, f.departmentCodes);
    case 'self':
      return eq(cases.clerkId, f.staffId);
  }
}

/** Writes, always inside a unit of work (a push writes history rows and changes with its last statement: cases/lookups.ts). */
export const caseWrites = {
  /** The case row locked for this transaction: mutations of one case run one after another. */
  async lock(tx: HallQueryable, s: Sealer, id: string): Promise<CaseRow | null> {
    const row = (await tx.select().from(cases).where(eq(cases.id, id)).for('update').limit(1))[0];
    return row ? openCase(s, row) : null;
  },

  /** False when the id or the case number is already taken (nothing written, no error raised). */
  async insert(tx: HallQueryable, s: Sealer, row: CaseRow): Promise<boolean> {
    return (await tx.insert(cases).values(sealCase(s, row)).onConflictDoNothing().returning({ id: cases.id })).length > 0;
  },

  /** The UPDATE (unsent) that stores a changed case, sealed. */
  update(tx: HallQueryable, s: Sealer, row: CaseRow) {
    const { id, createdAt: _createdAt, ...set } = sealCase(s, row);
    return tx.update(cases).set(set).where(eq(cases.id, id));
  },

};

/** The catalogue pieces a case refers to. */
export const catalogLookups = {
  async matters(db: HallQueryable, codes: string[]): Promise<Matter[]> {
    if (codes.length === 0) return [];
    const rows = await db.select({ data: matters.data }).from(matters).where(inArray(matters.code, codes));
    const byCode = new Map(rows.map((r) => [r.data.code, r.data]));
    // In the order the case names them: the checklist follows the clerk's order.
    return codes.flatMap((c) => (byCode.has(c) ? [byCode.get(c)!] : []));
  },

  async materials(db: HallQueryable, codes: string[]): Promise<Material[]> {
    if (codes.length === 0) return [];
    return (await db.select({ data: materials.data }).from(materials).where(inArray(materials.code, codes))).map((r) => r.data);
  },

  async departmentCodes(db: HallQueryable, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    return new Set((await db.select({ code: departments.code }).from(departments).where(inArray(departments.code, codes))).map((r) => r.code));
  },

  async windowExists(db: HallQueryable, code: string): Promise<boolean> {
    return (await db.select({ code: windows.code }).from(windows).where(eq(windows.code, code)).limit(1)).length > 0;
  },
};

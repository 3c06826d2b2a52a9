import { and, asc, count, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Applicant } from '../../contract/case';
import type { ApplicationState } from '../../domain/online-application';
import { maskIdNumber } from '../../domain/masking';
import type { Sealer } from '../crypto/sealer';
import type { HallQueryable } from '../db/client';
import { onlineApplications, type SealedPerson, type StoredAgent } from '../db/schema';

export type StoredApplicationRow = typeof onlineApplications.$inferSelect;

/** An application as the hall works with it: applicant, agent and form open. */
export type ApplicationRow = Omit<StoredApplicationRow, 'applicant' | 'agent' | 'formSealed' | 'idIndex' | 'idNumberMasked'> & {
  applicant: Applicant;
  agent: StoredAgent | null;
  form: Record<string, unknown>;
};

function sealPerson(s: Sealer, p: object): SealedPerson {
  const { name, idType, ...rest } = p as { name: string; idType?: string };
  return { name, ...(idType !== undefined ? { idType } : {}), sealed: s.seal(JSON.stringify(rest)) };
}
function openPerson<T>(s: Sealer, p: SealedPerson): T {
  const { sealed, ...clear } = p;
  return { ...clear, ...(JSON.parse(s.open(sealed)) as object) } as T;
}

export function sealApplication(s: Sealer, row: ApplicationRow): StoredApplicationRow {
  const { applicant, agent, form, ...rest } = row;
  return {
    ...rest,
    applicant: sealPerson(s, applicant),
    agent: agent ? sealPerson(s, agent) : null,
    formSealed: s.seal(JSON.stringify(form)),
    idIndex: s.index(applicant.idNumber),
    idNumberMasked: maskIdNumber(applicant.idNumber),
  };
}

export function openApplication(s: Sealer, stored: StoredApplicationRow): ApplicationRow {
  const { applicant, agent, formSealed, idIndex: _i, idNumberMasked: _m, ...rest } = stored;
  return {
    ...rest,
    applicant: openPerson<Applicant>(s, applicant),
    agent: agent ? openPerson<StoredAgent>(s, agent) : null,
    form: JSON.parse(s.open(formSealed)) as Record<string, unknown>,
  };
}

/** Which applications a caller reaches (the route's scope, resolved by online/scope.ts). */
export type ApplicationScope =
  | { kind: 'all' }
  | { kind: 'zones'; zoneCodes: readonly string[] }
  | { kind: 'portal'; staffId: string }
  /** The applications a town centre filed (channel `town`), for its own windows to follow. */
  | { kind: 'site'; siteCode: string };

function inScope(s: ApplicationScope): SQL {
  switch (s.kind) {
    case 'all':
      return sql`true`;
    case 'portal':
      return eq(onlineApplications.portalStaffId, s.staffId);
    case 'zones':
      return s.zoneCodes.length === 0 ? sql`false` : inArray(onlineApplications.zoneCode, [...s.zoneCodes]);
    case 'site':
      return eq(onlineApplications.siteCode, s.siteCode);
  }
}

export const applicationReads = {
  async byId(db: HallQueryable, id: string): Promise<StoredApplicationRow | null> {
    return (await db.select().from(onlineApplications).where(eq(onlineApplications.id, id)).limit(1))[0] ?? null;
  },
  async byPortalId(db: HallQueryable, portalStaffId: string, portalId: string): Promise<StoredApplicationRow | null> {
    return (
      (await db.select().from(onlineApplications).where(and(eq(onlineApplications.portalStaffId, portalStaffId), eq(onlineApplications.portalId, portalId))).limit(1))[0] ?? null
    );
  },
  /** The inbox: what waits first (the earliest pre-review deadline), then by receipt. Masked; no seal opened. */
  async list(db: HallQueryable, q: { scope: ApplicationScope; state?: ApplicationState | undefined; zone?: string | undefined; updatedAfter?: Date | undefined; limit: number }) {
    const where: SQL[] = [inScope(q.scope)];
    if (q.state) where.push(eq(onlineApplications.state, q.state));
    if (q.zone) where.push(eq(onlineApplications.zoneCode, q.zone));
    if (q.updatedAfter) where.push(gt(onlineApplications.updatedAt, q.updatedAfter));
    return db
      .select()
      .from(onlineApplications)
      .where(and(...where))
      .orderBy(asc(onlineApplications.reviewDueDate), asc(onlineApplications.receivedAt), asc(onlineApplications.id))
      .limit(q.limit);
  },
};

/**
 * Applications waiting for pre-review past their deadline (state submitted, reviewDueDate before
 * today): what isReviewOverdue (domain/online-application.ts) flags one by one, counted in SQL.
 */
export async function countOverdueApplications(db: HallQueryable, scope: ApplicationScope, today: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(onlineApplications)
    .where(and(inScope(scope), eq(onlineApplications.state, 'submitted'), lt(onlineApplications.reviewDueDate, today)));
  return Number(rows[0]?.n ?? 0);
}

export const applicationWrites = {
  /** Locked for this transaction: actions on one application run one after another. */
  async lock(tx: HallQueryable, s: Sealer, id: string): Promise<ApplicationRow | null> {
    const row = (await tx.select().from(onlineApplications).where(eq(onlineApplications.id, id)).for('update').limit(1))[0];
    return row ? openApplication(s, row) : null;
  },
  /** False when this portal already filed this portalId (nothing written). */
  async insert(tx: HallQueryable, s: Sealer, row: ApplicationRow): Promise<boolean> {
    return (await tx.insert(onlineApplications).values(sealApplication(s, row)).onConflictDoNothing().returning({ id: onlineApplications.id })).length > 0;
  },
  async update(tx: HallQueryable, s: Sealer, row: ApplicationRow): Promise<void> {
    const { id, createdAt: _c, ...set } = sealApplication(s, row);
    await tx.update(onlineApplications).set(set).where(eq(onlineApplications.id, id));
  },
};

import { and, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Evaluation, FollowUp } from '../../contract/evaluation';
import { evaluationLabel, followUpOverdue, isBadEvaluation, isEvaluationLevel, type EvaluationLevel } from '../../domain/evaluation';
import type { LocalDate } from '../../domain/local-date';
import type { ScopeFilter } from '../auth/policy';
import type { HallQueryable } from '../db/client';
import { evaluationFollowUps, evaluations } from '../db/schema';

export type EvaluationRow = typeof evaluations.$inferSelect;
export type FollowUpRow = typeof evaluationFollowUps.$inferSelect;

const levelOf = (n: number): EvaluationLevel => (isEvaluationLevel(n) ? n : 3);

export function evaluationView(r: EvaluationRow): Evaluation {
  return {
    id: r.id,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    caseNo: r.caseNo,
    zoneCode: r.zoneCode,
    windowCode: r.windowCode,
    staffId: r.staffId,
    staffUsername: r.staffUsername,
    staffName: r.staffName,
    level: r.level,
    label: evaluationLabel(levelOf(r.level)),
    reason: r.reason,
    at: r.at.toISOString(),
    day: r.day,
    source: r.source,
    appeal: r.appeal ?? null,
  };
}

/**
 * What the change log (and so the staff live feed and every station's pull) carries about a rating:
 * no reason, which is the citizen's free text; the supervisor reads it in the list.
 */
export function evaluationEvent(r: EvaluationRow) {
  return {
    id: r.id,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    zoneCode: r.zoneCode,
    windowCode: r.windowCode,
    staffName: r.staffName,
    level: r.level,
    label: evaluationLabel(levelOf(r.level)),
    bad: isBadEvaluation(levelOf(r.level)),
    source: r.source,
    at: r.at.toISOString(),
  };
}

export function followUpView(f: FollowUpRow, e: EvaluationRow, today: LocalDate): FollowUp {
  const closed = f.closedAt !== null;
  return {
    evaluationId: f.evaluationId,
    evaluation: evaluationView(e),
    zoneCode: f.zoneCode,
    windowCode: f.windowCode,
    returnVisitDue: f.returnVisitDue,
    rectificationDue: f.rectificationDue,
    returnVisit: f.returnVisit ?? null,
    finding: f.finding,
    rectification: f.rectification ?? null,
    citizenAccepts: f.citizenAccepts,
    closed,
    closedReason: f.closedReason ?? null,
    overdue: followUpOverdue(f, { returnVisitOn: f.returnVisit?.on ?? null, rectifiedOn: f.rectification?.on ?? null, closed }, today),
  };
}

/**
 * Rows a caller may see (auth/policy.ts): a clerk its window's, a supervisor those of its zones (the
 * zone of the ticket served: the zone whose supervisor answers for it), an administrator all.
 */
function scoped(f: ScopeFilter, zone: SQLWrapperColumn, window: SQLWrapperColumn): SQL {
  switch (f.kind) {
    case 'all':
      return sql`true`;
    case 'window':
      return f.windowCode === null ? sql`false` : sql`${window} = ${f.windowCode}`;
    case 'zones':
      return f.zoneCodes.length === 0 ? sql`false` : inArray(zone, [...f.zoneCodes]);
    default:
      return sql`false`;
  }
}

type SQLWrapperColumn = typeof evaluations.zoneCode | typeof evaluations.windowCode | typeof evaluationFollowUps.zoneCode | typeof evaluationFollowUps.windowCode;

export interface EvaluationFilter {
  scope: ScopeFilter;
  from: LocalDate;
  to: LocalDate;
  windowCode?: string;
  staffUsername?: string;
  level?: number;
  limit: number;
}

export const evaluationReads = {
  async byId(db: HallQueryable, id: string): Promise<EvaluationRow | null> {
    return (await db.select().from(evaluations).where(eq(evaluations.id, id)).limit(1))[0] ?? null;
  },

  async byTicket(db: HallQueryable, ticketId: string): Promise<EvaluationRow | null> {
    return (await db.select().from(evaluations).where(eq(evaluations.ticketId, ticketId)).limit(1))[0] ?? null;
  },

  /** Newest first, and every row of the filter for the summary (a day's ratings in a hall are hundreds, not millions). */
  async list(db: HallQueryable, f: EvaluationFilter): Promise<EvaluationRow[]> {
    const where: SQL[] = [gte(evaluations.day, f.from), lte(evaluations.day, f.to), scoped(f.scope, evaluations.zoneCode, evaluations.windowCode)];
    if (f.windowCode) where.push(eq(evaluations.windowCode, f.windowCode));
    if (f.staffUsername) where.push(eq(evaluations.staffUsername, f.staffUsername));
    if (f.level) where.push(eq(evaluations.level, f.level));
    return db
      .select()
      .from(evaluations)
      .where(and(...where))
      .orderBy(desc(evaluations.at), desc(evaluations.id))
      .limit(f.limit);
  },

  async followUps(db: HallQueryable, scope: ScopeFilter, open: boolean, limit: number): Promise<Array<{ f: FollowUpRow; e: EvaluationRow }>> {
    const where: SQL[] = [scoped(scope, evaluationFollowUps.zoneCode, evaluationFollowUps.windowCode)];
    if (open) where.push(isNull(evaluationFollowUps.closedAt));
    const rows = await db
      .select({ f: evaluationFollowUps, e: evaluations })
      .from(evaluationFollowUps)
      .innerJoin(evaluations, eq(evaluations.id, evaluationFollowUps.evaluationId))
      .where(and(...where))
      .orderBy(evaluationFollowUps.returnVisitDue, evaluationFollowUps.evaluationId)
      .limit(limit);
    return rows;
  },

  async followUp(db: HallQueryable, id: string, lock: boolean): Promise<{ f: FollowUpRow; e: EvaluationRow } | null> {
    const q = db.select({ f: evaluationFollowUps, e: evaluations }).from(evaluationFollowUps).innerJoin(evaluations, eq(evaluations.id, evaluationFollowUps.evaluationId)).where(eq(evaluationFollowUps.evaluationId, id)).limit(1);
    return (await (lock ? q.for('update', { of: evaluationFollowUps }) : q))[0] ?? null;
  },
};

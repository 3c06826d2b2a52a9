import { and, desc, eq, inArray } from 'drizzle-orm';
import { ulid } from 'ulid';
import { followUpDeadlines, isBadEvaluation, oneRatingPerService, validateEvaluation, type FollowUpRules } from '../../domain/evaluation';
import { localDateInShanghai } from '../../domain/local-date';
import type { Target } from '../auth/policy';
import type { CaseLookups } from '../cases/lookups';
import type { CaseHistoryEvent, CaseRow } from '../cases/record';
import { caseWrites } from '../cases/repository';
import { cases, evaluationFollowUps, evaluations, staff, ticketEvents, tickets } from '../db/schema';
import type { Work } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { ticketTarget } from '../queue/actions';
import { evaluationEvent, type EvaluationRow } from './record';

/** Who records a rating, where and when: an HTTP call at the window, or a pushed sync mutation. */
export interface RatingContext {
  w: Work;
  /** The cases this unit already holds (a push), so a case is written once, with its rating. */
  lookups: CaseLookups;
  /** The policy's say on the ticket (auth/policy.ts), before anything is written. */
  authorize: (t: Target) => void;
  /** When the citizen rated (for an offline pad: the station's clock, checked by the push). */
  at: Date;
  /** The session that brought it to the hall. */
  recordedBy: string;
  stationId: string | null;
  mutationId: string | null;
  /** The hall's deadlines for answering a bad rating (evaluations/settings.ts), read when one is needed. */
  rules: () => Promise<FollowUpRules>;
}

export interface RatingInput {
  ticketId: string;
  /** The window the pad sits at; it must be the one that served the ticket. */
  windowCode?: string | null;
  level: number;
  reason?: string | null;
  source: 'pad' | 'window';
}

/**
 * 好差评 of one service: the finished ticket, recorded against the window and the clerk who served
 * it, and standing for every case taken in at that ticket (GB/T 39734: one rating per service). A
 * bad rating opens its follow-up for the zone's supervisors, with deadlines in working days.
 * Every refusal comes before the first write (all writes are queued on the unit of work).
 */
export async function rateTicket(rc: RatingContext, input: RatingInput): Promise<EvaluationRow> {
  const { w } = rc;
  const ticket = (await w.tx.select().from(tickets).where(eq(tickets.id, input.ticketId)).for('update').limit(1))[0];
  if (!ticket) throw new HallError('TICKET_NOT_FOUND', `no ticket ${input.ticketId}`, { id: input.ticketId });
  rc.authorize(await ticketTarget(w.tx, ticket));
  if (input.windowCode && ticket.windowCode !== input.windowCode) {
    throw new HallError('TICKET_NOT_AT_WINDOW', `ticket ${ticket.number} was served at ${ticket.windowCode ?? 'no window'}, not ${input.windowCode}`, {
      windowCode: ticket.windowCode,
    });
  }
  if (ticket.status !== 'finished' || ticket.windowCode === null) {
    throw new HallError('TICKET_NOT_FINISHED', `ticket ${ticket.number} is ${ticket.status}: a service is rated once it is finished`, { status: ticket.status }, 409);
  }
  const taken = await w.tx.select({ id: cases.id }).from(cases).where(eq(cases.ticketId, ticket.id));
  const caseRows: CaseRow[] = [];
  for (const { id } of taken) {
    const row = rc.lookups.heldCase(id) ?? (await caseWrites.lock(w.tx, rc.lookups.sealer, id));
    if (row) caseRows.push(row);
  }
  const earlier = (await w.tx.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.ticketId, ticket.id)).limit(1))[0];
  const rated = oneRatingPerService({ ticketRated: earlier !== undefined, caseRated: caseRows.some((c) => c.evaluation !== null) });
  if (!rated.ok) throw new HallError(rated.error.code, `ticket ${ticket.number} was already rated (one rating per service)`, { ticketNumber: ticket.number }, 409);
  const evaluation = unwrap(validateEvaluation({ level: input.level, reason: input.reason ?? null }));

  const server = await servedBy(w, ticket.id);
  const day = localDateInShanghai(rc.at);
  const first = caseRows[0] ?? null;
  const row: EvaluationRow = {
    id: ulid(rc.at.getTime()),
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    day,
    zoneCode: ticket.zoneCode,
    windowCode: ticket.windowCode,
    staffId: server?.id ?? rc.recordedBy,
    staffUsername: server?.username ?? '',
    staffName: server?.name ?? '',
    caseId: first?.id ?? null,
    caseNo: first?.caseNo ?? null,
    level: evaluation.level,
    reason: evaluation.reason,
    source: input.source,
    at: rc.at,
    recordedBy: rc.recordedBy,
    mutationId: rc.mutationId,
    appeal: null,
  };
  // Deadlines first: an unknown calendar year refuses the rating before anything is queued.
  const due = isBadEvaluation(evaluation.level) ? followUpDeadlines(await rc.lookups.calendar(), day, await rc.rules()) : null;

  w.later(w.tx.insert(evaluations).values(row));
  for (const c of caseRows) await rateCase(rc, c, row);
  if (due) {
    w.later(w.tx.insert(evaluationFollowUps).values({ evaluationId: row.id, zoneCode: row.zoneCode, windowCode: row.windowCode, ...due, createdAt: w.at, updatedAt: w.at }));
  }
  w.change({ entity: 'evaluation', id: row.id, op: 'upsert', event: 'evaluation.recorded', data: evaluationEvent(row) });
  w.audit({
    action: 'ticket.evaluate',
    entity: 'ticket',
    entityId: ticket.id,
    after: { evaluationId: row.id, level: row.level, source: row.source, staffId: row.staffId, caseNos: caseRows.map((c) => c.caseNo), mutationId: rc.mutationId, followUp: due },
  });
  return row;
}

/** The clerk who finished the ticket (the one who served the citizen), from the ticket's history. */
async function servedBy(w: Work, ticketId: string) {
  const last = (
    await w.tx
      .select({ id: staff.id, username: staff.username, name: staff.name })
      .from(ticketEvents)
      .innerJoin(staff, eq(staff.id, ticketEvents.staffId))
      .where(and(eq(ticketEvents.ticketId, ticketId), inArray(ticketEvents.action, ['finish', 'start', 'call', 'recall'])))
      .orderBy(desc(ticketEvents.at), desc(ticketEvents.id))
      .limit(1)
  )[0];
  return last ?? null;
}

/** A case taken in at the ticket carries the same rating (its clerk-entered path is then closed). */
async function rateCase(rc: RatingContext, c: CaseRow, e: EvaluationRow): Promise<void> {
  const after: CaseRow = { ...c, evaluation: { level: e.level, reason: e.reason, at: e.at.toISOString() }, updatedAt: rc.w.at };
  const event: CaseHistoryEvent = {
    caseId: c.id,
    at: rc.at,
    action: 'case.evaluate',
    fromStatus: c.status,
    toStatus: c.status,
    staffId: e.staffId,
    stationId: rc.stationId,
    pushedBy: rc.recordedBy,
    receivedAt: rc.w.at,
    mutationId: rc.mutationId,
    note: String(e.level),
    data: { evaluationId: e.id, source: e.source, ticketId: e.ticketId },
  };
  await rc.lookups.record(after, event, false);
  rc.w.change({ entity: 'case', id: c.id, op: 'upsert', event: 'case.evaluate', data: null, stationId: c.stationId });
}

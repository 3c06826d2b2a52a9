import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { appealDecisionRequestSchema, followUpUpdateSchema } from '../../contract/evaluation';
import { isBadEvaluation, isEvaluationLevel } from '../../domain/evaluation';
import type { Permit } from '../auth/policy';
import type { StaffAuth } from '../auth/guard';
import { evaluationFollowUps, evaluations, type StoredAppeal } from '../db/schema';
import type { Work } from '../db/work';
import { HallError } from '../http/errors';
import { evaluationEvent, evaluationReads, type EvaluationRow, type FollowUpRow } from './record';

const notFound = (id: string) => new HallError('EVALUATION_NOT_FOUND', `no evaluation ${id}`, { id });

async function lockEvaluation(w: Work, id: string): Promise<EvaluationRow> {
  const row = (await w.tx.select().from(evaluations).where(eq(evaluations.id, id)).for('update').limit(1))[0];
  if (!row) throw notFound(id);
  return row;
}

/**
 * One or more steps of answering a bad rating: the return visit, the finding, the rectification,
 * and whether the citizen accepts it. A step once recorded stays (the hall reports it upward); the
 * follow-up closes when the citizen accepts. Steps keep their order: no rectification before the
 * return visit, no acceptance before the rectification.
 */
export async function updateFollowUp(w: Work, permit: Permit, auth: StaffAuth, id: string, body: z.output<typeof followUpUpdateSchema>): Promise<{ f: FollowUpRow; e: EvaluationRow }> {
  const held = await evaluationReads.followUp(w.tx, id, true);
  if (!held) throw new HallError('FOLLOW_UP_NOT_FOUND', `no follow-up for evaluation ${id}`, { id });
  permit.require({ zoneCodes: [held.f.zoneCode], windowCode: held.f.windowCode });
  const f = held.f;
  if (f.closedAt) throw new HallError('FOLLOW_UP_CLOSED', `the follow-up of ${held.e.ticketNumber} is closed (${f.closedReason})`, { closedReason: f.closedReason }, 409);
  const next: FollowUpRow = { ...f, updatedAt: w.at };
  if (body.returnVisit) next.returnVisit = { ...body.returnVisit, by: auth.username };
  if (body.finding) next.finding = body.finding;
  if (body.rectification) {
    if (!next.returnVisit) throw new HallError('FOLLOW_UP_STEP_ORDER', 'record the return visit to the citizen before the rectification', {}, 409);
    next.rectification = { ...body.rectification, by: auth.username };
  }
  if (body.citizenAccepts !== undefined) {
    if (!next.rectification) throw new HallError('FOLLOW_UP_STEP_ORDER', "ask whether the citizen accepts once the rectification is recorded", {}, 409);
    next.citizenAccepts = body.citizenAccepts;
    if (body.citizenAccepts) {
      next.closedAt = w.at;
      next.closedReason = 'accepted';
    }
  }
  const { evaluationId: _id, ...set } = next;
  w.later(w.tx.update(evaluationFollowUps).set(set).where(eq(evaluationFollowUps.evaluationId, id)));
  w.change({ entity: 'evaluation', id, op: 'upsert', event: 'evaluation.follow-up', data: { ...evaluationEvent(held.e), closed: next.closedAt !== null } });
  w.audit({ action: 'evaluation.follow-up', entity: 'evaluation', entityId: id, before: stepsOf(f), after: stepsOf(next) });
  return { f: next, e: held.e };
}

const stepsOf = (f: FollowUpRow) => ({ returnVisit: f.returnVisit, finding: f.finding, rectification: f.rectification, citizenAccepts: f.citizenAccepts, closedReason: f.closedReason });

/** A clerk of the rated window holds a bad rating malicious (恶意差评) and says why; once per rating. */
export async function appealEvaluation(w: Work, permit: Permit, auth: StaffAuth, id: string, reason: string): Promise<EvaluationRow> {
  const e = await lockEvaluation(w, id);
  permit.require({ windowCode: e.windowCode, zoneCodes: [e.zoneCode] }, () => notFound(id));
  if (!isEvaluationLevel(e.level) || !isBadEvaluation(e.level)) throw new HallError('EVALUATION_NOT_BAD', `only a bad rating can be appealed (${e.ticketNumber} is level ${e.level})`, {}, 409);
  if (e.appeal) throw new HallError('APPEAL_ALREADY_MADE', `the rating of ${e.ticketNumber} was already appealed (${e.appeal.status})`, { status: e.appeal.status }, 409);
  const appeal: StoredAppeal = { status: 'pending', reason, by: auth.username, at: w.at.toISOString(), decision: null };
  return saveAppeal(w, e, appeal);
}

/**
 * The zone's supervisor decides, with a reason. Upheld: the rating stays on record but leaves the
 * counts, and its follow-up closes; dismissed: nothing changes but the record of the appeal.
 */
export async function decideAppeal(w: Work, permit: Permit, auth: StaffAuth, id: string, body: z.output<typeof appealDecisionRequestSchema>): Promise<EvaluationRow> {
  const e = await lockEvaluation(w, id);
  permit.require({ windowCode: e.windowCode, zoneCodes: [e.zoneCode] }, () => notFound(id));
  if (e.appeal?.status !== 'pending') throw new HallError('APPEAL_NOT_PENDING', `no appeal of ${e.ticketNumber} waits for a decision`, { status: e.appeal?.status ?? null }, 409);
  const appeal: StoredAppeal = { ...e.appeal, status: body.upheld ? 'upheld' : 'dismissed', decision: { reason: body.reason, by: auth.username, at: w.at.toISOString() } };
  if (body.upheld) {
    w.later(
      w.tx
        .update(evaluationFollowUps)
        .set({ closedAt: w.at, closedReason: 'appeal-upheld', updatedAt: w.at })
        .where(eq(evaluationFollowUps.evaluationId, id)),
    );
  }
  return saveAppeal(w, e, appeal);
}

function saveAppeal(w: Work, e: EvaluationRow, appeal: StoredAppeal): EvaluationRow {
  const after = { ...e, appeal };
  w.later(w.tx.update(evaluations).set({ appeal }).where(eq(evaluations.id, e.id)));
  w.change({ entity: 'evaluation', id: e.id, op: 'upsert', event: 'evaluation.appeal', data: { ...evaluationEvent(after), appeal: appeal.status } });
  w.audit({ action: `evaluation.appeal-${appeal.status}`, entity: 'evaluation', entityId: e.id, before: { appeal: e.appeal }, after: { appeal } });
  return after;
}

import { evaluationApi } from '../../contract/evaluation';
import { countEvaluations } from '../../domain/evaluation';
import { localDateInShanghai } from '../../domain/local-date';
import { CaseLookups } from '../cases/lookups';
import { actorOf, inWork } from '../db/work';
import { created, hallModule, route } from '../http/route';
import { appealEvaluation, decideAppeal, updateFollowUp } from './follow-ups';
import { rateTicket } from './rate';
import { readFollowUpRules, saveFollowUpRules } from './settings';
import { evaluationReads, evaluationView, followUpView } from './record';

const TAG = 'evaluations';

/**
 * 好差评 at the hall (CITIZEN.md part D): a finished ticket rated at its window (the pad, or the
 * clerk where there is none), the ratings read with their summary, and the follow-up of bad ones.
 * The pad's offline ratings arrive by sync push as `ticket.evaluate` (sync/push.ts), through the
 * same `rateTicket`.
 */
export const evaluationsModule = hallModule('evaluations', () => [
  route(evaluationApi.evaluateTicket, TAG, async ({ ctx, auth, permit, params, body, request }) => {
    const row = await inWork(ctx, actorOf(auth, request), async (w) => {
      const lookups = new CaseLookups(w.tx, ctx.sealer);
      const rated = await rateTicket(
        { w, lookups, authorize: (t) => permit.require(t), at: w.at, recordedBy: auth.staffId, stationId: auth.stationId, mutationId: null, rules: () => readFollowUpRules(w.tx, ctx.config.followUps) },
        { ticketId: params.id, level: body.level, reason: body.reason ?? null, source: body.source },
      );
      for (const q of lookups.writes(w.tx)) w.later(q);
      return rated;
    });
    return created(evaluationView(row));
  }),

  route(evaluationApi.listEvaluations, TAG, async ({ ctx, permit, query }) => {
    const today = localDateInShanghai(ctx.now());
    const from = query.from ?? query.to ?? today;
    const to = query.to ?? (query.from ? today : from);
    if (query.windowCode) {
      // A clerk reads its own window only; a supervisor the windows of its zones.
      const win = await ctx.windows.find(ctx.db.drizzle, query.windowCode);
      permit.require({ windowCode: query.windowCode, zoneCodes: win?.zoneCodes ?? [] });
    }
    const rows = await evaluationReads.list(ctx.db.drizzle, { scope: permit.filter(), from, to, windowCode: query.windowCode, staffUsername: query.staff, level: query.level, limit: query.limit });
    const summary = countEvaluations(rows.map((r) => ({ level: r.level, windowCode: r.windowCode, appealUpheld: r.appeal?.status === 'upheld' })));
    return { from, to: to < from ? from : to, evaluations: rows.map(evaluationView), summary };
  }),

  route(evaluationApi.appeal, TAG, async ({ ctx, auth, permit, params, body, request }) =>
    evaluationView(await inWork(ctx, actorOf(auth, request), (w) => appealEvaluation(w, permit, auth, params.id, body.reason))),
  ),

  route(evaluationApi.decideAppeal, TAG, async ({ ctx, auth, permit, params, body, request }) =>
    evaluationView(await inWork(ctx, actorOf(auth, request), (w) => decideAppeal(w, permit, auth, params.id, body))),
  ),

  route(evaluationApi.followUpSettings, TAG, async ({ ctx }) => readFollowUpRules(ctx.db.drizzle, ctx.config.followUps)),
  route(evaluationApi.saveFollowUpSettings, TAG, async ({ ctx, auth, body, request }) =>
    inWork(ctx, actorOf(auth, request), (w) => saveFollowUpRules(w, body, ctx.config.followUps)),
  ),

  route(evaluationApi.listFollowUps, TAG, async ({ ctx, permit, query }) => {
    const today = localDateInShanghai(ctx.now());
    const rows = await evaluationReads.followUps(ctx.db.drizzle, permit.filter(), query.state === 'open', query.limit);
    return { today, followUps: rows.map((r) => followUpView(r.f, r.e, today)) };
  }),

  route(evaluationApi.updateFollowUp, TAG, async ({ ctx, auth, permit, params, body, request }) => {
    const out = await inWork(ctx, actorOf(auth, request), (w) => updateFollowUp(w, permit, auth, params.id, body));
    return followUpView(out.f, out.e, localDateInShanghai(ctx.now()));
  }),
]);

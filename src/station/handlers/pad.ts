import type { StationHandlers } from '../../contract/station-api';
import { validateEvaluation } from '../../domain/evaluation';
import { DomainFailure } from '../../domain/result';
import type { StationContext } from '../context';

/**
 * The evaluation pad's two calls. A rating is kept like every other piece of work at this PC: one
 * SQLite transaction writes the outbox entry (`ticket.evaluate`) and the audit row, and sync pushes
 * it — at once when the hall is there, after it comes back otherwise, exactly once either way.
 */
export function padHandlers(ctx: StationContext): Pick<
  StationHandlers,
  'pad.state' | 'pad.rate' | 'evaluations.today' | 'evaluations.followUps' | 'evaluations.updateFollowUp' | 'evaluations.decideAppeal' | 'evaluations.appeal'
> {
  return {
    async 'pad.state'() {
      return ctx.pad.state();
    },

    async 'evaluations.today'() {
      const day = ctx.today();
      return ctx.session.requireOnline().call('listEvaluations', { query: { from: day, to: day, limit: 1000 } });
    },

    async 'evaluations.followUps'() {
      return ctx.session.requireOnline().call('listFollowUps', { query: {} });
    },

    // Online calls: the follow-up and the appeal are decided at the hall, and tell the boards.
    async 'evaluations.updateFollowUp'({ evaluationId, update }) {
      return ctx.session.requireOnline().call('updateFollowUp', { params: { id: evaluationId }, body: update });
    },

    async 'evaluations.decideAppeal'({ evaluationId, upheld, reason }) {
      return ctx.session.requireOnline().call('decideAppeal', { params: { id: evaluationId }, body: { upheld, reason } });
    },

    async 'evaluations.appeal'({ evaluationId, reason }) {
      return ctx.session.requireOnline().call('appeal', { params: { id: evaluationId }, body: { reason } });
    },

    async 'pad.rate'({ ticketId, level, reason }) {
      const session = ctx.session.require();
      const window = ctx.session.requireWindow();
      const offered = ctx.pad.offered();
      if (!offered || offered.id !== ticketId) {
        throw new DomainFailure('PAD_TICKET_GONE', '这个号已不在评价器上（已评价，或窗口已换人）', { ticketId });
      }
      const checked = validateEvaluation({ level, reason: reason ?? null });
      if (!checked.ok) throw new DomainFailure(checked.error.code, checked.error.message, checked.error.details);
      const at = ctx.now();
      ctx.store.db.transaction((tx) => {
        ctx.store.outbox.append(tx, {
          name: 'ticket.evaluate',
          args: { ticketId, windowCode: window.code, level: checked.value.level, reason: checked.value.reason, source: 'pad' },
          at,
          staffId: session.staff.id,
          caseId: null,
        });
        ctx.store.audit.record(tx, { staffId: session.staff.id, windowCode: window.code, action: 'ticket.evaluate', entity: 'ticket', entityId: ticketId, detail: { level: checked.value.level, source: 'pad' } });
        // Off the pad in the same transaction: a restart never offers a ticket already rated.
        ctx.store.padTicket.clear(tx);
      });
      ctx.pad.rated();
      void ctx.sync.trigger('write');
      return ctx.pad.state();
    },
  };
}

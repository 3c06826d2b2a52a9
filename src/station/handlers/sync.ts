import type { StationHandlers } from '../../contract/station-api';
import { DomainFailure } from '../../domain/result';
import type { StationContext } from '../context';

export function syncHandlers(ctx: StationContext): Pick<StationHandlers, 'sync.state' | 'sync.now' | 'sync.rejected' | 'sync.retryRejected' | 'sync.runs'> {
  return {
    async 'sync.state'() {
      return ctx.sync.state();
    },
    async 'sync.now'() {
      return ctx.sync.trigger('manual', { force: true });
    },
    async 'sync.rejected'() {
      return ctx.store.outbox.rejected().map((r) => ({ id: r.id, name: r.name, at: r.at, code: r.code, message: r.message, caseNo: r.caseNo }));
    },
    async 'sync.retryRejected'({ mutationId }) {
      if (ctx.store.outbox.retry(mutationId) === null) throw new DomainFailure('MUTATION_NOT_REJECTED', `没有被拒绝的记录 ${mutationId}`);
      return ctx.sync.trigger('manual', { force: true });
    },
    async 'sync.runs'({ limit }) {
      return ctx.store.syncRuns.latest(limit);
    },
  };
}

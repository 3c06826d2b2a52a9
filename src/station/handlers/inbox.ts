import type { StationHandlers } from '../../contract/station-api';
import type { StationContext } from '../context';
import { hallCall } from './online';

/**
 * The online inbox (网上申办) of the window's zones: read and worked on the hall server (online
 * only — the applications and their files live there). An acceptance makes a case of this window
 * at the hall; a sync brings it here at once, like a case taken in at the counter.
 */
export function inboxHandlers(ctx: StationContext): Pick<StationHandlers, 'inbox.list' | 'inbox.get' | 'inbox.material' | 'inbox.return' | 'inbox.accept' | 'inbox.refuse'> {
  const online = hallCall(ctx);
  const names = (codes: string[]) => codes.map((c) => ctx.catalog.matterName(c));
  const changed = (reason: string) => ctx.emit({ type: 'inbox', reason });

  return {
    async 'inbox.list'({ state }) {
      const got = await online((hall) => hall.call('listApplications', { query: { ...(state ? { state } : {}), limit: 500 } }));
      return { today: got.today, applications: got.applications.map((a) => ({ ...a, matterNames: names(a.matterCodes) })) };
    },
    async 'inbox.get'({ id }) {
      const a = await online((hall) => hall.call('getApplication', { params: { id } }));
      return { ...a, matterNames: names(a.matterCodes) };
    },
    async 'inbox.material'({ id, n }) {
      const got = await online((hall) => hall.bytes(`/api/v1/online-applications/${encodeURIComponent(id)}/materials/${n}`));
      return { contentType: got.contentType, base64: Buffer.from(got.bytes).toString('base64') };
    },
    async 'inbox.return'({ id, ...body }) {
      const app = await online((hall) => hall.call('returnApplication', { params: { id }, body }));
      changed('returned');
      return app;
    },
    async 'inbox.accept'({ id, outcome }) {
      const done = await online((hall) => hall.call('acceptApplication', { params: { id }, body: { outcome } }));
      changed('accepted');
      // The case is this window's: pull it now, so it is in the case list and can be printed.
      void ctx.sync.trigger('inbox');
      return { application: done.application, caseNo: done.case.caseNo, caseId: done.case.id };
    },
    async 'inbox.refuse'({ id, ...body }) {
      const app = await online((hall) => hall.call('refuseApplication', { params: { id }, body }));
      changed('refused');
      return app;
    },
  };
}

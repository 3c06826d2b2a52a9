import { decodeTime } from 'ulid';
import type { StationHandlers } from '../../contract/station-api';
import { siteOfWindow } from '../../domain/site';
import { DomainFailure } from '../../domain/result';
import type { StationContext } from '../context';
import { hallCall } from './online';

/**
 * A town or community centre's counter (就近受理、远程审批): what is not delegated to the centre is
 * filed into the district's inbox, channel town. The hall names the centre from the session; the
 * station only refuses early, in the clerk's words, what the hall would refuse anyway.
 */
export function townHandlers(ctx: StationContext): Pick<StationHandlers, 'town.file'> {
  const online = hallCall(ctx);
  return {
    async 'town.file'({ requestId, ...application }) {
      const window = ctx.session.requireWindow('counter');
      const site = ctx.catalog.hasCatalog() ? siteOfWindow(ctx.catalog.catalog().sites, window.code) : null;
      if (!site) {
        throw new DomainFailure('APPLICATION_CHANNEL_FORBIDDEN', `${window.name} 是大厅窗口，请直接受理；转报区级审批只在便民服务中心窗口办理`, { windowCode: window.code });
      }
      const filed = await online((hall) =>
        hall.call('fileApplication', {
          // One application, one id: the resend after a lost answer is the same filing (ONLINE.md).
          // submittedAt from the id's own time: a resend carries the same content, so the hall answers
          // it with the application it holds rather than APPLICATION_ID_REUSED.
          body: { ...application, portalId: `TOWN-${requestId}`, submittedAt: new Date(decodeTime(requestId)).toISOString(), channel: 'town' },
        }),
      );
      ctx.log.info({ applicationId: filed.id, siteCode: site.code, matters: filed.matterCodes, files: filed.files.length }, 'filed to the district inbox');
      ctx.emit({ type: 'inbox', reason: 'filed' });
      return filed;
    },
  };
}

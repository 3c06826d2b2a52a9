import type { StationHandlers } from '../../contract/station-api';
import type { StationContext } from '../context';

/**
 * The hall's window PCs, as an administrator manages them from any station: the hall decides who may
 * (auth/policy.ts: administrators), the station only carries the calls.
 */
export function stationsHandlers(ctx: StationContext): Pick<StationHandlers, 'stations.list' | 'stations.approve' | 'stations.revoke'> {
  return {
    async 'stations.list'() {
      return (await ctx.session.requireOnline().call('listStations')).stations;
    },
    async 'stations.approve'({ stationId, pairingCode }) {
      return ctx.session.requireOnline().call('approveStation', { params: { id: stationId }, body: { pairingCode } });
    },
    async 'stations.revoke'({ stationId }) {
      return ctx.session.requireOnline().call('revokeStation', { params: { id: stationId } });
    },
  };
}

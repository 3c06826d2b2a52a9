import { centralApi } from '../../contract/api';
import { actorOf } from '../db/work';
import { HallError } from '../http/errors';
import { created, hallModule, route } from '../http/route';
import { approveStation, listStations, registerStation, revokeStation, stationOfRequest, stationView } from './registry';

const TAG = 'stations';

/** Window PCs: registration (public, by the station itself), and the administrator's approval. */
export const stationsModule = hallModule('stations', () => [
  route(centralApi.registerStation, TAG, async ({ ctx, auth, body, request }) => {
    const { row, created: isNew } = await registerStation(ctx, actorOf(auth, request), body);
    const self = { id: row.id, status: row.status, pairingCode: row.status === 'pending' ? row.pairingCode : null };
    return isNew ? created(self) : self;
  }),
  route(centralApi.stationSelf, TAG, async ({ ctx, request }) => {
    const row = await stationOfRequest(ctx, request);
    if (!row) throw new HallError('STATION_HEADER_MISSING', 'send the station key (X-Station-Key)');
    return { id: row.id, status: row.status, pairingCode: row.status === 'pending' ? row.pairingCode : null };
  }),
  route(centralApi.listStations, TAG, async ({ ctx }) => ({ stations: (await listStations(ctx.db.drizzle)).map(stationView) })),
  route(centralApi.approveStation, TAG, async ({ ctx, auth, params, body, request }) =>
    stationView(await approveStation(ctx, actorOf(auth, request), params.id, body.pairingCode)),
  ),
  route(centralApi.revokeStation, TAG, async ({ ctx, auth, params, request }) => stationView(await revokeStation(ctx, actorOf(auth, request), params.id))),
]);

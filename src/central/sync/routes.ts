import { casesApi, PUSH_BODY_LIMIT_BYTES } from '../../contract/api-cases';
import type { Permit } from '../auth/policy';
import type { HallContext } from '../context';
import { actorOf } from '../db/work';
import { registerRoutes, route, type HallModule } from '../http/route';
import { requireApprovedStation, type StationRow } from '../stations/registry';
import type { FastifyRequest } from 'fastify';
import { publicBaseUrlOf } from '../public/address';
import { pullChanges } from './pull';
import { pushMutations } from './push';

/**
 * The station of a sync call: approved, named by its key (X-Station-Key), and the one the session
 * signed in from — a token lifted from one PC cannot push or pull from another.
 */
async function stationOf(ctx: HallContext, request: FastifyRequest, permit: Permit): Promise<StationRow> {
  const station = await requireApprovedStation(ctx, request);
  permit.require({ stationId: station.id });
  return station;
}

/** Sync between stations and the hall server: push (the outbox) and pull (the change log). */
export const syncModule: HallModule = async (app, { ctx }) => {
  // A push is many small mutations; a body this big is a station bug or an attack, refused before parsing.
  app.addHook('onRoute', (opts) => {
    if (opts.url === casesApi.syncPush.path) opts.bodyLimit = PUSH_BODY_LIMIT_BYTES;
  });
  registerRoutes(app, ctx, [
    route(casesApi.syncPush, 'sync', async ({ body, auth, permit, ctx, request }) =>
      pushMutations(ctx, actorOf(auth, request), auth, await stationOf(ctx, request, permit), body),
    ),
    route(casesApi.syncPull, 'sync', async ({ query, auth, permit, ctx, request }) => ({
      ...(await pullChanges(ctx, query, auth, await stationOf(ctx, request, permit))),
      publicBaseUrl: publicBaseUrlOf(ctx, request),
    })),
  ]);
};
Object.defineProperty(syncModule, 'name', { value: 'hall-sync' });

import { casesApi, PUSH_BODY_LIMIT_BYTES } from '../../contract/api-cases';
import { actorOf } from '../db/work';
import { registerRoutes, route, type HallModule } from '../http/route';
import { pullChanges } from './pull';
import { pushMutations } from './push';

/**
 * Sync between stations and the hall server: push (the outbox) and pull (the change log).
 * Any signed-in staff member may do both: a reception desk's station syncs like a counter's.
 */
export const syncModule: HallModule = async (app, { ctx }) => {
  // A push is many small mutations; a body this big is a station bug or an attack, refused before parsing.
  app.addHook('onRoute', (opts) => {
    if (opts.url === casesApi.syncPush.path) opts.bodyLimit = PUSH_BODY_LIMIT_BYTES;
  });
  registerRoutes(app, ctx, [
    route(casesApi.syncPush, 'sync', async ({ body, auth, ctx, request }) => pushMutations(ctx, actorOf(auth, request), body)),
    route(casesApi.syncPull, 'sync', async ({ query, ctx }) => pullChanges(ctx.db.drizzle, query)),
  ]);
};
Object.defineProperty(syncModule, 'name', { value: 'hall-sync' });

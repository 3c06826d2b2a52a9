import { retentionApi } from '../../contract/api-retention';
import { actorOf, inWork } from '../db/work';
import { hallModule, route } from '../http/route';
import { listPurgeRuns, purgeMaterials, readRetentionRules, saveRetentionRules } from './retention';

const TAG = 'online';

/** How long online materials are kept, and the purge: the administrator's (README "The online inbox"). */
export const retentionModule = hallModule('material-retention', (ctx) => [
  route(retentionApi.retentionSettings, TAG, async () => readRetentionRules(ctx.db.drizzle, ctx.config.materialRetention)),
  route(retentionApi.saveRetentionSettings, TAG, async ({ auth, body, request }) => inWork(ctx, actorOf(auth, request), (w) => saveRetentionRules(w, body, ctx.config.materialRetention))),
  route(retentionApi.purgeMaterials, TAG, async ({ auth, request }) => purgeMaterials(ctx, actorOf(auth, request), 'admin')),
  route(retentionApi.purgeRuns, TAG, async ({ query }) => ({ runs: await listPurgeRuns(ctx.db.drizzle, query.limit) })),
]);

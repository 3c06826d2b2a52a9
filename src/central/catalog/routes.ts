import { centralApi } from '../../contract/api';
import { importCatalogCsv, importCatalogJson } from '../../contract/catalog-import';
import { actorOf, inWork } from '../db/work';
import { unwrap } from '../http/errors';
import { hallModule, route } from '../http/route';
import { readCatalog, replaceCatalog } from './repository';

const TAG = 'catalog';

export const catalogModule = hallModule('catalog', () => [
  route(centralApi.catalog, TAG, async ({ ctx }) => readCatalog(ctx.db.drizzle)),
  route(centralApi.importCatalog, TAG, async ({ ctx, auth, body, request }) => {
    // The foundation importer checks shape and references (CATALOG_INVALID, 422, with every problem listed).
    const catalog = unwrap(body.format === 'json' ? importCatalogJson(body.catalog) : importCatalogCsv(body.files));
    const result = await inWork(ctx, actorOf(auth, request), (w) => replaceCatalog(w, catalog));
    ctx.windows.clear();
    return result;
  }),
]);

import { Readable } from 'node:stream';
import { onlineApi, ONLINE_BODY_LIMIT_BYTES } from '../../contract/api-online';
import { localDateInShanghai } from '../../domain/local-date';
import type { StaffAuth } from '../auth/guard';
import type { Permit } from '../auth/policy';
import { loadWorkCalendar } from '../calendar/repository';
import { checklistOf, mattersOf } from '../cases/checklist';
import { toCaseRecord } from '../cases/record';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { actorOf, inWork, type Work } from '../db/work';
import { HallError } from '../http/errors';
import { created, HIJACKED, registerRoutes, route, type HallModule } from '../http/route';
import { correctApplication, fileApplication } from './filing';
import { pgMaterialStore } from './material-store';
import { applicationReads, applicationWrites, openApplication, type ApplicationRow } from './repository';
import { acceptApplication, refuseApplication, returnApplication, withdrawApplication } from './review';
import { applicationNotFound, applicationScope, applicationTarget, filingCentre } from './scope';
import { toApplication, toListItem } from './view';

/** The application as the contract shows it, today. */
async function view(ctx: HallContext, db: HallQueryable, row: ApplicationRow) {
  const [checklist, cal] = await Promise.all([mattersOf(db, row.matterCodes).then((m) => checklistOf(db, m)), loadWorkCalendar(db)]);
  return toApplication(row, checklist, cal, localDateInShanghai(ctx.now()));
}

/** Lock the application and check the caller's scope on it (out of scope: 404, as if it did not exist). */
async function lockInScope(ctx: HallContext, w: Work, auth: StaffAuth, permit: Permit, id: string): Promise<ApplicationRow> {
  const row = await applicationWrites.lock(w.tx, ctx.sealer, id);
  if (!row) throw applicationNotFound(id);
  permit.require(await applicationTarget(ctx, w.tx, auth, row), () => applicationNotFound(id));
  return row;
}

/**
 * The online inbox (../shared/ONLINE.md): the portal files and corrects, a window of the zone
 * returns, accepts or refuses. Every action is one unit of work with its audit row and a poke on
 * the live feed, so the inboxes of the zone update at once.
 */
export const onlineModule: HallModule = async (app, { ctx }) => {
  const store = pgMaterialStore(ctx.sealer);
  // Filings carry their files in the body: this route and the correction take up to 30 MiB of
  // files; every other route keeps the hall's small limit.
  app.addHook('onRoute', (opts) => {
    if (opts.method === 'POST' && (opts.url === onlineApi.fileApplication.path || opts.url === onlineApi.correctApplication.path)) opts.bodyLimit = ONLINE_BODY_LIMIT_BYTES;
  });
  registerRoutes(app, ctx, [
    route(onlineApi.fileApplication, 'online', async ({ body, auth, permit, request }) => {
      const centre = await filingCentre(ctx, ctx.db.drizzle, auth, permit, body.channel);
      const filed = await inWork(ctx, actorOf(auth, request), (w) => fileApplication(ctx, w, store, auth.staffId, body, centre));
      const shown = await view(ctx, ctx.db.drizzle, filed.row);
      return filed.created ? created(shown) : shown;
    }),

    route(onlineApi.listApplications, 'online', async ({ query, permit }) => {
      const db = ctx.db.drizzle;
      const scope = await applicationScope(ctx, db, permit);
      const [rows, cal] = await Promise.all([
        applicationReads.list(db, { scope, state: query.state, zone: query.zone, updatedAfter: query.updatedAfter ? new Date(query.updatedAfter) : undefined, limit: query.limit }),
        loadWorkCalendar(db),
      ]);
      const today = localDateInShanghai(ctx.now());
      return { today, applications: rows.map((r) => toListItem(r, cal, today)) };
    }),

    route(onlineApi.getApplication, 'online', async ({ params, auth, permit, request }) => {
      const db = ctx.db.drizzle;
      const stored = await applicationReads.byId(db, params.id);
      if (!stored) throw applicationNotFound(params.id);
      permit.require(await applicationTarget(ctx, db, auth, stored, { read: 'filed-here' }), () => applicationNotFound(params.id));
      const row = openApplication(ctx.sealer, stored);
      await inWork(ctx, actorOf(auth, request), async (w) => {
        w.audit({ action: 'application.read-full', entity: 'application', entityId: row.id, after: { portalId: row.portalId } });
      });
      return view(ctx, db, row);
    }),

    route(onlineApi.getMaterial, 'online', async ({ params, auth, permit, request, reply }) => {
      const db = ctx.db.drizzle;
      const stored = await applicationReads.byId(db, params.id);
      if (!stored) throw applicationNotFound(params.id);
      permit.require(await applicationTarget(ctx, db, auth, stored), () => applicationNotFound(params.id));
      const file = stored.files.find((f) => f.n === params.n);
      if (!file) throw new HallError('MATERIAL_FILE_NOT_FOUND', `application ${params.id} has no file ${params.n}`, { id: params.id, n: params.n });
      // Past retention the purge deleted the bytes (online/retention.ts); the application still lists the file.
      if (!(await store.has(db, file.sha256))) {
        throw new HallError('MATERIAL_FILE_PURGED', `file ${params.n} of application ${params.id} was deleted after its retention period`, { id: params.id, n: params.n });
      }
      await inWork(ctx, actorOf(auth, request), async (w) => {
        w.audit({ action: 'application.material-read', entity: 'application', entityId: stored.id, after: { n: file.n, materialCode: file.materialCode, sha256: file.sha256 } });
      });
      reply
        .code(200)
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      await reply.send(Readable.from(store.read(db, file.sha256)));
      return HIJACKED;
    }),

    route(onlineApi.returnApplication, 'online', async ({ params, body, auth, permit, request }) => {
      const row = await inWork(ctx, actorOf(auth, request), async (w) => returnApplication(ctx, w, auth, await lockInScope(ctx, w, auth, permit, params.id), body));
      return view(ctx, ctx.db.drizzle, row);
    }),

    route(onlineApi.correctApplication, 'online', async ({ params, body, auth, permit, request }) => {
      const { row } = await inWork(ctx, actorOf(auth, request), async (w) => correctApplication(ctx, w, store, await lockInScope(ctx, w, auth, permit, params.id), body));
      return view(ctx, ctx.db.drizzle, row);
    }),

    route(onlineApi.acceptApplication, 'online', async ({ params, body, auth, permit, request }) => {
      const done = await inWork(ctx, actorOf(auth, request), async (w) => acceptApplication(ctx, w, auth, await lockInScope(ctx, w, auth, permit, params.id), body));
      return { application: await view(ctx, ctx.db.drizzle, done.row), case: toCaseRecord(done.caseRow, [done.event]) };
    }),

    route(onlineApi.refuseApplication, 'online', async ({ params, body, auth, permit, request }) => {
      const row = await inWork(ctx, actorOf(auth, request), async (w) => refuseApplication(ctx, w, auth, await lockInScope(ctx, w, auth, permit, params.id), body));
      return view(ctx, ctx.db.drizzle, row);
    }),

    route(onlineApi.withdrawApplication, 'online', async ({ params, auth, permit, request }) => {
      const row = await inWork(ctx, actorOf(auth, request), async (w) => withdrawApplication(ctx, w, auth, await lockInScope(ctx, w, auth, permit, params.id)));
      return view(ctx, ctx.db.drizzle, row);
    }),
  ]);
};
Object.defineProperty(onlineModule, 'name', { value: 'hall-online' });

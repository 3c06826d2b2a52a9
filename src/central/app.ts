import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { resolveHallConfig, type HallConfig } from './config';
import type { HallContext } from './context';
import type { HallDb } from './db/client';
import { migrateHallDb } from './db/migrate';
import { demoDataKey, sealOldCases } from './crypto/data-key';
import { createSealer, parseDataKey, type Sealer } from './crypto/sealer';
import { seedDemoHall, seedFirstAdmin } from './db/seed';
import { ChangeFeed } from './events/feed';
import { toErrorReply } from './http/errors';
import { SessionCache } from './auth/session-cache';
import { WindowCache } from './catalog/window-cache';
import { StationCache } from './stations/registry';
import { RouteRegistry, type HallModule } from './http/route';
import { createHallLogger } from './logger';
import { hallModules } from './modules';

export interface BuildHallServerOptions {
  db: HallDb;
  /** A pino logger (PII masked: see logger.ts); `false` for silence. */
  logger?: Logger | false;
  now?: () => Date;
  config?: Partial<HallConfig>;
  /** Modules after the built-in ones (tests, experiments). */
  extraModules?: HallModule[];
  /** Serve HTTPS with this certificate and key (PEM), as TLS_CERT and TLS_KEY name them. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The hall server's shared context (database, config, clock, live feed). */
    hall: HallContext;
  }
}

/**
 * The hall server as a Fastify instance, not yet listening: migrations applied, the demo hall
 * loaded into an empty database (or, outside demo mode, the calendars and a first administrator),
 * the change feed started and
 * every module registered. Closing the instance stops the feed; the database is the caller's.
 */
export async function buildHallServer(opts: BuildHallServerOptions): Promise<FastifyInstance> {
  const config = resolveHallConfig(opts.config);
  const logger = opts.logger === false ? createHallLogger({ level: 'silent' }) : (opts.logger ?? createHallLogger());
  const app = Fastify({
    ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' as const } } : {}),
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    // X-Forwarded-For only from the hall's own proxies: anyone else could pick whose attempts are counted.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    // A dropped SSE client must not keep the server from closing.
    forceCloseConnections: true,
  });

  // An empty body with Content-Type: application/json (some clients always send the header) is no body.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return defaultJson(req, body as string, done);
  });

  app.setErrorHandler((err, request, reply) => {
    const r = toErrorReply(err);
    if (r.internal) request.log.error({ err }, 'request failed');
    else request.log.info({ code: r.body.error.code, status: r.status }, r.body.error.message);
    const retryAfter = r.body.error.details?.retryAfterSeconds;
    if (r.status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.code(r.status).send(r.body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });

  const now = opts.now ?? (() => new Date());
  // The data key is known once the database is there (a demo hall keeps its own in hall_meta).
  let sealer: Sealer | null = config.dataKey ? createSealer(parseDataKey(config.dataKey)) : null;
  const ctx: HallContext = {
    db: opts.db,
    config,
    now,
    log: app.log,
    feed: new ChangeFeed(opts.db, app.log, config.feedPollMs),
    routes: new RouteRegistry(),
    sessions: new SessionCache(),
    windows: new WindowCache(),
    stations: new StationCache(),
    get sealer(): Sealer {
      if (!sealer) throw new Error('the hall data key is not loaded yet');
      return sealer;
    },
  };
  app.decorate('hall', ctx);

  await migrateHallDb(opts.db, config.migrationsDir, async () => {
    sealer ??= createSealer(await demoDataKey(ctx));
    await (config.demo ? seedDemoHall(ctx) : seedFirstAdmin(ctx));
    // Rows written before personal data was sealed (migration 0006) are sealed now, once.
    await sealOldCases(ctx);
  });
  await ctx.feed.start();
  app.addHook('onClose', async () => {
    await ctx.feed.stop();
  });

  for (const m of [...hallModules, ...(opts.extraModules ?? [])]) await app.register(m, { ctx });
  await app.ready();
  return app as unknown as FastifyInstance;
}

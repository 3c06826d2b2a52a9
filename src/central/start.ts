import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildHallServer } from './app';
import type { HallConfig } from './config';
import { openHallDb, type HallDb } from './db/client';

export interface StartHallServerOptions {
  port?: number;
  host?: string;
  /** postgres://… → PostgreSQL; otherwise PGlite in `dataDir`, or in memory. */
  databaseUrl?: string;
  dataDir?: string;
  inMemory?: boolean;
  /** In-memory PGlite from a dump of an already prepared database (see openHallDb). */
  pgliteTemplate?: Blob;
  config?: Partial<HallConfig>;
  logger?: Logger | false;
  now?: () => Date;
  /** HTTPS with this certificate and key (PEM text or buffers). */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface RunningHallServer {
  /** http(s)://host:port, no trailing slash. */
  url: string;
  app: FastifyInstance;
  db: HallDb;
  close(): Promise<void>;
}

/**
 * Open the database, build the server and listen: for `npm run central`, tests, the station's
 * embedded demo hall and benchmarks. Port 0 picks a free port (see `url`).
 */
export async function startHallServer(opts: StartHallServerOptions = {}): Promise<RunningHallServer> {
  const db = await openHallDb({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.dataDir,
    inMemory: opts.inMemory ?? (!opts.databaseUrl && !opts.dataDir),
    pgliteTemplate: opts.pgliteTemplate,
  });
  let app: FastifyInstance;
  try {
    app = await buildHallServer({ db, logger: opts.logger, now: opts.now, config: opts.config, ...(opts.tls ? { tls: opts.tls } : {}) });
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 7300, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closed = false;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    app,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await db.close();
    },
  };
}

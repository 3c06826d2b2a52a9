import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';
import { namingClient, StatementNames } from './prepared-client';

export type HallSchema = typeof schema;

/** The one drizzle type every repository uses, whichever driver is underneath. */
export type HallDrizzle = PgDatabase<PgQueryResultHKT, HallSchema>;
export type HallTx = PgTransaction<PgQueryResultHKT, HallSchema, ExtractTablesWithRelations<HallSchema>>;
/** A database handle or an open transaction: reads take either. */
export type HallQueryable = HallDrizzle | HallTx;

export interface HallDb {
  readonly kind: 'pglite' | 'postgres';
  readonly drizzle: HallDrizzle;
  /**
   * Subscribe to a NOTIFY channel. On PostgreSQL this holds one dedicated connection (reconnecting
   * after a drop, then calling `onReconnect` so the caller can catch up on what it missed).
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** Driver-specific handles, for migrations and tests. */
  readonly raw: { pglite?: PGlite; pool?: pg.Pool; connectionString?: string };
}

export interface OpenHallDbOptions {
  /** postgres://… → PostgreSQL via pg; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (created when missing). */
  dataDir?: string;
  /** PGlite in memory (tests, demo). */
  inMemory?: boolean;
  /**
   * Start an in-memory PGlite from a dump (`pglite.dumpDataDir()`) of a database that is already
   * migrated and seeded: skips initdb, which is most of PGlite's start-up time.
   */
  pgliteTemplate?: Blob;
  poolSize?: number;
}

export async function openHallDb(opts: OpenHallDbOptions): Promise<HallDb> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 20);
  if (!opts.inMemory && !opts.dataDir) throw new Error('openHallDb: give databaseUrl, dataDir or inMemory');
  return openPglite(opts.inMemory ? undefined : opts.dataDir, opts.pgliteTemplate);
}

async function openPglite(dataDir: string | undefined, template: Blob | undefined): Promise<HallDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // In memory there is nothing to make durable; skipping the per-query sync roughly halves query time.
  const client = await PGlite.create(
    dataDir ? { dataDir } : { relaxedDurability: true, ...(template ? { loadDataDir: template } : {}) },
  );
  const db = drizzlePglite(client, { schema }) as unknown as HallDrizzle;
  return {
    kind: 'pglite',
    drizzle: db,
    raw: { pglite: client },
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unsubscribe();
      };
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(connectionString: string, max: number): Promise<HallDb> {
  // Hot statements go named: parsed and planned once per connection (prepared-client.ts).
  const pool = new pg.Pool({ connectionString, max, Client: namingClient(new StatementNames()) });
  // A client that loses its connection (idle in the pool, or checked out for a transaction) must
  // not crash the server with an unhandled 'error' event: the query in flight fails and its request
  // answers 503; the pool replaces the client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool, { schema }) as unknown as HallDrizzle;
  const listeners = new Set<{ stop: () => Promise<void> }>();
  return {
    kind: 'postgres',
    drizzle: db,
    raw: { pool, connectionString },
    async listen(channel, onPayload, onReconnect) {
      const l = await listenWithReconnect(connectionString, channel, onPayload, onReconnect);
      listeners.add(l);
      return async () => {
        listeners.delete(l);
        await l.stop();
      };
    },
    async close() {
      for (const l of [...listeners]) await l.stop();
      listeners.clear();
      await pool.end();
    },
  };
}

async function listenWithReconnect(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect?: () => void,
): Promise<{ stop: () => Promise<void> }> {
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const quoted = `"${channel.replace(/"/g, '""')}"`;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    c.on('error', () => scheduleReconnect());
    c.on('end', () => scheduleReconnect());
    await c.connect();
    await c.query(`LISTEN ${quoted}`);
    client = c;
  };
  const scheduleReconnect = () => {
    if (stopped || timer) return;
    client = undefined;
    timer = setTimeout(() => {
      timer = undefined;
      connect()
        .then(() => onReconnect?.())
        .catch(() => scheduleReconnect());
    }, 1000);
  };
  await connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

/** Rows of a raw `execute` result: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

import type { HallConfig } from '../../../src/central/config';
import { createHallLogger } from '../../../src/central/logger';
import { startHallServer, type RunningHallServer } from '../../../src/central/start';
import { freshPgDatabase, hallCatalog, writeHallResources } from './hall';

export type Backend = 'pglite' | 'postgres';
/** PGlite always; PostgreSQL (a fresh database per hall) when DATABASE_URL is set. */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface InProcessHall {
  backend: Backend;
  url: string;
  server: RunningHallServer;
  /** Every pino line the server wrote, for the personal-data scan. */
  logs: string[];
  databaseUrl?: string;
  /** Row counts of every table and the last change-log seq: equal before and after means nothing was written. */
  fingerprint(): Promise<Record<string, number>>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The hall server in this process, its logs captured, on the demo hall (or `windows` counters). */
export async function startInProcessHall(backend: Backend, opts: { config?: Partial<HallConfig>; windows?: number; logLevel?: string; now?: () => Date } = {}): Promise<InProcessHall> {
  const resources = writeHallResources(hallCatalog(opts.windows));
  const fresh = backend === 'postgres' ? await freshPgDatabase(process.env.DATABASE_URL!, 'faults_hall') : null;
  const logs: string[] = [];
  const logger = createHallLogger({ level: opts.logLevel ?? 'info', destination: { write: (s: string) => void logs.push(s) } });
  const server = await startHallServer({
    port: 0,
    databaseUrl: fresh?.url,
    inMemory: !fresh,
    logger,
    now: opts.now,
    config: { demo: true, resourcesDir: resources.dir, ...opts.config },
  });
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const raw = server.db.raw;
    const r = raw.pglite ? await raw.pglite.query(sql, params) : await raw.pool!.query(sql, params);
    return r.rows as T[];
  };
  let tables: string[] | null = null;
  return {
    backend,
    url: server.url,
    server,
    logs,
    databaseUrl: fresh?.url,
    query,
    async fingerprint() {
      tables ??= (await query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map((r) => r.t);
      const counts = await query<{ t: string; n: string | number }>(tables.map((t) => `select '${t}' as t, count(*) as n from "${t}"`).join(' union all '));
      const out: Record<string, number> = Object.fromEntries(counts.map((c) => [c.t, Number(c.n)]));
      out['change_log.seq'] = Number((await query<{ s: string | number | null }>('select coalesce(max(seq), 0) as s from change_log'))[0]!.s);
      return out;
    },
    async close() {
      await server.close();
      resources.remove();
      await fresh?.drop();
    },
  };
}

/** What changed between two fingerprints (table → delta). */
export function changed(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[k] ?? 0) - (before[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}

import { join } from 'node:path';
import type { Logger } from 'pino';
import type { HallConfig } from '../central/config';
import { startHallServer, type RunningHallServer } from '../central/start';

/**
 * Demo mode: with no HALL_URL configured, a station starts its own hall server on loopback
 * (PGlite in its data folder, the demo catalogue and accounts), so one command shows everything.
 * A station never imports the hall server itself; this composition root does.
 */
export interface HallForStation {
  hallUrl: string;
  /** The embedded server, when this process started one. */
  embedded: RunningHallServer | null;
  close(): Promise<void>;
}

export async function hallForStation(opts: {
  hallUrl?: string | undefined;
  dataDir: string;
  port?: number;
  /** Where the demo catalogue and the migrations are, when not beside the source (a packaged app). */
  paths?: Pick<HallConfig, 'resourcesDir' | 'migrationsDir'>;
  /** The hall's log (a file under the data folder, see logs.ts); false for none. */
  logger?: Logger | false;
}): Promise<HallForStation> {
  if (opts.hallUrl) return { hallUrl: opts.hallUrl, embedded: null, close: async () => undefined };
  const embedded = await startHallServer({
    host: '127.0.0.1',
    port: opts.port ?? 0,
    dataDir: join(opts.dataDir, 'demo-hall'),
    // The embedded hall is the demo hall: its catalogue, accounts and self-approving stations.
    config: { demo: true, ...opts.paths },
    ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
  });
  return { hallUrl: embedded.url, embedded, close: () => embedded.close() };
}

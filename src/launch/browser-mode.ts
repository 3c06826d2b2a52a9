import { dirname } from 'node:path';
import { loadStationConfig } from '../station/config';
import { DEFAULT_STATION_PORT, startStationWebHost } from '../station/web-host';
import { hallForStation } from './embedded-hall';

/**
 * `npm run web`: the station in browser mode. With HALL_URL it talks to that hall server; without,
 * it first starts the embedded demo hall (PGlite under .station-data/demo-hall, demo catalogue and
 * accounts, password hall-demo-2026) on a free loopback port. This file may import both the hall
 * server and the station; src/station never imports src/central.
 */
export async function runWeb(env: Record<string, string | undefined> = process.env, argv: string[] = process.argv.slice(2)): Promise<void> {
  const provisional = loadStationConfig({ env, argv });
  const hall = await hallForStation({ hallUrl: provisional.hallUrl ?? undefined, dataDir: dirname(provisional.dataDir) });
  const config = loadStationConfig({ env: { ...env, HALL_URL: hall.hallUrl, DEMO: env.DEMO ?? (hall.embedded ? '1' : undefined) }, argv });
  const host = await startStationWebHost({ config, port: Number(env.STATION_PORT ?? DEFAULT_STATION_PORT), host: env.STATION_HOST });
  console.log(`station ${config.stationId}: ${host.url}`);
  console.log(hall.embedded ? `demo hall server: ${hall.hallUrl} (users clerk-A1…, supervisor, admin; password hall-demo-2026)` : `hall server: ${hall.hallUrl}`);
  const shutdown = () => {
    void host
      .close()
      .then(() => hall.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

runWeb().catch((e: unknown) => {
  console.error(`station failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

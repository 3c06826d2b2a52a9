import { loadStationConfig } from './config';
import { DEFAULT_STATION_PORT, startStationWebHost } from './web-host';

/**
 * The station's web host against a hall server named by HALL_URL:
 *   HALL_URL=http://10.0.0.5:7300 WINDOW_CODE=A3 npx tsx src/station/cli.ts [--printer tcp://10.0.3.21:9100]
 * Without HALL_URL use `npm run web` (src/launch/web.ts), which starts the embedded demo hall first.
 */
async function runStationCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadStationConfig({ env, argv });
  if (!config.hallUrl) {
    console.error('HALL_URL is not set. Name the hall server (HALL_URL=http://host:7300), or run `npm run web` to start the demo hall with the station.');
    process.exit(2);
  }
  const port = Number(env.STATION_PORT ?? DEFAULT_STATION_PORT);
  const host = await startStationWebHost({ config, port, host: env.STATION_HOST });
  // The address to open carries the key of this start (see web-host.ts): without it every request answers 401.
  console.log(`station ${config.stationId}: open ${host.openUrl}  (hall server: ${config.hallUrl})`);
  const shutdown = () => {
    void host.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

runStationCli(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`station failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

import { dirname, join, relative } from 'node:path';
import { DEMO_PASSWORD } from '../central/config';
import { loadStationConfig } from '../station/config';
import { ensurePrivateDir } from '../station/db/private-files';
import { DEFAULT_STATION_PORT, startStationWebHost, type RunningWebHost } from '../station/web-host';
import { hallForStation, type HallForStation } from './embedded-hall';
import { openLauncherLogs, type LauncherLogs } from './logs';
import { openInBrowser } from './open-browser';
import { ensureBuilt, UiBuildError } from './ui-build';

/**
 * The station in browser mode (`npm run web`, and `npm start` where Electron cannot run). With HALL_URL it talks to that hall server; without,
 * it first starts the embedded demo hall (PGlite under .station-data/demo-hall, demo catalogue and
 * accounts) on a free loopback port. This file may import both the hall server and the station;
 * src/station never imports src/central.
 *
 * The terminal is for a person: the address to open (with the station's key), the demo accounts,
 * where the logs are, then warnings only. Every log line goes to files under the data folder.
 */
export interface RunWebOptions {
  env?: Record<string, string | undefined>;
  argv?: string[];
  /** Open the printed address in the system's browser (`npm start` falling back to browser mode does). */
  openBrowser?: boolean;
  /** Why browser mode, when `npm start` fell back to it: printed before anything else. */
  say?: (line: string) => void;
}

export interface RunningWeb {
  host: RunningWebHost;
  hall: HallForStation;
  logs: LauncherLogs;
  close(): Promise<void>;
}

export async function runWeb(opts: RunWebOptions = {}): Promise<RunningWeb> {
  const env = opts.env ?? process.env;
  const argv = opts.argv ?? process.argv.slice(2);
  const say = opts.say ?? ((line: string) => console.log(line));
  await ensureBuilt('web', say);

  const provisional = loadStationConfig({ env, argv });
  const dataRoot = dirname(provisional.dataDir);
  const embedded = !provisional.hallUrl;
  const logs = openLauncherLogs({
    stationId: provisional.stationId,
    stationDataDir: provisional.dataDir,
    hallDataDir: embedded ? join(dataRoot, 'demo-hall') : null,
    level: env.LOG_LEVEL,
  });
  let hall: HallForStation | null = null;
  try {
    // The demo hall keeps its database (synced cases, in full) beside the station's: the same 0700 folder.
    if (embedded) ensurePrivateDir(dataRoot);
    hall = await hallForStation({ hallUrl: provisional.hallUrl ?? undefined, dataDir: dataRoot, logger: logs.hall ?? false });
    const config = loadStationConfig({ env: { ...env, HALL_URL: hall.hallUrl, DEMO: env.DEMO ?? (hall.embedded ? '1' : undefined) }, argv });
    const host = await startStationWebHost({
      config,
      port: Number(env.STATION_PORT ?? DEFAULT_STATION_PORT),
      host: env.STATION_HOST,
      stationOptions: { logger: logs.station },
    });
    const shown = (p: string) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p));
    say('');
    say(`  窗口工作台 · station ${config.stationId}`);
    say(`  请在浏览器中打开 · open:  ${host.openUrl}`);
    say('  （地址中的密钥只在本次运行有效 · the key holds while this station runs）');
    if (hall.embedded) {
      say(`  演示大厅服务器 · demo hall server: ${hall.hallUrl}`);
      say(`  演示账号 · demo accounts: clerk-A1 … clerk-H5, clerk-R1, clerk-R2, supervisor, admin   密码 · password: ${DEMO_PASSWORD}`);
    } else {
      say(`  大厅服务器 · hall server: ${hall.hallUrl}`);
    }
    say(`  日志 · logs: ${[logs.files.station, logs.files.hall].filter((f): f is string => !!f).map(shown).join(', ')}`);
    say('');
    if (opts.openBrowser) openInBrowser(host.openUrl);
    const running = hall;
    return {
      host,
      hall: running,
      logs,
      async close() {
        await host.close();
        await running.close();
        await logs.close();
      },
    };
  } catch (e) {
    await hall?.close().catch(() => undefined);
    await logs.close();
    throw e;
  }
}

/** The command itself: start, and stop cleanly on Ctrl+C; a failure is said in a line or two, not a stack. */
export async function main(opts: RunWebOptions = {}): Promise<void> {
  let web: RunningWeb;
  try {
    web = await runWeb(opts);
  } catch (e) {
    if (e instanceof UiBuildError) console.error(e.output.trim().split('\n').slice(-30).join('\n'));
    console.error(`工作站无法启动 · station failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  const shutdown = () => {
    void web.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

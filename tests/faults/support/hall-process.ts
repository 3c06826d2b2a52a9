/**
 * The hall server as a child process, for benchmarks (its own core, like production) and for the
 * fault suite (SIGKILL it, start it again on the same port and database). Options come as JSON in
 * HALL_PROCESS_OPTIONS; the URL is printed as `READY <url>` once it listens; logs go to a file.
 */
import pino from 'pino';
import { createHallLogger } from '../../../src/central/logger';
import { startHallServer, type StartHallServerOptions } from '../../../src/central/start';

interface Options {
  port?: number;
  databaseUrl?: string;
  dataDir?: string;
  config?: StartHallServerOptions['config'];
  logFile?: string;
  logLevel?: string;
}

const opts = JSON.parse(process.env.HALL_PROCESS_OPTIONS ?? '{}') as Options;
const logger = opts.logFile
  ? createHallLogger({ level: opts.logLevel ?? 'info', destination: pino.destination({ dest: opts.logFile, sync: true, append: true }) })
  : false;
const server = await startHallServer({
  port: opts.port ?? 0,
  databaseUrl: opts.databaseUrl,
  dataDir: opts.dataDir,
  inMemory: !opts.databaseUrl && !opts.dataDir,
  // The demo hall (its accounts and catalogue), as every suite and bench step that uses this signs in with them.
  config: { demo: true, ...opts.config },
  logger,
});
process.stdout.write(`READY ${server.url}\n`);
const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

/**
 * One cold start, in its own process, reported as JSON on stdout: `station` builds the station back
 * end (SQLite file, migrations, devices, sync engine) against HALL_URL and starts it; `floor` opens
 * the same sealed SQLite file with its key through the same driver, and nothing else. Both pay the
 * same Node + tsx start.
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';

const mode = process.argv[2];
const dataDir = process.env.STATION_DATA_DIR!;
if (mode === 'floor') {
  const { openSqliteClient } = await import('../../../src/station/db/open');
  const { stationKey } = await import('../../../src/station/db/key');
  const { join } = await import('node:path');
  const db = openSqliteClient(join(dataDir, 'station.sqlite'), { key: stationKey({ dataDir, databaseSealed: true }).key });
  db.pragma('journal_mode = WAL');
  db.prepare('select count(*) from sqlite_master').get();
  process.stdout.write(`${JSON.stringify({ readyMs: performance.now(), rss: process.memoryUsage().rss })}\n`);
  db.close();
} else {
  const { createStation } = await import('../../../src/station/api');
  const { loadStationConfig } = await import('../../../src/station/config');
  const config = loadStationConfig({ env: { ...process.env, PRINTER: 'simulated', READER: 'none', SYNC_INTERVAL_MS: '0' } });
  const station = createStation(config, { logger: pino({ level: 'silent' }) });
  await station.start();
  const readyMs = performance.now();
  const rss = process.memoryUsage().rss;
  process.stdout.write(`${JSON.stringify({ readyMs, rss })}\n`);
  await station.stop();
}
process.exit(0);

import { readFileSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { parseCatalog } from '../../../src/contract/catalog';
import { createStation, type Station } from '../../../src/station/api';
import { loadStationConfig } from '../../../src/station/config';
import type { SimulatedPrinter } from '../../../src/station/devices/printer/receipt-printer';

/**
 * A station that has never had a hall server: the demo catalogue and the 2025/2026 calendars are
 * loaded into its cache as a pull would, and clerk-A3 has signed in online once before (a verifier).
 * Everything a window does offline can be exercised on it.
 */
export async function offlineStation(
  over: Record<string, string> = {},
  /** A data folder keeps the station's SQLite file there (sealed, as on a counter PC); none: in memory. `now`: the station's clock. */
  opts: { dataDir?: string; logger?: Logger; now?: () => Date } = {},
): Promise<{ station: Station; printer: SimulatedPrinter }> {
  const config = loadStationConfig({
    env: { STATION_ID: 'A3-unit', WINDOW_CODE: 'A3', PRINTER: 'simulated', READER: 'none', SYNC_INTERVAL_MS: '0', ...(opts.dataDir ? { STATION_DATA_DIR: opts.dataDir } : {}), ...over },
  });
  const station = createStation(config, { inMemory: !opts.dataDir, logger: opts.logger ?? pino({ level: 'silent' }), ...(opts.now ? { now: opts.now } : {}) });
  const { store } = station.context;
  const catalog = parseCatalog(JSON.parse(readFileSync('resources/catalog/demo-hall.json', 'utf8')));
  if (!catalog.ok) throw new Error(catalog.error.message);
  store.cache.seedCatalog(catalog.value);
  for (const year of [2025, 2026]) {
    const data = JSON.parse(readFileSync(`resources/calendar/${year}.json`, 'utf8')) as unknown;
    store.cache.applyChange(store.db, { seq: year, entity: 'calendar', id: String(year), op: 'upsert', data });
  }
  store.syncState.bumpCatalogVersion();
  store.verifiers.remember({ id: '01M8GA2A100YPMPTZAW7MEJ101', username: 'clerk-A3', name: '陈国庆', role: 'clerk' }, 'hall-demo-2026');
  await station.start();
  return { station, printer: station.context.devices.printer as SimulatedPrinter };
}

export const FOOD_PERMIT = '11370902002932362Y0045';
/**
 * 食品经营许可（新办）, promised in 3 working days: required M032 M004 M005 (commitment allowed) M001;
 * deferrable (容缺) M007 layout and M033 rules within 2 working days, M165 equipment list and M008
 * health certificates within 3.
 */
export const FOOD_ALL = { M032: 'original', M004: 'copy', M005: 'original', M007: 'original', M165: 'original', M033: 'original', M008: 'original', M001: 'original' } as const;

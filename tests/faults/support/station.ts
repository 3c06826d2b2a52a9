import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { parseCatalog } from '../../../src/contract/catalog';
import { createStation, type Station } from '../../../src/station/api';
import { loadStationConfig } from '../../../src/station/config';
import type { Json } from './http';
import { person } from './people';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const silentLog = pino({ level: 'silent' });

/**
 * A station that has never reached a hall server: the demo catalogue and calendars in its cache as
 * a pull would leave them, and a verifier for clerk-A3 from an earlier online sign-in. Printer and
 * everything else from `env`.
 */
export async function offlineStation(env: Record<string, string> = {}, opts: { logger?: Logger; dataDir?: string } = {}): Promise<Station> {
  const config = loadStationConfig({
    env: { STATION_ID: 'A3-faults', WINDOW_CODE: 'A3', PRINTER: 'simulated', READER: 'none', SYNC_INTERVAL_MS: '0', ...(opts.dataDir ? { STATION_DATA_DIR: opts.dataDir } : {}), ...env },
  });
  const station = createStation(config, { inMemory: !opts.dataDir, logger: opts.logger ?? silentLog });
  const { store } = station.context;
  if (!station.context.catalog.hasCatalog()) {
    const catalog = parseCatalog(JSON.parse(readFileSync(`${root}resources/catalog/demo-hall.json`, 'utf8')));
    if (!catalog.ok) throw new Error(catalog.error.message);
    store.cache.seedCatalog(catalog.value);
    for (const year of [2025, 2026]) {
      const data = JSON.parse(readFileSync(`${root}resources/calendar/${year}.json`, 'utf8')) as unknown;
      store.cache.applyChange(store.db, { seq: year, entity: 'calendar', id: String(year), op: 'upsert', data });
    }
    store.syncState.bumpCatalogVersion();
    store.verifiers.remember({ id: '01M8GA2A100YPMPTZAW7MEJ101', username: 'clerk-A3', name: '陈国庆', role: 'clerk' }, 'hall-demo-2026');
  }
  await station.start();
  return station;
}

/** Unwraps a StationAnswer, failing with the station's error. */
export async function value<T = Json>(p: Promise<{ ok: boolean }>): Promise<T> {
  const a = (await p) as Json;
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.value as T;
}

/** What intake.submit needs to accept a matter outright: every required and deferrable item as an original. */
export async function acceptArgs(station: Station, matterCode: string, n: number): Promise<Json> {
  const checklist = await value<Array<{ materialCode: string; necessity: string }>>(station.dispatch('intake.checklist', { matterCodes: [matterCode] }));
  const received = Object.fromEntries(checklist.filter((i) => i.necessity !== 'optional').map((i) => [i.materialCode, 'original']));
  const p = person(n);
  return { matterCodes: [matterCode], received, outcome: 'accept', applicant: { name: p.name, idNumber: p.idNumber, phone: p.phone } };
}

/** A promised matter of zone A that the demo catalogue has. */
export async function promisedMatter(station: Station): Promise<string> {
  const hits = await value<Array<{ code: string; caseType: string; kind: string }>>(station.dispatch('catalog.search', { query: '登记', limit: 50 }));
  const m = hits.find((h) => h.kind === 'matter' && h.caseType === 'promised');
  if (!m) throw new Error('no promised matter found by 登记');
  return m.code;
}

import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { ulid } from 'ulid';
import type { SyncState } from '../../../src/contract/station-api';
import { createSealer, parseDataKey } from '../../../src/central/crypto/sealer';
import { createStation, type Station } from '../../../src/station/api';
import { loadStationConfig } from '../../../src/station/config';
import { deferrableMatter, recordCaseLife } from '../../faults/support/cases';
import { demoCalendar, demoCatalog } from '../../faults/support/catalog';
import { freshPgDatabase, hallCatalog, spawnHall, writeHallResources, type HallProcess } from '../../faults/support/hall';
import { pool, signIn, type Json } from '../../faults/support/http';
import { person } from '../../faults/support/people';
import type { QueueDb } from './queue-scenario';

const migrationsFolder = fileURLToPath(new URL('../../../src/central/db/migrations', import.meta.url));
const silent = pino({ level: 'silent' });
/** The busy day the station spent offline: Friday 2026-11-27, from 09:00 in Shanghai. */
const OFFLINE_DAY = Date.parse('2026-11-27T01:00:00Z');

export interface DrainRun {
  db: QueueDb;
  cases: number;
  mutations: number;
  preloadDays: number;
  /** From "the hall is back" (sync.now) until the outbox is empty and the pull caught up. */
  seconds: number;
  state: SyncState;
  /** The hall's count of this station's cases delivered and rated: all of them, once. */
  onHall: number;
  floorSeconds: number;
  floorHow: string;
  firstPull?: { seconds: number; changes: number; floorSeconds: number; tickets: number };
}

async function stationAt(hallUrl: string, dir: string, window: string): Promise<Station> {
  const config = loadStationConfig({
    env: { HALL_URL: hallUrl, STATION_DATA_DIR: dir, STATION_ID: `${window}-bench`, WINDOW_CODE: window, PRINTER: 'simulated', READER: 'none', SYNC_INTERVAL_MS: '0' },
  });
  const station = createStation(config, { logger: silent });
  await station.start();
  return station;
}

async function call<T>(station: Station, method: string, args: unknown = {}): Promise<T> {
  const a = await station.dispatch(method, args);
  if (!a.ok) throw new Error(`${method}: ${a.error.code} ${a.error.message}`);
  return a.value as T;
}

/**
 * Preloads `days` busy days of other stations' cases (500 a day, each with ten events, ten
 * processed mutations and ten change-log entries) straight into the hall's tables: what a hall
 * that has run for a month holds. Their change-log entries lie before the station's cursor.
 */
/** The preloaded cases' applicant, sealed under the hall's own (demo) key so that a pull can open it. */
const PRELOAD_KEY_SQL = `select value from hall_meta where key = 'demo-data-key'`;
function preloadApplicant(key: unknown): string {
  const sealer = createSealer(parseDataKey(String(key)));
  return JSON.stringify({ name: '预载', idType: '111', sealed: sealer.seal(JSON.stringify({ idNumber: '370902199001010011', phone: null, address: null })) });
}

const PRELOAD_SQL = (days: number, applicant: string) => `
  with g as (select n, (n / 500) as d from generate_series(0, ${days * 500 - 1}) n),
  c as (
    insert into cases (id, case_no, station_id, window_code, clerk_id, matter_codes, applicant, id_index, id_number_masked, source, status, accepted_at,
                       promised_days, promised_date, notice_no, materials, reviews, clock_pauses, created_at, updated_at)
    select 'PRE' || lpad(n::text, 23, '0'), 'PRE-' || n, 'preload-' || (n % 40), 'P' || (n % 40), 'preload', '["X"]'::jsonb,
           '${applicant.replace(/'/g, "''")}'::jsonb, md5('pre' || n), '370902********0011', 'window', 'delivered',
           timestamptz '2026-10-27 09:00+08' + (d || ' days')::interval, 5, date '2026-11-03' + d, 'PRE-' || n || '-SL', '[]'::jsonb, '[]'::jsonb, '[]'::jsonb,
           now(), now()
    from g returning id),
  e as (
    insert into case_events (case_id, at, action, to_status, station_id, mutation_id)
    select id, now(), 'case.evaluate', 'delivered', 'preload', id || '-' || k from c, generate_series(1, 10) k returning 1),
  p as (
    insert into processed_mutations (id, station_id, name, case_id, status, mutation_at, at)
    select id || '-' || k, 'preload', 'case.evaluate', id, 'applied', now(), now() from c, generate_series(1, 10) k returning 1),
  l as (
    insert into change_log (at, entity, entity_id, op, event, data, station_id)
    select now(), 'case', id, 'upsert', 'case.evaluate', '{"preloaded":true}'::jsonb, 'preload' from c, generate_series(1, 10) k returning 1)
  select (select count(*) from e) + (select count(*) from p) + (select count(*) from l) as rows`;

/**
 * A station that spent a busy day offline reconnects: `cases` cases with ten mutations each sit in
 * its outbox (written through its own store), then one "sync now" pushes them in order and pulls
 * until caught up. Floor: the same rows (cases, events, processed mutations) inserted into an empty
 * hall schema by one batched SQL statement.
 */
export async function runSyncDrain(db: QueueDb, cases: number, opts: { preloadDays?: number; firstPull?: boolean } = {}): Promise<DrainRun> {
  const preloadDays = opts.preloadDays ?? 0;
  const resources = writeHallResources(hallCatalog());
  const fresh = db === 'postgres' ? await freshPgDatabase(process.env.DATABASE_URL!, 'bench_sync') : null;
  const hallDir = mkdtempSync(join(tmpdir(), 'bench-sync-hall-'));
  const stationDir = mkdtempSync(join(tmpdir(), 'bench-sync-station-'));
  const newStationDir = mkdtempSync(join(tmpdir(), 'bench-sync-new-'));
  const where = fresh ? { databaseUrl: fresh.url } : { dataDir: hallDir };
  const hallOptions = { ...where, config: { resourcesDir: resources.dir, ticketNumberWidth: 4 } };
  let hall: HallProcess = await spawnHall(hallOptions);
  const stations: Station[] = [];
  try {
    if (preloadDays > 0) {
      if (fresh) {
        const c = new pg.Client({ connectionString: fresh.url });
        await c.connect();
        try {
          const key = (await c.query(PRELOAD_KEY_SQL)).rows[0]?.value;
          await c.query(PRELOAD_SQL(preloadDays, preloadApplicant(key)));
        } finally {
          await c.end();
        }
      } else {
        // PGlite holds its folder alone: stop the hall, write, start it again on the same folder.
        await hall.stop();
        const lite = await PGlite.create({ dataDir: hallDir });
        const key = (await lite.query<{ value: unknown }>(PRELOAD_KEY_SQL)).rows[0]?.value;
        await lite.exec(PRELOAD_SQL(preloadDays, preloadApplicant(key)));
        await lite.close();
        hall = await spawnHall(hallOptions);
      }
    }

    const catalog = demoCatalog();
    const calendar = demoCalendar();
    const matter = deferrableMatter(catalog);
    const station = await stationAt(hall.url, stationDir, 'B1');
    stations.push(station);
    // Each case's life includes the departments' decisions, which only an approver or the
    // administrator may push: the administrator signs in at window B1, so one PC's outbox carries the
    // whole day, as it did before the policy table (the trust suite compares the two).
    const session = await call<{ staff: { id: string } }>(station, 'session.login', { username: 'admin', password: 'hall-demo-2026', windowCode: 'B1' });
    await call(station, 'sync.now');

    // ---- the offline day: every case's life in the outbox -----------------------------------------
    const store = station.context.store;
    for (let i = 0; i < cases; i++) {
      recordCaseLife({
        store,
        catalog,
        calendar,
        matter,
        stationId: station.context.config.stationId,
        windowCode: 'B1',
        staffId: session.staff.id,
        at: new Date(OFFLINE_DAY + i * 55_000),
        applicant: person(i),
      });
    }
    const outbox = store.outbox.nextBatch(1_000_000);
    const mutations = outbox.length;

    // ---- reconnect ---------------------------------------------------------------------------------
    const t0 = performance.now();
    let state = await call<SyncState>(station, 'sync.now');
    while (state.pending > 0 && state.connection !== 'offline') state = await call<SyncState>(station, 'sync.now');
    const seconds = (performance.now() - t0) / 1000;
    // Caught up: the station's own next pull (its key, its session) brings nothing.
    const caught = await station.context.hall!.pull({ cursor: state.cursor, limit: 1, stationId: station.context.config.stationId });
    if (caught.changes.length !== 0) throw new Error(`the pull is not caught up: ${caught.changes.length} changes after ${state.cursor}`);
    const admin = await signIn(hall.url, 'admin');
    const delivered = await admin.get<{ cases: Json[] }>(`/api/v1/cases?windowCode=B1&status=delivered&limit=500`);
    const onHall = (delivered.body.cases as Array<{ evaluation: unknown }>).filter((c) => c.evaluation !== null).length;

    // ---- the floor -----------------------------------------------------------------------------------
    const floor = await floorInsert(db, outbox, station);

    // ---- a new station's first full pull ------------------------------------------------------------
    let firstPull: DrainRun['firstPull'];
    if (opts.firstPull) {
      const issuer = await signIn(hall.url, 'supervisor');
      const tickets = 300;
      await pool(
        Array.from({ length: tickets }, (_, i) => i),
        20,
        (i) => issuer.post('/api/v1/tickets', { zoneCode: 'ABCDEFGH'[i % 8], requestId: ulid() }),
      );
      const t1 = performance.now();
      const fresh2 = await stationAt(hall.url, newStationDir, 'B2');
      stations.push(fresh2);
      await call(fresh2, 'session.login', { username: 'clerk-B2', password: 'hall-demo-2026', windowCode: 'B2' });
      await call<SyncState>(fresh2, 'sync.now');
      const firstSeconds = (performance.now() - t1) / 1000;
      // Floor: the same pages fetched by the station's hall client in a bare loop, nothing applied.
      const t2 = performance.now();
      let cursor = 0;
      let changes = 0;
      for (;;) {
        const page = await fresh2.context.hall!.pull({ cursor, limit: 500, stationId: fresh2.context.config.stationId });
        changes += page.changes.length;
        if (!page.hasMore || page.cursor <= cursor) break;
        cursor = page.cursor;
      }
      firstPull = { seconds: firstSeconds, changes, floorSeconds: (performance.now() - t2) / 1000, tickets };
    }

    return {
      db,
      cases,
      mutations,
      preloadDays,
      seconds,
      state,
      onHall,
      floorSeconds: floor.seconds,
      floorHow: floor.how,
      firstPull,
    };
  } finally {
    for (const s of stations) await s.stop().catch(() => undefined);
    await hall.stop();
    resources.remove();
    await fresh?.drop();
    for (const d of [hallDir, stationDir, newStationDir]) rmSync(d, { recursive: true, force: true });
  }
}

/**
 * The rows a drained day leaves on the hall (each case, one event and one processed mutation per
 * mutation), built from the outbox, inserted into an empty hall schema by one statement.
 */
async function floorInsert(db: QueueDb, outbox: Array<{ id: string; name: string; args: unknown; at: string; staffId: string; caseId: string | null }>, station: Station) {
  const stationId = station.context.config.stationId;
  const intakes = outbox.filter((m) => m.name.startsWith('case.accept'));
  // Sealed as the hall stores them (sealing is done before the clock starts: the floor is the insert).
  const sealer = createSealer(randomBytes(32));
  const caseRows = intakes.map((m) => {
    const c = (m.args as { case: Json }).case;
    const { name, idType, ...personal } = c.applicant;
    return {
      id: c.id,
      case_no: c.caseNo,
      station_id: stationId,
      window_code: c.windowCode,
      clerk_id: c.clerkId,
      matter_codes: c.matterCodes,
      zone_codes: ['B'],
      department_codes: ['002'],
      calendar_versions: [],
      applicant: { name, idType, sealed: sealer.seal(JSON.stringify(personal)) },
      id_index: sealer.index(c.applicant.idNumber),
      id_number_masked: `${c.applicant.idNumber.slice(0, 6)}********${c.applicant.idNumber.slice(14)}`,
      source: c.source,
      status: 'delivered',
      accepted_at: c.acceptedAt,
      promised_days: 5,
      promised_date: c.promisedDate,
      notice_no: c.noticeNo,
      materials: c.materials,
      reviews: [],
      clock_pauses: [],
      created_at: m.at,
      updated_at: m.at,
    };
  });
  // An intake's event keeps no personal data (the case row has it, sealed).
  const eventRows = outbox.map((m) => ({ case_id: m.caseId, at: m.at, action: m.name, to_status: 'delivered', staff_id: m.staffId, station_id: stationId, mutation_id: m.id, data: m.name.startsWith('case.accept') ? null : m.args }));
  const processedRows = outbox.map((m) => ({ id: m.id, station_id: stationId, name: m.name, staff_id: m.staffId, case_id: m.caseId, status: 'applied', mutation_at: m.at, at: m.at }));
  const statement = `with c as (insert into cases select * from jsonb_populate_recordset(null::cases, $1::jsonb) returning 1),
      e as (insert into case_events (case_id, at, action, to_status, staff_id, station_id, mutation_id, data)
            select case_id, at, action, to_status, staff_id, station_id, mutation_id, data from jsonb_populate_recordset(null::case_events, $2::jsonb) returning 1),
      p as (insert into processed_mutations select * from jsonb_populate_recordset(null::processed_mutations, $3::jsonb) returning 1)
    select (select count(*) from c) + (select count(*) from e) + (select count(*) from p) as n`;
  const params = [JSON.stringify(caseRows), JSON.stringify(eventRows), JSON.stringify(processedRows)];
  if (db === 'postgres') {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL!, 'bench_sync_floor');
    const p = new pg.Pool({ connectionString: fresh.url, max: 2 });
    try {
      await migratePg(drizzlePg(p), { migrationsFolder });
      const t = performance.now();
      await p.query(statement, params);
      return { seconds: (performance.now() - t) / 1000, how: 'pg, one statement into an empty hall schema' };
    } finally {
      await p.end();
      await fresh.drop();
    }
  }
  const lite = await PGlite.create();
  try {
    await migratePglite(drizzlePglite(lite), { migrationsFolder });
    const t = performance.now();
    await lite.query(statement, params);
    return { seconds: (performance.now() - t) / 1000, how: 'in-process PGlite, one statement into an empty hall schema' };
  } finally {
    await lite.close();
  }
}

import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { describeIssue } from '../contract/catalog';
import { stationApi, type StationAnswer, type StationEvent, type StationHandlers, type StationMethod } from '../contract/station-api';
import { localDateInShanghai } from '../domain/local-date';
import { maskIdNumber } from '../domain/masking';
import { CatalogCache } from './catalog-cache';
import type { StationConfig } from './config';
import type { StationContext } from './context';
import { Pad } from './pad';
import { stationKey, type KeySealer } from './db/key';
import { databaseState, openStationDb, stationDbFile, type StationDb } from './db/open';
import { createDeviceHub, type DeviceSettings } from './devices';
import { toErrorBody } from './errors';
import { createHallClient, type HallClient } from './hall-client';
import { hallFetch } from './hall-fetch';
import { listenToHall, type HallEventsListener } from './hall-events';
import { createStationLogger } from './logger';
import { stationHandlers } from './handlers/index';
import { DEVICE_SETTINGS_KEY } from './handlers/devices';
import { StationRegistration } from './registration';
import { SessionManager } from './session';
import { createStore, type Store } from './store';
import { SyncEngine } from './sync/engine';

export interface CreateStationOptions {
  /** Keep the SQLite database in memory (tests); default: a file in config.dataDir. */
  inMemory?: boolean;
  logger?: Logger;
  now?: () => Date;
  /** Sync backoff while the hall is unreachable (tests shorten it). */
  backoff?: { baseMs: number; maxMs: number };
  /** Where the drizzle migrations are (a packaged app ships them as extra resources). */
  migrationsFolder?: string;
  /** The OS keystore that keeps the database key sealed (the desktop app's safeStorage); none in browser mode. */
  keySealer?: KeySealer | null;
}

export interface Station {
  readonly handlers: StationHandlers;
  /** THE entry point of both transports (Electron IPC and the web host): never throws. */
  dispatch(method: string, rawArgs: unknown): Promise<StationAnswer<unknown>>;
  events: { subscribe(listener: (e: StationEvent) => void): () => void };
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For tests and the launcher: the parts behind the handlers. */
  readonly context: StationContext;
}

/**
 * Parses the arguments with the method's contract schema, runs the handler, checks the result
 * against the contract, and turns every failure into `{ ok: false, error: { code, message } }`.
 */
export async function dispatchStation(handlers: StationHandlers, method: string, rawArgs: unknown, log?: Logger): Promise<StationAnswer<unknown>> {
  if (!Object.hasOwn(stationApi, method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `工作站没有方法 ${method}` } };
  }
  const spec = stationApi[method as StationMethod];
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    return { ok: false, error: { code: 'BAD_ARGS', message: `${method} 的参数有误：${issues.slice(0, 3).join('；')}`, details: { issues } } };
  }
  try {
    const handler = handlers[method as StationMethod] as (a: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.result.safeParse(value);
    if (!checked.success) {
      const issues = checked.error.issues.map(describeIssue);
      log?.error({ method, issues }, 'station handler answered outside its contract');
      return { ok: false, error: { code: 'STATION_RESULT_INVALID', message: `工作站的应答不符合约定（${method}）`, details: { issues } } };
    }
    return { ok: true, value: checked.data };
  } catch (e) {
    const { body, expected } = toErrorBody(e);
    if (!expected) log?.error({ method, err: e instanceof Error ? e.stack : String(e) }, 'station handler failed');
    return { ok: false, error: body };
  }
}

/** The station's SQLite file, sealed with its key (made on the first start); in memory for tests. */
function openStationDbOf(config: StationConfig, opts: CreateStationOptions, log: Logger): StationDb {
  const migrations = opts.migrationsFolder ? { migrationsFolder: opts.migrationsFolder } : {};
  if (opts.inMemory) return openStationDb({ file: ':memory:', ...migrations });
  const file = stationDbFile(config.dataDir);
  const { key, created, file: keyFile } = stationKey({ dataDir: config.dataDir, sealer: opts.keySealer, databaseSealed: databaseState(file) === 'sealed' });
  if (created) log.info({ keyFile }, 'station key made: the database is sealed with it');
  return openStationDb({ file, key, ...migrations, onSealed: ({ ms }) => log.warn({ file, ms }, 'the plain station database of an older version is now sealed') });
}

/** Builds a station from its configuration: database, repositories, hall client, sync, devices, handlers. */
export function createStation(config: StationConfig, opts: CreateStationOptions = {}): Station {
  const now = opts.now ?? (() => new Date());
  const log = opts.logger ?? createStationLogger({ stationId: config.stationId, level: process.env.LOG_LEVEL });
  const db: StationDb = openStationDbOf(config, opts, log);
  const store: Store = createStore(db, { stationId: config.stationId, maskIdNumber, localDay: localDateInShanghai, now });
  const today = () => localDateInShanghai(now());
  const listeners = new Set<(e: StationEvent) => void>();
  const emit = (e: StationEvent) => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        log.warn({ err: String(err) }, 'station event listener failed');
      }
    }
  };

  const saved = store.settings.get<DeviceSettings>(DEVICE_SETTINGS_KEY);
  const devices = createDeviceHub(saved ?? { printer: config.printer, paperWidth: config.paperWidth, reader: config.reader }, { today, now });
  const catalog = new CatalogCache(store);

  const toHall = hallFetch(config.hallCa);
  const hall: HallClient | null = config.hallUrl ? createHallClient({ baseUrl: config.hallUrl, fetch: toHall, onSessionEnded: (e) => session.ended(e) }) : null;
  const registration = new StationRegistration(store, { stationId: config.stationId, label: `${hostname()} (${config.stationId})`, windowCode: config.windowCode });
  // Every call carries this PC's key, the very first sign-in too: a session is bound to the PC it came from.
  if (hall) hall.stationKey = registration.key();

  let listener: HallEventsListener | null = null;
  const sync = new SyncEngine({
    store,
    stationId: config.stationId,
    hall: () => hall,
    signedIn: () => session.online(),
    station: {
      standing: () => registration.standing(),
      ensure: (h) => registration.ensure(h),
      refused: (code) => registration.refused(code),
    },
    guardrails: config.guardrails,
    retentionDays: config.retentionDays,
    intervalMs: config.syncIntervalMs,
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
    today,
    log,
    onState: (state) => emit({ type: 'sync', state }),
    onPage: (page) => {
      if (page.queueChanged) emit({ type: 'queue', reason: 'pulled' });
      if (page.caseIds.length > 0) emit({ type: 'cases', caseId: page.caseIds.length === 1 ? page.caseIds[0]! : null });
    },
  });

  // Reaches the session only through a callback: the session's changes reset it.
  const pad = new Pad({ session: () => session.get(), emit, store: store.padTicket, now });

  // Declared after the hall client and the sync engine, which reach it only through callbacks.
  const session: SessionManager = new SessionManager({
    store,
    hall,
    catalog,
    defaultWindow: config.windowCode,
    onChange: (s, ended) => {
      emit({ type: 'session', session: s, ...(ended ? { ended } : {}) });
      pad.sessionChanged(s);
      if (s && hall && !listener) {
        listener = listenToHall({
          baseUrl: hall.baseUrl,
          fetch: toHall,
          token: () => hall.token,
          onEvent: (e) => {
            if (e.event.startsWith('ticket.') || e.event.startsWith('window.')) emit({ type: 'queue', reason: e.event });
            if (e.event.startsWith('application.')) emit({ type: 'inbox', reason: e.event });
            // A case taken in anywhere in the hall: the board's channel figures count it (its data comes by pull, if at all).
            if (e.event.startsWith('case.')) emit({ type: 'cases', caseId: null });
            // 好差评: the supervisor board shows a bad rating as it arrives.
            if (e.event.startsWith('evaluation.')) emit({ type: 'evaluations', reason: e.event, bad: (e.data as { data?: { bad?: unknown } } | null)?.data?.bad === true });
            void sync.trigger('event');
          },
          onConnection: (up) => {
            if (up) void sync.trigger('event-stream', { force: true });
          },
        });
      } else if (!s && listener) {
        listener.close();
        listener = null;
      }
    },
  });

  const context: StationContext = { config, store, hall, sync, devices, session, catalog, pad, emit, now, today, log };
  const handlers = stationHandlers(context);

  /** Before anyone signed in here, the sign-in screen still needs the windows: the public catalogue and calendar. */
  async function bootstrap(): Promise<void> {
    if (!hall) return;
    await registration.ensure(hall).catch((e: unknown) => log.info({ err: e instanceof Error ? e.message : String(e) }, 'not registered with the hall yet'));
    if (catalog.hasCatalog()) return;
    try {
      store.cache.seedCatalog(await hall.call('catalog'));
      const { years } = await hall.call('calendarYears');
      // Only the entered years: the provisional ones the station derives itself, as the hall does.
      for (const { year } of years.filter((y) => y.status === 'official')) {
        const data = await hall.call('calendarYear', { params: { year } });
        store.cache.applyChange(db, { seq: 0, entity: 'calendar', id: String(year), op: 'upsert', data });
      }
      store.syncState.bumpCatalogVersion();
    } catch (e) {
      log.info({ err: e instanceof Error ? e.message : String(e) }, 'no catalogue yet: the hall server is not reachable');
    }
  }

  let started = false;
  return {
    handlers,
    context,
    dispatch: (method, rawArgs) => dispatchStation(handlers, method, rawArgs, log),
    events: {
      subscribe(l) {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
    },
    async start() {
      if (started) return;
      started = true;
      const interrupted = store.printJobs.failInterrupted();
      if (interrupted > 0) log.warn({ interrupted }, 'print jobs cut off by the last shutdown are marked failed');
      await bootstrap();
      sync.start();
      log.info({ hall: config.hallUrl, dataDir: opts.inMemory ? ':memory:' : config.dataDir }, 'station started');
    },
    async stop() {
      pad.close();
      listener?.close();
      listener = null;
      await sync.stop();
      await devices.close();
      db.$client.close();
    },
  };
}

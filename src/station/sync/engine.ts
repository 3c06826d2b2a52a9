import type { ErrorBody } from '../../contract/primitives';
import type { StationStanding, SyncState } from '../../contract/station-api';
import type { MutationEnvelope, PushResult } from '../../contract/sync';
import { HallCallError, type HallClient } from '../hall-client';
import type { Store } from '../store';
import { rememberPublicBaseUrl } from '../receipt-link';
import { applyPullPage, type PageSummary } from './apply-page';

export interface SyncLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface SyncEngineOptions {
  store: Store;
  stationId: string;
  /** The hall client, or null when the station has no hall server configured (yet). */
  hall: () => HallClient | null;
  /** Whether someone is signed in online (pushes and pulls need a session the hall knows). */
  signedIn: () => boolean;
  /** This PC's standing with the hall (registration.ts): only an approved PC pushes and pulls. */
  station: {
    standing: () => StationStanding;
    ensure: (hall: HallClient) => Promise<StationStanding>;
    /** The hall refused a sync with this code (not approved, unknown key). */
    refused: (code: string) => void;
  };
  guardrails: { offlineWarnHours: number; backlogWarn: number };
  retentionDays: number;
  intervalMs: number;
  /** Mutations per push request; the contract allows up to 500. */
  pushBatch?: number;
  pullLimit?: number;
  backoff?: { baseMs: number; maxMs: number };
  onState?: (s: SyncState) => void;
  onPage?: (p: PageSummary) => void;
  log?: SyncLogger;
  random?: () => number;
  /** Today's local date (Asia/Shanghai): older queue days are dropped from the cache. */
  today?: () => string;
}

type RunOutcome = 'ok' | 'unreachable' | 'error';

const silent: SyncLogger = { info: () => undefined, warn: () => undefined };

/**
 * Push the outbox in order, then pull by cursor. One run at a time (single flight): a trigger
 * while a run is going asks for one more run after it, never a second concurrent one, so two
 * pushes of the same mutation never race. Triggers: local writes, hall events, a timer, the clerk.
 * While the hall server is unreachable, runs back off exponentially with jitter.
 */
export class SyncEngine {
  private running: Promise<void> | null = null;
  private again: string | null = null;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private nextAttemptAt = 0;
  private syncing = false;
  private drainTotal = 0;
  private lastPurgeAt = 0;
  private lastState: SyncState | null = null;
  private readonly o: Required<Pick<SyncEngineOptions, 'pushBatch' | 'pullLimit' | 'backoff' | 'log' | 'random'>> & SyncEngineOptions;

  constructor(opts: SyncEngineOptions) {
    // 250 per push: a day offline (5,000 mutations) drains in 20 pushes; the hall takes up to 500.
    this.o = { pushBatch: 250, pullLimit: 500, backoff: { baseMs: 1000, maxMs: 60_000 }, log: silent, random: Math.random, ...opts };
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    if (this.o.intervalMs > 0) {
      this.timer = setInterval(() => void this.trigger('timer'), this.o.intervalMs);
      this.timer.unref();
    }
    void this.trigger('start', { force: true });
  }

  /** Stops the timers and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.lastState = this.state();
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Ask for a sync. `force` ignores the backoff (the clerk pressed "sync now", the event stream
   * just reconnected: the server is evidently back). Resolves when the requested run is done.
   */
  trigger(reason: string, opts: { force?: boolean } = {}): Promise<SyncState> {
    // After stop() the database may be closed: answer with the last state seen.
    if (this.stopped) return Promise.resolve(this.lastState ?? this.state());
    if (!opts.force && Date.now() < this.nextAttemptAt) return Promise.resolve(this.state());
    if (this.running) {
      this.again = this.again ?? reason;
      return this.running.then(() => this.state());
    }
    this.running = this.loop(reason).finally(() => {
      this.running = null;
    });
    return this.running.then(() => this.state());
  }

  private async loop(first: string): Promise<void> {
    let reason: string | null = first;
    while (reason !== null) {
      this.again = null;
      const outcome = await this.runOnce(reason);
      if (outcome !== 'ok') {
        this.again = null;
        break;
      }
      reason = this.again;
    }
  }

  state(): SyncState {
    const s = this.o.store.syncState.get();
    const counts = this.o.store.outbox.counts();
    if (counts.pending === 0) this.drainTotal = 0;
    const warnings: ErrorBody[] = [];
    const now = Date.now();
    if (s.offlineSince) {
      const hours = (now - Date.parse(s.offlineSince)) / 3_600_000;
      if (hours >= this.o.guardrails.offlineWarnHours) {
        warnings.push({ code: 'SYNC_OFFLINE_LONG', message: `已离线 ${Math.floor(hours)} 小时，请联系管理员检查与大厅服务器的网络`, details: { since: s.offlineSince } });
      }
    }
    if (counts.pending >= this.o.guardrails.backlogWarn) {
      warnings.push({ code: 'SYNC_BACKLOG_LARGE', message: `有 ${counts.pending} 条记录等待同步`, details: { pending: counts.pending } });
    }
    if (counts.rejected > 0) {
      warnings.push({ code: 'SYNC_REJECTED', message: `有 ${counts.rejected} 条记录被大厅服务器拒绝，请查看原因`, details: { rejected: counts.rejected } });
    }
    const station = this.o.station.standing();
    if (station.status !== 'approved') {
      warnings.push({
        code: station.status === 'pending' ? 'STATION_NOT_APPROVED' : station.status === 'conflict' ? 'STATION_ID_TAKEN' : 'STATION_NOT_REGISTERED',
        message:
          station.status === 'pending'
            ? `本工作站等待管理员批准接入大厅：请管理员在“工作站”页面输入配对码 ${station.pairingCode ?? ''}；批准前办件暂存本机`
            : station.status === 'conflict'
              ? `大厅已有另一台电脑登记为 ${station.stationId}：请管理员注销旧登记后重启本工作站`
              : '本工作站尚未在大厅登记：连接大厅后会自动登记',
        details: { stationId: station.stationId, status: station.status },
      });
    }
    return {
      connection: this.syncing ? 'syncing' : s.offlineSince || !this.o.hall() ? 'offline' : 'online',
      station,
      pending: counts.pending,
      rejected: counts.rejected,
      drainTotal: Math.max(this.drainTotal, counts.pending),
      lastSuccessAt: s.lastSuccessAt,
      lastError: s.lastError,
      offlineSince: s.offlineSince,
      cursor: s.cursor,
      warnings,
    };
  }

  private emit(): void {
    this.o.onState?.(this.state());
  }

  private async runOnce(trigger: string): Promise<RunOutcome> {
    const { store } = this.o;
    const hall = this.o.hall();
    if (!hall) return 'error';
    // Nobody signed in: nothing may be pushed or pulled (both need a staff token), but the clerk's
    // sign-in screen still shows whether the hall server can be reached, and this PC's standing.
    if (!this.o.signedIn()) return this.probe(hall);
    // A PC the hall has not approved keeps its outbox (it is all still here) and asks again next time.
    if (this.o.station.standing().status !== 'approved') {
      const standing = await this.o.station.ensure(hall).catch(() => null);
      if (standing?.status !== 'approved') return this.probe(hall);
    }
    const cursorFrom = store.syncState.get().cursor;
    const run = store.syncRuns.start(trigger, cursorFrom);
    const stats = { pushed: 0, applied: 0, duplicates: 0, rejected: 0, pulled: 0, cursorTo: cursorFrom, error: null as string | null };
    this.syncing = true;
    this.drainTotal = Math.max(this.drainTotal, store.outbox.counts().pending);
    this.emit();
    let outcome: RunOutcome = 'ok';
    try {
      await this.push(hall, stats);
      await this.pull(hall, stats);
      store.syncState.succeeded(new Date());
      this.failures = 0;
      this.nextAttemptAt = 0;
      this.housekeeping();
    } catch (e) {
      const err = e instanceof HallCallError ? e : new HallCallError('SYNC_FAILED', e instanceof Error ? e.message : String(e), 0);
      outcome = err.unreachable ? 'unreachable' : 'error';
      stats.error = `${err.code}: ${err.message}`;
      store.syncState.failed({ code: err.code, message: err.message }, new Date(), err.unreachable);
      if (err.unreachable) this.scheduleRetry();
      else if (err.code === 'STATION_NOT_APPROVED' || err.code === 'STATION_UNKNOWN') this.o.station.refused(err.code);
      else if (err.status === 401) this.o.log.info({ code: err.code }, 'sync waits for a clerk to sign in');
      else this.o.log.warn({ code: err.code, err: err.message }, 'sync failed');
    } finally {
      this.syncing = false;
      store.syncRuns.finish(run, stats);
      this.emit();
    }
    return outcome;
  }

  private async probe(hall: HallClient): Promise<RunOutcome> {
    const up = await hall.reachable();
    if (up && this.o.station.standing().status !== 'approved') await this.o.station.ensure(hall).catch(() => undefined);
    if (up) {
      this.o.store.syncState.reachable();
      this.failures = 0;
      this.nextAttemptAt = 0;
    } else {
      this.o.store.syncState.failed({ code: 'HALL_UNREACHABLE', message: '大厅服务器无法连接' }, new Date(), true);
      this.scheduleRetry();
    }
    this.emit();
    return up ? 'ok' : 'unreachable';
  }

  private async push(hall: HallClient, stats: { pushed: number; applied: number; duplicates: number; rejected: number }): Promise<void> {
    const { store, stationId } = this.o;
    let size = this.o.pushBatch;
    for (;;) {
      const batch = store.outbox.nextBatch(size);
      if (batch.length === 0) return;
      const mutations: MutationEnvelope[] = batch.map((m) => ({ id: m.id, name: m.name, args: m.args, at: m.at, staffId: m.staffId }));
      store.outbox.markAttempted(batch.map((m) => m.id));
      let results: PushResult[];
      try {
        results = (await hall.push({ stationId, mutations })).results;
      } catch (e) {
        // The server refused the request as a whole (a mutation it cannot even parse). Find the one
        // it refuses by pushing one at a time, and keep that one as rejected so the rest go through.
        if (e instanceof HallCallError && (e.status === 400 || e.status === 422)) {
          if (batch.length > 1) {
            size = 1;
            continue;
          }
          results = [{ id: batch[0]!.id, status: 'rejected', code: e.code, message: e.message }];
        } else throw e;
      }
      const known = new Set(batch.map((m) => m.id));
      const tally = store.outbox.recordResults(results.filter((r) => known.has(r.id)));
      stats.pushed += batch.length;
      stats.applied += tally.applied;
      stats.duplicates += tally.duplicates;
      stats.rejected += tally.rejected;
      if (tally.rejected > 0) this.o.log.warn({ rejected: results.filter((r) => r.status === 'rejected').map((r) => r.code) }, 'hall server rejected mutations');
      this.emit();
      // An answer that settles nothing would loop for ever: stop and try again next run.
      if (tally.applied + tally.duplicates + tally.rejected === 0) {
        throw new HallCallError('SYNC_PUSH_UNANSWERED', '大厅服务器没有答复推送的记录', 0);
      }
      if (size === 1) size = this.o.pushBatch;
    }
  }

  private async pull(hall: HallClient, stats: { pulled: number; cursorTo: number }): Promise<void> {
    const { store, stationId } = this.o;
    for (;;) {
      const cursor = store.syncState.get().cursor;
      const page = await hall.pull({ cursor, limit: this.o.pullLimit, stationId });
      const summary = applyPullPage(store, page);
      if (page.publicBaseUrl) rememberPublicBaseUrl(store, page.publicBaseUrl);
      stats.pulled += page.changes.length;
      stats.cursorTo = page.cursor;
      if (summary.problems.length > 0) this.o.log.warn({ problems: summary.problems.slice(0, 5), count: summary.problems.length }, 'pulled changes the station could not read');
      if (summary.applied > 0) this.o.onPage?.(summary);
      if (!page.hasMore || page.cursor <= cursor) return;
    }
  }

  private scheduleRetry(): void {
    this.failures++;
    const { baseMs, maxMs } = this.o.backoff;
    const exp = Math.min(maxMs, baseMs * 2 ** Math.min(this.failures - 1, 20));
    // Full jitter between half and the whole delay: stations that lost the hall together do not all come back at once.
    const delay = Math.round(exp / 2 + (this.o.random() * exp) / 2);
    this.nextAttemptAt = Date.now() + delay;
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.trigger('retry', { force: true }), delay);
    this.retryTimer.unref();
  }

  /** After a good sync: purge personal data past the retention period, forget yesterday's queue (hourly). */
  private housekeeping(): void {
    const now = Date.now();
    if (now - this.lastPurgeAt < 3_600_000) return;
    this.lastPurgeAt = now;
    const purged = this.o.store.cases.purgePersonalData(new Date(now - this.o.retentionDays * 86_400_000));
    if (purged > 0) this.o.log.info({ purged }, 'retention: personal data of closed cases purged');
    if (this.o.today) this.o.store.cache.dropTicketsBefore(this.o.today());
  }

  /** The delay before the next attempt while offline (0 when none is scheduled); for tests and the UI. */
  get backoffMs(): number {
    return Math.max(0, this.nextAttemptAt - Date.now());
  }
}

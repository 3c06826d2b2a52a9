import type { FastifyBaseLogger } from 'fastify';
import type { HallDb } from '../db/client';
import { CHANGES_CHANNEL, changeLogReader, type ChangeRow } from './change-log';

export type FeedListener = (rows: ChangeRow[]) => void;

const PAGE = 500;

/**
 * The live side of the change log, one per server instance. Whatever pokes it (a local commit,
 * a NOTIFY from another instance on the same PostgreSQL, the poll timer), it reads the log after
 * the last row it delivered and hands new rows, in seq order, to every subscriber. Reading the log
 * rather than trusting notification payloads means a lost or duplicated poke costs nothing.
 */
export class ChangeFeed {
  private cursor = 0;
  private readonly listeners = new Set<FeedListener>();
  private draining: Promise<void> | null = null;
  private pokedWhileDraining = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;

  constructor(
    private readonly db: HallDb,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs: number,
  ) {}

  async start(): Promise<void> {
    this.cursor = await changeLogReader.latestSeq(this.db.drizzle);
    this.unlisten = await this.db.listen(
      CHANGES_CHANNEL,
      (payload) => this.poke(/^\d+$/.test(payload) ? Number(payload) : undefined),
      () => this.poke(),
    );
    if (this.pollMs > 0) {
      this.timer = setInterval(() => this.poke(), this.pollMs);
      this.timer.unref();
    }
  }

  /** The highest seq delivered to subscribers so far. */
  get position(): number {
    return this.cursor;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Something was committed (up to `seq`, when known): read the log and deliver. */
  poke(seq?: number): void {
    if (this.stopped) return;
    if (seq !== undefined && seq <= this.cursor) return;
    // Nobody listening: a known seq is enough to move on (seq order is commit order, see
    // change-log.ts), so an idle feed costs no query per commit.
    if (seq !== undefined && this.listeners.size === 0 && !this.draining) {
      this.cursor = seq;
      return;
    }
    if (this.draining) {
      this.pokedWhileDraining = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.pokedWhileDraining) {
        this.pokedWhileDraining = false;
        this.poke();
      }
    });
  }

  /** Resolves once every change committed before the call has been delivered (tests, shutdown). */
  async settle(): Promise<void> {
    this.poke();
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        if (this.listeners.size === 0) {
          const latest = await changeLogReader.latestSeq(this.db.drizzle);
          // Someone may have subscribed while we asked: then deliver rather than skip.
          if (this.listeners.size === 0) {
            this.cursor = Math.max(this.cursor, latest);
            return;
          }
        }
        const rows = await changeLogReader.readAfter(this.db.drizzle, this.cursor, PAGE);
        if (rows.length === 0) return;
        this.cursor = rows[rows.length - 1]!.seq;
        for (const l of [...this.listeners]) {
          try {
            l(rows);
          } catch (err) {
            this.log.warn({ err }, 'a change-feed subscriber failed');
          }
        }
        if (rows.length < PAGE) return;
      }
    } catch (err) {
      if (!this.stopped) this.log.warn({ err }, 'reading the change log failed; the next poke retries');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.draining) await this.draining.catch(() => undefined);
    if (this.unlisten) await this.unlisten().catch(() => undefined);
    this.listeners.clear();
  }
}

import { desc, eq } from 'drizzle-orm';
import type { ErrorBody } from '../../contract/primitives';
import { syncRuns, syncState } from '../db/schema';
import type { DbOrTx, StoreDeps } from './types';

export interface SyncStateRow {
  cursor: number;
  lastSuccessAt: string | null;
  lastError: ErrorBody | null;
  offlineSince: string | null;
  catalogVersion: number;
}

export interface SyncRunStats {
  pushed: number;
  applied: number;
  duplicates: number;
  rejected: number;
  pulled: number;
  cursorTo: number;
  error: string | null;
}

export function syncStateRepo(deps: StoreDeps) {
  const { db } = deps;
  const ensure = (tx: DbOrTx) => tx.insert(syncState).values({ id: 1 }).onConflictDoNothing().run();
  ensure(db);
  return {
    get(tx: DbOrTx = db): SyncStateRow {
      const r = tx.select().from(syncState).where(eq(syncState.id, 1)).get()!;
      return { cursor: r.cursor, lastSuccessAt: r.lastSuccessAt, lastError: (r.lastError as ErrorBody | null) ?? null, offlineSince: r.offlineSince, catalogVersion: r.catalogVersion };
    },
    /** In the transaction that applied the page: the cursor never runs ahead of the data. */
    setCursor(tx: DbOrTx, cursor: number, catalogChanged: boolean): void {
      const current = this.get(tx);
      tx.update(syncState)
        .set({ cursor, catalogVersion: current.catalogVersion + (catalogChanged ? 1 : 0) })
        .where(eq(syncState.id, 1))
        .run();
    },
    succeeded(at: Date): void {
      db.update(syncState).set({ lastSuccessAt: at.toISOString(), lastError: null, offlineSince: null }).where(eq(syncState.id, 1)).run();
    },
    /** The hall server answered (a probe while nobody is signed in): no longer offline. */
    reachable(): void {
      db.update(syncState).set({ lastError: null, offlineSince: null }).where(eq(syncState.id, 1)).run();
    },
    /** `offline`: the server could not be reached (not an error answer); the first such moment is kept. */
    failed(error: ErrorBody, at: Date, offline: boolean): void {
      const current = this.get();
      db.update(syncState)
        .set({ lastError: error, offlineSince: offline ? (current.offlineSince ?? at.toISOString()) : current.offlineSince })
        .where(eq(syncState.id, 1))
        .run();
    },
    bumpCatalogVersion(): void {
      this.setCursor(db, this.get().cursor, true);
    },
    /** A new hall server (another HALL_URL, a rebuilt database): pull everything again. */
    resetCursor(): void {
      db.update(syncState).set({ cursor: 0 }).where(eq(syncState.id, 1)).run();
    },
  };
}
export type SyncStateRepo = ReturnType<typeof syncStateRepo>;

export function syncRunsRepo(deps: StoreDeps) {
  const { db } = deps;
  return {
    start(trigger: string, cursorFrom: number): { id: string; startedAt: Date } {
      const id = deps.newId();
      const startedAt = deps.now();
      db.insert(syncRuns).values({ id, startedAt: startedAt.toISOString(), trigger, cursorFrom, cursorTo: cursorFrom }).run();
      return { id, startedAt };
    },
    finish(run: { id: string; startedAt: Date }, stats: SyncRunStats): void {
      const finishedAt = deps.now();
      db.update(syncRuns)
        .set({ ...stats, finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - run.startedAt.getTime() })
        .where(eq(syncRuns.id, run.id))
        .run();
    },
    latest(limit: number) {
      return db.select().from(syncRuns).orderBy(desc(syncRuns.startedAt), desc(syncRuns.id)).limit(limit).all();
    },
  };
}
export type SyncRunsRepo = ReturnType<typeof syncRunsRepo>;

import { monotonicFactory } from 'ulid';
import type { StationDb } from '../db/open';
import { auditRepo } from './audit';
import { cacheRepo } from './cache';
import { casesRepo, type CasesRepoOptions } from './cases';
import { outboxRepo } from './outbox';
import { padTicketRepo } from './pad-ticket';
import { printJobsRepo } from './print-jobs';
import { settingsRepo } from './settings';
import { syncRunsRepo, syncStateRepo } from './sync-state';
import type { StoreDeps } from './types';
import { verifiersRepo } from './verifiers';

export interface StoreOptions extends CasesRepoOptions {
  now?: () => Date;
}

/** Every repository of the station over one SQLite database. */
export function createStore(db: StationDb, opts: StoreOptions) {
  const now = opts.now ?? (() => new Date());
  const ulid = monotonicFactory();
  const deps: StoreDeps = { db, now, newId: () => ulid(now().getTime()) };
  const audit = auditRepo(deps);
  const outbox = outboxRepo(deps);
  const printJobs = printJobsRepo(deps);
  return {
    db,
    now,
    newId: deps.newId,
    audit,
    outbox,
    printJobs,
    cases: casesRepo(deps, opts, outbox, printJobs, audit),
    cache: cacheRepo(deps),
    syncState: syncStateRepo(deps),
    syncRuns: syncRunsRepo(deps),
    verifiers: verifiersRepo(deps),
    settings: settingsRepo(deps),
    padTicket: padTicketRepo(deps),
  };
}
export type Store = ReturnType<typeof createStore>;
export type { CaseRow, IntakeComposition, CaseChange } from './cases';
export type { OutboxEntry, RejectedEntry } from './outbox';
export type { CatalogSnapshot } from './cache';
export type { CachedStaff } from './verifiers';
export type { PadTicketRow } from './pad-ticket';

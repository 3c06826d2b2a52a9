import type { FastifyBaseLogger } from 'fastify';
import type { SessionCache } from './auth/session-cache';
import type { WindowCache } from './catalog/window-cache';
import type { HallConfig } from './config';
import type { HallDb } from './db/client';
import type { ChangeFeed } from './events/feed';
import type { RouteRegistry } from './http/route';
import type { StationCache } from './stations/registry';
import type { Sealer } from './crypto/sealer';

/** What every module of the hall server is given: the database, the settings, the clock, the live feed. */
export interface HallContext {
  readonly db: HallDb;
  readonly config: HallConfig;
  readonly now: () => Date;
  readonly log: FastifyBaseLogger;
  readonly feed: ChangeFeed;
  readonly routes: RouteRegistry;
  /** Sessions recently looked up (auth/session-cache.ts). */
  readonly sessions: SessionCache;
  /** Windows by code (catalog/window-cache.ts). */
  readonly windows: WindowCache;
  /** Registered stations by key (stations/registry.ts). */
  readonly stations: StationCache;
  /** Seals and opens personal data at rest under the hall's data key (crypto/sealer.ts). */
  readonly sealer: Sealer;
}

import type { Logger } from 'pino';
import type { StationEvent } from '../contract/station-api';
import type { CatalogCache } from './catalog-cache';
import type { StationConfig } from './config';
import type { DeviceHub } from './devices';
import type { HallClient } from './hall-client';
import type { Pad } from './pad';
import type { SessionManager } from './session';
import type { Store } from './store';
import type { SyncEngine } from './sync/engine';

/** What every handler group works with: one per running station. */
export interface StationContext {
  config: StationConfig;
  store: Store;
  /** Null when the station has no hall server (no HALL_URL and no embedded demo hall). */
  hall: HallClient | null;
  sync: SyncEngine;
  devices: DeviceHub;
  session: SessionManager;
  catalog: CatalogCache;
  /** The window's evaluation pad (好差评). */
  pad: Pad;
  emit(event: StationEvent): void;
  now(): Date;
  /** Today in Asia/Shanghai. */
  today(): string;
  log: Logger;
}

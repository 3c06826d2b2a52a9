import type { StationDb } from '../db/open';

/** A drizzle handle or a transaction on it: repositories accept either for composable writes. */
export type Tx = Parameters<Parameters<StationDb['transaction']>[0]>[0];
export type DbOrTx = StationDb | Tx;

export interface StoreDeps {
  db: StationDb;
  now: () => Date;
  /** ULIDs, monotonic within this process so outbox order and id order agree. */
  newId: () => string;
}

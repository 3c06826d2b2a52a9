import type { Work } from '../db/work';

/** What a case mutation is applied with: the unit of work and the envelope's who, where and when. */
export interface CaseMutationContext {
  readonly w: Work;
  /** The station that pushed it. */
  readonly stationId: string;
  readonly mutationId: string;
  /** Who did it (the envelope's staff id): offline work may be pushed under another sign-in. */
  readonly staffId: string;
  /** When the clerk or department did it (station clock). */
  readonly at: Date;
}

import type { Work } from '../db/work';
import type { CaseLookups } from './lookups';

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
  /** What this push has read already: catalogue, calendar, the cases it holds (cases/lookups.ts). */
  readonly lookups: CaseLookups;
  /**
   * Called after the mutation's first write to the database (an intake's INSERT; changes are kept by
   * `lookups` until the push ends). A refusal (HallError) must come before it: a push has no
   * savepoint per mutation, so a refusal after a write would keep half a mutation — push.ts turns
   * one into a failure of the whole push instead.
   */
  readonly writing: () => void;
}

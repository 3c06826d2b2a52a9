import type { Target } from '../auth/policy';
import type { Work } from '../db/work';
import type { CaseLookups } from './lookups';

/** What a case mutation is applied with: the unit of work and the envelope's who, where and when. */
export interface CaseMutationContext {
  readonly w: Work;
  /** The station that pushed it: the push's credential, never a field of the request. */
  readonly stationId: string;
  readonly mutationId: string;
  /** Who did it: the session's staff, or (for work recorded offline) a colleague verified to have signed in at this station. */
  readonly staffId: string;
  /** Who was signed in when it was pushed. */
  readonly pushedBy: string;
  /** When the clerk or department did it (the station's clock, checked against the case and the hall's clock). */
  readonly at: Date;
  /** What this push has read already: catalogue, calendar, the cases it holds (cases/lookups.ts). */
  readonly lookups: CaseLookups;
  /**
   * The policy's say on this mutation (auth/policy.ts mutationPolicy): called with what the mutation
   * touches (the case's window, station, zones, departments) once it is known and before anything is
   * written; throws the scope's 403 code.
   */
  readonly authorize: (target: Target) => void;
  /**
   * Called after the mutation's first write to the database (an intake's INSERT; changes are kept by
   * `lookups` until the push ends). A refusal (HallError) must come before it: a push has no
   * savepoint per mutation, so a refusal after a write would keep half a mutation — push.ts turns
   * one into a failure of the whole push instead.
   */
  readonly writing: () => void;
}

/** A station's clock may run this far ahead of the hall's before a claimed time counts as made up. */
export const CLOCK_SKEW_MS = 5 * 60_000;

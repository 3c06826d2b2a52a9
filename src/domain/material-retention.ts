/**
 * How long an online application's material files are kept (issue 16 part 2: "kept per the
 * retention setting"). The clock starts when the application reaches its final state: accepted
 * (the files are the case's electronic materials: kept long, default ten years, the archive
 * period of most licensing files of the district), refused or withdrawn (nothing was decided on
 * them: default 180 days, long enough for a review or a complaint about the refusal). While an
 * application is still open (submitted, returned) its files are always kept.
 */
import type { ApplicationState } from './online-application';

export interface RetentionRules {
  /** Days an accepted application's files are kept after acceptance. */
  acceptedDays: number;
  /** Days a refused or withdrawn application's files are kept after that. */
  closedDays: number;
}

export const defaultRetentionRules: RetentionRules = { acceptedDays: 3650, closedDays: 180 };

/** At most 100 years: a number beyond that is a typo, not a policy. */
export const MAX_RETENTION_DAYS = 36_500;

const DAY_MS = 86_400_000;

/**
 * Until when an application's files must be kept: null while the application is open (always
 * kept). `finalAt`: when it reached its final state (acceptance, refusal, withdrawal).
 */
export function retainedUntil(state: ApplicationState, finalAt: Date, rules: RetentionRules): Date | null {
  switch (state) {
    case 'submitted':
    case 'returned':
      return null;
    case 'accepted':
      return new Date(finalAt.getTime() + rules.acceptedDays * DAY_MS);
    case 'refused':
    case 'withdrawn':
      return new Date(finalAt.getTime() + rules.closedDays * DAY_MS);
  }
}

/** Whether an application's files are still to be kept at `now`. */
export function isRetained(state: ApplicationState, finalAt: Date, rules: RetentionRules, now: Date): boolean {
  const until = retainedUntil(state, finalAt, rules);
  return until === null || now.getTime() < until.getTime();
}

/**
 * The same rule as instants to compare with in a query: an accepted application is still kept when
 * it was accepted after `accepted`, a refused or withdrawn one when that happened after `closed`.
 */
export function retentionCutoffs(rules: RetentionRules, now: Date): { accepted: Date; closed: Date } {
  return { accepted: new Date(now.getTime() - rules.acceptedDays * DAY_MS), closed: new Date(now.getTime() - rules.closedDays * DAY_MS) };
}

/**
 * A window's pause as the timeline keeps it, and how long it lasted: a pause still open counts up
 * to now; a clock a little behind (resumed "before" paused) counts as no time, never negative.
 */
export function pauseSeconds(pausedAt: Date, resumedAt: Date | null, now: Date): number {
  const end = resumedAt ?? now;
  return Math.max(0, Math.floor((end.getTime() - pausedAt.getTime()) / 1000));
}

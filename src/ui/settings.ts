/** Settings kept per PC in localStorage (see hooks/use-stored). */

/** The supervisor's warning threshold for waits, also used for the colours on the clerk's queue. */
export const WAIT_WARN_KEY = 'hall.waitWarnMinutes';
export const DEFAULT_WAIT_WARN_MINUTES = 30;

import { HALL_UNREACHABLE_MESSAGE } from '../errors';
import { HallCallError, isUnreachable } from '../hall-client';
import type { StationContext } from '../context';

type OnlineHall = ReturnType<StationContext['session']['requireOnline']>;

/**
 * A StationApi call that only the hall can answer (no offline copy: the calendar, the inbox, reports,
 * appointments): the signed-in session's hall client, and an unreachable hall said the one way the
 * clerk's screens know (HALL_UNREACHABLE).
 */
export function hallCall(ctx: StationContext): <T>(fn: (hall: OnlineHall) => Promise<T>) => Promise<T> {
  return async (fn) => {
    const hall = ctx.session.requireOnline();
    try {
      return await fn(hall);
    } catch (e) {
      if (isUnreachable(e)) throw new HallCallError('HALL_UNREACHABLE', HALL_UNREACHABLE_MESSAGE, (e as HallCallError).status);
      throw e;
    }
  };
}

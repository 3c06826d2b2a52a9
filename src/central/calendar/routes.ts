import { centralApi } from '../../contract/api';
import { addWorkingDays } from '../../domain/calendar';
import { actorOf, inWork } from '../db/work';
import { HallError } from '../http/errors';
import { hallModule, route } from '../http/route';
import { listCalendarYears, loadWorkCalendar, putCalendarYear, readCalendarYear } from './repository';

const TAG = 'calendar';

export const calendarModule = hallModule('calendar', () => [
  route(centralApi.calendarYears, TAG, async ({ ctx }) => ({
    years: (await listCalendarYears(ctx.db.drizzle)).map((y) => ({ year: y.year, source: y.data.source, updatedAt: y.updatedAt.toISOString() })),
  })),
  // Registered before /calendar/:year so "due-date" is never read as a year.
  route(centralApi.dueDate, TAG, async ({ ctx, query }) => {
    const cal = await loadWorkCalendar(ctx.db.drizzle);
    // A date outside the known years throws CALENDAR_YEAR_UNKNOWN (422), never a guess.
    const dueDate = addWorkingDays(cal, query.from, query.workingDays);
    return { from: query.from, workingDays: query.workingDays, dueDate };
  }),
  route(centralApi.calendarYear, TAG, async ({ ctx, params }) => {
    const y = await readCalendarYear(ctx.db.drizzle, params.year);
    if (!y) throw new HallError('CALENDAR_YEAR_NOT_FOUND', `the hall has no calendar for ${params.year}`, { year: params.year });
    return y;
  }),
  route(centralApi.putCalendarYear, TAG, async ({ ctx, auth, params, body, request }) => {
    if (body.year !== params.year) {
      throw new HallError('CALENDAR_YEAR_MISMATCH', `the body is the calendar of ${body.year}, the path says ${params.year}`, {
        path: params.year,
        body: body.year,
      });
    }
    return inWork(ctx, actorOf(auth, request), (w) => putCalendarYear(w, body));
  }),
]);

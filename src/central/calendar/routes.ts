import { and, asc, inArray, isNotNull } from 'drizzle-orm';
import { centralApi } from '../../contract/api';
import { addWorkingDays, provisionalYearsToWarn } from '../../domain/calendar';
import { localDateInShanghai, yearOf } from '../../domain/local-date';
import { maskName } from '../../domain/masking';
import { STATUTE_FIRST_YEAR, STATUTE_LAST_YEAR, calendarInForce } from '../../domain/statutory-calendar';
import { cases } from '../db/schema';
import { actorOf, inWork } from '../db/work';
import { HallError } from '../http/errors';
import { hallModule, route } from '../http/route';
import { RUNNING_STATUSES } from '../cases/record';
import { casesInScope } from '../cases/repository';
import { previewCalendarYear, putCalendarYear, yearView } from './entering';
import { listCalendarRevisions, listCalendarYears } from './repository';

const TAG = 'calendar';

export const calendarModule = hallModule('calendar', () => [
  route(centralApi.calendarYears, TAG, async ({ ctx }) => {
    const entered = await listCalendarYears(ctx.db.drizzle);
    const cal = calendarInForce(entered.map((y) => y.data));
    const today = localDateInShanghai(ctx.now());
    // Every entered year, and the provisional ones from the statute's first year through next year.
    const last = Math.max(yearOf(today) + 1, ...entered.map((y) => y.year));
    const first = Math.min(STATUTE_FIRST_YEAR, ...entered.map((y) => y.year));
    const byYear = new Map(entered.map((y) => [y.year, y]));
    const years = [];
    for (let year = first; year <= last; year++) {
      const e = byYear.get(year);
      if (e) years.push({ year, status: 'official' as const, revision: e.data.revision ?? 1, source: e.data.source, updatedAt: e.updatedAt.toISOString(), updatedBy: e.updatedBy });
      else if (year >= STATUTE_FIRST_YEAR) years.push({ year, status: 'provisional' as const, revision: 0, source: yearView(cal, year).source, updatedAt: null, updatedBy: null });
    }
    return { today, years, provisionalYears: { first: STATUTE_FIRST_YEAR, last: STATUTE_LAST_YEAR }, warnings: provisionalYearsToWarn(cal, today) };
  }),
  // Registered before /calendar/:year so "due-date" is never read as a year.
  route(centralApi.dueDate, TAG, async ({ ctx, query }) => {
    const cal = calendarInForce((await listCalendarYears(ctx.db.drizzle)).map((y) => y.data));
    // Only beyond the entered years and the statute's range is this CALENDAR_YEAR_UNKNOWN (422).
    const dueDate = addWorkingDays(cal, query.from, query.workingDays);
    return { from: query.from, workingDays: query.workingDays, dueDate };
  }),
  route(centralApi.movedDeadlines, TAG, async ({ ctx, permit }) => {
    const rows = await ctx.db.drizzle
      .select()
      .from(cases)
      .where(and(inArray(cases.status, [...RUNNING_STATUSES]), isNotNull(cases.internalDueDate), casesInScope(permit.filter())))
      .orderBy(asc(cases.internalDueDate), asc(cases.caseNo))
      .limit(500);
    return {
      today: localDateInShanghai(ctx.now()),
      cases: rows.map((r) => ({
        caseNo: r.caseNo,
        windowCode: r.windowCode,
        status: r.status,
        matterCodes: r.matterCodes,
        applicantName: maskName(r.applicant.name),
        acceptedAt: r.acceptedAt.toISOString(),
        promisedDate: r.promisedDate,
        internalDueDate: r.internalDueDate!,
        movedBy: r.internalDueMovedBy ?? null,
      })),
    };
  }),
  route(centralApi.calendarYear, TAG, async ({ ctx, params }) => {
    const cal = calendarInForce((await listCalendarYears(ctx.db.drizzle)).map((y) => y.data));
    return yearView(cal, params.year);
  }),
  route(centralApi.calendarRevisions, TAG, async ({ ctx, params }) => ({
    revisions: (await listCalendarRevisions(ctx.db.drizzle, params.year)).map((r) => ({
      revision: r.revision,
      source: r.data.source,
      savedAt: r.savedAt.toISOString(),
      savedBy: r.savedBy,
      forced: r.forced,
      holidays: r.data.holidays.length,
      workdays: r.data.workdays.length,
    })),
  })),
  route(centralApi.previewCalendarYear, TAG, async ({ ctx, params, body }) => previewCalendarYear(ctx.db.drizzle, params.year, body)),
  route(centralApi.putCalendarYear, TAG, async ({ ctx, auth, params, body, request }) => {
    const { force, expectedRevision, ...data } = body;
    if (data.year !== params.year) {
      throw new HallError('CALENDAR_YEAR_MISMATCH', `the body is the calendar of ${data.year}, the path says ${params.year}`, { path: params.year, body: data.year });
    }
    return inWork(ctx, actorOf(auth, request), (w) => putCalendarYear(w, data, { force, expectedRevision }));
  }),
]);

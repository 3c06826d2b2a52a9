import { eq } from 'drizzle-orm';
import type { CalendarPreview, CalendarSaveResponse, CalendarYearView } from '../../contract/api';
import type { CalendarYear } from '../../contract/catalog';
import { calendarYearData, yearStatus, type WorkCalendar } from '../../domain/calendar';
import { calendarChangeGuard, dayChanges, type DayChange, type GuardReason } from '../../domain/calendar-change';
import { parseHolidayNotice, type NoticeNote } from '../../domain/holiday-notice';
import { calendarInForce } from '../../domain/statutory-calendar';
import type { HallQueryable } from '../db/client';
import { calendarRevisions, calendarYears } from '../db/schema';
import type { Work } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { applyDeadlinePlan, openCasesOver, openDeadlines, planDeadlines, shiftView } from './deadlines';
import { lastCalendarRevision, listCalendarYears } from './repository';

/**
 * Entering a year from the State Council's notice: preview (what changes, what the guard says,
 * which deadlines move), then save (audited, a new revision kept, open cases' internal deadlines
 * recomputed). One path for the admin screen, the API and the first-start seed.
 */

/** The year as the hall counts it in `cal` (entered, or provisional from the statute). */
export function yearView(cal: WorkCalendar, year: number): CalendarYearView {
  const status = yearStatus(cal, year);
  const data = calendarYearData(cal, year);
  if (!status || !data) {
    throw new HallError('CALENDAR_YEAR_NOT_FOUND', `the hall counts no calendar for ${year} (neither entered nor derivable from the statute)`, { year });
  }
  return { ...data, status: status.status, revision: status.revision };
}

interface Assessment {
  entered: CalendarYear[];
  current: CalendarYearView;
  after: CalendarYear;
  changes: DayChange[];
  guard: GuardReason[];
  /** The calendar in force once `after` is saved. */
  calendar: WorkCalendar;
  open: Awaited<ReturnType<typeof openCasesOver>>;
}

/** What saving `after` would do; refuses data that would give wrong deadlines (CALENDAR_INVALID). */
async function assess(db: HallQueryable, after: CalendarYear): Promise<Assessment> {
  const entered = (await listCalendarYears(db)).map((y) => y.data);
  const current = yearView(calendarInForce(entered), after.year);
  const { revision: _r, ...data } = after;
  const calendar = calendarInForce([...entered.filter((y) => y.year !== after.year), { ...data, revision: current.revision + 1 }]);
  const before: CalendarYear = { year: current.year, source: current.source, holidays: current.holidays, workdays: current.workdays };
  const changes = dayChanges(before, data);
  const open = await openCasesOver(db, after.year);
  const guard = calendarChangeGuard({ beforeStatus: current.status, before, after: data, changes, openCases: openDeadlines(open) });
  return { entered, current, after: data, changes, guard, calendar, open };
}

export async function previewCalendarYear(db: HallQueryable, year: number, input: { text: string } | { calendar: CalendarYear }): Promise<CalendarPreview> {
  let after: CalendarYear;
  let notes: NoticeNote[] = [];
  if ('text' in input) {
    const parsed = unwrap(parseHolidayNotice(input.text, year));
    after = parsed.calendar;
    notes = parsed.notes;
  } else {
    after = input.calendar;
  }
  checkYear(year, after);
  const a = await assess(db, after);
  const plan = planDeadlines(a.open, a.calendar);
  return {
    calendar: a.after,
    notes,
    current: a.current,
    changes: a.changes,
    guard: a.guard,
    earlier: plan.earlier.map((e) => shiftView(e.row, e.dueDate)),
    openCases: a.open.length,
  };
}

function checkYear(year: number, data: CalendarYear): void {
  if (data.year !== year) {
    throw new HallError('CALENDAR_YEAR_MISMATCH', `the body is the calendar of ${data.year}, the path says ${year}`, { path: year, body: data.year });
  }
}

export interface SaveOptions {
  /** Go past the guard on destructive writes (audited as forced). */
  force?: boolean;
  /** The revision the administrator previewed against; another save in between is a 409. */
  expectedRevision?: number;
}

/**
 * Enter one year. Refused with 409 CALENDAR_CHANGE_NEEDS_FORCE (listing why and what would change)
 * when the change is destructive and `force` was not given; with 409 CALENDAR_REVISION_CONFLICT
 * when the year changed since the administrator's preview. Otherwise the year gets the next
 * revision (kept, so stations' offline promises on earlier revisions can still be checked), the
 * change goes to every station, the audit row says whether it was forced, and the open cases'
 * internal deadlines follow the new days.
 */
export async function putCalendarYear(w: Work, data: CalendarYear, opts: SaveOptions = {}): Promise<CalendarSaveResponse> {
  // One save of a year at a time: the row lock (or, for a first entry, the revision's primary key).
  await w.tx.select({ year: calendarYears.year }).from(calendarYears).where(eq(calendarYears.year, data.year)).for('update');
  const a = await assess(w.tx, data);
  if (opts.expectedRevision !== undefined && opts.expectedRevision !== a.current.revision) {
    throw new HallError('CALENDAR_REVISION_CONFLICT', `the ${data.year} calendar is at revision ${a.current.revision} now, not ${opts.expectedRevision}: preview it again`, {
      year: data.year,
      revision: a.current.revision,
      expectedRevision: opts.expectedRevision,
    });
  }
  const forced = a.guard.length > 0;
  if (forced && opts.force !== true) {
    throw new HallError('CALENDAR_CHANGE_NEEDS_FORCE', `saving the ${data.year} calendar this way is destructive (${a.guard.map((g) => g.code).join(', ')}): send force: true to do it anyway`, {
      year: data.year,
      reasons: a.guard,
      changes: a.changes.slice(0, 400),
      changedDays: a.changes.length,
    });
  }
  // Past revisions of the year (also ones since replaced) keep their numbers: never reused.
  const revision = Math.max(a.current.revision, await lastCalendarRevision(w.tx, data.year)) + 1;
  const saved: CalendarYear = { ...a.after, revision };
  await w.tx
    .insert(calendarYears)
    .values({ year: data.year, data: saved, updatedAt: w.at, updatedBy: w.actor.username })
    .onConflictDoUpdate({ target: calendarYears.year, set: { data: saved, updatedAt: w.at, updatedBy: w.actor.username } });
  const kept = await w.tx
    .insert(calendarRevisions)
    .values({ year: data.year, revision, data: saved, savedAt: w.at, savedBy: w.actor.username, forced })
    .onConflictDoNothing()
    .returning({ revision: calendarRevisions.revision });
  if (kept.length === 0) {
    throw new HallError('CALENDAR_REVISION_CONFLICT', `revision ${revision} of the ${data.year} calendar was saved by someone else just now: preview it again`, { year: data.year, revision });
  }

  const plan = planDeadlines(a.open, a.calendar);
  await applyDeadlinePlan(w, plan, { year: data.year, revision });
  const earlier = plan.earlier.map((e) => shiftView(e.row, e.dueDate));

  w.change({ entity: 'calendar', id: String(data.year), op: 'upsert', event: 'calendar.changed', data: saved });
  w.audit({
    action: forced ? 'calendar.put-forced' : 'calendar.put',
    entity: 'calendar',
    entityId: String(data.year),
    before: { status: a.current.status, revision: a.current.revision, source: a.current.source, holidays: a.current.holidays, workdays: a.current.workdays },
    after: {
      ...saved,
      forced,
      ...(forced ? { guard: a.guard } : {}),
      changedDays: a.changes.length,
      deadlinesEarlier: earlier.map((e) => `${e.caseNo}:${e.dueDate}`).slice(0, 200),
      deadlinesRestored: plan.restored.map((r) => r.caseNo).slice(0, 200),
    },
  });
  return {
    calendar: { ...saved, status: 'official', revision },
    changes: a.changes,
    forced,
    earlier,
    restored: plan.restored.length,
  };
}

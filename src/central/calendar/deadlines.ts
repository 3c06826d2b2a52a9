import { and, asc, inArray, lt, or, sql } from 'drizzle-orm';
import type { DeadlineShift } from '../../contract/api';
import { addWorkingDays, type CalendarVersion, type WorkCalendar } from '../../domain/calendar';
import type { OpenDeadline } from '../../domain/calendar-change';
import { closePauses } from '../../domain/case';
import { compareLocalDate, localDateInShanghai, startOfLocalDate } from '../../domain/local-date';
import { DomainFailure } from '../../domain/result';
import type { HallQueryable } from '../db/client';
import { caseEvents, cases } from '../db/schema';
import type { Work } from '../db/work';
import { RUNNING_STATUSES, type CaseHistoryEvent, type StoredCaseRow } from '../cases/record';

/**
 * Open cases and the calendar: which of them count over a year, and what happens to their
 * deadlines when the year's official notice is entered. The printed promise is never taken back
 * (the applicant holds the receipt); where the official days make the legal date EARLIER than the
 * promise, the case gets that date as its internal deadline, and supervisors see the list.
 */

const runningPause = sql`${cases.clockPauses} @> '[{"to": null}]'::jsonb`;

/**
 * Open cases (accepted, not yet decided) whose count reaches into `year`: accepted before the year
 * ends and promised on or after it starts, or with a special procedure still stopping the clock.
 */
export async function openCasesOver(db: HallQueryable, year: number): Promise<StoredCaseRow[]> {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const next = `${String(year + 1).padStart(4, '0')}-01-01`;
  return db
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.status, [...RUNNING_STATUSES]),
        lt(cases.acceptedAt, startOfLocalDate(next)),
        or(sql`${cases.promisedDate} >= ${first}`, sql`${cases.internalDueDate} >= ${first}`, runningPause),
      ),
    )
    .orderBy(asc(cases.acceptedAt));
}

const isPaused = (row: StoredCaseRow): boolean => row.clockPauses.some((p) => p.to === null);

/** The counting spans the guard weighs (open-ended while a special procedure stops the clock). */
export function openDeadlines(rows: StoredCaseRow[]): OpenDeadline[] {
  return rows.map((r) => ({
    caseNo: r.caseNo,
    acceptedOn: localDateInShanghai(r.acceptedAt),
    dueDate: isPaused(r) ? null : (r.internalDueDate ?? r.promisedDate),
  }));
}

/**
 * The legal date of an open case on a calendar: its promised limit counted from acceptance, the
 * special procedures' days left out. Null while a procedure still runs (the date is set when the
 * clock resumes, on the calendar then in force) or beyond what the calendar covers.
 */
export function legalDueDate(row: StoredCaseRow, cal: WorkCalendar): string | null {
  if (isPaused(row)) return null;
  const acceptedOn = localDateInShanghai(row.acceptedAt);
  try {
    // Every pause has ended here (a running one returned above), so closing them changes nothing.
    return addWorkingDays(cal, acceptedOn, row.promisedDays, closePauses(row.clockPauses, acceptedOn));
  } catch (e) {
    if (e instanceof DomainFailure) return null;
    throw e;
  }
}

export interface DeadlinePlan {
  /** Cases whose internal deadline becomes (or stays) earlier than the promise, with the new date. */
  earlier: Array<{ row: StoredCaseRow; dueDate: string }>;
  /** Cases whose earlier internal deadline is lifted: the promise is the deadline again. */
  restored: StoredCaseRow[];
}

/** What a calendar does to the open cases' deadlines; only the cases whose internal deadline changes. */
export function planDeadlines(rows: StoredCaseRow[], cal: WorkCalendar): DeadlinePlan {
  const plan: DeadlinePlan = { earlier: [], restored: [] };
  for (const row of rows) {
    const legal = legalDueDate(row, cal);
    if (legal === null) continue;
    if (compareLocalDate(legal, row.promisedDate) < 0) {
      if (row.internalDueDate !== legal) plan.earlier.push({ row, dueDate: legal });
    } else if (row.internalDueDate !== null) {
      plan.restored.push(row);
    }
  }
  return plan;
}

export const shiftView = (row: StoredCaseRow, dueDate: string): DeadlineShift => ({
  caseNo: row.caseNo,
  windowCode: row.windowCode,
  acceptedOn: localDateInShanghai(row.acceptedAt),
  promisedDate: row.promisedDate,
  dueDate,
});

/**
 * Writes a plan in the unit of work: each case's internal deadline, a history row saying why, and a
 * change-log entry for the station that took the case in (its copy shows the same history).
 */
export async function applyDeadlinePlan(w: Work, plan: DeadlinePlan, version: CalendarVersion): Promise<void> {
  const movedBy = { ...version, at: w.at.toISOString() };
  const updates = [
    ...plan.earlier.map(({ row, dueDate }) => ({ row: { ...row, internalDueDate: dueDate, internalDueMovedBy: movedBy, updatedAt: w.at }, note: `${version.year}年日历第${version.revision}版：内部期限提前至 ${dueDate}（承诺办结日 ${row.promisedDate} 不变）` })),
    ...plan.restored.map((row) => ({ row: { ...row, internalDueDate: null, internalDueMovedBy: null, updatedAt: w.at }, note: `${version.year}年日历第${version.revision}版：以承诺办结日 ${row.promisedDate} 为期限` })),
  ];
  if (updates.length === 0) return;
  const values = updates.map((u) => ({ id: u.row.id, internal_due_date: u.row.internalDueDate, moved_by: u.row.internalDueMovedBy }));
  // One statement for every case (the rows as JSON: one parameter, whatever their number).
  w.later(sql`update ${cases} as c
    set internal_due_date = v.internal_due_date::date, internal_due_moved_by = v.moved_by, updated_at = ${w.at}
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id text, internal_due_date text, moved_by jsonb)
    where c.id = v.id`);
  const events: CaseHistoryEvent[] = updates.map((u) => ({
    caseId: u.row.id,
    at: w.at,
    action: 'case.deadline-moved',
    fromStatus: u.row.status,
    toStatus: u.row.status,
    staffId: w.actor.staffId,
    stationId: null,
    pushedBy: null,
    receivedAt: w.at,
    mutationId: null,
    note: u.note,
    data: { internalDueDate: u.row.internalDueDate, promisedDate: u.row.promisedDate, calendar: version },
  }));
  w.later(w.tx.insert(caseEvents).values(events));
  // The stations that took the cases in pull them as they now stand (the log carries no personal data).
  for (const u of updates) w.change({ entity: 'case', id: u.row.id, op: 'upsert', event: 'case.deadline-moved', data: null, stationId: u.row.stationId });
}

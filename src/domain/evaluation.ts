/**
 * Service evaluation (好差评), GB/T 39046-2020 A.8: five levels, 1 非常满意 … 5 非常不满意.
 * The Tai'an rule counts "3 stars or more" as good and "2 or fewer" as bad; with 5 stars for
 * 非常满意, 3 stars is level 3 (基本满意), so levels 1..3 are good and 4..5 are bad. A bad rating
 * needs a reason, follow-up and rectification, and a return visit within 5 working days.
 */
import { addWorkingDays, type WorkCalendar } from './calendar';
import { compareLocalDate, type LocalDate } from './local-date';
import { fail, ok, type Result } from './result';

export type EvaluationLevel = 1 | 2 | 3 | 4 | 5;

const labels: Record<EvaluationLevel, string> = {
  1: '非常满意',
  2: '满意',
  3: '基本满意',
  4: '不满意',
  5: '非常不满意',
};

export const evaluationLevels: readonly EvaluationLevel[] = [1, 2, 3, 4, 5];

export function isEvaluationLevel(n: unknown): n is EvaluationLevel {
  return n === 1 || n === 2 || n === 3 || n === 4 || n === 5;
}

export function evaluationLabel(level: EvaluationLevel): string {
  return labels[level];
}

export function isBadEvaluation(level: EvaluationLevel): boolean {
  return level >= 4;
}

/** The star row on the rating pad: 5 stars is level 1 (非常满意), 1 star is level 5. */
export function levelFromStars(stars: 1 | 2 | 3 | 4 | 5): EvaluationLevel {
  return (6 - stars) as EvaluationLevel;
}

export function starsFromLevel(level: EvaluationLevel): 1 | 2 | 3 | 4 | 5 {
  return (6 - level) as 1 | 2 | 3 | 4 | 5;
}

export interface Evaluation {
  level: EvaluationLevel;
  /** Trimmed; null when none was given (allowed only for a good rating). */
  reason: string | null;
}

export function validateEvaluation(input: { level: number; reason?: string | null }): Result<Evaluation> {
  if (!isEvaluationLevel(input.level)) {
    return fail('EVALUATION_LEVEL_INVALID', `an evaluation level is 1..5, got ${String(input.level)}`, { level: input.level });
  }
  const reason = input.reason?.trim() || null;
  if (isBadEvaluation(input.level) && reason === null) {
    return fail('EVALUATION_REASON_REQUIRED', `a ${labels[input.level]} rating needs a reason`, { level: input.level });
  }
  return ok({ level: input.level, reason });
}

export const RETURN_VISIT_WORKING_DAYS = 5;

/** A bad rating is followed by a return visit within 5 working days. Throws CALENDAR_YEAR_UNKNOWN. */
export function returnVisitDue(cal: WorkCalendar, evaluatedOn: LocalDate): LocalDate {
  return addWorkingDays(cal, evaluatedOn, RETURN_VISIT_WORKING_DAYS);
}

/**
 * The short list the pad offers for a bad rating (原因). 其他 lets the citizen type its own words;
 * any typed text is accepted as well, so the list never stops a citizen from saying what happened.
 */
export const evaluationReasons = ['态度不好', '办事效率低', '一次性告知不清', '材料要求不合理', '其他'] as const;
export type EvaluationReason = (typeof evaluationReasons)[number];

/** Who rated: the citizen on the window's pad, or the clerk typing it in where the window has none. */
export type EvaluationSource = 'pad' | 'window';

/**
 * GB/T 39734 (一次一评): one rating per service. A ticket served once is one service, and a case
 * taken in at that ticket is the same service, so a rating of either stands for both.
 */
export function oneRatingPerService(existing: { ticketRated: boolean; caseRated: boolean }): Result<true> {
  if (existing.ticketRated || existing.caseRated) {
    return fail('TICKET_ALREADY_EVALUATED', 'this service was already rated (one rating per service)', { ...existing });
  }
  return ok(true);
}

/** The hall's deadlines for answering a bad rating, in working days (defaults: Tai'an's 5, and 15). */
export interface FollowUpRules {
  returnVisitDays: number;
  rectificationDays: number;
}

export const defaultFollowUpRules: FollowUpRules = { returnVisitDays: RETURN_VISIT_WORKING_DAYS, rectificationDays: 15 };

export interface FollowUpDeadlines {
  returnVisitDue: LocalDate;
  rectificationDue: LocalDate;
}

/**
 * 国办发〔2019〕51号: every bad rating is answered — a return visit to the citizen, then the
 * rectification. Both count from the day of the rating. Throws CALENDAR_YEAR_UNKNOWN.
 */
export function followUpDeadlines(cal: WorkCalendar, evaluatedOn: LocalDate, rules: FollowUpRules = defaultFollowUpRules): FollowUpDeadlines {
  return {
    returnVisitDue: addWorkingDays(cal, evaluatedOn, rules.returnVisitDays),
    rectificationDue: addWorkingDays(cal, evaluatedOn, rules.rectificationDays),
  };
}

/** What a follow-up has done so far; null for a step not yet taken. */
export interface FollowUpProgress {
  returnVisitOn: LocalDate | null;
  rectifiedOn: LocalDate | null;
  /** Closed: the citizen accepted, or an appeal found the rating malicious. */
  closed: boolean;
}

export type FollowUpOverdue = 'return-visit' | 'rectification' | null;

/** Which step is late on `today` (the return visit first): a step is late the day after its due date. */
export function followUpOverdue(d: FollowUpDeadlines, p: FollowUpProgress, today: LocalDate): FollowUpOverdue {
  if (p.closed) return null;
  if (p.returnVisitOn === null && compareLocalDate(today, d.returnVisitDue) > 0) return 'return-visit';
  if (p.rectifiedOn === null && compareLocalDate(today, d.rectificationDue) > 0) return 'rectification';
  return null;
}

export interface EvaluationCounts {
  count: number;
  good: number;
  bad: number;
  byLevel: Record<string, number>;
  byWindow: Array<{ windowCode: string; good: number; bad: number }>;
}

/**
 * Counts for a list of ratings: good (levels 1..3) and bad (4, 5), by level and by window. A rating
 * an appeal found malicious stays on record but is not counted.
 */
export function countEvaluations(list: ReadonlyArray<{ level: number; windowCode: string; appealUpheld: boolean }>): EvaluationCounts {
  const byLevel: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  const windows = new Map<string, { windowCode: string; good: number; bad: number }>();
  let good = 0;
  let bad = 0;
  for (const e of list) {
    if (e.appealUpheld || !isEvaluationLevel(e.level)) continue;
    byLevel[String(e.level)] = (byLevel[String(e.level)] ?? 0) + 1;
    const w = windows.get(e.windowCode) ?? { windowCode: e.windowCode, good: 0, bad: 0 };
    if (isBadEvaluation(e.level)) {
      bad++;
      w.bad++;
    } else {
      good++;
      w.good++;
    }
    windows.set(e.windowCode, w);
  }
  const byWindow = [...windows.values()].sort((a, b) => (a.windowCode < b.windowCode ? -1 : a.windowCode > b.windowCode ? 1 : 0));
  return { count: good + bad, good, bad, byLevel, byWindow };
}

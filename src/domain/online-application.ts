import { addWorkingDays, type WorkCalendar } from './calendar';
import type { Bundle, Matter } from './catalog';
import { compareLocalDate, type LocalDate } from './local-date';
import { fail, ok, type Result } from './result';

/**
 * Applications filed on the province's portal (网上申办) or taken in at a town centre for the
 * district (就近受理), pre-reviewed (预审) at a window of the zone that owns them.
 *
 *   submitted ─return→ returned ─correct→ submitted ─accept→ accepted
 *                                                   └refuse→ refused
 *   submitted | returned ─withdraw→ withdrawn
 */
export const APPLICATION_STATES = ['submitted', 'returned', 'accepted', 'refused', 'withdrawn'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_ACTIONS = ['return', 'correct', 'accept', 'refuse', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

const MOVES: Readonly<Record<ApplicationState, Partial<Record<ApplicationAction, ApplicationState>>>> = {
  submitted: { return: 'returned', accept: 'accepted', refuse: 'refused', withdraw: 'withdrawn' },
  returned: { correct: 'submitted', withdraw: 'withdrawn' },
  accepted: {},
  refused: {},
  withdrawn: {},
};

const DONE: Record<ApplicationAction, string> = { return: 'returned', correct: 'corrected', accept: 'accepted', refuse: 'refused', withdraw: 'withdrawn' };

/** The state after `action`, or APPLICATION_ILLEGAL_TRANSITION (details.state: where it stands). */
export function applicationTransition(state: ApplicationState, action: ApplicationAction): Result<ApplicationState> {
  const next = MOVES[state][action];
  if (next === undefined) {
    return fail('APPLICATION_ILLEGAL_TRANSITION', `an application that is ${state} cannot be ${DONE[action]}`, {
      state,
      action,
    });
  }
  return ok(next);
}

/** The actions open in a state (for buttons). */
export const applicationActions = (state: ApplicationState): ApplicationAction[] => Object.keys(MOVES[state]) as ApplicationAction[];

export const isApplicationClosed = (state: ApplicationState): boolean => applicationActions(state).length === 0;

/** ONLINE_REVIEW_DAYS: pre-review within one working day of receipt unless the hall says otherwise. */
export const DEFAULT_REVIEW_DAYS = 1;

/** The day pre-review is due: `days` working days after the day the hall received the (corrected) application. */
export function reviewDueDate(cal: WorkCalendar, receivedOn: LocalDate, days = DEFAULT_REVIEW_DAYS): LocalDate {
  return addWorkingDays(cal, receivedOn, days);
}

export const isReviewOverdue = (state: ApplicationState, dueDate: LocalDate, today: LocalDate): boolean =>
  state === 'submitted' && compareLocalDate(today, dueDate) > 0;

/**
 * Administrative Licensing Law art. 32: an authority that does not tell the applicant within five
 * days what is missing has accepted the application on the day it received it (逾期不告知的，自收到
 * 申请材料之日起即为受理). Days are working days (art. 82).
 */
export const ART32_NOTICE_DAYS = 5;

/** The last day a correction notice may be given for an application received on `receivedOn`. */
export function art32NoticeDeadline(cal: WorkCalendar, receivedOn: LocalDate): LocalDate {
  return addWorkingDays(cal, receivedOn, ART32_NOTICE_DAYS);
}

/** True once `today` is past the notice deadline: the application counts as accepted on `receivedOn`. */
export function deemedAcceptedByArt32(cal: WorkCalendar, receivedOn: LocalDate, today: LocalDate): boolean {
  return compareLocalDate(today, art32NoticeDeadline(cal, receivedOn)) > 0;
}

/**
 * The day the promised limit counts from when the clerk accepts on `acceptedOn`: that day, or the
 * day of receipt when the application waited past the art. 32 deadline without a notice.
 */
export function promiseStartDay(cal: WorkCalendar, receivedOn: LocalDate, acceptedOn: LocalDate): { from: LocalDate; deemed: boolean } {
  const deemed = deemedAcceptedByArt32(cal, receivedOn, acceptedOn);
  return { from: deemed ? receivedOn : acceptedOn, deemed };
}

/**
 * The zone that owns an application: the bundle's zone, else the one zone of its matters.
 * Matters of several zones without a bundle: APPLICATION_ZONES_MIXED (the portal files one
 * application per zone).
 */
export function applicationZone(matters: readonly Pick<Matter, 'code' | 'zoneCode'>[], bundle: Pick<Bundle, 'zoneCode'> | null): Result<string> {
  if (bundle) return ok(bundle.zoneCode);
  const zones = [...new Set(matters.map((m) => m.zoneCode))];
  if (zones.length === 1) return ok(zones[0]!);
  return fail('APPLICATION_ZONES_MIXED', `the matters belong to ${zones.length === 0 ? 'no' : 'several'} zones (${zones.join(', ')}): file one application per zone`, {
    zoneCodes: zones,
  });
}

/**
 * The window part of case numbers the hall mints for applications it accepts from the inbox:
 * `<zone>00` (B00). The catalogue refuses a window numbered 0 or 00, so no station's series clashes.
 */
export const inboxWindowPart = (zoneCode: string): string => `${zoneCode}00`;

/** Whether a matter may be filed online (handling form 2, 网上办理) or taken in at a town centre. */
export function matterTakesChannel(m: Pick<Matter, 'handlingForms' | 'townAvailable'>, channel: 'online' | 'town'): boolean {
  return channel === 'online' ? m.handlingForms.includes(2) : m.townAvailable || m.handlingForms.includes(2);
}

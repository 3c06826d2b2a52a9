/**
 * The life of a queue ticket (排队号) and the words used to call it.
 *
 *   waiting ──call──▶ called ──start──▶ serving ──finish──▶ finished
 *      ▲  │             │ ▲recall          │
 *      │  │             │ └──┘             │
 *      │  │             └──no-show──▶ no-show ──reactivate──▶ waiting
 *      │  └─transfer / reassign (stays waiting, new queue position)
 *      └───────────── transfer (from called or serving: the applicant is sent to another zone,
 *                     matter or window and waits there under the same number)
 *   cancel: from waiting, called or no-show (the applicant leaves, or the supervisor clears the day).
 *
 * Reassign (改派) is the supervisor moving a ticket that still waits; transfer (转移) is what a clerk
 * does with the applicant in front of them, and may also be applied to a waiting ticket.
 */
import { fail, ok, type Result } from './result';

export type PriorityClass = 'normal' | 'appointment' | 'green';

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'finished' | 'no-show' | 'cancelled';

export type TicketAction = 'call' | 'recall' | 'start' | 'finish' | 'no-show' | 'reactivate' | 'transfer' | 'reassign' | 'cancel';

const transitions: Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>> = {
  waiting: { call: 'called', transfer: 'waiting', reassign: 'waiting', cancel: 'cancelled' },
  called: { recall: 'called', start: 'serving', 'no-show': 'no-show', transfer: 'waiting', cancel: 'cancelled' },
  serving: { finish: 'finished', transfer: 'waiting' },
  'no-show': { reactivate: 'waiting', cancel: 'cancelled' },
  finished: {},
  cancelled: {},
};

export function ticketTransition(status: TicketStatus, action: TicketAction): Result<TicketStatus> {
  const next = transitions[status]?.[action];
  if (next === undefined) {
    return fail('TICKET_ILLEGAL_TRANSITION', `a ${status} ticket cannot ${action}`, { status, action });
  }
  return ok(next);
}

/** Actions a clerk may take on a ticket in this status (to enable the right buttons). */
export function ticketActions(status: TicketStatus): TicketAction[] {
  return Object.keys(transitions[status]) as TicketAction[];
}

export interface RecallRules {
  /** How many times a called ticket may be called again before it can only be marked no-show. */
  maxRecalls: number;
  /** A no-show ticket may be reactivated within this many minutes after it was marked. */
  noShowGraceMinutes: number;
  /** Where a reactivated ticket goes: ahead of its class ('front') or behind everyone ('back'). */
  reactivatePosition: 'front' | 'back';
}

export const defaultRecallRules: RecallRules = { maxRecalls: 2, noShowGraceMinutes: 30, reactivatePosition: 'back' };

/** `recallCount` is the number of recalls already made for this call. */
export function canRecall(recallCount: number, rules: RecallRules): Result<true> {
  if (recallCount >= rules.maxRecalls) {
    return fail('TICKET_RECALL_LIMIT', `recalled ${recallCount} times already (limit ${rules.maxRecalls})`, {
      recallCount,
      maxRecalls: rules.maxRecalls,
    });
  }
  return ok(true);
}

/**
 * What 重呼 does at this count: call again, or — once the hall's recalls are used up (by default the
 * first call and two recalls, three calls in all) — turn the ticket no-show by itself, so the clerk
 * never meets a refusal with the applicant still missing and the window is free for the next.
 */
export function recallOutcome(recallCount: number, rules: RecallRules): 'recall' | 'no-show' {
  return canRecall(recallCount, rules).ok ? 'recall' : 'no-show';
}

/**
 * The grace time is counted from the moment the ticket was marked no-show. A `now` earlier than
 * `noShowAt` (two clocks a second apart) counts as within the grace time.
 */
export function canReactivate(noShowAt: Date, now: Date, rules: RecallRules): Result<true> {
  const elapsedMs = now.getTime() - noShowAt.getTime();
  if (elapsedMs > rules.noShowGraceMinutes * 60_000) {
    return fail('TICKET_GRACE_EXPIRED', `no-show ${Math.floor(elapsedMs / 60_000)} minutes ago (grace ${rules.noShowGraceMinutes})`, {
      noShowAt: noShowAt.toISOString(),
      graceMinutes: rules.noShowGraceMinutes,
    });
  }
  return ok(true);
}

/**
 * How a window is named aloud and on the LED: by its display number. Window codes are a zone letter
 * and a number (`A3`); halls number their windows once across the floor, so `A3` is "3号窗口" (the
 * number painted above the desk), and leading zeros are not spoken (`A03` → "3号窗口"). A name that
 * already ends in 窗口 (a reception desk, "导服台窗口", or a hall with its own names) is used as given;
 * anything else without a number is read as it is: "<name>号窗口".
 */
export function windowSpokenName(window: string): string {
  const w = window.trim();
  if (w.endsWith('窗口')) return w;
  const digits = /(\d+)$/.exec(w);
  if (digits?.[1] !== undefined) return `${Number.parseInt(digits[1], 10)}号窗口`;
  return `${w}号窗口`;
}

/** Voice call: "请A001号到3号窗口办理". */
export function callWording(ticketNo: string, window: string): string {
  return `请${ticketNo}号到${windowSpokenName(window)}办理`;
}

/** LED line, shorter than the voice: "请A001到3号窗口". */
export function ledWording(ticketNo: string, window: string): string {
  return `请${ticketNo}到${windowSpokenName(window)}`;
}

export const priorityClassLabel: Record<PriorityClass, string> = {
  normal: '普通',
  appointment: '预约',
  green: '绿色通道',
};

import type { Ticket } from '../contract/queue';
import type { QueueView } from '../contract/station-api';
import type { Command } from './keys';

export type QueueCommand = Extract<Command, 'call' | 'recall' | 'noShow' | 'transfer' | 'start' | 'finish'>;

export interface CommandAvailability {
  call: boolean;
  recall: boolean;
  noShow: boolean;
  transfer: boolean;
  start: boolean;
  finish: boolean;
}

/**
 * Which queue buttons make sense now. Calling needs the hall server (the only place that hands out
 * tickets), a window that is not paused, and no applicant still at the counter.
 */
export function availableCommands(view: Pick<QueueView, 'live' | 'window'> | undefined): CommandAvailability {
  const live = view?.live ?? false;
  const window = view?.window ?? null;
  const status = window?.current?.status;
  const active = status === 'called' || status === 'serving';
  return {
    call: live && window !== null && window.state !== 'paused' && !active,
    recall: live && status === 'called',
    noShow: live && status === 'called',
    transfer: live && active,
    start: live && status === 'called',
    finish: live && status === 'serving',
  };
}

/** The button that should carry the eye: the next step of the usual call → start → finish. */
export function primaryCommand(view: Pick<QueueView, 'live' | 'window'> | undefined): QueueCommand {
  const status = view?.window?.current?.status;
  if (status === 'called') return 'start';
  if (status === 'serving') return 'finish';
  return 'call';
}

/**
 * The queue view once `ticket` has been called at this window, as the hall will report it: the
 * ticket at the counter (the window calling), and no longer in the waiting line. Shown from the
 * call's answer until the view fetched after it arrives.
 */
export function withCalled(view: QueueView, ticket: Ticket): QueueView {
  if (!view.window) return view;
  const waiting = view.waiting.filter((t) => t.id !== ticket.id);
  const counts = { ...view.counts };
  if (waiting.length < view.waiting.length) counts[ticket.priority] = Math.max(0, counts[ticket.priority] - 1);
  return { ...view, window: { ...view.window, current: ticket, state: 'calling' }, waiting, counts };
}

/**
 * The hall's steps that end the service of the ticket at the counter: a called applicant who was
 * served without 开始 is started first (the hall finishes only a ticket being served). Nothing for
 * a window with nobody at the counter.
 */
export function finishSteps(status: Ticket['status'] | undefined): Array<'start' | 'finish'> {
  if (status === 'serving') return ['finish'];
  if (status === 'called') return ['start', 'finish'];
  return [];
}

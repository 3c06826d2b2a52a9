import type { PadState, Session, StationEvent } from '../contract/station-api';

/** How long the pad says thanks before it shows the window and the clerk again. */
export const PAD_THANKS_MS = 4_000;

/**
 * What the window's evaluation pad shows (CITIZEN.md part D). The clerk finishing a ticket turns it
 * to the rating of that ticket; the citizen's rating turns it to thanks, then idle. A new person
 * signing in at this PC, or nobody, turns it back to idle: a ticket is only rated at the window that
 * served it, by the clerk who did. `reason` is the pad page's own step (nothing is recorded yet).
 */
export class Pad {
  private ticket: { id: string; number: string } | null = null;
  private thanks = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: { session: () => Session | null; emit: (e: StationEvent) => void; thanksMs?: number },
  ) {}

  state(): PadState {
    const s = this.deps.session();
    const window = s?.window ? { code: s.window.code, name: s.window.name } : null;
    const staff = s ? { name: s.staff.name, username: s.staff.username, staffNo: (s.staff as { staffNo?: string | null }).staffNo ?? null } : null;
    if (!s?.window) return { mode: 'idle', window, staff, ticket: null };
    if (this.thanks) return { mode: 'thanks', window, staff, ticket: null };
    if (this.ticket) return { mode: 'rate', window, staff, ticket: this.ticket };
    return { mode: 'idle', window, staff, ticket: null };
  }

  /** The ticket the pad now asks about, or null. */
  offered(): { id: string; number: string } | null {
    return this.thanks ? null : this.ticket;
  }

  /** The clerk finished this ticket at this window: the citizen may rate it. */
  offer(ticket: { id: string; number: string }): void {
    this.stopTimer();
    this.thanks = false;
    this.ticket = { id: ticket.id, number: ticket.number };
    this.changed();
  }

  /** The rating is kept (in the outbox): thanks, then idle. */
  rated(): void {
    this.ticket = null;
    this.thanks = true;
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.thanks = false;
      this.changed();
    }, this.deps.thanksMs ?? PAD_THANKS_MS);
    this.timer.unref?.();
    this.changed();
  }

  /** Someone else (or nobody) works here now: nothing of the last service stays on the pad. */
  reset(): void {
    this.stopTimer();
    this.ticket = null;
    this.thanks = false;
    this.changed();
  }

  close(): void {
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private changed(): void {
    this.deps.emit({ type: 'pad', state: this.state() });
  }
}

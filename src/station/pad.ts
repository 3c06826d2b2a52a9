import type { PadState, Session, StationEvent } from '../contract/station-api';
import { addDays, localDateInShanghai, startOfLocalDate } from '../domain/local-date';
import type { PadTicketRow } from './store';

/** How long the pad says thanks before it shows the window and the clerk again. */
export const PAD_THANKS_MS = 4_000;

/** How long a finished ticket waits on the pad for its rating: the citizen has left by then. */
export const PAD_TICKET_TTL_MS = 10 * 60_000;

/**
 * When a ticket finished at `offeredAt` leaves the pad unrated: ten minutes later, and at the latest
 * at the end of that day in the hall (Asia/Shanghai), so a station started the next morning never
 * asks about yesterday's last citizen.
 */
export function padTicketExpiry(offeredAt: Date): Date {
  const ttl = offeredAt.getTime() + PAD_TICKET_TTL_MS;
  const midnight = startOfLocalDate(addDays(localDateInShanghai(offeredAt), 1)).getTime();
  return new Date(Math.min(ttl, midnight));
}

export interface PadDeps {
  session: () => Session | null;
  emit: (e: StationEvent) => void;
  /** Where the waiting ticket is kept, so a restart of the station still shows it (store/pad-ticket.ts). */
  store: { get(): PadTicketRow | null; put(t: PadTicketRow): void; clear(): void };
  now?: () => Date;
  thanksMs?: number;
}

/**
 * What the window's evaluation pad shows (CITIZEN.md part D). The clerk finishing a ticket turns it
 * to the rating of that ticket; the citizen's rating turns it to thanks, then idle. The ticket is
 * kept in the station's database with the window and clerk that served it: after a restart it is
 * shown again once that clerk is signed in at that window, until rated or expired
 * (`padTicketExpiry`). Signing out, or someone else signing in here, clears it: a ticket is only
 * rated at the window that served it, by the clerk who did. `reason` is the pad page's own step
 * (nothing is recorded yet).
 */
export class Pad {
  private ticket: PadTicketRow | null;
  private thanks = false;
  private timer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly deps: PadDeps) {
    this.now = deps.now ?? (() => new Date());
    this.ticket = deps.store.get();
    if (this.ticket && this.expired(this.ticket)) this.drop();
    this.watchExpiry();
  }

  state(): PadState {
    const s = this.deps.session();
    const window = s?.window ? { code: s.window.code, name: s.window.name } : null;
    const staff = s ? { name: s.staff.name, username: s.staff.username, staffNo: (s.staff as { staffNo?: string | null }).staffNo ?? null } : null;
    if (!s?.window) return { mode: 'idle', window, staff, ticket: null };
    if (this.thanks) return { mode: 'thanks', window, staff, ticket: null };
    const t = this.waiting(s);
    if (t) return { mode: 'rate', window, staff, ticket: { id: t.ticketId, number: t.number } };
    return { mode: 'idle', window, staff, ticket: null };
  }

  /** The ticket the pad now asks about, or null. */
  offered(): { id: string; number: string } | null {
    if (this.thanks) return null;
    const t = this.waiting(this.deps.session());
    return t ? { id: t.ticketId, number: t.number } : null;
  }

  /** The clerk finished this ticket at this window: the citizen may rate it. */
  offer(ticket: { id: string; number: string }): void {
    const s = this.deps.session();
    if (!s?.window) return;
    this.stopTimer();
    this.thanks = false;
    this.ticket = { ticketId: ticket.id, number: ticket.number, windowCode: s.window.code, staffId: s.staff.id, offeredAt: this.now().toISOString() };
    this.deps.store.put(this.ticket);
    this.watchExpiry();
    this.changed();
  }

  /** The rating is kept (in the outbox, which cleared the kept ticket in its transaction): thanks, then idle. */
  rated(): void {
    this.drop();
    this.thanks = true;
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.thanks = false;
      this.changed();
    }, this.deps.thanksMs ?? PAD_THANKS_MS);
    this.timer.unref?.();
    this.changed();
  }

  /**
   * Who works here changed. Nobody (a sign-out, or the hall ending the session), another clerk or
   * another window: nothing of the last service stays on the pad. The same clerk at the same window
   * again (after a restart, or signing in again once the hall is back) finds the ticket still there.
   */
  sessionChanged(s: Session | null): void {
    const t = this.ticket;
    if (!s || (t && (t.windowCode !== s.window?.code || t.staffId !== s.staff.id))) {
      this.reset();
      return;
    }
    this.changed();
  }

  /** Nothing of the last service stays on the pad. */
  reset(): void {
    this.stopTimer();
    this.drop();
    this.thanks = false;
    this.changed();
  }

  close(): void {
    this.stopTimer();
    this.stopExpiryTimer();
  }

  private waiting(s: Session | null): PadTicketRow | null {
    const t = this.ticket;
    if (!t || !s?.window) return null;
    if (this.expired(t)) {
      this.drop();
      return null;
    }
    return t.windowCode === s.window.code && t.staffId === s.staff.id ? t : null;
  }

  private expired(t: PadTicketRow): boolean {
    return this.now().getTime() >= padTicketExpiry(new Date(t.offeredAt)).getTime();
  }

  private drop(): void {
    this.stopExpiryTimer();
    if (this.ticket) this.deps.store.clear();
    this.ticket = null;
  }

  /** The pad turns back to idle by itself when the waiting ticket expires. */
  private watchExpiry(): void {
    this.stopExpiryTimer();
    const t = this.ticket;
    if (!t) return;
    const ms = Math.max(0, padTicketExpiry(new Date(t.offeredAt)).getTime() - this.now().getTime());
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      if (this.ticket === t && this.expired(t)) {
        this.drop();
        this.changed();
      }
    }, ms);
    this.expiryTimer.unref?.();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private stopExpiryTimer(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  private changed(): void {
    this.deps.emit({ type: 'pad', state: this.state() });
  }
}

import { padTicket } from '../db/schema';
import type { DbOrTx, StoreDeps } from './types';

/** The ticket the evaluation pad asks about, as kept across a restart. */
export interface PadTicketRow {
  ticketId: string;
  number: string;
  windowCode: string;
  staffId: string;
  /** When the clerk finished the ticket (ISO instant). */
  offeredAt: string;
}

/** The pad's one waiting ticket (table `pad_ticket`, one row at most). */
export function padTicketRepo(deps: StoreDeps) {
  const { db } = deps;
  return {
    get(): PadTicketRow | null {
      const row = db.select().from(padTicket).get();
      return row ? { ticketId: row.ticketId, number: row.number, windowCode: row.windowCode, staffId: row.staffId, offeredAt: row.offeredAt } : null;
    },
    /** The pad now asks about this ticket, replacing any other. */
    put(t: PadTicketRow, tx: DbOrTx = db): void {
      const values = { slot: 1, ...t };
      tx.insert(padTicket).values(values).onConflictDoUpdate({ target: padTicket.slot, set: t }).run();
    },
    /** Nothing waits on the pad (inside the rating's own transaction where there is one). */
    clear(tx: DbOrTx = db): void {
      tx.delete(padTicket).run();
    },
  };
}
export type PadTicketRepo = ReturnType<typeof padTicketRepo>;

import { sql } from 'drizzle-orm';
import { auditRow, type Actor } from '../audit/writer';
import { rowsOf, type HallQueryable } from '../db/client';
import { insertJsonRow, jsonRow, updateFromJsonRow } from '../db/json-rows';
import { auditLog, changeLog, ticketEvents, tickets, windowStates } from '../db/schema';
import { changeRow } from '../events/change-log';
import { ticketChangeRows, type TicketRow } from './tickets';
import type { WindowStateRow } from './window-state';

/** One ticket a window may call, with everything its call would write. */
export interface CallChoice {
  before: TicketRow;
  /** `xmin` of the ticket as read: the claim takes it only if it is still that version. */
  version: string;
  /** The columns the call changes (`before` + `set` is the ticket after the call). */
  set: Partial<TicketRow>;
  /** The window's state after this call (the policy's memory). */
  window: Partial<Omit<WindowStateRow, 'windowCode'>>;
  /** The history row's data. */
  extra: Record<string, unknown>;
}

export interface CallClaim {
  actor: Actor;
  at: Date;
  windowCode: string;
  /** `xmin` of the window's state row as read: a command of the same window in between fails the claim (40001). */
  windowVersion: string;
  /** Best first. */
  choices: CallChoice[];
}

/**
 * Call the first of `choices` that is still waiting as it was read and that no other window is
 * calling right now (FOR UPDATE SKIP LOCKED), in ONE statement without BEGIN or COMMIT: the ticket
 * update, its history row, the window's state, the audit row and the change-log row of that choice
 * go out together, as parts of the same WITH.
 *
 * Returns the id called, or null when every choice was taken or is being taken (the caller reads
 * the queue again). When the window's own state changed since it was read (another command of this
 * window, a pause), `hall_unchanged` fails the whole statement with 40001 and nothing is written.
 *
 * Every choice's rows are built in TypeScript by the same functions as any other ticket change
 * (`ticketChangeRows`, `auditRow`, `changeRow`) and travel as JSON keyed by ticket id; the
 * statement writes the rows of the one it took (db/json-rows.ts).
 */
export async function claimFirstChoice(tx: HallQueryable, claim: CallClaim): Promise<string | null> {
  const first = claim.choices[0];
  if (!first) return null;
  const ranked: Array<{ id: string; rank: number; version: string }> = [];
  const rows: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [rank, c] of claim.choices.entries()) {
    const change = ticketChangeRows(claim.actor, claim.at, c.before, { ...c.before, ...c.set }, 'call', c.extra);
    ranked.push({ id: c.before.id, rank, version: c.version });
    rows[c.before.id] = {
      ticket: jsonRow(tickets, c.set),
      window: jsonRow(windowStates, c.window),
      event: jsonRow(ticketEvents, change.event),
      audit: jsonRow(auditLog, auditRow(claim.actor, change.audit, claim.at)),
      change: jsonRow(changeLog, changeRow(change.change, claim.at)),
    };
  }
  // Every choice writes the same columns: the first one's rows name them.
  const columns = (part: string) => Object.keys(rows[first.before.id]![part]!);
  const of = (part: string) => sql`(select rows -> ${part} from chosen)`;

  const statement = sql`
    with ranked as (
      select r.id, r.rank, r.version from jsonb_to_recordset(${JSON.stringify(ranked)}::jsonb) as r(id text, rank int, version text)
    ), pick as (
      select t.id from ${tickets} t join ranked r on r.id = t.id
      where t.xmin = r.version::xid and t.status = 'waiting'
      order by r.rank limit 1
      for update of t skip locked
    ), chosen as (
      select ${JSON.stringify(rows)}::jsonb -> pick.id as rows from pick
    ), w_ticket as (
      ${updateFromJsonRow(tickets, columns('ticket'), of('ticket'))} where id = (select id from pick) returning id
    ), w_window as (
      ${updateFromJsonRow(windowStates, columns('window'), of('window'))}
      where window_code = ${claim.windowCode} and xmin = ${claim.windowVersion}::xid and exists (select from pick) returning 1
    ), w_event as (
      ${insertJsonRow(ticketEvents, columns('event'), of('event'))}
    ), w_audit as (
      ${insertJsonRow(auditLog, columns('audit'), of('audit'))}
    ), w_change as (
      ${insertJsonRow(changeLog, columns('change'), of('change'))}
    )
    select (select id from w_ticket) as id, hall_unchanged(not exists (select from pick) or exists (select from w_window)) as unchanged`;
  const result = rowsOf<{ id: string | null }>(await tx.execute(statement));
  return result[0]?.id ?? null;
}

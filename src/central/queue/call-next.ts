import { eq, inArray, sql } from 'drizzle-orm';
import type { CalledTicket } from '../../contract/api';
import { localDateInShanghai } from '../../domain/local-date';
import { emptyWindowCallState, rankNextTickets, type WaitingTicket, type WindowCallState } from '../../domain/queue-policy';
import { callWording, ledWording, type PriorityClass } from '../../domain/ticket';
import type { Actor } from '../audit/writer';
import type { WindowInfo } from '../catalog/repository';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { pgErrorCode } from '../db/pg-errors';
import { tickets, windowStates } from '../db/schema';
import { inWork, rowVersion, type Work } from '../db/work';
import { HallError } from '../http/errors';
import { claimFirstChoice, type CallChoice } from './call-claim';
import { findTicket, saveTicketChange, ticketView, type TicketRow } from './tickets';
import { addWindowState, heldTicketId, lockWindowForCall, updateWindowState, type WindowStateRow } from './window-state';

const CLASSES: PriorityClass[] = ['green', 'appointment', 'normal'];
/**
 * Rows locked per (zone, class) bucket. The policy only ever looks at the head of each bucket
 * (class, then front, then zone weights, then FIFO), so a few rows per bucket give it the same
 * choice as the whole queue; the spare rows cover ties the SQL order and the policy break differently.
 */
const PER_BUCKET = 3;

export function withCall(t: TicketRow): CalledTicket {
  const number = t.number;
  const window = t.windowCode ?? '';
  return { ...ticketView(t), call: { voice: callWording(number, window), led: ledWording(number, window) } };
}

function toWaiting(t: TicketRow): WaitingTicket {
  return {
    id: t.id,
    number: t.number,
    zoneCode: t.zoneCode,
    matterCode: t.matterCode,
    priority: t.priority,
    queuedAt: t.queuedAt.toISOString(),
    front: t.front,
    windowCode: t.windowCode,
  };
}

/** Choices handed to one claim: the pick and, should neighbours take those first, the next ones. */
const CHOICES = 4;
/** Reads and claims before call-next falls back to a transaction that locks what it reads. */
const CLAIM_TRIES = 3;

/**
 * Call the next ticket for a window, exactly once.
 *
 * Refused while the window is paused, or still holds a called/serving ticket (WINDOW_BUSY: the
 * clerk finishes it or marks it no-show first, so a ticket is never silently dropped). Otherwise
 * the domain policy ranks the heads of each eligible bucket, and one statement calls the first of
 * its choices that is still waiting as read and not being called by another window right now
 * (call-claim.ts). So a call is two statements — read, claim — with no BEGIN or COMMIT, and windows
 * of one zone that all want the same head ticket do not queue behind each other: the loser takes
 * its next choice in the same statement (SKIP LOCKED), as the locking version did.
 *
 * When every choice was taken meanwhile, the window reads again without them; when its own state
 * changed (40001), it reads again. After a few such tries, or when only tickets others are calling
 * remain, it runs once as a transaction that locks the window and the bucket heads (SKIP LOCKED),
 * which cannot miss. On PGlite (one statement at a time, in process) call-next is always that
 * transaction.
 */
export async function callNext(ctx: HallContext, actor: Actor, window: WindowInfo): Promise<CalledTicket | null> {
  if (window.kind === 'reception') {
    // The zones of a reception desk (导服台) are the zones it issues tickets for, not a queue it serves.
    throw new HallError('WINDOW_IS_RECEPTION', `${window.code} is a reception desk: it issues tickets, it does not call them`, { window: window.code });
  }
  if (window.site) {
    // The zones of a town centre's counter are the matters it takes in for; the hall's tickets wait for the hall's windows.
    throw new HallError('WINDOW_AT_CENTRE', `${window.code} is a counter of ${window.site.name}: it does not call the hall's tickets`, { window: window.code, siteCode: window.site.code });
  }
  // Audited at the window called for, also when a supervisor calls on a clerk's behalf.
  const atWindow: Actor = { ...actor, windowCode: window.code };
  // PGlite runs one statement at a time in this process: no round trips to save, and the claim's
  // one big statement costs more to plan there than the transaction's small ones.
  const tries = ctx.db.kind === 'postgres' ? CLAIM_TRIES : 0;
  const taken = new Set<string>();
  for (let attempt = 0; attempt < tries; attempt++) {
    const at = ctx.now();
    const read = await readForCall(ctx.db.drizzle, at, window, taken);
    await refuseUnlessFree(ctx.db.drizzle, window, read);
    const plan = planCall(ctx, window, read, at, CHOICES);
    if (plan.choices.length === 0) {
      if (taken.size === 0) return null;
      break; // only tickets other windows are calling: let the locking call decide
    }
    try {
      const id = await claimFirstChoice(ctx.db.drizzle, { actor: atWindow, at, windowCode: window.code, windowVersion: read.version, choices: plan.choices });
      if (id) return calledFrom(plan.choices, id);
    } catch (err) {
      if (pgErrorCode(err) !== CHANGED_MEANWHILE) throw err;
      continue;
    }
    for (const c of plan.choices) taken.add(c.before.id);
  }
  // The window and the chosen ticket are locked by this transaction: its write cannot miss, and
  // goes out like any other ticket change's (one statement before COMMIT).
  return inWork(ctx, atWindow, async (w) => {
    const read = await lockForCall(w, window);
    await refuseUnlessFree(w.tx, window, read);
    const choice = planCall(ctx, window, read, w.at, 1).choices[0];
    if (!choice) return null;
    saveTicketChange(w, choice.before, { ...choice.before, ...choice.set }, 'call', choice.extra);
    updateWindowState(w, read.state, choice.window);
    return calledFrom([choice], choice.before.id);
  });
}

/** What `hall_unchanged` raises (migration 0003). */
const CHANGED_MEANWHILE = '40001';

function calledFrom(choices: CallChoice[], id: string): CalledTicket {
  const c = choices.find((x) => x.before.id === id)!;
  return withCall({ ...c.before, ...c.set });
}

/** WINDOW_PAUSED, or WINDOW_BUSY with the ticket the window still holds (the clerk's screen shows it). */
async function refuseUnlessFree(db: HallQueryable, window: WindowInfo, read: CallRead): Promise<void> {
  if (read.state.paused) {
    throw new HallError('WINDOW_PAUSED', `window ${window.code} is paused (${read.state.pauseReason ?? ''}); resume it first`, {
      window: window.code,
      pauseReason: read.state.pauseReason,
    });
  }
  const held = read.heldId ? await findTicket(db, read.heldId) : null;
  if (held) {
    throw new HallError('WINDOW_BUSY', `window ${window.code} still holds ticket ${held.number} (${held.status}); finish it or mark it no-show first`, {
      window: window.code,
      current: ticketView(held),
    });
  }
}

/** What call-next decides on. The versions are what a claim re-checks; the locking path holds locks instead. */
interface CallRead {
  state: WindowStateRow;
  version: string;
  heldId: string | null;
  candidates: Array<{ row: TicketRow; version: string }>;
  day: string;
}

/**
 * The window's state, the ticket it holds and the bucket heads, in one statement without locks,
 * every row with its version; the tickets in `taken` left out.
 */
async function readForCall(db: HallQueryable, at: Date, window: WindowInfo, taken: ReadonlySet<string>): Promise<CallRead> {
  const day = localDateInShanghai(at);
  const query = db
    .select({
      state: windowStates,
      version: rowVersion(windowStates),
      heldId: heldTicketId(db, window.code, day),
      row: tickets,
      rowVersion: sql<string | null>`${tickets}.xmin::text`,
    })
    .from(windowStates)
    .leftJoin(tickets, inArray(tickets.id, bucketHeads(window, day, taken, false)))
    .where(eq(windowStates.windowCode, window.code));
  let rows = await query;
  if (!rows[0]) {
    await addWindowState(db, window.code, at);
    rows = await query;
  }
  const first = rows[0]!;
  const candidates = rows.flatMap((r) => (r.row && r.rowVersion ? [{ row: r.row, version: r.rowVersion }] : []));
  return { state: first.state, version: first.version, heldId: first.heldId, candidates, day };
}

/**
 * The same in a transaction: the window's row locked first, then the heads with FOR UPDATE SKIP
 * LOCKED — always in that order, as every command locks (window-state.ts).
 */
async function lockForCall(w: Work, window: WindowInfo): Promise<CallRead> {
  const day = localDateInShanghai(w.at);
  const { state, heldId, version } = await lockWindowForCall(w, window.code, day);
  const heads = bucketHeads(window, day, new Set(), true);
  const candidates = await w.tx.select({ row: tickets, version: rowVersion(tickets) }).from(tickets).where(inArray(tickets.id, heads));
  return { state, version, heldId, candidates, day };
}

/** The policy's choices, best first, each with what its call writes. */
function planCall(ctx: HallContext, window: WindowInfo, read: CallRead, at: Date, limit: number): { choices: CallChoice[] } {
  const { state, day } = read;
  const callState: WindowCallState =
    state.callStateDay === day && state.callState ? (state.callState as unknown as WindowCallState) : emptyWindowCallState;
  const byId = new Map(read.candidates.map((c) => [c.row.id, c]));
  const ranked = rankNextTickets(
    read.candidates.map((c) => toWaiting(c.row)),
    { windowCode: window.code, zones: window.zones },
    ctx.config.queuePolicy,
    callState,
    limit,
  );
  return {
    choices: ranked.map(({ ticket, state: next }) => {
      const { row, version } = byId.get(ticket.id)!;
      return {
        before: row,
        version,
        set: { status: 'called', windowCode: window.code, front: false, recallCount: 0, calledAt: at, updatedAt: at },
        window: { callState: next as unknown as Record<string, unknown>, callStateDay: day, updatedAt: at },
        extra: { targeted: row.windowCode !== null, front: row.front },
      };
    }),
  };
}

/**
 * The bucket heads as a subquery of ids: a LATERAL subquery per (zone, class) and per class of
 * tickets targeted at this window, each ordered and limited, locking with SKIP LOCKED when `lock`.
 */
function bucketHeads(window: WindowInfo, day: string, taken: ReadonlySet<string>, lock: boolean) {
  const buckets = [
    ...CLASSES.map((p) => sql`(${''}::text, ${p}::text, true)`),
    ...window.zones.flatMap((z) => CLASSES.map((p) => sql`(${z.zoneCode}::text, ${p}::text, false)`)),
  ];
  const notTaken = taken.size > 0 ? sql`and id not in (${sql.join([...taken].map((id) => sql`${id}`), sql`, `)})` : sql``;
  return sql`(
    select t.id from (values ${sql.join(buckets, sql`, `)}) as b(zone, priority, targeted)
    cross join lateral (
      select id from tickets
      where day = ${day} and status = 'waiting' and priority = b.priority
        and (case when b.targeted then window_code = ${window.code} else window_code is null and zone_code = b.zone end)
        ${notTaken}
      order by front desc, queued_at, serial, id
      limit ${PER_BUCKET}
      ${lock ? sql`for update skip locked` : sql``}
    ) t)`;
}

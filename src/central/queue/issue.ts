import { randomBytes } from 'node:crypto';
import { and, count, eq, isNull, lt, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { IssuedTicket, IssueTicketRequest } from '../../contract/queue';
import { parseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import { maskIdNumber } from '../../domain/masking';
import { formatTicketNumber } from '../../domain/numbers';
import type { Actor } from '../audit/writer';
import type { Permit } from '../auth/policy';
import { findMatter, zoneExists } from '../catalog/repository';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { isUniqueViolation } from '../db/pg-errors';
import { ticketCounters, tickets } from '../db/schema';
import { inWork } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { findTicketByRequest, saveTicketChange, ticketView, type TicketRow } from './tickets';

export interface IssueOutcome {
  ticket: IssuedTicket;
  /** True when the requestId had been seen: the same ticket again, nothing new issued. */
  replay: boolean;
}

/**
 * Issue a ticket. The daily serial comes from a counter row incremented in the ticket's own
 * transaction, so two issuers never get the same number (the second waits for the first's
 * commit), and a rolled-back issue gives its serial back. `requestId` makes a retried request
 * (a reception PC that lost the answer) return the ticket it already got.
 */
export async function issueTicket(ctx: HallContext, actor: Actor, req: IssueTicketRequest, permit: Permit): Promise<IssueOutcome> {
  const seen = await findTicketByRequest(ctx.db.drizzle, req.requestId);
  if (seen) {
    permit.require({ zoneCodes: [seen.zoneCode] });
    return replay(ctx.db.drizzle, seen, req);
  }

  const now = ctx.now();
  const day = localDateInShanghai(now);
  // An unknown zone is refused as such (the catalogue is public); a known one must be the issuer's.
  if (!(await zoneExists(ctx.db.drizzle, req.zoneCode))) {
    throw new HallError('ZONE_UNKNOWN', `the hall has no zone ${req.zoneCode}`, { zoneCode: req.zoneCode });
  }
  permit.require({ zoneCodes: [req.zoneCode] });
  if (req.matterCode) {
    const matter = await findMatter(ctx.db.drizzle, req.matterCode);
    if (!matter) throw new HallError('MATTER_UNKNOWN', `the catalogue has no matter ${req.matterCode}`, { matterCode: req.matterCode });
    if (matter.zoneCode !== req.zoneCode) {
      throw new HallError('MATTER_NOT_IN_ZONE', `matter ${req.matterCode} is handled in zone ${matter.zoneCode}, not ${req.zoneCode}`, {
        matterCode: req.matterCode,
        zoneCode: matter.zoneCode,
      });
    }
  }
  let idNumberMasked: string | null = null;
  let idNumberHash: string | null = null;
  if (req.idNumber) {
    const doc = unwrap(parseIdNumber(req.idNumber, day));
    idNumberMasked = maskIdNumber(doc.number);
    // An HMAC-SM3 under the hall's secret, not a bare hash: 10^9 plausible numbers reverse a bare sha256 in seconds.
    idNumberHash = ctx.sealer.index(doc.number);
  } else if (ctx.config.requireIdNumber) {
    throw new HallError('ID_NUMBER_REQUIRED', 'this hall issues tickets only against an ID number');
  }

  try {
    const row = await inWork(ctx, actor, async (w) => {
      const counter = await w.tx
        .insert(ticketCounters)
        .values({ zoneCode: req.zoneCode, day, serial: 1 })
        .onConflictDoUpdate({ target: [ticketCounters.zoneCode, ticketCounters.day], set: { serial: sql`${ticketCounters.serial} + 1` } })
        .returning({ serial: ticketCounters.serial });
      const serial = counter[0]!.serial;
      const t: TicketRow = {
        id: ulid(w.at.getTime()),
        number: formatTicketNumber(req.zoneCode, serial, ctx.config.ticketNumberWidth),
        serial,
        day,
        zoneCode: req.zoneCode,
        matterCode: req.matterCode ?? null,
        priority: req.priority,
        status: 'waiting',
        windowCode: null,
        front: false,
        recallCount: 0,
        idNumberMasked,
        idNumberHash,
        requestId: req.requestId,
        issuedBy: actor.staffId,
        issuedAt: w.at,
        queuedAt: w.at,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        noShowAt: null,
        updatedAt: w.at,
        // 128 random bits, base64url: 22 characters a slip's QR carries and nobody can guess.
        positionToken: randomBytes(16).toString('base64url'),
      };
      const details = { ...(actor.windowCode ? { issuedAt: actor.windowCode } : {}), ...(req.greenReason && req.priority === 'green' ? { greenReason: req.greenReason } : {}) };
      saveTicketChange(w, null, t, 'issue', Object.keys(details).length > 0 ? details : undefined);
      return t;
    });
    return { ticket: { ...ticketView(row), ahead: await aheadOf(ctx.db.drizzle, row), positionToken: row.positionToken, positionUrl: null }, replay: false };
  } catch (err) {
    // Two requests with one requestId at the same moment: the loser answers with the winner's ticket.
    if (isUniqueViolation(err)) {
      const winner = await findTicketByRequest(ctx.db.drizzle, req.requestId);
      if (winner) return replay(ctx.db.drizzle, winner, req);
    }
    throw err;
  }
}

async function replay(db: HallQueryable, t: TicketRow, req: IssueTicketRequest): Promise<IssueOutcome> {
  // The same requestId for a different ticket is a client bug; answering with the old ticket would hide it.
  if (t.zoneCode !== req.zoneCode || t.priority !== req.priority || (t.matterCode ?? undefined) !== (req.matterCode ?? undefined)) {
    throw new HallError('REQUEST_ID_REUSED', `requestId ${req.requestId} was already used for ticket ${t.number}`, { ticket: ticketView(t) });
  }
  return { ticket: { ...ticketView(t), ahead: await aheadOf(db, t), positionToken: t.positionToken, positionUrl: null }, replay: true };
}

/** Tickets of the same zone and day still waiting that were queued before this one. */
async function aheadOf(db: HallQueryable, t: TicketRow): Promise<number> {
  const r = await db
    .select({ n: count() })
    .from(tickets)
    .where(and(eq(tickets.day, t.day), eq(tickets.zoneCode, t.zoneCode), eq(tickets.status, 'waiting'), isNull(tickets.windowCode), lt(tickets.queuedAt, t.queuedAt)));
  return Number(r[0]?.n ?? 0);
}

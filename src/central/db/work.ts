import type { FastifyRequest } from 'fastify';
import { sql, type SQL, type SQLWrapper, type Table } from 'drizzle-orm';
import type { StaffAuth } from '../auth/guard';
import { auditInsert, type Actor, type AuditEntry } from '../audit/writer';
import type { HallContext } from '../context';
import { changeInsert, type ChangeEntry } from '../events/change-log';
import type { HallQueryable } from './client';
import { pgErrorCode } from './pg-errors';

/**
 * One unit of work: a transaction plus the writes, audit rows and change-log entries it collects.
 * At the end of `fn` (still inside the transaction) everything collected goes out as ONE statement;
 * the commit numbers the changes and tells every instance's live feed (events/change-log.ts).
 * Every state change of the hall goes through here.
 *
 * Why one statement: on these machines a round trip to PostgreSQL costs more than the work it
 * carries (a socket write and read on each side), so a queue command is as fast as it has few of
 * them. Reads that decide something still go one by one through `w.tx`; writes that nothing later
 * in the unit reads back are queued with `w.later` and ride along with the audit and the changes.
 *
 * Inside `fn`, query through `w.tx` only, never `ctx.db.drizzle`: PGlite runs one transaction at a
 * time, so a query outside the open transaction waits for it to end — forever.
 */
export interface Work {
  /** The open transaction; in a guarded unit (`inGuardedWork`) the database itself. */
  readonly tx: HallQueryable;
  /**
   * True in a transaction: reads lock the rows they decide on (FOR UPDATE). False in a guarded unit:
   * reads take no lock and remember each row's version instead (`rememberVersion`), and the writes
   * built from those rows carry a guard (`laterGuarded`).
   */
  readonly locking: boolean;
  readonly at: Date;
  readonly actor: Actor;
  change(entry: ChangeEntry): void;
  audit(entry: AuditEntry): void;
  /**
   * Queue a write (an unsent drizzle insert/update/delete) to go out with the unit's last statement.
   * Only for writes nothing later in the unit reads, and never two writes of one row: the parts of
   * one statement all see the rows as they were before it, and PostgreSQL applies only one of two
   * updates of the same row.
   */
  later(write: SQLWrapper): void;
  /**
   * Queue an UPDATE … RETURNING whose WHERE re-checks what the unit read (`sameVersion`): if it
   * matches no row, the whole last statement fails with 40001 and writes nothing.
   */
  laterGuarded(write: SQLWrapper): void;
}

interface Collected {
  changes: ChangeEntry[];
  audits: AuditEntry[];
  writes: SQLWrapper[];
  guarded: Set<SQLWrapper>;
}

function newWork(tx: HallQueryable, locking: boolean, at: Date, actor: Actor): { work: Work; collected: Collected } {
  const collected: Collected = { changes: [], audits: [], writes: [], guarded: new Set() };
  const work: Work = {
    tx,
    locking,
    at,
    actor,
    change: (e) => void collected.changes.push(e),
    audit: (e) => void collected.audits.push(e),
    later: (q) => void collected.writes.push(q),
    laterGuarded: (q) => {
      collected.writes.push(q);
      collected.guarded.add(q);
    },
  };
  return { work, collected };
}

async function finish(work: Work, c: Collected): Promise<void> {
  const audit = auditInsert(work.tx, work.actor, c.audits, work.at);
  const change = changeInsert(work.tx, c.changes, work.at);
  if (audit) c.writes.push(audit);
  if (change) c.writes.push(change);
  await sendTogether(work.tx, c.writes, c.guarded);
}

export async function inWork<T>(ctx: HallContext, actor: Actor, fn: (w: Work) => Promise<T>): Promise<T> {
  return ctx.db.drizzle.transaction(async (tx) => {
    const { work, collected } = newWork(tx, true, ctx.now(), actor);
    const value = await fn(work);
    await finish(work, collected);
    return value;
  });
}

/** Guarded tries before a unit falls back to a transaction with locks. */
const GUARDED_TRIES = 3;

/**
 * The same unit of work without BEGIN and COMMIT: `fn` reads without locks (remembering versions)
 * and everything it writes goes out as one statement, which is its own transaction. When a row it
 * decided on changed in between, that statement writes nothing and `fn` runs again on fresh reads;
 * after a few such collisions it runs once more as an ordinary locking `inWork`, which cannot
 * collide. `fn` must therefore only read and queue (`later`, `laterGuarded`, `change`, `audit`),
 * never write directly. Two statements instead of four or more: see the note on round trips above.
 */
export async function inGuardedWork<T>(ctx: HallContext, actor: Actor, fn: (w: Work) => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < GUARDED_TRIES; attempt++) {
    const { work, collected } = newWork(ctx.db.drizzle, false, ctx.now(), actor);
    try {
      const value = await fn(work);
      await finish(work, collected);
      return value;
    } catch (err) {
      if (pgErrorCode(err) !== CHANGED_MEANWHILE) throw err;
    }
  }
  return inWork(ctx, actor, fn);
}

/** What `hall_unchanged` raises (migration 0003): PostgreSQL's serialization failure. */
const CHANGED_MEANWHILE = '40001';

/**
 * Several writes as one statement: each a data-modifying WITH part, all run to completion. Guarded
 * parts are counted, and `hall_unchanged` fails the statement unless each matched a row.
 */
async function sendTogether(tx: HallQueryable, writes: SQLWrapper[], guarded: ReadonlySet<SQLWrapper> = new Set()): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1 && guarded.size === 0) {
    await tx.execute(writes[0]!.getSQL());
    return;
  }
  const name = (i: number) => sql.raw(`w${i}`);
  // getSQL(): a query builder would bring its own parentheses, a raw `sql` none; these are the only ones.
  const parts = writes.map((q, i) => sql`${name(i)} as (${q.getSQL()})`);
  const checks: SQL[] = [];
  writes.forEach((q, i) => {
    if (guarded.has(q)) checks.push(sql`exists (select from ${name(i)})`);
  });
  const last = checks.length ? sql`select hall_unchanged(${sql.join(checks, sql` and `)})` : sql`select 1`;
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} ${last}`);
}

/* ---- row versions, for guarded units ---------------------------------------------------------- */

const versions = new WeakMap<object, string>();

/** `xmin` of a table's row as text: select it beside the row in a guarded unit. Changes with every update. */
export const rowVersion = (table: Table) => sql<string>`${table}.xmin::text`;

/** Remember the version a row was read at (the row object is the key). */
export function rememberVersion<T extends object>(row: T, version: string): T {
  versions.set(row, version);
  return row;
}

export function versionOf(row: object): string | undefined {
  return versions.get(row);
}

/** The WHERE part that re-checks a remembered version inside an UPDATE of that row. */
export const sameVersion = (version: string) => sql`xmin = ${version}::xid`;

export function actorOf(auth: StaffAuth | null, request?: FastifyRequest): Actor {
  return {
    staffId: auth?.staffId ?? null,
    username: auth?.username ?? null,
    role: auth?.role ?? null,
    windowCode: auth?.windowCode ?? null,
    address: request?.ip ?? null,
  };
}

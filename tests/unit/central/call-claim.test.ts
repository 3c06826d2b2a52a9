import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../src/central/audit/writer';
import type { HallContext } from '../../../src/central/context';
import { openHallDb, rowsOf, type HallDb } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { pgErrorCode } from '../../../src/central/db/pg-errors';
import { tickets, windowStates } from '../../../src/central/db/schema';
import { claimFirstChoice, type CallChoice } from '../../../src/central/queue/call-claim';
import { callNext } from '../../../src/central/queue/call-next';
import type { TicketRow } from '../../../src/central/queue/tickets';
import { defaultQueuePolicy } from '../../../src/domain/queue-policy';
import { freshPgDatabase } from '../../faults/support/hall';
import { migrations } from './migration-folders';
import { insertWaitingTicket } from './waiting-ticket';

/**
 * Call-next reads without locks, then one statement calls the first of the window's choices that
 * is still waiting as read and that no other window is calling. These tests change things between
 * the read and the claim, as a neighbouring window or a supervisor would.
 */
const DAY = '2026-11-30';
const AT = new Date('2026-11-30T01:00:00.000Z'); // 09:00 in the hall
const actor = { ...systemActor, windowCode: 'A1' };

function addTicket(db: HallDb, id: string, minute: number): Promise<void> {
  const at = new Date(AT.getTime() - (60 - minute) * 60_000);
  return insertWaitingTicket(db, { id, number: `A${String(minute).padStart(3, '0')}`, serial: minute, day: DAY, at });
}

async function read(db: HallDb, ids: string[]) {
  const rows = rowsOf<TicketRow & { version: string }>(await db.drizzle.execute(sql`select id, xmin::text as version from tickets where id in ${ids}`));
  const full = await db.drizzle.select().from(tickets);
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  await db.drizzle.insert(windowStates).values({ windowCode: 'A1', updatedAt: AT }).onConflictDoNothing();
  const ws = rowsOf<{ version: string }>(await db.drizzle.execute(sql`select xmin::text as version from window_states where window_code = 'A1'`))[0]!;
  const choices: CallChoice[] = ids.map((id, rank) => ({
    before: full.find((t) => t.id === id)!,
    version: versions.get(id)!,
    set: { status: 'called', windowCode: 'A1', front: false, recallCount: 0, calledAt: AT, updatedAt: AT },
    window: { callState: { priorityStreak: 0, zoneCalls: { A: rank + 1 } }, callStateDay: DAY, updatedAt: AT },
    extra: { targeted: false, front: false },
  }));
  return { choices, windowVersion: ws.version };
}

const count = async (db: HallDb, q: string) => Number(rowsOf<{ n: string | number }>(await db.drizzle.execute(sql.raw(q)))[0]!.n);
const status = async (db: HallDb, id: string) => (await db.drizzle.select().from(tickets).where(eq(tickets.id, id)))[0]!.status;
/** Everything a call writes besides the ticket row, for these tickets. */
const traces = (db: HallDb, like: string) =>
  Promise.all([
    count(db, `select count(*) as n from ticket_events where ticket_id like '${like}'`),
    count(db, `select count(*) as n from audit_log where entity_id like '${like}'`),
    count(db, `select count(*) as n from change_log where entity_id like '${like}' and seq is not null`),
  ]);

describe('call-next claims on PGlite', () => {
  let db: HallDb;
  beforeAll(async () => {
    db = await openHallDb({ inMemory: true });
    await migrateHallDb(db, migrations);
  });
  afterAll(async () => {
    await db.close();
  });

  it('calls the first choice and writes its history, audit, change-log row and the window state it leads to', async () => {
    await addTicket(db, 'c1-a', 1);
    await addTicket(db, 'c1-b', 2);
    const { choices, windowVersion } = await read(db, ['c1-a', 'c1-b']);
    expect(await claimFirstChoice(db.drizzle, { actor, at: AT, windowCode: 'A1', windowVersion, choices })).toBe('c1-a');
    expect([await status(db, 'c1-a'), await status(db, 'c1-b')]).toEqual(['called', 'waiting']);
    expect(await traces(db, 'c1-a')).toEqual([1, 1, 1]);
    expect(await traces(db, 'c1-b')).toEqual([0, 0, 0]);
    const audit = rowsOf<{ before: { status: string }; after: { status: string; windowCode: string }; window_code: string }>(
      await db.drizzle.execute(sql`select before, after, window_code from audit_log where entity_id = 'c1-a'`),
    )[0]!;
    expect([audit.before.status, audit.after.status, audit.after.windowCode, audit.window_code]).toEqual(['waiting', 'called', 'A1', 'A1']);
    const ws = (await db.drizzle.select().from(windowStates).where(eq(windowStates.windowCode, 'A1')))[0]!;
    expect(ws.callState).toEqual({ priorityStreak: 0, zoneCalls: { A: 1 } });
    await db.drizzle.update(tickets).set({ status: 'finished' }).where(eq(tickets.id, 'c1-a'));
  });

  it('passes over a choice that changed since it was read and calls the next, with the next one’s window state', async () => {
    await addTicket(db, 'c2-a', 3);
    await addTicket(db, 'c2-b', 4);
    const { choices, windowVersion } = await read(db, ['c2-a', 'c2-b']);
    // Another window called c2-a and the clerk sent it back to the queue: waiting again, but not as read.
    await db.drizzle.update(tickets).set({ front: true }).where(eq(tickets.id, 'c2-a'));
    expect(await claimFirstChoice(db.drizzle, { actor, at: AT, windowCode: 'A1', windowVersion, choices })).toBe('c2-b');
    expect([await status(db, 'c2-a'), await status(db, 'c2-b')]).toEqual(['waiting', 'called']);
    expect(await traces(db, 'c2-a')).toEqual([0, 0, 0]);
    expect(await traces(db, 'c2-b')).toEqual([1, 1, 1]);
    const ws = (await db.drizzle.select().from(windowStates).where(eq(windowStates.windowCode, 'A1')))[0]!;
    expect(ws.callState).toEqual({ priorityStreak: 0, zoneCalls: { A: 2 } });
    await db.drizzle.update(tickets).set({ status: 'finished' }).where(eq(tickets.id, 'c2-b'));
  });

  it('writes nothing and answers null when every choice is gone', async () => {
    await addTicket(db, 'c3-a', 5);
    const { choices, windowVersion } = await read(db, ['c3-a']);
    await db.drizzle.update(tickets).set({ status: 'cancelled' }).where(eq(tickets.id, 'c3-a'));
    expect(await claimFirstChoice(db.drizzle, { actor, at: AT, windowCode: 'A1', windowVersion, choices })).toBeNull();
    expect(await traces(db, 'c3-a')).toEqual([0, 0, 0]);
  });

  it('writes nothing at all (40001) when the window’s own state changed since the read, e.g. a pause', async () => {
    await addTicket(db, 'c4-a', 6);
    const { choices, windowVersion } = await read(db, ['c4-a']);
    await db.drizzle.update(windowStates).set({ paused: true, pauseReason: '午休' }).where(eq(windowStates.windowCode, 'A1'));
    const failed = await claimFirstChoice(db.drizzle, { actor, at: AT, windowCode: 'A1', windowVersion, choices }).catch((e: unknown) => e);
    expect(pgErrorCode(failed)).toBe('40001');
    expect(await status(db, 'c4-a')).toBe('waiting');
    expect(await traces(db, 'c4-a')).toEqual([0, 0, 0]);
    await db.drizzle.update(windowStates).set({ paused: false, pauseReason: null }).where(eq(windowStates.windowCode, 'A1'));
  });
});

describe.skipIf(!process.env.DATABASE_URL)('call-next claims on PostgreSQL, with another window calling at the same moment', () => {
  let db: HallDb;
  let other: HallDb;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL!, 'hall_claim');
    drop = fresh.drop;
    db = await openHallDb({ databaseUrl: fresh.url });
    await migrateHallDb(db, migrations);
    other = await openHallDb({ databaseUrl: fresh.url });
  });
  afterAll(async () => {
    await other?.close();
    await db?.close();
    await drop?.();
  });

  /** Holds a row lock on `id` (as a window in the middle of calling it) while `fn` runs. */
  async function whileLocked<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const client = await other.raw.pool!.connect();
    try {
      await client.query('begin');
      await client.query('select id from tickets where id = $1 for update', [id]);
      return await fn();
    } finally {
      await client.query('rollback');
      client.release();
    }
  }

  it('skips a choice another window is calling right now instead of waiting for it', async () => {
    await addTicket(db, 'p1-a', 1);
    await addTicket(db, 'p1-b', 2);
    const { choices, windowVersion } = await read(db, ['p1-a', 'p1-b']);
    const id = await whileLocked('p1-a', () => claimFirstChoice(db.drizzle, { actor, at: AT, windowCode: 'A1', windowVersion, choices }));
    expect(id).toBe('p1-b');
    expect(await traces(db, 'p1-a')).toEqual([0, 0, 0]);
    expect(await traces(db, 'p1-b')).toEqual([1, 1, 1]);
    await db.drizzle.update(tickets).set({ status: 'finished' }).where(sql`id in ('p1-a', 'p1-b')`);
  });

  it('answers “nothing to call” when the only waiting ticket is being called by another window, after trying the locking path', async () => {
    await addTicket(db, 'p2-a', 3);
    const ctx = {
      db,
      now: () => AT,
      config: { queuePolicy: defaultQueuePolicy },
    } as unknown as HallContext;
    const window = { code: 'A1', name: 'A1', kind: 'counter', zones: [{ zoneCode: 'A', weight: 1 }], sort: 1 } as never;
    const called = await whileLocked('p2-a', () => callNext(ctx, systemActor, window));
    expect(called).toBeNull();
    expect(await status(db, 'p2-a')).toBe('waiting');
    // Once the other window lets go (it rolled back), this window calls it.
    expect((await callNext(ctx, systemActor, window))?.id).toBe('p2-a');
    expect(await traces(db, 'p2-a')).toEqual([1, 1, 1]);
  });
});

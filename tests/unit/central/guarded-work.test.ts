import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../src/central/audit/writer';
import type { HallContext } from '../../../src/central/context';
import { openHallDb, rowsOf, type HallDb } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import { tickets } from '../../../src/central/db/schema';
import { inGuardedWork } from '../../../src/central/db/work';
import { lockTicket, saveTicketChange } from '../../../src/central/queue/tickets';
import { migrations } from './migration-folders';
import { insertWaitingTicket } from './waiting-ticket';

/**
 * A guarded unit reads without locks and writes once; these tests change the row between its read
 * and its write, as another window or a supervisor would, and check that nothing stale lands.
 */
let db: HallDb;
let ctx: HallContext;

beforeAll(async () => {
  db = await openHallDb({ inMemory: true });
  await migrateHallDb(db, migrations);
  ctx = { db, now: () => new Date() } as unknown as HallContext;
});
afterAll(async () => {
  await db.close();
});

function waitingTicket(id: string): Promise<void> {
  return insertWaitingTicket(db, { id, number: `A${id.slice(-3)}`, serial: 1, day: '2026-11-30', at: new Date() });
}

const count = async (q: string) => Number(rowsOf<{ n: string | number }>(await db.drizzle.execute(sql.raw(q)))[0]!.n);

/** Cancel the ticket as a command would; `meddle` runs between the read and the write. */
function cancel(id: string, meddle: (attempt: number, locking: boolean) => Promise<void>, attempts: boolean[]) {
  return inGuardedWork(ctx, systemActor, async (w) => {
    const t = await lockTicket(w, id);
    attempts.push(w.locking);
    if (t.status !== 'waiting') throw new Error(`ticket is ${t.status}`);
    await meddle(attempts.length, w.locking);
    saveTicketChange(w, t, { ...t, status: 'cancelled', updatedAt: w.at }, 'cancel');
    return t.status;
  });
}

describe('guarded units of work', () => {
  it('write once without a transaction when nothing changed in between', async () => {
    await waitingTicket('t-quiet-001');
    const attempts: boolean[] = [];
    await cancel('t-quiet-001', async () => undefined, attempts);
    expect(attempts).toEqual([false]);
    expect((await db.drizzle.select().from(tickets).where(eq(tickets.id, 't-quiet-001')))[0]!.status).toBe('cancelled');
    expect(await count(`select count(*) as n from ticket_events where ticket_id = 't-quiet-001'`)).toBe(1);
    expect(await count(`select count(*) as n from change_log where entity_id = 't-quiet-001' and seq is not null`)).toBe(1);
  });

  it('write nothing — no ticket change, no history, no audit, no change-log row — when the row changed, and decide again on fresh reads', async () => {
    await waitingTicket('t-raced-002');
    const attempts: boolean[] = [];
    // Someone else calls the ticket between our read and our write.
    const meddle = async (n: number) => {
      if (n === 1) await db.drizzle.update(tickets).set({ status: 'called', windowCode: 'A1' }).where(eq(tickets.id, 't-raced-002'));
    };
    await expect(cancel('t-raced-002', meddle, attempts)).rejects.toThrow('ticket is called');
    expect(attempts).toEqual([false, false]);
    const row = (await db.drizzle.select().from(tickets).where(eq(tickets.id, 't-raced-002')))[0]!;
    expect([row.status, row.windowCode]).toEqual(['called', 'A1']);
    expect(await count(`select count(*) as n from ticket_events where ticket_id = 't-raced-002'`)).toBe(0);
    expect(await count(`select count(*) as n from audit_log where entity_id = 't-raced-002'`)).toBe(0);
    expect(await count(`select count(*) as n from change_log where entity_id = 't-raced-002'`)).toBe(0);
  });

  it('fall back to a locking transaction after repeated collisions, and still write exactly once', async () => {
    await waitingTicket('t-busy-003');
    const attempts: boolean[] = [];
    // Every unlocked attempt is overtaken by a harmless touch of the row (a new version).
    const meddle = async (_n: number, locking: boolean) => {
      if (!locking) await db.drizzle.update(tickets).set({ recallCount: 0 }).where(eq(tickets.id, 't-busy-003'));
    };
    await cancel('t-busy-003', meddle, attempts);
    expect(attempts).toEqual([false, false, false, true]);
    expect((await db.drizzle.select().from(tickets).where(eq(tickets.id, 't-busy-003')))[0]!.status).toBe('cancelled');
    expect(await count(`select count(*) as n from ticket_events where ticket_id = 't-busy-003'`)).toBe(1);
    expect(await count(`select count(*) as n from audit_log where entity_id = 't-busy-003'`)).toBe(1);
  });
});

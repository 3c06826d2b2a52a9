import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { HallQueryable } from '../db/client';
import { tickets, windowStates } from '../db/schema';
import { rememberVersion, rowVersion, sameVersion, versionOf, type Work } from '../db/work';

export type WindowStateRow = typeof windowStates.$inferSelect;

/**
 * Lock a window's state row: every command of one window (call next, recall, pause …) takes this
 * lock first, so they run one after another, while other windows go on in parallel. Always taken
 * before any ticket lock, which keeps the lock order the same everywhere (no deadlocks).
 */
export async function lockWindowState(w: Work, windowCode: string): Promise<WindowStateRow> {
  return (await lockWindowForCall(w, windowCode, null)).state;
}

/**
 * The ticket a window holds on `day` (called or serving), as a subquery: call-next reads it with the
 * window's state, in the same statement. A ticket left open at closing time does not block the
 * window the next morning; it can still be finished.
 */
export function heldTicketId(db: HallQueryable, windowCode: string, day: string) {
  return sql<string | null>`${db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.windowCode, windowCode), eq(tickets.day, day), inArray(tickets.status, ['called', 'serving'])))
    .orderBy(desc(tickets.calledAt))
    .limit(1)}`;
}

/** A window's first command: its state row, all defaults (harmless if another command adds it first). */
export async function addWindowState(db: HallQueryable, windowCode: string, at: Date): Promise<void> {
  await db.insert(windowStates).values({ windowCode, updatedAt: at }).onConflictDoNothing();
}

/**
 * The same lock, and in the same statement the id of the ticket the window holds on `day`, if any
 * (`heldTicketId`), and the row's version: one round trip instead of two.
 */
export async function lockWindowForCall(
  w: Work,
  windowCode: string,
  day: string | null,
): Promise<{ state: WindowStateRow; heldId: string | null; version: string }> {
  const heldId = day ? heldTicketId(w.tx, windowCode, day) : sql<null>`null`;
  const query = w.tx.select({ state: windowStates, heldId, version: rowVersion(windowStates) }).from(windowStates).where(eq(windowStates.windowCode, windowCode));
  // In a guarded unit no lock: the write re-checks the version instead (updateWindowState).
  const read = () => (w.locking ? query.for('update', { of: windowStates }) : query);
  let rows = await read();
  if (!rows[0]) {
    await addWindowState(w.tx, windowCode, w.at);
    rows = await read();
  }
  const { state, version } = rows[0]!;
  return { state: w.locking ? state : rememberVersion(state, version), heldId: rows[0]!.heldId, version };
}

/** Queue a change of a window's state row read by `lockWindowForCall`, guarded in a guarded unit. */
export function updateWindowState(w: Work, state: WindowStateRow, set: Partial<Omit<WindowStateRow, 'windowCode'>>): void {
  const version = versionOf(state);
  const q = w.tx.update(windowStates).set(set);
  if (version) w.laterGuarded(q.where(and(eq(windowStates.windowCode, state.windowCode), sameVersion(version))).returning({ code: windowStates.windowCode }));
  else w.later(q.where(eq(windowStates.windowCode, state.windowCode)));
}

export async function readWindowStates(db: HallQueryable): Promise<Map<string, WindowStateRow>> {
  const rows = await db.select().from(windowStates);
  return new Map(rows.map((r) => [r.windowCode, r]));
}

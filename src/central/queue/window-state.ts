import { eq } from 'drizzle-orm';
import type { HallQueryable } from '../db/client';
import { windowStates } from '../db/schema';
import type { Work } from '../db/work';

export type WindowStateRow = typeof windowStates.$inferSelect;

/**
 * Lock a window's state row: every command of one window (call next, recall, pause …) takes this
 * lock first, so they run one after another, while other windows go on in parallel. Always taken
 * before any ticket lock, which keeps the lock order the same everywhere (no deadlocks).
 */
export async function lockWindowState(w: Work, windowCode: string): Promise<WindowStateRow> {
  const rows = await w.tx.select().from(windowStates).where(eq(windowStates.windowCode, windowCode)).for('update');
  if (rows[0]) return rows[0];
  await w.tx.insert(windowStates).values({ windowCode, updatedAt: w.at }).onConflictDoNothing();
  const again = await w.tx.select().from(windowStates).where(eq(windowStates.windowCode, windowCode)).for('update');
  return again[0]!;
}

export async function readWindowStates(db: HallQueryable): Promise<Map<string, WindowStateRow>> {
  const rows = await db.select().from(windowStates);
  return new Map(rows.map((r) => [r.windowCode, r]));
}

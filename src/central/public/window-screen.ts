import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { WindowScreen } from '../../contract/api-public';
import { localDateInShanghai } from '../../domain/local-date';
import type { HallContext } from '../context';
import { sessions, staff, tickets, windowStates } from '../db/schema';
import { HallError } from '../http/errors';

/** What window `code`'s screen shows now; 404 WINDOW_NOT_FOUND for a window the hall does not have. */
export async function windowScreen(ctx: HallContext, code: string): Promise<WindowScreen> {
  const db = ctx.db.drizzle;
  const window = await ctx.windows.find(db, code.toUpperCase());
  if (!window) throw new HallError('WINDOW_NOT_FOUND', `the hall has no window ${code}`, { window: code });
  const now = ctx.now();
  const [[state], [held], [who]] = await Promise.all([
    db.select().from(windowStates).where(eq(windowStates.windowCode, window.code)).limit(1),
    db
      .select({ number: tickets.number, status: tickets.status })
      .from(tickets)
      .where(and(eq(tickets.day, localDateInShanghai(now)), eq(tickets.windowCode, window.code), inArray(tickets.status, ['called', 'serving'])))
      .orderBy(desc(tickets.calledAt))
      .limit(1),
    // The latest open session at the window: the clerk serving there now.
    db
      .select({ name: staff.name, staffNo: staff.staffNo })
      .from(sessions)
      .innerJoin(staff, eq(staff.id, sessions.staffId))
      .where(and(eq(sessions.windowCode, window.code), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(staff.active, true)))
      .orderBy(desc(sessions.createdAt))
      .limit(1),
  ]);
  const paused = state?.paused ?? false;
  return {
    code: window.code,
    name: window.name,
    state: paused ? 'paused' : who ? 'open' : 'closed',
    current: held ? { ticketNumber: held.number, status: held.status as 'called' | 'serving' } : null,
    staff: who ? { name: who.name, staffNo: who.staffNo } : null,
    pauseReason: paused ? (state?.pauseReason ?? null) : null,
  };
}

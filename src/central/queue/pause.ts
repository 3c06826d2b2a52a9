import type { WindowPause, WindowView } from '../../contract/queue';
import { pauseSeconds } from '../../domain/window-pause';
import type { Actor } from '../audit/writer';
import type { WindowInfo } from '../catalog/repository';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { localDateInShanghai } from '../../domain/local-date';
import { staff, windowPauses } from '../db/schema';
import { inWork } from '../db/work';
import { HallError } from '../http/errors';
import { readWindowView } from './hall-view';
import { lockWindowState, updateWindowState } from './window-state';

/** 暂停: no calls at this window until it resumes; a ticket being served stays with it. */
export async function pauseWindow(ctx: HallContext, actor: Actor, window: WindowInfo, reason: string): Promise<WindowView> {
  await inWork(ctx, { ...actor, windowCode: window.code }, async (w) => {
    const before = await lockWindowState(w, window.code);
    if (before.paused) {
      throw new HallError('WINDOW_PAUSED', `window ${window.code} is already paused (${before.pauseReason ?? ''})`, {
        window: window.code,
        pauseReason: before.pauseReason,
      });
    }
    updateWindowState(w, before, { paused: true, pauseReason: reason, pausedAt: w.at, updatedAt: w.at });
    // The timeline keeps who paused it and why, for the board's chip and the reports.
    const by = actor.staffId ? (await w.tx.select({ name: staff.name }).from(staff).where(eq(staff.id, actor.staffId)))[0] : undefined;
    w.later(
      w.tx.insert(windowPauses).values({
        windowCode: window.code,
        day: localDateInShanghai(w.at),
        reason,
        pausedBy: actor.staffId,
        pausedByName: by?.name ?? actor.username,
        pausedAt: w.at,
      }),
    );
    const data = { windowCode: window.code, paused: true, pauseReason: reason, pausedAt: w.at.toISOString() };
    w.change({ entity: 'window-state', id: window.code, op: 'upsert', event: 'window.paused', data });
    w.audit({ action: 'window.pause', entity: 'window', entityId: window.code, before: { paused: false }, after: data });
  });
  return readWindowView(ctx.db.drizzle, window, ctx.now());
}

export async function resumeWindow(ctx: HallContext, actor: Actor, window: WindowInfo): Promise<WindowView> {
  await inWork(ctx, { ...actor, windowCode: window.code }, async (w) => {
    const before = await lockWindowState(w, window.code);
    if (!before.paused) throw new HallError('WINDOW_NOT_PAUSED', `window ${window.code} is not paused`, { window: window.code });
    updateWindowState(w, before, { paused: false, pauseReason: null, pausedAt: null, updatedAt: w.at });
    w.later(
      w.tx
        .update(windowPauses)
        .set({ resumedAt: w.at, resumedBy: actor.staffId })
        .where(and(eq(windowPauses.windowCode, window.code), isNull(windowPauses.resumedAt))),
    );
    const data = { windowCode: window.code, paused: false, pauseReason: null, pausedAt: null };
    w.change({ entity: 'window-state', id: window.code, op: 'upsert', event: 'window.resumed', data });
    w.audit({
      action: 'window.resume',
      entity: 'window',
      entityId: window.code,
      before: { paused: true, pauseReason: before.pauseReason, pausedAt: before.pausedAt?.toISOString() ?? null },
      after: data,
    });
  });
  return readWindowView(ctx.db.drizzle, window, ctx.now());
}

/** A window's pause timeline on one day, oldest first, for the reports and the supervisor. */
export async function readWindowPauses(db: HallQueryable, windowCode: string, day: string, now: Date): Promise<WindowPause[]> {
  const rows = await db
    .select()
    .from(windowPauses)
    .where(and(eq(windowPauses.windowCode, windowCode), eq(windowPauses.day, day)))
    .orderBy(asc(windowPauses.pausedAt));
  return rows.map((r) => ({
    reason: r.reason,
    pausedBy: r.pausedByName,
    pausedAt: r.pausedAt.toISOString(),
    resumedAt: r.resumedAt?.toISOString() ?? null,
    seconds: pauseSeconds(r.pausedAt, r.resumedAt, now),
  }));
}

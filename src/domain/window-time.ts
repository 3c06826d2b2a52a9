/**
 * A window's day as time (issue 19): open, serving, paused, idle, per clerk. Worked out from the
 * moments the hall records at a window — sign-in and sign-out, pause and resume (change log), a
 * ticket called there and its end (ticket history) — so nothing new has to be written as it happens.
 *
 * Rules: a window is open from a sign-in, or from its first call, pause or resume of the day (work
 * there means someone was signed in), until a sign-out; time after its last moment of the day is not
 * counted (a clerk who never signs out does not leave the window open all night). While open, time
 * is serving when a ticket called there has not ended yet (even while paused: the clerk is at work),
 * else paused, else idle. A window whose first pause/resume of the day is a resume was paused from
 * the start. Each stretch counts for the clerk signed in (or the clerk who made the call).
 * Paused time is split by the pause's reason (window-pause.ts); a pause carried over from another
 * day, whose reason is not among the day's moments, counts as 其他.
 */
import { pauseReasonCode, pauseReasonCodes, type PauseReasonCode } from './window-pause';

export type WindowMomentKind = 'sign-in' | 'sign-out' | 'pause' | 'resume' | 'serve-start' | 'serve-end';

export interface WindowMoment {
  /** Epoch milliseconds. */
  at: number;
  kind: WindowMomentKind;
  /** Who: the clerk signing in or calling ('' when not known). */
  staff?: string;
  /** Why (a pause): the reason as typed or picked. */
  reason?: string | null;
}

export interface WindowTime {
  staff: string;
  openSeconds: number;
  servingSeconds: number;
  pausedSeconds: number;
  /** pausedSeconds by reason; they add up to it. */
  pausedByReason: Record<PauseReasonCode, number>;
  idleSeconds: number;
}

const noReasons = (): Record<PauseReasonCode, number> => ({ lunch: 0, meeting: 0, consult: 0, fault: 0, other: 0 });

/** One window's day, per clerk (in order of first appearance). Moments at the same instant keep their given order. */
export function windowTimeOfDay(moments: readonly WindowMoment[]): WindowTime[] {
  const sorted = moments
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.at - b.m.at || a.i - b.i)
    .map((x) => x.m);
  const spent = new Map<string, { serving: number; paused: Record<PauseReasonCode, number>; idle: number }>();
  const bucket = (staff: string) => {
    let b = spent.get(staff);
    if (!b) spent.set(staff, (b = { serving: 0, paused: noReasons(), idle: 0 }));
    return b;
  };
  const firstPauseMove = sorted.find((m) => m.kind === 'pause' || m.kind === 'resume');
  let paused = firstPauseMove?.kind === 'resume';
  let reason: PauseReasonCode = 'other';
  let open = false;
  let serving = 0;
  let staff = '';
  let prev: number | null = null;
  for (const m of sorted) {
    if (open && prev !== null && m.at > prev) {
      const b = bucket(staff);
      const dt = m.at - prev;
      if (serving > 0) b.serving += dt;
      else if (paused) b.paused[reason] += dt;
      else b.idle += dt;
    }
    prev = m.at;
    if (m.staff && m.kind !== 'sign-out' && m.kind !== 'serve-end') staff = m.staff;
    switch (m.kind) {
      case 'sign-in':
        open = true;
        break;
      case 'sign-out':
        open = false;
        break;
      case 'pause':
        open = true;
        paused = true;
        reason = pauseReasonCode(m.reason);
        break;
      case 'resume':
        open = true;
        paused = false;
        break;
      case 'serve-start':
        open = true;
        serving += 1;
        break;
      case 'serve-end':
        serving = Math.max(0, serving - 1);
        break;
    }
  }
  return [...spent].map(([who, b]) => {
    const servingSeconds = Math.round(b.serving / 1000);
    const pausedByReason = noReasons();
    for (const code of pauseReasonCodes) pausedByReason[code] = Math.round(b.paused[code] / 1000);
    const pausedSeconds = pauseReasonCodes.reduce((sum, code) => sum + pausedByReason[code], 0);
    const idleSeconds = Math.round(b.idle / 1000);
    return { staff: who, openSeconds: servingSeconds + pausedSeconds + idleSeconds, servingSeconds, pausedSeconds, pausedByReason, idleSeconds };
  });
}

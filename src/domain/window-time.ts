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
 */

export type WindowMomentKind = 'sign-in' | 'sign-out' | 'pause' | 'resume' | 'serve-start' | 'serve-end';

export interface WindowMoment {
  /** Epoch milliseconds. */
  at: number;
  kind: WindowMomentKind;
  /** Who: the clerk signing in or calling ('' when not known). */
  staff?: string;
}

export interface WindowTime {
  staff: string;
  openSeconds: number;
  servingSeconds: number;
  pausedSeconds: number;
  idleSeconds: number;
}

/** One window's day, per clerk (in order of first appearance). Moments at the same instant keep their given order. */
export function windowTimeOfDay(moments: readonly WindowMoment[]): WindowTime[] {
  const sorted = moments
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.at - b.m.at || a.i - b.i)
    .map((x) => x.m);
  const spent = new Map<string, { serving: number; paused: number; idle: number }>();
  const bucket = (staff: string) => {
    let b = spent.get(staff);
    if (!b) spent.set(staff, (b = { serving: 0, paused: 0, idle: 0 }));
    return b;
  };
  const firstPauseMove = sorted.find((m) => m.kind === 'pause' || m.kind === 'resume');
  let paused = firstPauseMove?.kind === 'resume';
  let open = false;
  let serving = 0;
  let staff = '';
  let prev: number | null = null;
  for (const m of sorted) {
    if (open && prev !== null && m.at > prev) {
      const b = bucket(staff);
      const dt = m.at - prev;
      if (serving > 0) b.serving += dt;
      else if (paused) b.paused += dt;
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
    const pausedSeconds = Math.round(b.paused / 1000);
    const idleSeconds = Math.round(b.idle / 1000);
    return { staff: who, openSeconds: servingSeconds + pausedSeconds + idleSeconds, servingSeconds, pausedSeconds, idleSeconds };
  });
}

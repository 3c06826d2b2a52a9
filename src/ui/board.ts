import type { HallView, WindowView } from '../contract/queue';
import type { Tone } from './tone';

/** The supervisor board's sums and groupings, kept apart from the view so they can be tested. */

export function windowTone(w: Pick<WindowView, 'state'>): Tone {
  switch (w.state) {
    case 'idle':
      return 'ok';
    case 'calling':
    case 'serving':
      return 'serving';
    case 'paused':
      return 'warn';
    default:
      return 'muted';
  }
}

/** Hall totals for the line above the board. */
export function hallTotals(view: Pick<HallView, 'zones'>): { waiting: number; longest: number; longestZone: string | null; served: number } {
  let waiting = 0;
  let longest = 0;
  let longestZone: string | null = null;
  let served = 0;
  for (const z of view.zones) {
    waiting += z.waiting.total;
    served += z.servedToday;
    if (z.longestWaitSeconds > longest) {
      longest = z.longestWaitSeconds;
      longestZone = z.code;
    }
  }
  return { waiting, longest, longestZone, served };
}

/** Each window is listed once, under the first zone it serves. */
export function windowsByZone(view: Pick<HallView, 'windows' | 'zones'>): Map<string, WindowView[]> {
  const out = new Map<string, WindowView[]>(view.zones.map((z) => [z.code, []]));
  for (const w of view.windows) {
    if (w.kind !== 'counter') continue;
    const home = w.zoneCodes.find((c) => out.has(c));
    if (home) out.get(home)!.push(w);
  }
  return out;
}

export interface HourRow {
  hour: number;
  averageWaitSeconds: number;
  issued: number;
}

/**
 * The hours of the chart: the hall's opening hours 8..18 always (a quiet hour shows as zero, not as
 * a gap that shifts the axis), plus any hour outside them that had tickets.
 */
export function hourRows(rows: HourRow[], open = 8, close = 18): HourRow[] {
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const hours = new Set<number>(rows.map((r) => r.hour));
  for (let h = open; h <= close; h++) hours.add(h);
  return [...hours].sort((a, b) => a - b).map((hour) => byHour.get(hour) ?? { hour, averageWaitSeconds: 0, issued: 0 });
}

export interface ZoneFloor {
  waiting: number;
  /** Counter windows of the zone that can call now: signed in and not paused. */
  open: number;
  /** People wait (or would) and no window of the zone can call them. */
  noOpenWindow: boolean;
}

/**
 * A zone as reception and the board see it: how many wait, how many windows can call them. A
 * window serving several zones counts for each of them.
 */
export function zoneFloor(view: Pick<HallView, 'windows' | 'zones'>, zoneCode: string): ZoneFloor | null {
  const zone = view.zones.find((z) => z.code === zoneCode);
  if (!zone) return null;
  const open = view.windows.filter((w) => w.kind === 'counter' && w.zoneCodes.includes(zoneCode) && w.state !== 'signed-out' && w.state !== 'paused').length;
  return { waiting: zone.waiting.total, open, noOpenWindow: open === 0 };
}

const readiness: Record<WindowView['state'], number> = { idle: 0, calling: 1, serving: 1, paused: 2, 'signed-out': 3 };

/**
 * Windows to reassign to, the ones that can call soonest first: idle, then busy, then paused, and
 * last the windows nobody is signed in at (a ticket sent there waits until someone is).
 */
export function reassignWindows(windows: WindowView[]): WindowView[] {
  return windows.filter((w) => w.kind === 'counter').sort((a, b) => readiness[a.state] - readiness[b.state] || a.code.localeCompare(b.code));
}

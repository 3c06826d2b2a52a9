/** A display as Electron's `screen` describes it (only what the choice needs). */
export interface DisplayInfo {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

/**
 * Where the evaluation pad's window goes: the display chosen in the settings (by its id, or by its
 * position 1, 2, … counting the primary as 1), else the first display that is not the clerk's
 * (primary) one; null when the PC has one display only, so the pad never covers the console.
 */
export function choosePadDisplay(displays: readonly DisplayInfo[], primaryId: number, chosen: string | null | undefined): DisplayInfo | null {
  const others = displays.filter((d) => d.id !== primaryId);
  const wanted = chosen?.trim();
  if (wanted) {
    const byId = others.find((d) => String(d.id) === wanted);
    if (byId) return byId;
    const n = Number(wanted);
    if (Number.isInteger(n) && n >= 2) {
      const ordered = [...displays.filter((d) => d.id === primaryId), ...others];
      const at = ordered[n - 1];
      if (at && at.id !== primaryId) return at;
    }
  }
  return others[0] ?? null;
}

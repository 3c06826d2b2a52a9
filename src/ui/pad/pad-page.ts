/**
 * The evaluation pad is its own page of the station UI: `/pad` on the web host (behind the same
 * station key), `#/pad` in Electron's second window (file:// has no paths). It renders the pad
 * alone: nothing of the clerk's console, whatever the page is told.
 */
export function isPadPage(loc: { pathname: string; hash: string }): boolean {
  return loc.pathname.replace(/\/+$/, '') === '/pad' || /^#\/?pad(?:[/?]|$)/.test(loc.hash);
}

/**
 * Town and community centres (就近受理、远程审批) and the codes that name windows and sites. One
 * pattern for a window code everywhere (catalogue, sign-in, queue, case numbers): the window part
 * of a case number is 1..8 capital letters or digits, so a window code is too (`A3`, `TC01`).
 */
import type { Catalog, Matter, Site } from './catalog';

/** A window code: 1..8 capital letters or digits, no '-' (it is a part of the case number). */
export const WINDOW_CODE_PATTERN = /^[A-Z0-9]{1,8}$/;
/** A site code (the hall's own or a centre's): the first part of a case number. */
export const SITE_CODE_PATTERN = /^[A-Z0-9]{1,8}$/;
/**
 * The window parts the hall keeps for its own series: `<zone>00` numbers the cases it accepts from
 * the online inbox (online-application.ts), and a zone letter followed by zeros only is kept
 * whole, so no station's window can ever mint a number of that series.
 */
export const RESERVED_WINDOW_CODE_PATTERN = /^[A-Z]0+$/;

export const isWindowCode = (s: string): boolean => WINDOW_CODE_PATTERN.test(s) && !RESERVED_WINDOW_CODE_PATTERN.test(s);

/** The centre a window belongs to, or null for a window of the hall itself. */
export function siteOfWindow(sites: readonly Site[], windowCode: string): Site | null {
  return sites.find((s) => s.windowCodes.includes(windowCode)) ?? null;
}

/** The site code a window's case numbers carry: its centre's, else the hall's. */
export function siteCodeOfWindow(c: Pick<Catalog, 'hall' | 'sites'>, windowCode: string): string {
  return siteOfWindow(c.sites, windowCode)?.code ?? c.hall.siteCode;
}

/** Whether a centre takes this matter in at its counter as a full case (the matter is delegated to it). */
export const isDelegatedTo = (m: Pick<Matter, 'takeInSites'>, siteCode: string): boolean => (m.takeInSites ?? []).includes(siteCode);

/**
 * What the counter of a window does with these matters: the hall's windows take everything in;
 * a centre takes in what is delegated to it, and files the rest into the district's inbox
 * (`channel: town`). A mix of both is taken apart by the clerk (one application per route).
 */
export function centreRoute(site: Site | null, matters: readonly Pick<Matter, 'code' | 'takeInSites'>[]): { kind: 'hall' } | { kind: 'delegated' } | { kind: 'file'; notDelegated: string[] } {
  if (!site) return { kind: 'hall' };
  const notDelegated = matters.filter((m) => !isDelegatedTo(m, site.code)).map((m) => m.code);
  return notDelegated.length === 0 ? { kind: 'delegated' } : { kind: 'file', notDelegated };
}

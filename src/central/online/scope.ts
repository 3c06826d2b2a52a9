import { eq } from 'drizzle-orm';
import type { Site } from '../../domain/catalog';
import type { StaffAuth } from '../auth/guard';
import type { Permit, Target } from '../auth/policy';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { onlineApplications } from '../db/schema';
import { HallError } from '../http/errors';
import type { ApplicationScope } from './repository';

/**
 * What an application is, for the policy (auth/policy.ts): the portal account that filed it, its
 * zone, and — for the `window` scope of a clerk — the caller's window when that window is a
 * counter of the hall serving the zone (an application waits at every counter of its zone, not at
 * a reception desk, nor at a town centre's counter: the district reviews, 远程审批). With
 * `read: 'filed-here'`, a centre's window also reaches the applications its centre filed, to read
 * how they stand (never to review them).
 */
export async function applicationTarget(
  ctx: HallContext,
  db: HallQueryable,
  auth: StaffAuth,
  app: { portalStaffId: string; zoneCode: string; siteCode: string | null },
  opts: { read?: 'filed-here' } = {},
): Promise<Target> {
  const w = auth.windowCode ? await ctx.windows.find(db, auth.windowCode) : null;
  const serves = w !== null && w.kind === 'counter' && w.site === null && w.zoneCodes.includes(app.zoneCode);
  const filedHere = opts.read === 'filed-here' && w !== null && w.site !== null && w.site.code === app.siteCode;
  return { staffId: app.portalStaffId, zoneCodes: [app.zoneCode], windowCode: serves || filedHere ? w.code : null };
}

/**
 * The town centre a filing comes from, for `POST /online-applications` (ONLINE.md "Who"): the
 * portal files `online` (its claim of `town` would falsify the hall's figures by channel); a clerk
 * signed in at a centre's window files `town`, the centre named by its session, never by the body.
 * A hall window takes cases in at its own counter.
 */
export async function filingCentre(ctx: HallContext, db: HallQueryable, auth: StaffAuth, permit: Permit, channel: 'online' | 'town'): Promise<Site | null> {
  // The policy row grants the portal its own account (`self`) and a clerk its window (`window`).
  if (permit.scope === 'self') {
    permit.require({ staffId: auth.staffId });
    if (channel === 'town') {
      throw new HallError('APPLICATION_CHANNEL_FORBIDDEN', 'the portal files applications of channel "online"; "town" comes from a clerk signed in at a town centre', { channel });
    }
    return null;
  }
  permit.require({ windowCode: auth.windowCode });
  const w = auth.windowCode ? await ctx.windows.find(db, auth.windowCode) : null;
  if (!w?.site) {
    throw new HallError('APPLICATION_CHANNEL_FORBIDDEN', 'a window of the hall takes applications in at its counter; filing into the inbox is for the portal and for the windows of town centres', {
      windowCode: auth.windowCode,
    });
  }
  if (channel !== 'town') {
    throw new HallError('APPLICATION_CHANNEL_FORBIDDEN', `a town centre (${w.site.name}) files applications of channel "town"; "online" is the portal's`, { channel, siteCode: w.site.code });
  }
  return w.site;
}

export const applicationNotFound = (id: string) => new HallError('APPLICATION_NOT_FOUND', `no online application ${id} here`, { id });

/** The applications a list may show: the permit's filter, a window's filter read as the zones its counter serves. */
export async function applicationScope(ctx: HallContext, db: HallQueryable, permit: Permit): Promise<ApplicationScope> {
  const f = permit.filter();
  switch (f.kind) {
    case 'all':
      return { kind: 'all' };
    case 'self':
      return { kind: 'portal', staffId: f.staffId };
    case 'zones':
      return { kind: 'zones', zoneCodes: f.zoneCodes };
    case 'window': {
      const w = f.windowCode ? await ctx.windows.find(db, f.windowCode) : null;
      // A centre's counter follows the applications its centre filed; it reviews none.
      if (w?.site) return { kind: 'site', siteCode: w.site.code };
      if (!w || w.kind !== 'counter') {
        throw new HallError('ZONE_FORBIDDEN', 'the online inbox is worked at a counter window of its zone, not at a reception desk or without a window', { windowCode: f.windowCode });
      }
      return { kind: 'zones', zoneCodes: w.zoneCodes };
    }
    default:
      return { kind: 'zones', zoneCodes: [] };
  }
}

/**
 * Whether the caller signs in at a window of the town centre that filed the application this case
 * was accepted from (就近受理、远程审批: the district decides, the centre hands the result over and
 * prints its receipt). Reads one row of the inbox by the case's id.
 */
export async function caseFiledAtCallersCentre(ctx: HallContext, db: HallQueryable, auth: StaffAuth, caseId: string): Promise<boolean> {
  const w = auth.windowCode ? await ctx.windows.find(db, auth.windowCode) : null;
  if (!w?.site) return false;
  const rows = await db.select({ siteCode: onlineApplications.siteCode }).from(onlineApplications).where(eq(onlineApplications.caseId, caseId)).limit(1);
  return rows[0]?.siteCode === w.site.code;
}

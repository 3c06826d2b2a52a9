import type { StaffAuth } from '../auth/guard';
import type { Permit, Target } from '../auth/policy';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { HallError } from '../http/errors';
import type { ApplicationScope } from './repository';

/**
 * What an application is, for the policy (auth/policy.ts): the portal account that filed it, its
 * zone, and — for the `window` scope of a clerk — the caller's window when that window is a
 * counter serving the zone (an application waits at every counter of its zone, not at a reception
 * desk).
 */
export async function applicationTarget(ctx: HallContext, db: HallQueryable, auth: StaffAuth, app: { portalStaffId: string; zoneCode: string }): Promise<Target> {
  const w = auth.windowCode ? await ctx.windows.find(db, auth.windowCode) : null;
  const serves = w !== null && w.kind === 'counter' && w.zoneCodes.includes(app.zoneCode);
  return { staffId: app.portalStaffId, zoneCodes: [app.zoneCode], windowCode: serves ? w.code : null };
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
      if (!w || w.kind !== 'counter') {
        throw new HallError('ZONE_FORBIDDEN', 'the online inbox is worked at a counter window of its zone, not at a reception desk or without a window', { windowCode: f.windowCode });
      }
      return { kind: 'zones', zoneCodes: w.zoneCodes };
    }
    default:
      return { kind: 'zones', zoneCodes: [] };
  }
}

import type { StationHandlers } from '../../contract/station-api';
import { mergeChecklist } from '../../domain/checklist';
import { isDelegatedTo } from '../../domain/site';
import type { StationContext } from '../context';

export const windowRef = (w: { code: string; name: string; kind: 'counter' | 'reception'; zones: Array<{ zoneCode: string }> }) => ({
  code: w.code,
  name: w.name,
  kind: w.kind,
  zoneCodes: w.zones.map((z) => z.zoneCode),
});

export function catalogHandlers(ctx: StationContext): Pick<StationHandlers, 'catalog.get' | 'catalog.search' | 'intake.checklist' | 'session.windows'> {
  return {
    async 'session.windows'() {
      return ctx.catalog.hasCatalog() ? ctx.catalog.catalog().windows.map(windowRef) : [];
    },
    async 'catalog.get'() {
      const c = ctx.catalog.catalog();
      return {
        hall: c.hall,
        zones: c.zones.map((z) => ({ code: z.code, name: z.name })),
        windows: c.windows.map(windowRef),
        departments: c.departments.map((d) => ({ code: d.code, name: d.name })),
        bundles: c.bundles.map((b) => ({ code: b.code, name: b.name, zoneCode: b.zoneCode, matterCodes: b.matterCodes })),
        sites: c.sites.map((x) => ({
          code: x.code,
          name: x.name,
          windowCodes: x.windowCodes,
          matterCodes: c.matters.filter((m) => isDelegatedTo(m, x.code)).map((m) => m.code),
        })),
      };
    },
    async 'catalog.search'({ query, zoneCode, limit }) {
      return ctx.catalog.search().search(query, { zoneCode, limit });
    },
    async 'intake.checklist'({ matterCodes }) {
      return mergeChecklist(ctx.catalog.matters(matterCodes), ctx.catalog.catalog().materials);
    },
  };
}

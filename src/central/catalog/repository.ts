import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { ChangeEntity } from '../../contract/sync';
import type { Catalog, ServiceWindow, Site } from '../../domain/catalog';
import { siteOfWindow } from '../../domain/site';
import { canonicalJson } from '../db/canonical';
import type { HallQueryable } from '../db/client';
import { bundles, departments, hallInfo, materials, matters, sites, windowStates, windows, zones } from '../db/schema';
import type { Work } from '../db/work';

export interface CatalogCounts {
  zones: number;
  windows: number;
  departments: number;
  materials: number;
  matters: number;
  bundles: number;
  sites: number;
}

const HALL_ROW = 'hall';

export async function readCatalog(db: HallQueryable): Promise<Catalog> {
  // One after another: inside a transaction they share one connection anyway.
  const hallRows = await db.select().from(hallInfo).where(eq(hallInfo.id, HALL_ROW));
  const zoneRows = await db.select().from(zones).orderBy(asc(zones.sort));
  const windowRows = await db.select().from(windows).orderBy(asc(windows.sort));
  const departmentRows = await db.select().from(departments).orderBy(asc(departments.sort));
  const materialRows = await db.select().from(materials).orderBy(asc(materials.sort));
  const matterRows = await db.select().from(matters).orderBy(asc(matters.sort));
  const bundleRows = await db.select().from(bundles).orderBy(asc(bundles.sort));
  const siteRows = await db.select().from(sites).orderBy(asc(sites.sort));
  return {
    hall: hallRows[0]?.data ?? { name: '', regionCode: '000000', siteCode: 'X' },
    sites: siteRows.map((s) => s.data),
    zones: zoneRows.map((z) => ({ code: z.code, name: z.name })),
    windows: windowRows.map(toServiceWindow),
    departments: departmentRows.map((d) => d.data),
    materials: materialRows.map((m) => m.data),
    matters: matterRows.map((m) => m.data),
    bundles: bundleRows.map((b) => b.data),
  };
}

function toServiceWindow(w: typeof windows.$inferSelect): ServiceWindow {
  return { code: w.code, name: w.name, kind: w.kind, zones: w.zones };
}

export interface WindowInfo extends ServiceWindow {
  zoneCodes: string[];
  /** The town or community centre running this window, or null for a window of the hall itself. */
  site: Site | null;
}

export async function listSites(db: HallQueryable): Promise<Site[]> {
  return (await db.select().from(sites).orderBy(asc(sites.sort))).map((s) => s.data);
}

export async function findWindow(db: HallQueryable, code: string): Promise<WindowInfo | null> {
  const rows = await db.select().from(windows).where(eq(windows.code, code)).limit(1);
  const w = rows[0];
  return w ? { ...toServiceWindow(w), zoneCodes: w.zones.map((z) => z.zoneCode), site: siteOfWindow(await listSites(db), w.code) } : null;
}

export async function listWindows(db: HallQueryable): Promise<WindowInfo[]> {
  const rows = await db.select().from(windows).orderBy(asc(windows.sort));
  const all = await listSites(db);
  return rows.map((w) => ({ ...toServiceWindow(w), zoneCodes: w.zones.map((z) => z.zoneCode), site: siteOfWindow(all, w.code) }));
}

export async function zoneExists(db: HallQueryable, code: string): Promise<boolean> {
  return (await db.select({ code: zones.code }).from(zones).where(eq(zones.code, code)).limit(1)).length > 0;
}

export async function findMatter(db: HallQueryable, code: string): Promise<{ code: string; zoneCode: string; name: string } | null> {
  const rows = await db.select({ code: matters.code, zoneCode: matters.zoneCode, data: matters.data }).from(matters).where(eq(matters.code, code)).limit(1);
  const m = rows[0];
  return m ? { code: m.code, zoneCode: m.zoneCode, name: m.data.name } : null;
}

/**
 * Replace the catalogue with `next` (already parsed and checked by the contract importer): records
 * whose code is gone are deleted, new and changed ones written, unchanged ones left alone. Each
 * write is one change-log entry, so stations pull only what moved.
 */
export async function replaceCatalog(w: Work, next: Catalog): Promise<{ imported: CatalogCounts; removed: CatalogCounts }> {
  const tx = w.tx;
  const before = await readCatalog(tx);
  const removed: CatalogCounts = { zones: 0, windows: 0, departments: 0, materials: 0, matters: 0, bundles: 0, sites: 0 };

  if (canonicalJson(before.hall) !== canonicalJson(next.hall)) {
    await tx
      .insert(hallInfo)
      .values({ id: HALL_ROW, data: next.hall, updatedAt: w.at })
      .onConflictDoUpdate({ target: hallInfo.id, set: { data: next.hall, updatedAt: w.at } });
    w.change({ entity: 'hall', id: HALL_ROW, op: 'upsert', event: 'catalog.changed', data: next.hall });
  }

  type Item = { code: string };
  const sync = async <T extends Item>(
    entity: ChangeEntity,
    key: keyof CatalogCounts,
    oldList: T[],
    newList: T[],
    write: (items: Array<{ item: T; sort: number }>) => Promise<void>,
    remove: (codes: string[]) => Promise<void>,
  ) => {
    const oldByCode = new Map(oldList.map((x, i) => [x.code, { x, i }]));
    const newCodes = new Set(newList.map((x) => x.code));
    const gone = oldList.filter((x) => !newCodes.has(x.code)).map((x) => x.code);
    if (gone.length > 0) {
      await remove(gone);
      for (const code of gone) w.change({ entity, id: code, op: 'delete', event: 'catalog.changed', data: null });
      removed[key] = gone.length;
    }
    const changed = newList
      .map((item, sort) => ({ item, sort }))
      .filter(({ item, sort }) => {
        const old = oldByCode.get(item.code);
        return !(old && old.i === sort && canonicalJson(old.x) === canonicalJson(item));
      });
    // Batches keep one statement well under PostgreSQL's 65535 bind parameters.
    for (let i = 0; i < changed.length; i += 500) await write(changed.slice(i, i + 500));
    for (const { item } of changed) w.change({ entity, id: item.code, op: 'upsert', event: 'catalog.changed', data: item });
  };
  const excluded = (column: string) => sql.raw(`excluded."${column}"`);

  await sync(
    'zone',
    'zones',
    before.zones,
    next.zones,
    async (rows) =>
      void (await tx
        .insert(zones)
        .values(rows.map(({ item, sort }) => ({ code: item.code, name: item.name, sort })))
        .onConflictDoUpdate({ target: zones.code, set: { name: excluded('name'), sort: excluded('sort') } })),
    async (codes) => void (await tx.delete(zones).where(inArray(zones.code, codes))),
  );
  await sync(
    'window',
    'windows',
    before.windows,
    next.windows,
    async (rows) => {
      await tx
        .insert(windows)
        .values(rows.map(({ item, sort }) => ({ code: item.code, name: item.name, kind: item.kind, zones: item.zones, sort })))
        .onConflictDoUpdate({ target: windows.code, set: { name: excluded('name'), kind: excluded('kind'), zones: excluded('zones'), sort: excluded('sort') } });
      await tx
        .insert(windowStates)
        .values(rows.map(({ item }) => ({ windowCode: item.code, updatedAt: w.at })))
        .onConflictDoNothing();
    },
    async (codes) => {
      await tx.delete(windows).where(inArray(windows.code, codes));
      await tx.delete(windowStates).where(inArray(windowStates.windowCode, codes));
    },
  );
  const dataTable = <T extends typeof departments | typeof materials | typeof bundles | typeof sites>(table: T) => ({
    write: async (rows: Array<{ item: { code: string }; sort: number }>) =>
      void (await tx
        .insert(table)
        .values(rows.map(({ item, sort }) => ({ code: item.code, data: item, sort })) as never)
        .onConflictDoUpdate({ target: table.code, set: { data: excluded('data'), sort: excluded('sort') } as never })),
    remove: async (codes: string[]) => void (await tx.delete(table).where(inArray(table.code, codes))),
  });
  const d = dataTable(departments);
  await sync('department', 'departments', before.departments, next.departments, d.write, d.remove);
  const m = dataTable(materials);
  await sync('material', 'materials', before.materials, next.materials, m.write, m.remove);
  await sync(
    'matter',
    'matters',
    before.matters,
    next.matters,
    async (rows) =>
      void (await tx
        .insert(matters)
        .values(rows.map(({ item, sort }) => ({ code: item.code, zoneCode: item.zoneCode, departmentCode: item.departmentCode, data: item, sort })))
        .onConflictDoUpdate({
          target: matters.code,
          set: { zoneCode: excluded('zone_code'), departmentCode: excluded('department_code'), data: excluded('data'), sort: excluded('sort') },
        })),
    async (codes) => void (await tx.delete(matters).where(inArray(matters.code, codes))),
  );
  const b = dataTable(bundles);
  await sync('bundle', 'bundles', before.bundles, next.bundles, b.write, b.remove);
  const s = dataTable(sites);
  await sync('site', 'sites', before.sites, next.sites, s.write, s.remove);

  const imported: CatalogCounts = {
    zones: next.zones.length,
    windows: next.windows.length,
    departments: next.departments.length,
    materials: next.materials.length,
    matters: next.matters.length,
    bundles: next.bundles.length,
    sites: next.sites.length,
  };
  w.audit({ action: 'catalog.import', entity: 'catalog', entityId: HALL_ROW, before: { counts: countsOf(before) }, after: { imported, removed } });
  return { imported, removed };
}

function countsOf(c: Catalog): CatalogCounts {
  return {
    zones: c.zones.length,
    windows: c.windows.length,
    departments: c.departments.length,
    materials: c.materials.length,
    matters: c.matters.length,
    bundles: c.bundles.length,
    sites: c.sites.length,
  };
}

import { asc, eq, inArray } from 'drizzle-orm';
import type { ChangeEntity } from '../../contract/sync';
import type { Catalog, ServiceWindow } from '../../domain/catalog';
import { canonicalJson } from '../db/canonical';
import type { HallQueryable } from '../db/client';
import { bundles, departments, hallInfo, materials, matters, windowStates, windows, zones } from '../db/schema';
import type { Work } from '../db/work';

export interface CatalogCounts {
  zones: number;
  windows: number;
  departments: number;
  materials: number;
  matters: number;
  bundles: number;
}

const HALL_ROW = 'hall';

export async function readCatalog(db: HallQueryable): Promise<Catalog> {
  const [hallRows, zoneRows, windowRows, departmentRows, materialRows, matterRows, bundleRows] = await Promise.all([
    db.select().from(hallInfo).where(eq(hallInfo.id, HALL_ROW)),
    db.select().from(zones).orderBy(asc(zones.sort)),
    db.select().from(windows).orderBy(asc(windows.sort)),
    db.select().from(departments).orderBy(asc(departments.sort)),
    db.select().from(materials).orderBy(asc(materials.sort)),
    db.select().from(matters).orderBy(asc(matters.sort)),
    db.select().from(bundles).orderBy(asc(bundles.sort)),
  ]);
  return {
    hall: hallRows[0]?.data ?? { name: '', regionCode: '000000', siteCode: 'X' },
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
}

export async function findWindow(db: HallQueryable, code: string): Promise<WindowInfo | null> {
  const rows = await db.select().from(windows).where(eq(windows.code, code)).limit(1);
  const w = rows[0];
  return w ? { ...toServiceWindow(w), zoneCodes: w.zones.map((z) => z.zoneCode) } : null;
}

export async function listWindows(db: HallQueryable): Promise<WindowInfo[]> {
  const rows = await db.select().from(windows).orderBy(asc(windows.sort));
  return rows.map((w) => ({ ...toServiceWindow(w), zoneCodes: w.zones.map((z) => z.zoneCode) }));
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
  const removed: CatalogCounts = { zones: 0, windows: 0, departments: 0, materials: 0, matters: 0, bundles: 0 };

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
    write: (item: T, sort: number) => Promise<void>,
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
    for (const [i, item] of newList.entries()) {
      const old = oldByCode.get(item.code);
      if (old && old.i === i && canonicalJson(old.x) === canonicalJson(item)) continue;
      await write(item, i);
      w.change({ entity, id: item.code, op: 'upsert', event: 'catalog.changed', data: item });
    }
  };

  await sync(
    'zone',
    'zones',
    before.zones,
    next.zones,
    async (z, sort) => {
      await tx.insert(zones).values({ code: z.code, name: z.name, sort }).onConflictDoUpdate({ target: zones.code, set: { name: z.name, sort } });
    },
    async (codes) => void (await tx.delete(zones).where(inArray(zones.code, codes))),
  );
  await sync(
    'window',
    'windows',
    before.windows,
    next.windows,
    async (x, sort) => {
      const row = { code: x.code, name: x.name, kind: x.kind, zones: x.zones, sort };
      await tx.insert(windows).values(row).onConflictDoUpdate({ target: windows.code, set: row });
      await tx.insert(windowStates).values({ windowCode: x.code, updatedAt: w.at }).onConflictDoNothing();
    },
    async (codes) => {
      await tx.delete(windows).where(inArray(windows.code, codes));
      await tx.delete(windowStates).where(inArray(windowStates.windowCode, codes));
    },
  );
  await sync(
    'department',
    'departments',
    before.departments,
    next.departments,
    async (x, sort) => void (await tx.insert(departments).values({ code: x.code, data: x, sort }).onConflictDoUpdate({ target: departments.code, set: { data: x, sort } })),
    async (codes) => void (await tx.delete(departments).where(inArray(departments.code, codes))),
  );
  await sync(
    'material',
    'materials',
    before.materials,
    next.materials,
    async (x, sort) => void (await tx.insert(materials).values({ code: x.code, data: x, sort }).onConflictDoUpdate({ target: materials.code, set: { data: x, sort } })),
    async (codes) => void (await tx.delete(materials).where(inArray(materials.code, codes))),
  );
  await sync(
    'matter',
    'matters',
    before.matters,
    next.matters,
    async (x, sort) => {
      const row = { code: x.code, zoneCode: x.zoneCode, departmentCode: x.departmentCode, data: x, sort };
      await tx.insert(matters).values(row).onConflictDoUpdate({ target: matters.code, set: row });
    },
    async (codes) => void (await tx.delete(matters).where(inArray(matters.code, codes))),
  );
  await sync(
    'bundle',
    'bundles',
    before.bundles,
    next.bundles,
    async (x, sort) => void (await tx.insert(bundles).values({ code: x.code, data: x, sort }).onConflictDoUpdate({ target: bundles.code, set: { data: x, sort } })),
    async (codes) => void (await tx.delete(bundles).where(inArray(bundles.code, codes))),
  );

  const imported: CatalogCounts = {
    zones: next.zones.length,
    windows: next.windows.length,
    departments: next.departments.length,
    materials: next.materials.length,
    matters: next.matters.length,
    bundles: next.bundles.length,
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
  };
}

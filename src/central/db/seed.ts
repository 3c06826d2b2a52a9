import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { importCatalogJson } from '../../contract/catalog-import';
import { calendarYearSchema } from '../../contract/catalog';
import { systemActor } from '../audit/writer';
import { hashPassword } from '../auth/passwords';
import { createStaff } from '../auth/staff-repository';
import { putCalendarYear } from '../calendar/entering';
import { replaceCatalog } from '../catalog/repository';
import { DEMO_PASSWORD } from '../config';
import type { HallContext } from '../context';
import { hallMeta, staff } from './schema';
import { inWork } from './work';

// Synthetic people only: common surnames and given names, combined deterministically.
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['晓燕', '志强', '文静', '建军', '丽娜', '海涛', '雪梅', '国庆', '秀英', '明辉', '春燕', '伟东', '亚楠', '子涵', '俊杰', '慧敏', '立新', '玉兰', '思远', '婷婷', '振华', '桂芳', '浩然', '佳怡'];

/** 工号 of the demo accounts: 1001, 1002, … in the order they are made (as migration 0008 numbers old demo halls). */
export const demoStaffNo = (i: number): string => String(1001 + i);

export function demoStaffName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7 + 3) % GIVEN.length]}`;
}

/** A database that was seeded once, or has any account, is left alone. */
async function alreadySeeded(ctx: HallContext): Promise<boolean> {
  const db = ctx.db.drizzle;
  if ((await db.select().from(hallMeta).where(eq(hallMeta.key, 'seeded')).limit(1)).length > 0) return true;
  return (await db.select({ id: staff.id }).from(staff).limit(1)).length > 0;
}

function calendarYears(ctx: HallContext) {
  const calendarDir = join(ctx.config.resourcesDir, 'calendar');
  return readdirSync(calendarDir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => calendarYearSchema.parse(JSON.parse(readFileSync(join(calendarDir, f), 'utf8'))));
}

/**
 * First start of an empty database outside demo mode: the calendars, and one administrator `admin`
 * with a random password printed once to the log, to be changed at the first sign-in. The hall's own
 * catalogue is imported by that administrator (POST /api/v1/catalog/import). No demo account exists.
 */
export async function seedFirstAdmin(ctx: HallContext): Promise<boolean> {
  if (await alreadySeeded(ctx)) return false;
  const password = firstPassword();
  await inWork(ctx, systemActor, async (w) => {
    for (const y of calendarYears(ctx)) await putCalendarYear(w, y);
    await createStaff(w, { username: 'admin', name: '管理员', role: 'admin', zoneCodes: [], passwordHash: await hashPassword(password), mustChangePassword: true });
    await w.tx.insert(hallMeta).values({ key: 'seeded', value: { at: w.at.toISOString(), demo: false }, updatedAt: w.at });
  });
  // Printed once, here; never stored in clear. It stops working at the first sign-in's password change.
  ctx.log.warn(`first start: account "admin" created with the one-time password ${password} (change it at the first sign-in)`);
  return true;
}

/** Ten random characters of each class the password rule asks for. */
function firstPassword(): string {
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');
  return `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 4)}-${pick('abcdefghijkmnopqrstuvwxyz', 4)}-${pick('23456789', 4)}`;
}

/**
 * First start of an empty database in demo mode: the demo catalogue (through the foundation
 * importer, like any hall's own), every calendar year in resources/calendar, and the demo accounts —
 * admin, supervisor (all zones), clerk-<window> for every window and approver-<department> for every
 * department, all with DEMO_PASSWORD. Idempotent: a database that has any staff account is left alone.
 */
export async function seedDemoHall(ctx: HallContext): Promise<boolean> {
  if (await alreadySeeded(ctx)) return false;

  const catalogFile = join(ctx.config.resourcesDir, 'catalog', 'demo-hall.json');
  const imported = importCatalogJson(readFileSync(catalogFile, 'utf8'));
  if (!imported.ok) throw new Error(`the demo catalogue ${catalogFile} does not import: ${imported.error.message}`);
  const catalog = imported.value;

  const years = calendarYears(ctx);

  // One scrypt for every demo account: they share the demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const allZones = catalog.zones.map((z) => z.code);

  await inWork(ctx, systemActor, async (w) => {
    await replaceCatalog(w, catalog);
    for (const y of years) await putCalendarYear(w, y);
    let n = 0;
    await createStaff(w, { username: 'admin', name: demoStaffName(n), staffNo: demoStaffNo(n++), role: 'admin', zoneCodes: allZones, passwordHash });
    await createStaff(w, { username: 'supervisor', name: demoStaffName(n), staffNo: demoStaffNo(n++), role: 'supervisor', zoneCodes: allZones, passwordHash });
    for (const win of catalog.windows) {
      await createStaff(w, {
        username: `clerk-${win.code}`,
        name: demoStaffName(n),
        staffNo: demoStaffNo(n++),
        role: 'clerk',
        // A reception desk issues tickets for every zone; a counter clerk works in its window's zones.
        zoneCodes: win.kind === 'reception' ? allZones : win.zones.map((z) => z.zoneCode),
        homeWindowCode: win.code,
        passwordHash,
      });
    }
    // Windows take in, departments decide: one approver per department of the catalogue.
    for (const d of catalog.departments) {
      await createStaff(w, { username: `approver-${d.code}`, name: demoStaffName(n), staffNo: demoStaffNo(n++), role: 'approver', zoneCodes: [], departmentCodes: [d.code], passwordHash });
    }
    await w.tx.insert(hallMeta).values({ key: 'seeded', value: { at: w.at.toISOString(), demo: true, windows: catalog.windows.length }, updatedAt: w.at });
  });
  return true;
}

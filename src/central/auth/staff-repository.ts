import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { StaffView } from '../../contract/api';
import type { HallQueryable } from '../db/client';
import { sessions, staff } from '../db/schema';
import type { Work } from '../db/work';
import { HallError } from '../http/errors';
import { hashPassword } from './passwords';
import type { Role } from './guard';

export type StaffRow = typeof staff.$inferSelect;

export function staffView(s: StaffRow): StaffView {
  return {
    id: s.id,
    username: s.username,
    name: s.name,
    role: s.role,
    zoneCodes: s.zoneCodes,
    departmentCodes: s.departmentCodes,
    homeWindowCode: s.homeWindowCode,
    staffNo: s.staffNo,
    active: s.active,
    mustChangePassword: s.mustChangePassword,
  };
}

/** The staff record as it goes into the change log and audit: never the password hash. */
function publicRecord(s: StaffRow): StaffView {
  return staffView(s);
}

export async function findStaffByUsername(db: HallQueryable, username: string): Promise<StaffRow | null> {
  const rows = await db.select().from(staff).where(eq(staff.username, username)).limit(1);
  return rows[0] ?? null;
}

export async function findStaffById(db: HallQueryable, id: string): Promise<StaffRow | null> {
  const rows = await db.select().from(staff).where(eq(staff.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listStaff(db: HallQueryable): Promise<StaffRow[]> {
  return db.select().from(staff).orderBy(asc(staff.username));
}

export interface NewStaff {
  username: string;
  name: string;
  role: Role;
  zoneCodes: string[];
  departmentCodes?: string[];
  homeWindowCode?: string | null;
  staffNo?: string | null;
  password?: string;
  /** Already hashed (the demo seed hashes one password once for every account). */
  passwordHash?: string;
  mustChangePassword?: boolean;
}

export async function createStaff(w: Work, input: NewStaff): Promise<StaffRow> {
  if (await findStaffByUsername(w.tx, input.username)) {
    throw new HallError('USERNAME_TAKEN', `the username ${input.username} is taken`, { username: input.username });
  }
  if (input.staffNo) await staffNoFree(w.tx, input.staffNo, null);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? ''));
  const row: StaffRow = {
    id: ulid(w.at.getTime()),
    username: input.username,
    name: input.name,
    role: input.role,
    zoneCodes: input.zoneCodes,
    departmentCodes: input.departmentCodes ?? [],
    homeWindowCode: input.homeWindowCode ?? null,
    staffNo: input.staffNo ?? null,
    passwordHash,
    mustChangePassword: input.mustChangePassword ?? false,
    active: true,
    createdAt: w.at,
    updatedAt: w.at,
  };
  await w.tx.insert(staff).values(row);
  w.change({ entity: 'staff', id: row.id, op: 'upsert', event: 'staff.changed', data: publicRecord(row) });
  w.audit({ action: 'staff.create', entity: 'staff', entityId: row.id, before: null, after: publicRecord(row) });
  return row;
}

export interface StaffPatch {
  name?: string;
  role?: Role;
  zoneCodes?: string[];
  departmentCodes?: string[];
  homeWindowCode?: string | null;
  staffNo?: string | null;
  active?: boolean;
  password?: string;
}

/** One 工号, one person: 409 STAFF_NO_TAKEN otherwise. */
async function staffNoFree(db: HallQueryable, staffNo: string, self: string | null): Promise<void> {
  const [holder] = await db.select({ id: staff.id, username: staff.username }).from(staff).where(eq(staff.staffNo, staffNo)).limit(1);
  if (holder && holder.id !== self) throw new HallError('STAFF_NO_TAKEN', `the staff number ${staffNo} is taken`, { staffNo });
}

/**
 * `keepSession`: the token hash of the session making the change (changing your own password keeps
 * you signed in, and ends the must-change state). A password set by someone else (an administrator,
 * the command line) must be changed by its owner at the next sign-in.
 */
export async function updateStaff(w: Work, current: StaffRow, patch: StaffPatch, keepSession?: string): Promise<StaffRow> {
  const ownPassword = patch.password !== undefined && keepSession !== undefined;
  if (patch.staffNo) await staffNoFree(w.tx, patch.staffNo, current.id);
  const next: StaffRow = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.zoneCodes !== undefined ? { zoneCodes: patch.zoneCodes } : {}),
    ...(patch.departmentCodes !== undefined ? { departmentCodes: patch.departmentCodes } : {}),
    ...(patch.homeWindowCode !== undefined ? { homeWindowCode: patch.homeWindowCode } : {}),
    ...(patch.staffNo !== undefined ? { staffNo: patch.staffNo } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password), mustChangePassword: !ownPassword } : {}),
    updatedAt: w.at,
  };
  await w.tx
    .update(staff)
    .set({
      name: next.name,
      role: next.role,
      zoneCodes: next.zoneCodes,
      departmentCodes: next.departmentCodes,
      homeWindowCode: next.homeWindowCode,
      staffNo: next.staffNo,
      active: next.active,
      passwordHash: next.passwordHash,
      mustChangePassword: next.mustChangePassword,
      updatedAt: next.updatedAt,
    })
    .where(eq(staff.id, current.id));
  // A new password, a lost role or a closed account ends every open session of that person.
  if (patch.password !== undefined || patch.role !== undefined || patch.active === false || patch.zoneCodes !== undefined || patch.departmentCodes !== undefined) {
    const others = keepSession ? and(eq(sessions.staffId, current.id), ne(sessions.tokenHash, keepSession)) : eq(sessions.staffId, current.id);
    const endedReason = patch.password !== undefined && Object.keys(patch).length === 1 ? 'password-changed' : 'account-changed';
    await w.tx.update(sessions).set({ revokedAt: w.at, endedReason }).where(and(others, isNull(sessions.revokedAt)));
  }
  w.change({ entity: 'staff', id: next.id, op: 'upsert', event: 'staff.changed', data: publicRecord(next) });
  w.audit({
    action: patch.password !== undefined && Object.keys(patch).length === 1 ? 'staff.password' : 'staff.update',
    entity: 'staff',
    entityId: current.id,
    before: publicRecord(current),
    after: publicRecord(next),
  });
  return next;
}

import { and, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { LoginResponse, WindowRef } from '../../contract/api';
import type { HallContext } from '../context';
import { findWindow, type WindowInfo } from '../catalog/repository';
import { loginFailures, sessions, staff } from '../db/schema';
import { inWork } from '../db/work';
import { HallError } from '../http/errors';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { staffView, findStaffByUsername, type StaffRow } from './staff-repository';
import { hashToken, newToken } from './tokens';
import type { StaffAuth } from './guard';

export function windowRef(w: WindowInfo): WindowRef {
  return { code: w.code, name: w.name, kind: w.kind, zoneCodes: w.zoneCodes };
}

async function checkRateLimit(ctx: HallContext, username: string, address: string): Promise<void> {
  const { perUser, perAddress, windowMinutes } = ctx.config.loginLimit;
  const since = new Date(ctx.now().getTime() - windowMinutes * 60_000);
  const rows = await ctx.db.drizzle
    .select({
      byUser: sql<number>`count(*) filter (where ${loginFailures.username} = ${username})`,
      byAddress: sql<number>`count(*) filter (where ${loginFailures.address} = ${address})`,
    })
    .from(loginFailures)
    .where(gt(loginFailures.at, since));
  const byUser = Number(rows[0]?.byUser ?? 0);
  const byAddress = Number(rows[0]?.byAddress ?? 0);
  if (byUser >= perUser || byAddress >= perAddress) {
    throw new HallError('LOGIN_RATE_LIMITED', `too many failed sign-ins; wait ${windowMinutes} minutes or ask an administrator`, {
      retryAfterMinutes: windowMinutes,
    });
  }
}

async function recordFailure(ctx: HallContext, username: string, address: string, reason: string): Promise<void> {
  await inWork(ctx, { staffId: null, username, role: null, windowCode: null, address }, async (w) => {
    await w.tx.insert(loginFailures).values({ id: ulid(w.at.getTime()), username, address, at: w.at });
    // Failures older than the counting window no longer matter; keep the table small.
    const stale = new Date(w.at.getTime() - ctx.config.loginLimit.windowMinutes * 60_000);
    await w.tx.delete(loginFailures).where(lt(loginFailures.at, stale));
    w.audit({ action: 'auth.login-failed', entity: 'staff', entityId: username, after: { reason } });
  });
}

/** Which window a sign-in is for, and whether this person may work there. */
async function resolveLoginWindow(ctx: HallContext, s: StaffRow, windowCode: string | undefined): Promise<WindowInfo | null> {
  const code = windowCode ?? (s.role === 'clerk' ? s.homeWindowCode : null);
  if (!code) {
    if (s.role === 'clerk') throw new HallError('WINDOW_REQUIRED', 'a clerk signs in at a window: name the window');
    return null;
  }
  const window = await findWindow(ctx.db.drizzle, code);
  if (!window) throw new HallError('WINDOW_UNKNOWN', `the hall has no window ${code}`, { windowCode: code });
  const allowed =
    s.role === 'admin' ||
    s.homeWindowCode === window.code ||
    // 全员全科: a clerk may take any window of its zones.
    window.zoneCodes.some((z) => s.zoneCodes.includes(z));
  if (!allowed) throw new HallError('WINDOW_FORBIDDEN', `window ${window.code} serves none of your zones`, { windowCode: window.code });
  return window;
}

export async function login(
  ctx: HallContext,
  input: { username: string; password: string; windowCode?: string },
  address: string,
): Promise<LoginResponse> {
  await checkRateLimit(ctx, input.username, address);
  const s = await findStaffByUsername(ctx.db.drizzle, input.username);
  const good = await verifyPassword(input.password, s?.passwordHash ?? DUMMY_HASH);
  if (!s || !good || !s.active) {
    await recordFailure(ctx, input.username, address, !s ? 'unknown user' : !good ? 'wrong password' : 'account closed');
    throw new HallError('LOGIN_FAILED', 'wrong username or password');
  }
  const window = await resolveLoginWindow(ctx, s, input.windowCode);
  const token = newToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.sessionHours * 3_600_000);
  await inWork(ctx, { staffId: s.id, username: s.username, role: s.role, windowCode: window?.code ?? null, address }, async (w) => {
    if (window && s.role === 'clerk') {
      // One window, one clerk: the previous clerk's session at this window ends.
      const clerks = w.tx.select({ id: staff.id }).from(staff).where(eq(staff.role, 'clerk'));
      await w.tx
        .update(sessions)
        .set({ revokedAt: w.at })
        .where(and(eq(sessions.windowCode, window.code), isNull(sessions.revokedAt), inArray(sessions.staffId, clerks)));
    }
    await w.tx.insert(sessions).values({ tokenHash, staffId: s.id, windowCode: window?.code ?? null, address, createdAt: w.at, expiresAt });
    await w.tx.delete(loginFailures).where(eq(loginFailures.username, s.username));
    if (window) {
      w.change({
        entity: 'window-state',
        id: window.code,
        op: 'upsert',
        event: 'window.signed-in',
        data: { windowCode: window.code, staff: { id: s.id, name: s.name, username: s.username } },
      });
    }
    w.audit({ action: 'auth.login', entity: 'staff', entityId: s.id, after: { windowCode: window?.code ?? null } });
  });
  // The previous clerk's session at this window has ended.
  if (window && s.role === 'clerk') ctx.sessions.forgetAll();
  return { token, expiresAt: expiresAt.toISOString(), staff: staffView(s), window: window ? windowRef(window) : null };
}

export async function logout(ctx: HallContext, auth: StaffAuth, address: string | null): Promise<void> {
  await inWork(ctx, { staffId: auth.staffId, username: auth.username, role: auth.role, windowCode: auth.windowCode, address }, async (w) => {
    await w.tx.update(sessions).set({ revokedAt: w.at }).where(eq(sessions.tokenHash, auth.tokenHash));
    if (auth.windowCode) {
      // Another session may still be open at the window (a supervisor helping out); say who is left.
      const left = await w.tx
        .select({ id: staff.id })
        .from(sessions)
        .innerJoin(staff, eq(staff.id, sessions.staffId))
        .where(and(eq(sessions.windowCode, auth.windowCode), isNull(sessions.revokedAt), gt(sessions.expiresAt, w.at), ne(sessions.tokenHash, auth.tokenHash)))
        .limit(1);
      if (left.length === 0) {
        w.change({ entity: 'window-state', id: auth.windowCode, op: 'upsert', event: 'window.signed-out', data: { windowCode: auth.windowCode, staff: null } });
      }
    }
    w.audit({ action: 'auth.logout', entity: 'staff', entityId: auth.staffId, before: { windowCode: auth.windowCode } });
  });
  ctx.sessions.forgetAll();
}

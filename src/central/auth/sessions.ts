import type { FastifyRequest } from 'fastify';
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { LoginResponse, WindowRef } from '../../contract/api';
import type { HallContext } from '../context';
import { findWindow, type WindowInfo } from '../catalog/repository';
import { sessions, staff } from '../db/schema';
import { inWork } from '../db/work';
import { HallError } from '../http/errors';
import { stationOfRequest } from '../stations/registry';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { staffView, findStaffByUsername, type StaffRow } from './staff-repository';
import { claimSignInAttempt, clearSignInAttempts } from './throttle';
import { hashToken, newToken } from './tokens';
import type { StaffAuth } from './guard';

export function windowRef(w: WindowInfo): WindowRef {
  return { code: w.code, name: w.name, kind: w.kind, zoneCodes: w.zoneCodes };
}

/**
 * Which window a sign-in is for, and whether this person may work there. A clerk always has one
 * (its home window when the login names none), any window of its zones (全员全科); a supervisor
 * optionally, within its zones; an administrator anywhere; approvers and integration accounts never:
 * they work on cases, not at a counter.
 */
async function resolveLoginWindow(ctx: HallContext, s: StaffRow, windowCode: string | undefined): Promise<WindowInfo | null> {
  if (s.role === 'approver' || s.role === 'portal') {
    if (windowCode) throw new HallError('WINDOW_FORBIDDEN', `the ${s.role} role does not sign in at a window`, { windowCode });
    return null;
  }
  const code = windowCode ?? (s.role === 'clerk' ? s.homeWindowCode : null);
  if (!code) {
    if (s.role === 'clerk') throw new HallError('WINDOW_REQUIRED', 'a clerk signs in at a window: name the window');
    return null;
  }
  const window = await findWindow(ctx.db.drizzle, code);
  if (!window) throw new HallError('WINDOW_UNKNOWN', `the hall has no window ${code}`, { windowCode: code });
  const allowed = s.role === 'admin' || s.homeWindowCode === window.code || window.zoneCodes.some((z) => s.zoneCodes.includes(z));
  if (!allowed) throw new HallError('WINDOW_FORBIDDEN', `window ${window.code} serves none of your zones`, { windowCode: window.code });
  return window;
}

/**
 * Sign in. The attempt is claimed (auth/throttle.ts) before the password is looked at, so guesses
 * are slowed down per user and address without ever locking the account. A sign-in from a station
 * (X-Station-Key) binds the session to that station: only such a session pushes and pulls its cases.
 */
export async function login(ctx: HallContext, input: { username: string; password: string; windowCode?: string }, request: FastifyRequest): Promise<LoginResponse> {
  const address = request.ip;
  await claimSignInAttempt(ctx, input.username, address);
  const s = await findStaffByUsername(ctx.db.drizzle, input.username);
  const good = await verifyPassword(input.password, s?.passwordHash ?? DUMMY_HASH);
  if (!s || !good || !s.active) {
    await inWork(ctx, { staffId: null, username: input.username, role: null, windowCode: null, address }, async (w) => {
      w.audit({ action: 'auth.login-failed', entity: 'staff', entityId: input.username, after: { reason: !s ? 'unknown user' : !good ? 'wrong password' : 'account closed' } });
    });
    throw new HallError('LOGIN_FAILED', 'wrong username or password');
  }
  await clearSignInAttempts(ctx, input.username, address);
  const window = await resolveLoginWindow(ctx, s, input.windowCode);
  // A station that is not approved yet may still sign its clerk in (the queue works); it syncs once approved.
  const station = await stationOfRequest(ctx, request);
  const token = newToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.sessionHours * 3_600_000);
  await inWork(ctx, { staffId: s.id, username: s.username, role: s.role, windowCode: window?.code ?? null, address }, async (w) => {
    if (window && s.role === 'clerk') {
      // One window, one clerk: the previous clerk's session at this window ends, and its station says why.
      const clerks = w.tx.select({ id: staff.id }).from(staff).where(eq(staff.role, 'clerk'));
      await w.tx
        .update(sessions)
        .set({ revokedAt: w.at, endedReason: 'taken-over' })
        .where(and(eq(sessions.windowCode, window.code), isNull(sessions.revokedAt), inArray(sessions.staffId, clerks)));
    }
    await w.tx.insert(sessions).values({
      tokenHash,
      staffId: s.id,
      windowCode: window?.code ?? null,
      stationId: station?.id ?? null,
      address,
      createdAt: w.at,
      expiresAt,
      lastSeenAt: w.at,
    });
    if (window) {
      w.change({
        entity: 'window-state',
        id: window.code,
        op: 'upsert',
        event: 'window.signed-in',
        data: { windowCode: window.code, staff: { id: s.id, name: s.name, username: s.username } },
      });
    }
    w.audit({ action: 'auth.login', entity: 'staff', entityId: s.id, after: { windowCode: window?.code ?? null, stationId: station?.id ?? null } });
  });
  // The previous clerk's session at this window has ended.
  if (window && s.role === 'clerk') ctx.sessions.forgetAll();
  return { token, expiresAt: expiresAt.toISOString(), staff: staffView(s), window: window ? windowRef(window) : null };
}

export async function logout(ctx: HallContext, auth: StaffAuth, address: string | null): Promise<void> {
  if (auth.via !== 'session') throw new HallError('NOT_A_SESSION', 'an API key is revoked by an administrator, not signed out');
  await inWork(ctx, { staffId: auth.staffId, username: auth.username, role: auth.role, windowCode: auth.windowCode, address }, async (w) => {
    await w.tx.update(sessions).set({ revokedAt: w.at, endedReason: 'signed-out' }).where(eq(sessions.tokenHash, auth.tokenHash));
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

import { and, eq, isNull } from 'drizzle-orm';
import { ulid } from 'ulid';
import { centralApi } from '../../contract/api';
import { findWindow } from '../catalog/repository';
import { apiKeys } from '../db/schema';
import { actorOf, inWork } from '../db/work';
import { HallError } from '../http/errors';
import { created, hallModule, noContent, route } from '../http/route';
import { verifyPassword } from './passwords';
import { checkPasswordRule } from './password-rule';
import { login, logout, windowRef } from './sessions';
import { createStaff, findStaffById, findStaffByUsername, listStaff, staffView, updateStaff, type StaffRow } from './staff-repository';
import { hashToken, newApiKey } from './tokens';

const TAG = 'auth';

export const authModule = hallModule('auth', () => [
  route(centralApi.login, TAG, async ({ ctx, body, request }) => login(ctx, body, request)),
  route(centralApi.logout, TAG, async ({ ctx, auth, permit, request }) => {
    permit.require({ staffId: auth.staffId });
    await logout(ctx, auth, request.ip);
    return noContent();
  }),
  route(centralApi.me, TAG, async ({ ctx, auth, permit }) => {
    permit.require({ staffId: auth.staffId });
    const s = await findStaffById(ctx.db.drizzle, auth.staffId);
    if (!s) throw new HallError('UNAUTHENTICATED', 'the account no longer exists');
    const window = auth.windowCode ? await findWindow(ctx.db.drizzle, auth.windowCode) : null;
    return { staff: staffView(s), window: window ? windowRef(window) : null };
  }),
  route(centralApi.changePassword, TAG, async ({ ctx, auth, permit, body, request }) => {
    permit.require({ staffId: auth.staffId });
    const s = await findStaffById(ctx.db.drizzle, auth.staffId);
    if (!s || !(await verifyPassword(body.currentPassword, s.passwordHash))) {
      throw new HallError('FORBIDDEN', 'the current password is not right');
    }
    if (body.newPassword === body.currentPassword) throw new HallError('PASSWORD_UNCHANGED', 'the new password must differ from the current one');
    checkPasswordRule(body.newPassword, s.username);
    await inWork(ctx, actorOf(auth, request), (w) => updateStaff(w, s, { password: body.newPassword }, auth.tokenHash));
    ctx.sessions.forgetAll();
    return noContent();
  }),
]);

async function requireStaff(db: Parameters<typeof findStaffByUsername>[0], username: string): Promise<StaffRow> {
  const s = await findStaffByUsername(db, username);
  if (!s) throw new HallError('STAFF_NOT_FOUND', `no staff account ${username}`, { username });
  return s;
}

export const staffModule = hallModule('staff', () => [
  route(centralApi.listStaff, 'staff', async ({ ctx }) => {
    return { staff: (await listStaff(ctx.db.drizzle)).map(staffView) };
  }),
  route(centralApi.createStaff, 'staff', async ({ ctx, auth, body, request }) => {
    if (body.homeWindowCode && !(await findWindow(ctx.db.drizzle, body.homeWindowCode))) {
      throw new HallError('WINDOW_UNKNOWN', `the hall has no window ${body.homeWindowCode}`, { windowCode: body.homeWindowCode });
    }
    checkPasswordRule(body.password, body.username);
    // The administrator chose this password: its owner replaces it at the first sign-in (in demo mode
    // every account shares the published demo password anyway, and tests sign in straight away).
    const row = await inWork(ctx, actorOf(auth, request), (w) => createStaff(w, { ...body, mustChangePassword: !ctx.config.demo }));
    return created(staffView(row));
  }),
  route(centralApi.updateStaff, 'staff', async ({ ctx, auth, params, body, request }) => {
    const current = await requireStaff(ctx.db.drizzle, params.username);
    if (body.homeWindowCode && !(await findWindow(ctx.db.drizzle, body.homeWindowCode))) {
      throw new HallError('WINDOW_UNKNOWN', `the hall has no window ${body.homeWindowCode}`, { windowCode: body.homeWindowCode });
    }
    if (body.password !== undefined) checkPasswordRule(body.password, current.username);
    const row = await inWork(ctx, actorOf(auth, request), (w) => updateStaff(w, current, body));
    // Sessions may have ended, and the zones or role that open ones act with may have changed.
    ctx.sessions.forgetAll();
    return staffView(row);
  }),

  route(centralApi.createApiKey, 'staff', async ({ ctx, auth, params, body, request }) => {
    const owner = await requireStaff(ctx.db.drizzle, params.username);
    // Keys are for integration accounts: a person signs in, and their session times out.
    if (owner.role !== 'portal') throw new HallError('API_KEY_NOT_FOR_ROLE', `API keys are for integration (portal) accounts, not for a ${owner.role}`, { role: owner.role });
    const key = newApiKey();
    const row = await inWork(ctx, actorOf(auth, request), async (w) => {
      const r = { id: ulid(w.at.getTime()), staffId: owner.id, keyHash: hashToken(key), label: body.label, createdAt: w.at, createdBy: auth.username, revokedAt: null, lastUsedAt: null };
      await w.tx.insert(apiKeys).values(r);
      w.audit({ action: 'api-key.create', entity: 'staff', entityId: owner.id, after: { keyId: r.id, label: r.label } });
      return r;
    });
    return created({ id: row.id, label: row.label, createdAt: row.createdAt.toISOString(), revokedAt: null, lastUsedAt: null, key });
  }),
  route(centralApi.revokeApiKey, 'staff', async ({ ctx, auth, params, request }) => {
    const owner = await requireStaff(ctx.db.drizzle, params.username);
    await inWork(ctx, actorOf(auth, request), async (w) => {
      const done = await w.tx
        .update(apiKeys)
        .set({ revokedAt: w.at })
        .where(and(eq(apiKeys.id, params.id), eq(apiKeys.staffId, owner.id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      if (done.length === 0) throw new HallError('API_KEY_NOT_FOUND', `no active key ${params.id} of ${params.username}`, { id: params.id });
      w.audit({ action: 'api-key.revoke', entity: 'staff', entityId: owner.id, after: { keyId: params.id } });
    });
    ctx.sessions.forgetAll();
    return noContent();
  }),
]);

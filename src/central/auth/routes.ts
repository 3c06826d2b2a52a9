import { centralApi } from '../../contract/api';
import { findWindow } from '../catalog/repository';
import { actorOf, inWork } from '../db/work';
import { HallError } from '../http/errors';
import { created, hallModule, noContent, route } from '../http/route';
import { verifyPassword } from './passwords';
import { login, logout, windowRef } from './sessions';
import { createStaff, findStaffById, findStaffByUsername, listStaff, staffView, updateStaff } from './staff-repository';

const TAG = 'auth';

export const authModule = hallModule('auth', () => [
  route(centralApi.login, TAG, async ({ ctx, body, request }) => login(ctx, body, request.ip)),
  route(centralApi.logout, TAG, async ({ ctx, auth, request }) => {
    await logout(ctx, auth, request.ip);
    return noContent();
  }),
  route(centralApi.me, TAG, async ({ ctx, auth }) => {
    const s = await findStaffById(ctx.db.drizzle, auth.staffId);
    if (!s) throw new HallError('UNAUTHENTICATED', 'the account no longer exists');
    const window = auth.windowCode ? await findWindow(ctx.db.drizzle, auth.windowCode) : null;
    return { staff: staffView(s), window: window ? windowRef(window) : null };
  }),
  route(centralApi.changePassword, TAG, async ({ ctx, auth, body, request }) => {
    const s = await findStaffById(ctx.db.drizzle, auth.staffId);
    if (!s || !(await verifyPassword(body.currentPassword, s.passwordHash))) {
      throw new HallError('FORBIDDEN', 'the current password is not right');
    }
    await inWork(ctx, actorOf(auth, request), (w) => updateStaff(w, s, { password: body.newPassword }, auth.tokenHash));
    ctx.sessions.forgetAll();
    return noContent();
  }),
]);

export const staffModule = hallModule('staff', () => [
  route(centralApi.listStaff, 'staff', async ({ ctx }) => ({ staff: (await listStaff(ctx.db.drizzle)).map(staffView) })),
  route(centralApi.createStaff, 'staff', async ({ ctx, auth, body, request }) => {
    if (body.homeWindowCode && !(await findWindow(ctx.db.drizzle, body.homeWindowCode))) {
      throw new HallError('WINDOW_UNKNOWN', `the hall has no window ${body.homeWindowCode}`, { windowCode: body.homeWindowCode });
    }
    const row = await inWork(ctx, actorOf(auth, request), (w) => createStaff(w, body));
    return created(staffView(row));
  }),
  route(centralApi.updateStaff, 'staff', async ({ ctx, auth, params, body, request }) => {
    const current = await findStaffByUsername(ctx.db.drizzle, params.username);
    if (!current) throw new HallError('STAFF_NOT_FOUND', `no staff account ${params.username}`, { username: params.username });
    if (body.homeWindowCode && !(await findWindow(ctx.db.drizzle, body.homeWindowCode))) {
      throw new HallError('WINDOW_UNKNOWN', `the hall has no window ${body.homeWindowCode}`, { windowCode: body.homeWindowCode });
    }
    const row = await inWork(ctx, actorOf(auth, request), (w) => updateStaff(w, current, body));
    // Sessions may have ended, and the zones or role that open ones act with may have changed.
    ctx.sessions.forgetAll();
    return staffView(row);
  }),
]);

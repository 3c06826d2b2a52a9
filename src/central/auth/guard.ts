import type { FastifyRequest } from 'fastify';
import type { Access } from '../../contract/api';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { HallContext } from '../context';
import { sessions, staff } from '../db/schema';
import { HallError } from '../http/errors';
import { hashToken } from './tokens';

export type Role = 'clerk' | 'supervisor' | 'admin';

/** Who may call a route: anyone, any signed-in staff member, or at least this role. */
export type { Access };

export interface StaffAuth {
  staffId: string;
  username: string;
  name: string;
  role: Role;
  zoneCodes: string[];
  /** The window this session signed in to (a clerk always has one). */
  windowCode: string | null;
  tokenHash: string;
}

const rank: Record<Role, number> = { clerk: 1, supervisor: 2, admin: 3 };

export function atLeast(auth: StaffAuth, role: Role): boolean {
  return rank[auth.role] >= rank[role];
}

function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
    if (m?.[1]) return m[1];
  }
  // EventSource in a browser cannot send headers; the SSE route also takes ?access_token=.
  const q = (request.query ?? {}) as Record<string, unknown>;
  if (typeof q.access_token === 'string' && q.access_token.length > 0) return q.access_token;
  return null;
}

/** The session behind the request's token, or null when there is no token. A bad token is a 401. */
export async function authenticate(ctx: HallContext, request: FastifyRequest): Promise<StaffAuth | null> {
  const token = bearerToken(request);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const now = ctx.now();
  const cached = ctx.sessions.get(tokenHash, now);
  if (cached) return cached;
  const ticket = ctx.sessions.ticket();
  const rows = await ctx.db.drizzle
    .select({
      staffId: staff.id,
      username: staff.username,
      name: staff.name,
      role: staff.role,
      zoneCodes: staff.zoneCodes,
      windowCode: sessions.windowCode,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(staff.active, true)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new HallError('UNAUTHENTICATED', 'the session has ended or the token is not valid; sign in again');
  const { expiresAt, ...who } = row;
  const auth = { ...who, tokenHash };
  ctx.sessions.set(ticket, auth, expiresAt);
  return auth;
}

export function requireRole(access: Access, auth: StaffAuth | null): void {
  if (access === 'public') return;
  if (!auth) throw new HallError('UNAUTHENTICATED', 'sign in first (Authorization: Bearer <token>)');
  if (access === 'staff') return;
  if (!atLeast(auth, access)) {
    throw new HallError('ROLE_FORBIDDEN', `this needs the ${access} role; you are signed in as ${auth.role}`, { need: access, role: auth.role });
  }
}

/**
 * Whether this person may act at this window: a clerk only at the window it signed in to; a
 * supervisor at any window serving one of its zones; an administrator anywhere.
 */
export function mayActAtWindow(auth: StaffAuth, window: { code: string; zoneCodes: string[] }): boolean {
  if (auth.role === 'admin') return true;
  if (auth.role === 'supervisor') return window.zoneCodes.some((z) => auth.zoneCodes.includes(z));
  return auth.windowCode === window.code;
}

export function requireWindowAccess(auth: StaffAuth, window: { code: string; zoneCodes: string[] }): void {
  if (mayActAtWindow(auth, window)) return;
  if (auth.role === 'clerk') {
    throw new HallError('WINDOW_FORBIDDEN', `you are signed in at window ${auth.windowCode ?? '(none)'}, not ${window.code}`, {
      signedInAt: auth.windowCode,
      window: window.code,
    });
  }
  throw new HallError('ZONE_FORBIDDEN', `window ${window.code} serves none of your zones`, { window: window.code });
}

export function mayActInZone(auth: StaffAuth, zoneCode: string): boolean {
  return auth.role === 'admin' || auth.zoneCodes.includes(zoneCode);
}

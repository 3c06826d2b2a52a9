import type { FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import type { HallContext } from '../context';
import { apiKeys, sessions, staff } from '../db/schema';
import { HallError } from '../http/errors';
import type { Principal, Role } from './policy';
import { hashToken, isApiKey } from './tokens';

export type { Role };

/** The signed-in caller: who, in which role and scope, through which credential. */
export interface StaffAuth extends Principal {
  name: string;
  /** sha256 of the session token or API key (the session's key in the database). */
  tokenHash: string;
  /** A session (a person signed in) or a long-lived API key (an integration account). */
  via: 'session' | 'api-key';
  /** The account must choose a new password before anything else (a first admin, a reset). */
  mustChangePassword: boolean;
  /** When the session began (null for an API key): work dated before it was recorded in another sitting. */
  since: Date | null;
}

/** Why a session no longer works, for the station to tell the clerk (sessions.ended_reason). */
export type SessionEnd = 'signed-out' | 'taken-over' | 'password-changed' | 'account-changed' | 'revoked' | 'station-revoked' | 'expired' | 'idle';

/**
 * The credential of a request: `Authorization: Bearer <token>` only. Tokens in a URL end up in
 * proxy logs and browser history; the one exception is the live feed, because a browser's
 * EventSource cannot send headers (`?access_token=`, allowed by the route that asks for it).
 */
function bearerToken(request: FastifyRequest, allowQueryToken: boolean): string | null {
  const h = request.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
    if (m?.[1]) return m[1];
  }
  if (allowQueryToken) {
    const q = (request.query ?? {}) as Record<string, unknown>;
    if (typeof q.access_token === 'string' && q.access_token.length > 0) return q.access_token;
  }
  return null;
}

/** How often a session's last use is written (idle timeout bookkeeping): not on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The caller behind the request's credential, or null when there is none. A credential that does
 * not (or no longer) work is a 401: `SESSION_ENDED` with the reason where the session is known, so a
 * station can tell its clerk why (another clerk took the window, the password changed, idle too long).
 */
export async function authenticate(ctx: HallContext, request: FastifyRequest, opts: { allowQueryToken?: boolean } = {}): Promise<StaffAuth | null> {
  const token = bearerToken(request, opts.allowQueryToken ?? false);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const now = ctx.now();
  const idleMs = ctx.config.idleMinutes * 60_000;
  const cached = ctx.sessions.get(tokenHash, now, idleMs);
  if (cached) {
    if (cached.auth.via === 'session' && now.getTime() - cached.seenAt.getTime() > TOUCH_EVERY_MS) await touch(ctx, tokenHash, now);
    return cached.auth;
  }
  const ticket = ctx.sessions.ticket();
  const found = isApiKey(token) ? await byApiKey(ctx, tokenHash, now) : await bySession(ctx, tokenHash, now);
  ctx.sessions.set(ticket, found.auth, found.until, found.seenAt);
  return found.auth;
}

/** The session was used now: the idle timeout starts again (written at most once a minute). */
async function touch(ctx: HallContext, tokenHash: string, now: Date): Promise<void> {
  await ctx.db.drizzle.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  ctx.sessions.touched(tokenHash, now);
}

const staffColumns = {
  staffId: staff.id,
  username: staff.username,
  name: staff.name,
  role: staff.role,
  zoneCodes: staff.zoneCodes,
  departmentCodes: staff.departmentCodes,
  active: staff.active,
  mustChangePassword: staff.mustChangePassword,
};

async function bySession(ctx: HallContext, tokenHash: string, now: Date): Promise<{ auth: StaffAuth; until: Date; seenAt: Date }> {
  const rows = await ctx.db.drizzle
    .select({
      ...staffColumns,
      windowCode: sessions.windowCode,
      stationId: sessions.stationId,
      since: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      endedReason: sessions.endedReason,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  const row = rows[0];
  if (!row) throw new HallError('UNAUTHENTICATED', 'the token is not valid; sign in again');
  const idleMs = ctx.config.idleMinutes * 60_000;
  const ended: SessionEnd | null = row.revokedAt
    ? ((row.endedReason as SessionEnd | null) ?? 'revoked')
    : !row.active
      ? 'account-changed'
      : row.expiresAt <= now
        ? 'expired'
        : now.getTime() - row.lastSeenAt.getTime() > idleMs
          ? 'idle'
          : null;
  if (ended) throw sessionEnded(ended);
  let seenAt = row.lastSeenAt;
  if (now.getTime() - seenAt.getTime() > TOUCH_EVERY_MS) {
    await ctx.db.drizzle.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
    seenAt = now;
  }
  const { expiresAt, revokedAt: _r, endedReason: _e, lastSeenAt: _l, active: _a, ...who } = row;
  return { auth: { ...who, role: who.role as Role, tokenHash, via: 'session' }, until: expiresAt, seenAt };
}

async function byApiKey(ctx: HallContext, tokenHash: string, now: Date): Promise<{ auth: StaffAuth; until: Date; seenAt: Date }> {
  const rows = await ctx.db.drizzle
    .select({ ...staffColumns, keyId: apiKeys.id })
    .from(apiKeys)
    .innerJoin(staff, eq(staff.id, apiKeys.staffId))
    .where(and(eq(apiKeys.keyHash, tokenHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  const row = rows[0];
  if (!row || !row.active) throw new HallError('UNAUTHENTICATED', 'the API key is not valid (revoked or unknown)');
  await ctx.db.drizzle.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.keyId));
  const { keyId: _k, active: _a, ...who } = row;
  // An integration account has no idle timeout: it is trusted until the cache forgets it.
  const forever = new Date(8.64e15);
  return { auth: { ...who, role: who.role as Role, windowCode: null, stationId: null, since: null, tokenHash, via: 'api-key' }, until: forever, seenAt: forever };
}

const endMessages: Record<SessionEnd, string> = {
  'signed-out': 'this session was signed out',
  'taken-over': 'another person signed in at this window; this session has ended',
  'password-changed': 'the password was changed; sign in with the new one',
  'account-changed': 'the account was changed or closed by an administrator',
  revoked: 'this session was ended by an administrator',
  'station-revoked': 'an administrator took this PC out of service; sign in from an approved PC',
  expired: 'the session has expired; sign in again',
  idle: 'the session ended after a long time without use; sign in again',
};

export function sessionEnded(reason: SessionEnd): HallError {
  return new HallError('SESSION_ENDED', endMessages[reason], { reason });
}

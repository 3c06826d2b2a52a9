import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { StationView } from '../../contract/api';
import { hashToken } from '../auth/tokens';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { sessions, stations } from '../db/schema';
import { inWork, type Work } from '../db/work';
import type { Actor } from '../audit/writer';
import { HallError } from '../http/errors';

export type StationRow = typeof stations.$inferSelect;

/** The header a station proves itself with: the secret it made when it registered. */
export const STATION_KEY_HEADER = 'x-station-key';

/**
 * A station as administrators see it. Never its pairing code: the administrator must read that off
 * the PC's own screen, which is what proves the registration came from the PC in front of them.
 */
export function stationView(r: StationRow): StationView {
  return {
    id: r.id,
    label: r.label,
    windowCode: r.windowCode,
    status: r.status,
    address: r.address,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
  };
}

const pairingCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * A station registers with a secret it made itself (at least 32 characters; only its sha256 is
 * kept). A new id waits for an administrator (status `pending`, showing its pairing code), unless the
 * hall runs in demo mode, where stations approve themselves so `npm run web` syncs at once. A known
 * id registers again only with its own secret (an answer to a lost reply), or after it was revoked:
 * nobody takes over another PC's cases by naming its id.
 */
export async function registerStation(
  ctx: HallContext,
  actor: Actor,
  input: { stationId: string; key: string; label: string; windowCode?: string | null | undefined },
): Promise<{ row: StationRow; created: boolean }> {
  const keyHash = hashToken(input.key);
  return inWork(ctx, actor, async (w) => {
    const known = (await w.tx.select().from(stations).where(eq(stations.id, input.stationId)).for('update').limit(1))[0];
    if (known && known.keyHash === keyHash) return { row: known, created: false };
    // A key is one PC's: another station id with the same key is a copied data folder, or a forgery.
    const sameKey = (await w.tx.select({ id: stations.id }).from(stations).where(eq(stations.keyHash, keyHash)).limit(1))[0];
    if (sameKey) throw new HallError('STATION_KEY_TAKEN', 'this key already belongs to another station: a PC makes its own key', { stationId: input.stationId });
    if (known && known.status !== 'revoked' && !ctx.config.demo) {
      throw new HallError('STATION_ID_TAKEN', `station ${input.stationId} is already registered with another key; an administrator must revoke it first`, {
        stationId: input.stationId,
      });
    }
    const row: StationRow = {
      id: input.stationId,
      label: input.label,
      windowCode: input.windowCode ?? null,
      keyHash,
      pairingCode: pairingCode(),
      status: ctx.config.demo ? 'approved' : 'pending',
      address: actor.address,
      createdAt: w.at,
      decidedAt: ctx.config.demo ? w.at : null,
      decidedBy: ctx.config.demo ? 'demo' : null,
      lastSeenAt: w.at,
    };
    if (known) await w.tx.update(stations).set(row).where(eq(stations.id, row.id));
    else await w.tx.insert(stations).values(row);
    w.audit({ action: known ? 'station.re-register' : 'station.register', entity: 'station', entityId: row.id, before: known ? stationView(known) : null, after: stationView(row) });
    ctx.stations.clear();
    return { row, created: true };
  });
}

async function decide(ctx: HallContext, actor: Actor, id: string, fn: (w: Work, row: StationRow) => Promise<Partial<StationRow>>): Promise<StationRow> {
  const out = await inWork(ctx, actor, async (w) => {
    const row = (await w.tx.select().from(stations).where(eq(stations.id, id)).for('update').limit(1))[0];
    if (!row) throw new HallError('STATION_NOT_FOUND', `no station ${id} has registered`, { stationId: id });
    const set = { ...(await fn(w, row)), decidedAt: w.at, decidedBy: actor.username };
    await w.tx.update(stations).set(set).where(eq(stations.id, id));
    const after = { ...row, ...set };
    w.audit({ action: `station.${set.status}`, entity: 'station', entityId: id, before: stationView(row), after: stationView(after) });
    return after;
  });
  ctx.stations.clear();
  return out;
}

/** An administrator approves a waiting station by the code it shows on its screen. */
export function approveStation(ctx: HallContext, actor: Actor, id: string, code: string): Promise<StationRow> {
  return decide(ctx, actor, id, async (_w, row) => {
    if (row.status !== 'pending') throw new HallError('STATION_NOT_PENDING', `station ${id} is ${row.status}, not waiting for approval`, { status: row.status });
    if (row.pairingCode !== code) throw new HallError('STATION_CODE_MISMATCH', `the code does not match the one station ${id} shows`, { stationId: id });
    return { status: 'approved' };
  });
}

/** A PC taken out of service (stolen, replaced, sent for repair): whoever is signed in there is signed out. */
export async function revokeStation(ctx: HallContext, actor: Actor, id: string): Promise<StationRow> {
  const row = await decide(ctx, actor, id, async (w) => {
    await w.tx.update(sessions).set({ revokedAt: w.at, endedReason: 'station-revoked' }).where(and(eq(sessions.stationId, id), isNull(sessions.revokedAt)));
    return { status: 'revoked' };
  });
  ctx.sessions.forgetAll();
  return row;
}

export async function listStations(db: HallQueryable): Promise<StationRow[]> {
  return db.select().from(stations).orderBy(desc(stations.createdAt));
}

/**
 * The station behind a request's X-Station-Key, or null when it sends none. An unknown key is a
 * 401; a known one is answered with its row, whatever its status (the caller decides what a pending
 * or revoked station may do).
 */
export async function stationOfRequest(ctx: HallContext, request: FastifyRequest): Promise<StationRow | null> {
  const h = request.headers[STATION_KEY_HEADER];
  const key = Array.isArray(h) ? h[0] : h;
  if (!key) return null;
  const row = await ctx.stations.find(ctx.db.drizzle, hashToken(key));
  if (!row) throw new HallError('STATION_UNKNOWN', 'this station is not registered with the hall (or its key is wrong)');
  return row;
}

/** Stations by key hash: every push, pull and sign-in of a station names its key. */
export class StationCache {
  private readonly cache = new LRUCache<string, StationRow>({ max: 2_000, ttl: 5_000 });
  private generation = 0;

  async find(db: HallQueryable, keyHash: string): Promise<StationRow | null> {
    const hit = this.cache.get(keyHash);
    if (hit) return hit;
    const before = this.generation;
    const row = (await db.select().from(stations).where(eq(stations.keyHash, keyHash)).limit(1))[0] ?? null;
    if (row && before === this.generation) this.cache.set(keyHash, row);
    return row;
  }

  clear(): void {
    this.generation++;
    this.cache.clear();
  }
}

/** The approved station of a request, or STATION_NOT_APPROVED / STATION_REQUIRED. */
export async function requireApprovedStation(ctx: HallContext, request: FastifyRequest): Promise<StationRow> {
  const row = await stationOfRequest(ctx, request);
  if (!row) throw new HallError('STATION_REQUIRED', 'this is done from a registered station (X-Station-Key)');
  if (row.status !== 'approved') {
    throw new HallError('STATION_NOT_APPROVED', row.status === 'pending' ? `station ${row.id} waits for an administrator to approve it (code ${row.pairingCode})` : `station ${row.id} was revoked`, {
      stationId: row.id,
      status: row.status,
    });
  }
  return row;
}

import { LRUCache } from 'lru-cache';
import type { StaffAuth } from './guard';

/**
 * How long a looked-up session is trusted without asking the database again. Every command of
 * every window is authenticated; at a busy hall that was one query in three. A session ended on
 * THIS instance is forgotten at once (sign-out, a clerk taking the window over, a staff change);
 * one ended on another instance sharing the database stops working here within this time.
 */
export const SESSION_CACHE_MS = 5_000;

interface Cached {
  auth: Omit<StaffAuth, 'tokenHash'>;
  /** The session's end (its hours), by the hall's clock. */
  expiresAt: Date;
  /** Its last use as the database has it (the idle timeout counts from here). */
  seenAt: Date;
}

export class SessionCache {
  private readonly cache = new LRUCache<string, Cached>({ max: 10_000, ttl: SESSION_CACHE_MS });
  /** Bumped by every forget: a look-up that started before it must not store what it read. */
  private generation = 0;

  /** The cached session, unless it has ended or idled out by the hall's clock. */
  get(tokenHash: string, now: Date, idleMs: number): { auth: StaffAuth; seenAt: Date } | undefined {
    const c = this.cache.get(tokenHash);
    if (!c) return undefined;
    if (c.expiresAt <= now || now.getTime() - c.seenAt.getTime() > idleMs) {
      this.cache.delete(tokenHash);
      return undefined;
    }
    return { auth: { ...c.auth, tokenHash }, seenAt: c.seenAt };
  }

  /** Take a ticket before reading the database; store with it afterwards. */
  ticket(): number {
    return this.generation;
  }

  set(ticket: number, auth: StaffAuth, expiresAt: Date, seenAt: Date): void {
    // Something was forgotten while we read: what we read may be what was forgotten.
    if (ticket !== this.generation) return;
    const { tokenHash, ...rest } = auth;
    this.cache.set(tokenHash, { auth: rest, expiresAt, seenAt });
  }

  /** The session was used and its last use written to the database. */
  touched(tokenHash: string, at: Date): void {
    const c = this.cache.get(tokenHash);
    if (c) c.seenAt = at;
  }

  /** Sessions or staff changed (called after the commit): ask the database again from now on. */
  forgetAll(): void {
    this.generation++;
    this.cache.clear();
  }
}

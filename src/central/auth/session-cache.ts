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
  expiresAt: Date;
}

export class SessionCache {
  private readonly cache = new LRUCache<string, Cached>({ max: 10_000, ttl: SESSION_CACHE_MS });
  /** Bumped by every forget: a look-up that started before it must not store what it read. */
  private generation = 0;

  /** The cached session, unless it has expired by the hall's clock. */
  get(tokenHash: string, now: Date): StaffAuth | undefined {
    const c = this.cache.get(tokenHash);
    if (!c) return undefined;
    if (c.expiresAt <= now) {
      this.cache.delete(tokenHash);
      return undefined;
    }
    return { ...c.auth, tokenHash };
  }

  /** Take a ticket before reading the database; store with it afterwards. */
  ticket(): number {
    return this.generation;
  }

  set(ticket: number, auth: StaffAuth, expiresAt: Date): void {
    // Something was forgotten while we read: what we read may be what was forgotten.
    if (ticket !== this.generation) return;
    const { tokenHash, ...rest } = auth;
    this.cache.set(tokenHash, { auth: rest, expiresAt });
  }

  /** Sessions or staff changed (called after the commit): ask the database again from now on. */
  forgetAll(): void {
    this.generation++;
    this.cache.clear();
  }
}

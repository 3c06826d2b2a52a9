import { LRUCache } from 'lru-cache';
import type { HallQueryable } from '../db/client';
import { findWindow, type WindowInfo } from './repository';

/**
 * Windows by code, for the queue commands that name one on every call (call next, pause …). The
 * catalogue changes a few times a year; a catalogue import on this instance clears the cache at once,
 * one on another instance sharing the database is seen here within the TTL.
 */
export class WindowCache {
  private readonly cache = new LRUCache<string, WindowInfo>({ max: 1_000, ttl: 5_000 });
  private generation = 0;

  async find(db: HallQueryable, code: string): Promise<WindowInfo | null> {
    const hit = this.cache.get(code);
    if (hit) return hit;
    const before = this.generation;
    const w = await findWindow(db, code);
    if (w && before === this.generation) this.cache.set(code, w);
    return w;
  }

  /** After a catalogue import commits. */
  clear(): void {
    this.generation++;
    this.cache.clear();
  }
}

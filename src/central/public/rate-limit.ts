import { HallError } from '../http/errors';

/**
 * Requests per address on the citizens' pages and feeds: a fixed one-minute window per address, in
 * memory. A public page is a cheap read, so the limit only has to stop one address walking through
 * case numbers or flooding the hall; each hall instance counting its own share is good enough, and
 * nothing a citizen does needs the database to remember it.
 */
export class PublicRateLimit {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly perMinute: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request from `address`, or throws PUBLIC_RATE_LIMITED (429 with Retry-After). */
  claim(address: string): void {
    const now = this.now();
    const minute = now - (now % 60_000);
    const h = this.hits.get(address);
    if (!h || h.windowStart !== minute) {
      // Forget the last minute's addresses once in a while, so the map stays as small as the traffic.
      if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.windowStart !== minute) this.hits.delete(k);
      this.hits.set(address, { windowStart: minute, count: 1 });
      return;
    }
    h.count++;
    if (h.count > this.perMinute()) {
      const retryAfterSeconds = Math.max(1, Math.ceil((minute + 60_000 - now) / 1000));
      throw new HallError('PUBLIC_RATE_LIMITED', `too many requests from this address; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }
}

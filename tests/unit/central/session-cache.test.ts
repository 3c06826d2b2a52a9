import { describe, expect, it } from 'vitest';
import type { StaffAuth } from '../../../src/central/auth/guard';
import { SessionCache } from '../../../src/central/auth/session-cache';

const clerk: StaffAuth = { staffId: 's1', username: 'clerk-A1', name: '张三', role: 'clerk', zoneCodes: ['A'], windowCode: 'A1', tokenHash: 'h1' };
const at = (iso: string) => new Date(iso);

describe('the hall server’s session cache', () => {
  it('answers a looked-up session until it expires by the hall’s clock', () => {
    const cache = new SessionCache();
    cache.set(cache.ticket(), clerk, at('2026-11-30T10:00:00Z'));
    expect(cache.get('h1', at('2026-11-30T09:59:59Z'))).toEqual(clerk);
    expect(cache.get('h1', at('2026-11-30T10:00:00Z'))).toBeUndefined();
    // Expired is forgotten, not revived by an earlier clock.
    expect(cache.get('h1', at('2026-11-30T09:00:00Z'))).toBeUndefined();
  });

  it('forgets everything at once when sessions or staff change', () => {
    const cache = new SessionCache();
    cache.set(cache.ticket(), clerk, at('2026-11-30T10:00:00Z'));
    cache.forgetAll();
    expect(cache.get('h1', at('2026-11-30T09:00:00Z'))).toBeUndefined();
  });

  it('does not keep what a look-up read before a sign-out that finished while it was reading', () => {
    const cache = new SessionCache();
    const ticket = cache.ticket(); // the look-up starts and asks the database …
    cache.forgetAll(); // … meanwhile the session ends (sign-out commits) …
    cache.set(ticket, clerk, at('2026-11-30T10:00:00Z')); // … and the stale answer arrives.
    expect(cache.get('h1', at('2026-11-30T09:00:00Z'))).toBeUndefined();
  });
});

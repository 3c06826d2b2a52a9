import { describe, expect, it } from 'vitest';
import type { StaffAuth } from '../../../src/central/auth/guard';
import { SessionCache } from '../../../src/central/auth/session-cache';

const clerk: StaffAuth = {
  staffId: 's1',
  username: 'clerk-A1',
  name: '张三',
  role: 'clerk',
  zoneCodes: ['A'],
  departmentCodes: [],
  windowCode: 'A1',
  stationId: 'A1-pc',
  tokenHash: 'h1',
  via: 'session',
  mustChangePassword: false,
  since: new Date('2026-11-30T08:00:00Z'),
};
const at = (iso: string) => new Date(iso);
const IDLE = 30 * 60_000;
const SEEN = at('2026-11-30T09:00:00Z');

describe('the hall server’s session cache', () => {
  it('answers a looked-up session until it expires by the hall’s clock', () => {
    const cache = new SessionCache();
    cache.set(cache.ticket(), clerk, at('2026-11-30T10:00:00Z'), at('2026-11-30T09:50:00Z'));
    expect(cache.get('h1', at('2026-11-30T09:59:59Z'), IDLE)?.auth).toEqual(clerk);
    expect(cache.get('h1', at('2026-11-30T10:00:00Z'), IDLE)).toBeUndefined();
    // Expired is forgotten, not revived by an earlier clock.
    expect(cache.get('h1', at('2026-11-30T09:55:00Z'), IDLE)).toBeUndefined();
  });

  it('stops answering a session unused for longer than the idle time, and starts the count again when it is used', () => {
    const cache = new SessionCache();
    cache.set(cache.ticket(), clerk, at('2026-11-30T20:00:00Z'), SEEN);
    expect(cache.get('h1', at('2026-11-30T09:29:00Z'), IDLE)).toBeDefined();
    cache.touched('h1', at('2026-11-30T09:29:00Z'));
    expect(cache.get('h1', at('2026-11-30T09:58:00Z'), IDLE)?.seenAt).toEqual(at('2026-11-30T09:29:00Z'));
    expect(cache.get('h1', at('2026-11-30T10:00:00Z'), IDLE)).toBeUndefined();
  });

  it('forgets everything at once when sessions or staff change', () => {
    const cache = new SessionCache();
    cache.set(cache.ticket(), clerk, at('2026-11-30T10:00:00Z'), SEEN);
    cache.forgetAll();
    expect(cache.get('h1', at('2026-11-30T09:00:00Z'), IDLE)).toBeUndefined();
  });

  it('does not keep what a look-up read before a sign-out that finished while it was reading', () => {
    const cache = new SessionCache();
    const ticket = cache.ticket(); // the look-up starts and asks the database …
    cache.forgetAll(); // … meanwhile the session ends (sign-out commits) …
    cache.set(ticket, clerk, at('2026-11-30T10:00:00Z'), SEEN); // … and the stale answer arrives.
    expect(cache.get('h1', at('2026-11-30T09:00:00Z'), IDLE)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Session, StationEvent } from '../contract/station-api';
import { Pad, padTicketExpiry } from './pad';
import type { PadTicketRow } from './store';

describe('how long a finished ticket waits on the pad', () => {
  it('waits ten minutes after the finish', () => {
    expect(padTicketExpiry(new Date('2026-12-08T02:00:00Z')).toISOString()).toBe('2026-12-08T02:10:00.000Z');
  });

  it('never into the next day in the hall (Asia/Shanghai)', () => {
    // 23:55 in Shanghai: gone at midnight there, not at 00:05.
    expect(padTicketExpiry(new Date('2026-12-08T15:55:00Z')).toISOString()).toBe('2026-12-08T16:00:00.000Z');
  });
});

describe('the pad after a restart', () => {
  const session = (staffId: string, windowCode: string): Session => ({
    staff: { id: staffId, username: staffId, name: '张三', role: 'clerk', departmentCodes: [] },
    window: { code: windowCode, name: `${windowCode}窗口`, kind: 'counter', zoneCodes: ['A'] },
    hall: { name: '政务服务大厅' },
    offline: false,
  });
  function padWith(kept: PadTicketRow | null, now: Date) {
    let row = kept;
    let current: Session | null = null;
    const events: StationEvent[] = [];
    const pad = new Pad({
      session: () => current,
      emit: (e) => events.push(e),
      store: { get: () => row, put: (t) => void (row = t), clear: () => void (row = null) },
      now: () => now,
    });
    return { pad, signIn: (s: Session | null) => ((current = s), pad.sessionChanged(s)), kept: () => row };
  }
  const kept: PadTicketRow = { ticketId: 'T1', number: 'A001', windowCode: 'A3', staffId: 's1', offeredAt: '2026-12-08T02:00:00.000Z' };

  it('shows the kept ticket to the clerk who served it at that window, and to nobody else', () => {
    const p = padWith(kept, new Date('2026-12-08T02:05:00Z'));
    expect(p.pad.state()).toMatchObject({ mode: 'idle', ticket: null });
    p.signIn(session('s1', 'A3'));
    expect(p.pad.state()).toMatchObject({ mode: 'rate', ticket: { id: 'T1', number: 'A001' } });
    p.signIn(session('s2', 'A3'));
    expect(p.pad.state()).toMatchObject({ mode: 'idle', ticket: null });
    expect(p.kept()).toBeNull();
    p.pad.close();
  });

  it('forgets an expired ticket when it starts', () => {
    const p = padWith(kept, new Date('2026-12-08T02:10:00Z'));
    expect(p.kept()).toBeNull();
    p.signIn(session('s1', 'A3'));
    expect(p.pad.offered()).toBeNull();
    p.pad.close();
  });
});

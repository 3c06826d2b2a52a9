import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultQueuePolicy, type WaitingTicket } from './queue-policy';
import { ticketsAhead } from './queue-position';

const t = (id: string, over: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id,
  number: id,
  zoneCode: 'A',
  matterCode: null,
  priority: 'normal',
  queuedAt: `2026-12-07T01:00:0${id.slice(-1)}.000Z`,
  front: false,
  windowCode: null,
  ...over,
});

describe('how many wait ahead of a ticket (the slip QR page)', () => {
  it('counts the tickets of its zone queued before it', () => {
    const q = [t('A1'), t('A2'), t('A3'), t('B4', { zoneCode: 'B' })];
    expect(q.map((x) => ticketsAhead(q, x, defaultQueuePolicy))).toEqual([0, 1, 2, 0]);
  });

  it('puts a green-channel ticket and one sent to the front ahead, as the queue calls them', () => {
    const q = [t('A1'), t('A2'), t('A3', { priority: 'green' }), t('A4', { front: true })];
    expect(ticketsAhead(q, q[0]!, defaultQueuePolicy)).toBe(2);
    expect(ticketsAhead(q, q[2]!, defaultQueuePolicy)).toBe(0);
  });

  it('leaves out tickets waiting for one window', () => {
    const q = [t('A1', { windowCode: 'A3' }), t('A2')];
    expect(ticketsAhead(q, q[1]!, defaultQueuePolicy)).toBe(0);
  });

  it('gives every waiting ticket of a zone its own place, 0 to n-1', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ priority: fc.constantFrom('normal', 'green', 'appointment' as const), front: fc.boolean() }), { minLength: 1, maxLength: 12 }), (spec) => {
        const q = spec.map((s, i) => t(`A${i}`, { ...s, priority: s.priority as WaitingTicket['priority'], queuedAt: new Date(Date.UTC(2026, 11, 7, 1, 0, i)).toISOString() }));
        const places = q.map((x) => ticketsAhead(q, x, defaultQueuePolicy)).sort((a, b) => a - b);
        expect(places).toEqual(q.map((_, i) => i));
      }),
    );
  });
});

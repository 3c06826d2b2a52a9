import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/contract/queue';
import { waitingLine } from '../../../src/station/queue-view';

const t = (number: string, over: Partial<Ticket> = {}): Ticket => ({
  id: number,
  number,
  zoneCode: number[0]!,
  matterCode: null,
  priority: 'normal',
  status: 'waiting',
  windowCode: null,
  front: false,
  recallCount: 0,
  idNumberMasked: null,
  issuedAt: '2026-12-07T01:00:00Z',
  queuedAt: '2026-12-07T01:00:00Z',
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  noShowAt: null,
  day: '2026-12-07',
  ...over,
});

describe('the waiting line a PC shows', () => {
  const tickets = [t('A001'), t('B001', { windowCode: 'A2' }), t('A002', { windowCode: 'A3' }), t('C001'), t('A003', { status: 'called', windowCode: 'A1' })];

  it('at a window: its zones’ unassigned tickets and the ones sent to it', () => {
    expect(waitingLine(tickets, { code: 'A2', zoneCodes: ['A'] }).map((x) => x.number)).toEqual(['A001', 'B001']);
  });

  it('on the supervisor’s PC: every waiting ticket, a reassigned one still there to move again', () => {
    expect(waitingLine(tickets, null).map((x) => x.number)).toEqual(['A001', 'B001', 'A002', 'C001']);
  });
});

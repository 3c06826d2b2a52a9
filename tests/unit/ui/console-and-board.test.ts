import { describe, expect, it } from 'vitest';
import type { Ticket, WindowView, ZoneView } from '../../../src/contract/queue';
import { hallTotals, hourRows, windowsByZone, windowTone, zoneFloor, reassignWindows } from '../../../src/ui/board';
import { materialOverdue } from '../../../src/ui/case-view';
import { availableCommands, finishSteps, primaryCommand, withCalled } from '../../../src/ui/console-commands';
import { connectionTone } from '../../../src/ui/status';

const ticket = (status: Ticket['status']): Ticket => ({
  id: 't',
  number: 'A012',
  zoneCode: 'A',
  matterCode: null,
  priority: 'normal',
  status,
  windowCode: 'A3',
  front: false,
  recallCount: 0,
  idNumberMasked: null,
  issuedAt: '2026-11-28T01:00:00Z',
  queuedAt: '2026-11-28T01:00:00Z',
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  noShowAt: null,
  day: '2026-11-28',
});

const win = (over: Partial<WindowView>): WindowView => ({
  code: 'A3',
  name: 'A3窗口',
  kind: 'counter',
  zoneCodes: ['A'],
  state: 'idle',
  pauseReason: null,
  staff: null,
  current: null,
  servedToday: 0,
  ...over,
});

describe('which queue buttons the clerk can press', () => {
  it('lets an idle window call, nothing else', () => {
    const can = availableCommands({ live: true, window: win({}) });
    expect(can).toEqual({ call: true, recall: false, noShow: false, transfer: false, start: false, finish: false });
    expect(primaryCommand({ live: true, window: win({}) })).toBe('call');
  });

  it('after a call: recall, no-show, transfer or start, but no second call', () => {
    const view = { live: true, window: win({ state: 'calling', current: ticket('called') }) };
    expect(availableCommands(view)).toEqual({ call: false, recall: true, noShow: true, transfer: true, start: true, finish: false });
    expect(primaryCommand(view)).toBe('start');
  });

  it('while serving: finish or transfer', () => {
    const view = { live: true, window: win({ state: 'serving', current: ticket('serving') }) };
    expect(availableCommands(view)).toMatchObject({ call: false, finish: true, transfer: true, start: false });
    expect(primaryCommand(view)).toBe('finish');
  });

  it('calls again once the last ticket is finished', () => {
    expect(availableCommands({ live: true, window: win({ current: ticket('finished') }) }).call).toBe(true);
  });

  it('offers nothing from the queue while the hall server is away', () => {
    const can = availableCommands({ live: false, window: win({ state: 'serving', current: ticket('serving') }) });
    expect(Object.values(can).every((v) => v === false)).toBe(true);
  });

  it('does not call while the window is paused', () => {
    expect(availableCommands({ live: true, window: win({ state: 'paused', pauseReason: '午休' }) }).call).toBe(false);
  });
});

describe('the supervisor board', () => {
  const zone = (code: string, total: number, longest: number, served: number): ZoneView => ({
    code,
    name: code,
    waiting: { normal: total, appointment: 0, green: 0, total },
    longestWaitSeconds: longest,
    servedToday: served,
    averageWaitSeconds: 0,
    averageServiceSeconds: 0,
  });

  it('adds up the hall and names the zone with the longest wait', () => {
    expect(hallTotals({ zones: [zone('A', 14, 1920, 100), zone('C', 9, 2460, 50)] })).toEqual({ waiting: 23, longest: 2460, longestZone: 'C', served: 150 });
  });

  it('lists each counter window once, under the first zone it serves, and leaves reception desks out', () => {
    const groups = windowsByZone({
      zones: [zone('A', 0, 0, 0), zone('B', 0, 0, 0)],
      windows: [win({ code: 'A1', zoneCodes: ['A', 'B'] }), win({ code: 'B1', zoneCodes: ['B'] }), win({ code: 'R1', kind: 'reception', zoneCodes: ['A'] })],
    });
    expect(groups.get('A')!.map((w) => w.code)).toEqual(['A1']);
    expect(groups.get('B')!.map((w) => w.code)).toEqual(['B1']);
  });

  it('counts the windows that can call in each zone: signed in and not paused, a shared window in each of its zones', () => {
    const view = {
      zones: [zone('A', 3, 0, 0), zone('G', 4, 0, 0)],
      windows: [
        win({ code: 'A1', zoneCodes: ['A', 'G'], state: 'idle' }),
        win({ code: 'G1', zoneCodes: ['G'], state: 'paused' }),
        win({ code: 'G2', zoneCodes: ['G'], state: 'signed-out' }),
        win({ code: 'R1', kind: 'reception', zoneCodes: ['G'], state: 'idle' }),
      ],
    };
    expect(zoneFloor(view, 'A')).toEqual({ waiting: 3, open: 1, noOpenWindow: false });
    expect(zoneFloor(view, 'G')).toEqual({ waiting: 4, open: 1, noOpenWindow: false });
    const closed = { ...view, windows: view.windows.filter((w) => w.code !== 'A1') };
    expect(zoneFloor(closed, 'G')).toEqual({ waiting: 4, open: 0, noOpenWindow: true });
    expect(zoneFloor(closed, 'Z')).toBeNull();
  });

  it('offers reassignment targets that can call soonest first, unstaffed windows last, reception desks never', () => {
    const order = reassignWindows([
      win({ code: 'A4', state: 'signed-out' }),
      win({ code: 'A3', state: 'paused' }),
      win({ code: 'A2', state: 'serving' }),
      win({ code: 'A1', state: 'idle' }),
      win({ code: 'R1', kind: 'reception', state: 'idle' }),
    ]);
    expect(order.map((w) => w.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('colours windows by what they do: green idle, blue serving, orange paused, grey signed out', () => {
    expect(['idle', 'serving', 'calling', 'paused', 'signed-out'].map((state) => windowTone({ state: state as WindowView['state'] }))).toEqual(['ok', 'serving', 'serving', 'warn', 'muted']);
  });
});

describe('status colours', () => {
  const station = { stationId: 'A1-pc', status: 'approved', pairingCode: null } as const;
  const sync = { connection: 'online', station, pending: 0, rejected: 0, drainTotal: 0, lastSuccessAt: null, lastError: null, offlineSince: null, cursor: 0, warnings: [] } as const;
  it('is red when this page lost the station, whatever the last sync state said', () => {
    expect(connectionTone({ ...sync, warnings: [] }, true)).toBe('error');
  });
  it('is orange when records were rejected, blue while syncing, red offline', () => {
    expect(connectionTone({ ...sync, warnings: [], rejected: 1 }, false)).toBe('warn');
    expect(connectionTone({ ...sync, warnings: [], connection: 'syncing', pending: 3, drainTotal: 5 }, false)).toBe('serving');
    // A routine run with nothing to push does not make the header blink.
    expect(connectionTone({ ...sync, warnings: [], connection: 'syncing' }, false)).toBe('ok');
    expect(connectionTone({ ...sync, warnings: [], connection: 'offline' }, false)).toBe('error');
    expect(connectionTone({ ...sync, warnings: [] }, false)).toBe('ok');
  });
});

describe('deferred materials in the case detail', () => {
  it('is overdue the day after its due date, not on it, and never once supplied', () => {
    expect(materialOverdue({ dueDate: '2026-12-02', receipt: 'missing', receivedAt: null }, '2026-12-02')).toBe(false);
    expect(materialOverdue({ dueDate: '2026-12-02', receipt: 'missing', receivedAt: null }, '2026-12-03')).toBe(true);
    expect(materialOverdue({ dueDate: '2026-12-02', receipt: 'original', receivedAt: '2026-12-03T01:00:00Z' }, '2026-12-09')).toBe(false);
    expect(materialOverdue({ dueDate: null, receipt: 'missing', receivedAt: null }, '2026-12-09')).toBe(false);
  });
});

describe('the waiting-time chart', () => {
  it('shows every opening hour, quiet ones as zero, and early or late hours that had tickets', () => {
    const rows = hourRows([
      { hour: 13, averageWaitSeconds: 600, issued: 12 },
      { hour: 19, averageWaitSeconds: 60, issued: 1 },
    ]);
    expect(rows.map((r) => r.hour)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(rows.find((r) => r.hour === 13)).toEqual({ hour: 13, averageWaitSeconds: 600, issued: 12 });
    expect(rows.find((r) => r.hour === 9)).toEqual({ hour: 9, averageWaitSeconds: 0, issued: 0 });
  });
});

describe('the console right after a call', () => {
  it('shows the called ticket at the counter and takes it out of the waiting line before the view is fetched again', () => {
    const waiting = [{ ...ticket('waiting'), id: 't', windowCode: null }, { ...ticket('waiting'), id: 'u', number: 'A013', windowCode: null }];
    const before = { window: win({}), waiting, counts: { normal: 2, appointment: 0, green: 0, longestWaitSeconds: 60 }, live: true, at: '2026-11-28T01:02:00Z' };
    const after = withCalled(before, ticket('called'));
    expect(after.window?.current?.number).toBe('A012');
    expect(after.waiting.map((t) => t.id)).toEqual(['u']);
    expect(after.counts.normal).toBe(1);
    expect(availableCommands(after)).toMatchObject({ call: false, start: true, recall: true });
    expect(before.window.current).toBeNull();
  });
});

describe('下一位 and Shift+F6 end the service at the hall', () => {
  it('finishes a ticket being served, starts and finishes one only called, and leaves an idle window alone', () => {
    expect(finishSteps('serving')).toEqual(['finish']);
    expect(finishSteps('called')).toEqual(['start', 'finish']);
    expect(finishSteps(undefined)).toEqual([]);
    expect(finishSteps('finished')).toEqual([]);
  });
});

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DisplaySettings } from '../../contract/api-public';
import { localDateInShanghai } from '../../domain/local-date';
import type { HallContext } from '../context';
import { changeLogReader, type ChangeRow } from '../events/change-log';
import { lastEventId, openSseStream } from '../events/sse';
import { displayCall, readDisplayNames, readDisplaySettings, waitingByZone, type DisplayNames } from './display-data';
import { coalesceWindows, DisplayBatch, ScreenStream, type DisplayEvent, type ScreenFilter } from './display-fanout';

export type { DisplayEvent } from './display-fanout';

type Listener = (batch: DisplayBatch) => void;

/**
 * How long the hub gathers change-log rows before it tells the screens: one flush of this many
 * milliseconds' rows is one write per screen and at most one count of the waiting, however many
 * commands the windows sent meanwhile. A call still reaches the wall well inside its 2 s.
 */
export const DISPLAY_FLUSH_MS = 500;
const SCREENS_PER_TURN = 50;

const WINDOW_STATE: Record<string, 'open' | 'paused' | 'closed'> = {
  'window.paused': 'paused',
  'window.resumed': 'open',
  'window.signed-in': 'open',
  'window.signed-out': 'closed',
};

/**
 * The public feed of the hall's screens, separate from the staff feed: one subscriber to the change
 * feed per hall instance, however many screens watch. Every DISPLAY_FLUSH_MS it turns the rows that
 * came in into `call`, `recall` and `window` events with public fields only (one window event per
 * window), and if they moved tickets it counts the waiting once and adds a `zone` event for each
 * zone whose count changed. The events are serialized once per flush (DisplayBatch) and each screen
 * is written the same text: no screen costs a query, a serialization or a filter of its own.
 */
export class DisplayHub {
  private readonly listeners = new Set<Listener>();
  private names: DisplayNames | null = null;
  private settings: { value: DisplaySettings; at: number } | null = null;
  private readonly waiting = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private pending: ChangeRow[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: HallContext) {}

  subscribe(listener: Listener): () => void {
    this.unsubscribe ??= this.ctx.feed.subscribe((rows) => {
      this.pending.push(...rows);
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.chain = this.chain.then(() => this.flush()).catch((err) => this.ctx.log.warn({ err }, 'the display feed could not read a change'));
      }, DISPLAY_FLUSH_MS);
      this.timer.unref();
    });
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.unsubscribe) {
        this.unsubscribe();
        this.unsubscribe = null;
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.pending = [];
      }
    };
  }

  async currentNames(): Promise<DisplayNames> {
    return (this.names ??= await readDisplayNames(this.ctx.db.drizzle));
  }

  /** Read again after 30 s: another hall instance may have changed them. */
  async currentSettings(): Promise<DisplaySettings> {
    if (!this.settings || Date.now() - this.settings.at > 30_000) this.settings = { value: await readDisplaySettings(this.ctx.db.drizzle), at: Date.now() };
    return this.settings.value;
  }

  /** A setting was changed on this instance (PUT /api/v1/display/settings). */
  forgetSettings(): void {
    this.settings = null;
  }

  /** The public events of some change-log rows (live, or replayed for a screen that reconnects). */
  async eventsOf(rows: ChangeRow[]): Promise<DisplayEvent[]> {
    const out: DisplayEvent[] = [];
    for (const r of rows) {
      if (r.event === 'catalog.changed') this.names = null;
      if (r.event === 'ticket.called' || r.event === 'ticket.recalled') {
        const t = r.data as { number: string; windowCode: string | null; zoneCode: string; calledAt: string | null; recallCount: number } | null;
        if (!t) continue;
        const call = displayCall(await this.currentNames(), await this.currentSettings(), t);
        if (call) out.push({ seq: r.seq, type: r.event === 'ticket.called' ? 'call' : 'recall', zones: [call.zoneCode], data: call });
      } else if (r.entity === 'ticket' && r.data && typeof (r.data as { windowCode?: unknown }).windowCode === 'string') {
        // A ticket started, finished, sent on …: the window's own screen reads itself again.
        const names = await this.currentNames();
        const code = (r.data as { windowCode: string }).windowCode;
        out.push({ seq: r.seq, type: 'window', zones: names.windowZones.get(code) ?? [], data: { code, name: names.windowName.get(code) ?? code } });
      } else if (r.event in WINDOW_STATE) {
        const names = await this.currentNames();
        out.push({ seq: r.seq, type: 'window', zones: names.windowZones.get(r.id) ?? [], data: { code: r.id, name: names.windowName.get(r.id) ?? r.id, state: WINDOW_STATE[r.event] } });
      }
    }
    return out;
  }

  /**
   * `zone` events for the zones whose waiting count is not what the screens were last told, or
   * (`all`, for one screen back from a cut) every zone's; only what every screen was told is kept,
   * so a count read for one screen never keeps a change from the others.
   */
  async zoneEvents(seq: number, all = false): Promise<DisplayEvent[]> {
    const zones = await waitingByZone(this.ctx.db.drizzle, localDateInShanghai(this.ctx.now()), await this.currentNames());
    const out: DisplayEvent[] = [];
    for (const z of zones) {
      if (all || this.waiting.get(z.code) !== z.waiting) out.push({ seq, type: 'zone', zones: [z.code], data: z });
      if (!all) this.waiting.set(z.code, z.waiting);
    }
    return out;
  }

  private async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    const events = coalesceWindows(await this.eventsOf(rows));
    if (rows.some((r) => r.entity === 'ticket')) events.push(...(await this.zoneEvents(rows[rows.length - 1]!.seq)));
    if (events.length === 0 || this.listeners.size === 0) return;
    const batch = new DisplayBatch(events);
    // A few dozen screens at a time, the clerks' requests served in between: 500 socket writes in
    // one go would hold every command waiting behind them.
    const screens = [...this.listeners];
    for (let i = 0; i < screens.length; i += SCREENS_PER_TURN) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (const l of screens.slice(i, i + SCREENS_PER_TURN)) if (this.listeners.has(l)) l(batch);
    }
  }
}

/** At most this many change-log rows are replayed to a screen that comes back; it reloads its state anyway. */
const REPLAY_PAGE = 500;
const REPLAY_PAGES = 10;


/**
 * The public feed as SSE (`event: call|recall|window|zone`, `id: <seq>`). Like the staff feed it
 * subscribes first, replays the log after Last-Event-ID, then flushes what arrived meanwhile, so a
 * screen cut off for a while misses no call; it ends the replay with every zone's count. A screen
 * that stops reading is dropped once SCREEN_BUFFER_LIMIT bytes wait for it (it comes back and replays).
 */
export async function streamDisplay(ctx: HallContext, hub: DisplayHub, request: FastifyRequest, reply: FastifyReply, filter: ScreenFilter, fromQuery: number | undefined): Promise<void> {
  const resumeFrom = lastEventId(request, fromQuery);
  const raw = reply.raw;
  const screen = new ScreenStream(
    {
      // Nothing is written to a screen that went away (the replay may still be reading when it goes).
      write: (chunk) => !stream.closed && raw.write(chunk),
      get writableLength() {
        return raw.writableLength;
      },
      destroy: () => raw.destroy(),
    },
    filter,
    resumeFrom ?? ctx.feed.position,
    (waiting) => request.log.info({ waiting }, 'a hall screen stopped reading its feed; dropped (it reconnects and replays)'),
  );
  const unsubscribe = hub.subscribe((batch) => screen.deliver(batch));
  const stream = openSseStream(ctx, request, reply, screen.position, unsubscribe);
  try {
    if (resumeFrom !== null) {
      for (let page = 0; page < REPLAY_PAGES; page++) {
        const rows = await changeLogReader.readAfter(ctx.db.drizzle, screen.position, REPLAY_PAGE);
        screen.send(coalesceWindows(await hub.eventsOf(rows)));
        // Rows this screen does not show still move it on.
        if (rows.length > 0) screen.skipTo(rows[rows.length - 1]!.seq);
        if (rows.length < REPLAY_PAGE || stream.closed) break;
      }
      // The counts as they stand now, whatever happened while the screen was away.
      screen.send(await hub.zoneEvents(screen.position, true), true);
    }
  } catch (err) {
    request.log.warn({ err }, 'replaying the change log for a hall screen failed');
    stream.close();
    raw.end();
    return;
  }
  screen.live();
}

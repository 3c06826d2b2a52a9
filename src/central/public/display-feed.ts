import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DisplaySettings } from '../../contract/api-public';
import { localDateInShanghai } from '../../domain/local-date';
import type { HallContext } from '../context';
import { changeLogReader, type ChangeRow } from '../events/change-log';
import { lastEventId, openSseStream } from '../events/sse';
import { displayCall, readDisplayNames, readDisplaySettings, waitingByZone, type DisplayNames } from './display-data';

/** One event of the public feed: what the hall's screens show, public fields only. */
export interface DisplayEvent {
  seq: number;
  type: 'call' | 'recall' | 'window' | 'zone';
  /** The zones it concerns (a screen for zones A,B gets only theirs). */
  zones: string[];
  data: unknown;
}

type Listener = (events: DisplayEvent[]) => void;

const WINDOW_STATE: Record<string, 'open' | 'paused' | 'closed'> = {
  'window.paused': 'paused',
  'window.resumed': 'open',
  'window.signed-in': 'open',
  'window.signed-out': 'closed',
};

/**
 * The public feed of the hall's screens, separate from the staff feed: one subscriber to the change
 * feed per hall instance, however many screens watch. It turns ticket and window rows into `call`,
 * `recall` and `window` events with public fields only, and after a batch that moved tickets it
 * counts the waiting once and sends a `zone` event for each zone whose count changed. Screens get
 * the events; none of them costs a query of its own.
 */
export class DisplayHub {
  private readonly listeners = new Set<Listener>();
  private names: DisplayNames | null = null;
  private settings: { value: DisplaySettings; at: number } | null = null;
  private readonly waiting = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly ctx: HallContext) {}

  subscribe(listener: Listener): () => void {
    this.unsubscribe ??= this.ctx.feed.subscribe((rows) => {
      this.chain = this.chain.then(() => this.onRows(rows)).catch((err) => this.ctx.log.warn({ err }, 'the display feed could not read a change'));
    });
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.unsubscribe) {
        this.unsubscribe();
        this.unsubscribe = null;
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

  /** `zone` events for the zones whose waiting count is not what the screens were last told. */
  async zoneEvents(seq: number, all = false): Promise<DisplayEvent[]> {
    const zones = await waitingByZone(this.ctx.db.drizzle, localDateInShanghai(this.ctx.now()), await this.currentNames());
    const out: DisplayEvent[] = [];
    for (const z of zones) {
      if (all || this.waiting.get(z.code) !== z.waiting) out.push({ seq, type: 'zone', zones: [z.code], data: z });
      this.waiting.set(z.code, z.waiting);
    }
    return out;
  }

  private async onRows(rows: ChangeRow[]): Promise<void> {
    if (rows.length === 0) return;
    const events = await this.eventsOf(rows);
    if (rows.some((r) => r.entity === 'ticket')) events.push(...(await this.zoneEvents(rows[rows.length - 1]!.seq)));
    if (events.length === 0) return;
    for (const l of this.listeners) l(events);
  }
}

/** At most this many change-log rows are replayed to a screen that comes back; it reloads its state anyway. */
const REPLAY_PAGE = 500;
const REPLAY_PAGES = 10;


/**
 * The public feed as SSE (`event: call|recall|window|zone`, `id: <seq>`). Like the staff feed it
 * subscribes first, replays the log after Last-Event-ID, then flushes what arrived meanwhile, so a
 * screen cut off for a while misses no call; it ends the replay with every zone's count.
 */
export async function streamDisplay(ctx: HallContext, hub: DisplayHub, request: FastifyRequest, reply: FastifyReply, zones: Set<string> | null, fromQuery: number | undefined): Promise<void> {
  const resumeFrom = lastEventId(request, fromQuery);
  let lastSent = resumeFrom ?? ctx.feed.position;
  let replaying = true;
  const buffer: DisplayEvent[] = [];
  const raw = reply.raw;
  const wanted = (e: DisplayEvent) => !zones || e.zones.some((z) => zones.has(z));

  const send = (events: DisplayEvent[], force = false) => {
    if (stream.closed) return;
    let out = '';
    for (const e of events) {
      if ((!force && e.seq <= lastSent) || !wanted(e)) continue;
      out += `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
      lastSent = Math.max(lastSent, e.seq);
    }
    if (out) raw.write(out);
  };
  // Zone events share the seq of the batch's last row: sent after the calls of the same batch.
  const live = (events: DisplayEvent[]) => {
    const calls = events.filter((e) => e.type !== 'zone');
    const counts = events.filter((e) => e.type === 'zone');
    send(calls);
    send(counts, true);
  };

  const unsubscribe = hub.subscribe((events) => (replaying ? buffer.push(...events) : live(events)));
  const stream = openSseStream(ctx, request, reply, lastSent, unsubscribe);
  try {
    if (resumeFrom !== null) {
      for (let page = 0; page < REPLAY_PAGES; page++) {
        const rows = await changeLogReader.readAfter(ctx.db.drizzle, lastSent, REPLAY_PAGE);
        const events = await hub.eventsOf(rows);
        send(events);
        if (rows.length > 0) lastSent = Math.max(lastSent, rows[rows.length - 1]!.seq);
        if (rows.length < REPLAY_PAGE || stream.closed) break;
      }
      // The counts as they stand now, whatever happened while the screen was away.
      send(await hub.zoneEvents(lastSent, true), true);
    }
  } catch (err) {
    request.log.warn({ err }, 'replaying the change log for a hall screen failed');
    stream.close();
    raw.end();
    return;
  }
  replaying = false;
  live(buffer.splice(0));
}

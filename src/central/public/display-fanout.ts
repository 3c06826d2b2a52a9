/** One event of the public feed: what the hall's screens show, public fields only. */
export interface DisplayEvent {
  seq: number;
  type: 'call' | 'recall' | 'window' | 'zone';
  /** The zones it concerns (a screen for zones A,B gets only theirs). */
  zones: string[];
  data: unknown;
}

/**
 * Bytes a screen may leave unread in the hall's memory before the hall drops it. A screen that
 * reads keeps nothing waiting; one that stopped (a PC asleep, a cable half out) would otherwise grow
 * the hall's memory with every call. 256 KiB is a couple of seconds of the display bench's load (50
 * windows at full speed) and some minutes of a real hall's; a dropped screen reconnects by itself
 * and replays what it missed from Last-Event-ID, so dropping costs it a replay, never a call.
 */
export const SCREEN_BUFFER_LIMIT = 256 * 1024;

/** Where a screen's frames go: the SSE reply's socket, or a recorder in tests. */
export interface ScreenSink {
  write(chunk: string | Buffer): unknown;
  /** Bytes written and not yet taken by the network. */
  readonly writableLength: number;
  /** Ends the connection at once (a stuck screen). */
  destroy(): void;
}

export function frameText(e: DisplayEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/**
 * What one screen takes from the feed: the events of its zones (null: every zone) and, unless it
 * said `windowEvents=0`, the `window` events. A hall display shows calls and counts only: leaving
 * the windows' events out spares it a third of the feed's frames, and the hall the bytes.
 */
export interface ScreenFilter {
  zones: ReadonlySet<string> | null;
  windowEvents: boolean;
}

/** Every screen of one filter is written the very same bytes: this names the filter. */
export const filterKey = (f: ScreenFilter): string => `${f.zones ? [...f.zones].sort().join(',') : '*'}${f.windowEvents ? '' : '|no-window'}`;

const wants = (f: ScreenFilter, e: DisplayEvent): boolean => (f.windowEvents || e.type !== 'window') && (!f.zones || e.zones.some((z) => f.zones!.has(z)));

/**
 * Window events of one flush, one per window: each only tells that window's screen to read itself
 * again, so the last one does for all; it carries the latest state any of them named.
 */
export function coalesceWindows(events: DisplayEvent[]): DisplayEvent[] {
  const last = new Map<string, number>();
  const state = new Map<string, unknown>();
  events.forEach((e, i) => {
    if (e.type !== 'window') return;
    const d = e.data as { code: string; state?: unknown };
    last.set(d.code, i);
    if (d.state !== undefined) state.set(d.code, d.state);
  });
  const out: DisplayEvent[] = [];
  events.forEach((e, i) => {
    if (e.type !== 'window') return void out.push(e);
    const d = e.data as { code: string; state?: unknown };
    if (last.get(d.code) !== i) return;
    out.push(d.state === undefined && state.has(d.code) ? { ...e, data: { ...d, state: state.get(d.code) } } : e);
  });
  return out;
}

/**
 * What the hub sends every screen after one flush: calls, recalls and window events, then the zone
 * counts. Each event is serialized once, and the bytes for a set of zones are put together and
 * encoded once, whatever the number of screens: a screen costs one write of a buffer every other
 * screen of its zones is written too.
 */
export class DisplayBatch {
  /** Lowest seq of the calls and window events (zone counts are sent whatever a screen has seen). */
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly frames: readonly string[];
  private readonly texts = new Map<string, Buffer>();

  constructor(readonly events: readonly DisplayEvent[]) {
    this.frames = events.map(frameText);
    let first = Infinity;
    let last = 0;
    for (const e of events) {
      if (e.type !== 'zone') first = Math.min(first, e.seq);
      last = Math.max(last, e.seq);
    }
    this.firstSeq = first;
    this.lastSeq = last;
  }

  /** The frames for a screen of this filter, UTF-8, put together once per filter (`filterKey`). */
  bytesFor(filter: ScreenFilter, key = filterKey(filter)): Buffer {
    let bytes = this.texts.get(key);
    if (bytes === undefined) {
      let joined = '';
      this.events.forEach((e, i) => {
        if (wants(filter, e)) joined += this.frames[i]!;
      });
      bytes = Buffer.from(joined, 'utf8');
      this.texts.set(key, bytes);
    }
    return bytes;
  }
}

/**
 * One screen's side of the public feed. While the log is replayed to it, live batches wait; then
 * each batch is one write of the batch's shared text for its zones. Every frame goes through one
 * rule, `seq > lastSent` (zone counts excepted), so a row both replayed and live is sent once.
 */
export class ScreenStream {
  private lastSent: number;
  private replaying = true;
  private readonly held: DisplayBatch[] = [];
  private dropped = false;
  private readonly key: string;

  constructor(
    private readonly sink: ScreenSink,
    private readonly filter: ScreenFilter,
    after: number,
    /** Told once when the screen is dropped for not reading. */
    private readonly onDrop: (waitingBytes: number) => void = () => undefined,
  ) {
    this.lastSent = after;
    this.key = filterKey(filter);
  }

  get position(): number {
    return this.lastSent;
  }

  get closed(): boolean {
    return this.dropped;
  }

  /**
   * Events replayed from the log, serialized here (a replay is one screen's); zone counts with
   * `force`. Not held to the limit: a replay is bounded by its pages, and the screen asked for it.
   */
  send(events: readonly DisplayEvent[], force = false): void {
    this.sendFrames(events, null, force, false);
  }

  /** Past rows this screen was not sent (not its zones, or window events it left out) still count as seen. */
  skipTo(seq: number): void {
    this.lastSent = Math.max(this.lastSent, seq);
  }

  /** A live batch from the hub. */
  deliver(batch: DisplayBatch): void {
    if (this.dropped) return;
    if (this.replaying) {
      this.held.push(batch);
      return;
    }
    if (batch.firstSeq > this.lastSent) {
      this.write(batch.bytesFor(this.filter, this.key));
      this.lastSent = Math.max(this.lastSent, batch.lastSeq);
      return;
    }
    // Overlaps what the screen had (rows before it connected, or replayed): frame by frame, once or twice per screen.
    const calls = batch.events.map((e, i) => ({ e, i })).filter((x) => x.e.type !== 'zone');
    const counts = batch.events.map((e, i) => ({ e, i })).filter((x) => x.e.type === 'zone');
    this.sendFrames(
      calls.map((x) => x.e),
      calls.map((x) => batch.frames[x.i]!),
    );
    this.sendFrames(
      counts.map((x) => x.e),
      counts.map((x) => batch.frames[x.i]!),
      true,
    );
  }

  /** The replay is over: what arrived meanwhile goes out, and from now on each batch as it comes. */
  live(): void {
    this.replaying = false;
    for (const b of this.held.splice(0)) this.deliver(b);
  }

  private sendFrames(events: readonly DisplayEvent[], frames: readonly string[] | null, force = false, bounded = true): void {
    if (this.dropped) return;
    let out = '';
    events.forEach((e, i) => {
      if ((!force && e.seq <= this.lastSent) || !wants(this.filter, e)) return;
      out += frames ? frames[i] : frameText(e);
      this.lastSent = Math.max(this.lastSent, e.seq);
    });
    this.write(out, bounded);
  }

  /** Live frames go out only while less than the limit waits: at most the limit and one batch are ever held. */
  private write(text: string | Buffer, bounded = true): void {
    if (text.length === 0 || this.dropped) return;
    const waiting = this.sink.writableLength;
    if (bounded && waiting > SCREEN_BUFFER_LIMIT) {
      this.dropped = true;
      this.held.length = 0;
      this.onDrop(waiting);
      this.sink.destroy();
      return;
    }
    this.sink.write(text);
  }
}

import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesceWindows, DisplayBatch, SCREEN_BUFFER_LIMIT, ScreenStream, type DisplayEvent, type ScreenSink } from '../../../src/central/public/display-fanout';

/** A hall screen's socket: records what it was written; one that stopped reading keeps it all waiting. */
class Screen implements ScreenSink {
  text = '';
  readonly chunks: Array<string | Buffer> = [];
  writes = 0;
  writableLength = 0;
  destroyed = false;
  constructor(private readonly reads = true) {}
  write(chunk: string | Buffer): boolean {
    if (this.destroyed) throw new Error('written after it was dropped');
    this.writes++;
    this.chunks.push(chunk);
    this.text += chunk.toString();
    if (!this.reads) this.writableLength += Buffer.byteLength(chunk);
    return this.reads;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The frames as an EventSource would read them. */
  get frames(): Array<{ id: number; event: string; data: Record<string, unknown> }> {
    return this.text
      .split('\n\n')
      .filter(Boolean)
      .map((f) => {
        const line = (k: string) => f.split('\n').find((l) => l.startsWith(`${k}: `))!.slice(k.length + 2);
        return { id: Number(line('id')), event: line('event'), data: JSON.parse(line('data')) as Record<string, unknown> };
      });
  }
}

const call = (seq: number, zone: string, n = seq): DisplayEvent => ({
  seq,
  type: 'call',
  zones: [zone],
  data: { ticketNumber: `${zone}${String(n).padStart(3, '0')}`, windowCode: `${zone}1`, voice: `请${zone}${n}号到${zone}1窗口办理` },
});
const windowEvent = (seq: number, code: string, state?: string): DisplayEvent => ({ seq, type: 'window', zones: [code[0]!], data: { code, name: `${code}号窗口`, ...(state ? { state } : {}) } });
const zone = (seq: number, code: string, waiting: number): DisplayEvent => ({ seq, type: 'zone', zones: [code], data: { code, name: `${code}区`, waiting } });

function liveScreen(zones: string[] | null, sink = new Screen(), after = 0, onDrop?: (bytes: number) => void, windowEvents = true) {
  const s = new ScreenStream(sink, { zones: zones ? new Set(zones) : null, windowEvents }, after, onDrop);
  s.live();
  return { sink, stream: s };
}

afterEach(() => vi.restoreAllMocks());

describe('the public feed fanned out to the hall screens', () => {
  it('serializes each event once, however many screens watch, and writes each screen once per flush', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const events = [call(1, 'A'), call(2, 'B'), windowEvent(3, 'A1'), zone(3, 'A', 4), zone(3, 'B', 7)];
    const batch = new DisplayBatch(events);
    const screens = Array.from({ length: 500 }, (_, i) => liveScreen(i % 5 === 0 ? ['A'] : i % 5 === 1 ? ['B', 'A'] : null));
    for (const s of screens) s.stream.deliver(batch);
    expect(stringify).toHaveBeenCalledTimes(events.length);
    expect(screens.every((s) => s.sink.writes === 1)).toBe(true);
    // Screens of the same zones are written the very same bytes, encoded once.
    expect(screens[2]!.sink.chunks[0]).toBe(screens[3]!.sink.chunks[0]);
    expect(screens[0]!.sink.chunks[0]).toBe(screens[5]!.sink.chunks[0]);
    expect(screens[1]!.sink.chunks[0]).toBe(screens[6]!.sink.chunks[0]);
  });

  it('gives every screen of the same zones the same frames, in order, and each screen only its zones', () => {
    const batches = [new DisplayBatch([call(1, 'A'), call(2, 'B'), zone(2, 'A', 3), zone(2, 'B', 1)]), new DisplayBatch([windowEvent(3, 'B1', 'paused'), call(4, 'A'), zone(4, 'A', 2)])];
    const all = [liveScreen(null), liveScreen(null)];
    const ab = [liveScreen(['A', 'B']), liveScreen(['B', 'A'])];
    const b = liveScreen(['B']);
    for (const batch of batches) for (const s of [...all, ...ab, b]) s.stream.deliver(batch);
    expect(all[0]!.sink.text).toBe(all[1]!.sink.text);
    expect(ab[0]!.sink.text).toBe(all[0]!.sink.text);
    expect(ab[1]!.sink.text).toBe(all[0]!.sink.text);
    expect(all[0]!.sink.frames.map((f) => `${f.id}:${f.event}`)).toEqual(['1:call', '2:call', '2:zone', '2:zone', '3:window', '4:call', '4:zone']);
    expect(b.sink.frames.map((f) => `${f.id}:${f.event}`)).toEqual(['2:call', '2:zone', '3:window']);
    expect(b.sink.frames[0]!.data).toMatchObject({ ticketNumber: 'B002' });
  });

  it('leaves the window events out for a hall display that asked so, and still resumes it past them', () => {
    const batches = [new DisplayBatch([call(1, 'A'), windowEvent(2, 'A1'), zone(2, 'A', 3)]), new DisplayBatch([windowEvent(3, 'B1', 'paused')]), new DisplayBatch([call(4, 'B'), zone(4, 'B', 1)])];
    const halls = [liveScreen(null, new Screen(), 0, undefined, false), liveScreen(null, new Screen(), 0, undefined, false)];
    const windows = liveScreen(null);
    for (const batch of batches) for (const s of [...halls, windows]) s.stream.deliver(batch);
    expect(halls[0]!.sink.frames.map((f) => `${f.id}:${f.event}`)).toEqual(['1:call', '2:zone', '4:call', '4:zone']);
    expect(windows.sink.frames.map((f) => `${f.id}:${f.event}`)).toEqual(['1:call', '2:window', '2:zone', '3:window', '4:call', '4:zone']);
    // Hall displays share their bytes too, and a batch of window events only costs them nothing.
    expect(halls[0]!.sink.chunks[0]).toBe(halls[1]!.sink.chunks[0]);
    expect(halls[0]!.sink.writes).toBe(2);
    expect(halls[0]!.stream.position).toBe(4);
  });

  it('drops a screen that stopped reading once more than the limit waits for it, and keeps serving the others', () => {
    const dropped: number[] = [];
    const stuck = liveScreen(null, new Screen(false), 0, (bytes) => dropped.push(bytes));
    const reading = liveScreen(null);
    let seq = 0;
    let batches = 0;
    while (!stuck.sink.destroyed && batches < 10_000) {
      const batch = new DisplayBatch(Array.from({ length: 20 }, () => call(++seq, 'A')));
      stuck.stream.deliver(batch);
      reading.stream.deliver(batch);
      batches++;
    }
    expect(stuck.sink.destroyed).toBe(true);
    expect(stuck.stream.closed).toBe(true);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toBeGreaterThan(SCREEN_BUFFER_LIMIT);
    // The reader got every call; the stuck one is written nothing more.
    const writes = stuck.sink.writes;
    const more = new DisplayBatch([call(++seq, 'A')]);
    stuck.stream.deliver(more);
    reading.stream.deliver(more);
    expect(stuck.sink.writes).toBe(writes);
    expect(reading.sink.frames.filter((f) => f.event === 'call')).toHaveLength(seq);
    expect(reading.sink.destroyed).toBe(false);
  });

  it('never holds more than the limit and one batch for a screen, whatever the batches', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 300 }), (sizes) => {
        const sink = new Screen(false);
        const { stream } = liveScreen(null, sink);
        let seq = 0;
        let largest = 0;
        for (const n of sizes) {
          const batch = new DisplayBatch(Array.from({ length: n }, () => call(++seq, 'A')));
          largest = Math.max(largest, batch.bytesFor({ zones: null, windowEvents: true }).length);
          stream.deliver(batch);
          expect(sink.writableLength).toBeLessThanOrEqual(SCREEN_BUFFER_LIMIT + largest);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('after a replay, sends each call once: what the replay sent is not sent again live, the counts are', () => {
    const sink = new Screen();
    const stream = new ScreenStream(sink, { zones: null, windowEvents: true }, 10);
    // Live batches arrive while the log is replayed.
    stream.deliver(new DisplayBatch([call(12, 'A'), call(13, 'A'), zone(13, 'A', 5)]));
    stream.deliver(new DisplayBatch([call(14, 'A'), zone(14, 'A', 4)]));
    expect(sink.writes).toBe(0);
    stream.send([call(11, 'A'), call(12, 'A')]);
    stream.skipTo(12);
    stream.send([zone(12, 'A', 6)], true);
    stream.live();
    stream.deliver(new DisplayBatch([call(15, 'A'), zone(15, 'A', 3)]));
    const frames = sink.frames;
    expect(frames.filter((f) => f.event === 'call').map((f) => f.id)).toEqual([11, 12, 13, 14, 15]);
    expect(frames.filter((f) => f.event === 'zone').map((f) => f.data.waiting)).toEqual([6, 5, 4, 3]);
  });

  it('sends one window event per window and flush, with the latest state any of them named, and leaves calls alone', () => {
    const events = [windowEvent(1, 'A1', 'paused'), call(2, 'A'), windowEvent(3, 'A1'), windowEvent(4, 'B1'), call(5, 'B'), windowEvent(6, 'B1')];
    expect(coalesceWindows(events)).toEqual([call(2, 'A'), { ...windowEvent(3, 'A1'), data: { code: 'A1', name: 'A1号窗口', state: 'paused' } }, call(5, 'B'), windowEvent(6, 'B1')]);
  });
});

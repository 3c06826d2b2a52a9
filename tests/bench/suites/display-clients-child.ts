/**
 * The hall's screens for the display bench, in a process of their own: `CLIENTS` connections to
 * the public feed (`GET /api/v1/display/events`, no token) held open, each reading its stream and
 * counting the frames it gets. A hall's real screens are separate PCs; here they share the
 * machine's cores with the hall and the clerks, so the bench is harder on the hall than a hall is.
 *
 * Protocol on stdio: prints `READY` once every connection has its stream open (the `: connected`
 * line read); then, on a line `REPORT <calls>` on stdin, waits (up to 60 s) until every client has
 * read `<calls>` call events, prints `RESULT <json>` and exits.
 */
import http from 'node:http';
import { createInterface } from 'node:readline';

const clients = Number(process.argv[3] ?? '500');
/**
 * A hall's screens as a hall has them: the first `WINDOW_SCREENS` are window screens (every event,
 * as /display/window/:code subscribes), the rest hall displays (calls and counts, `windowEvents=0`,
 * as /display subscribes).
 */
const WINDOW_SCREENS = Number(process.argv[4] ?? '50');
const windowScreenUrl = new URL('/api/v1/display/events', process.argv[2]);
const hallDisplayUrl = new URL('/api/v1/display/events?windowEvents=0', process.argv[2]);

interface Client {
  open: boolean;
  /** The bytes after the last complete frame. */
  rest: Buffer;
  calls: number;
  /** Distinct ticket numbers called, to tell a repeat from a call. */
  numbers: Set<string>;
  recalls: number;
  windows: number;
  zones: number;
  bytes: number;
  ended: boolean;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const all: Client[] = [];
let errors = 0;

const CONNECTED = Buffer.from(': connected');
const CALL = Buffer.from('\nevent: call\n');
const RECALL = Buffer.from('\nevent: recall\n');
const WINDOW = Buffer.from('\nevent: window\n');
const ZONE = Buffer.from('\nevent: zone\n');
const NUMBER = Buffer.from('"ticketNumber":"');
const CALLED_AT = Buffer.from('"calledAt":"');
/**
 * Milliseconds from a call (its `calledAt`, the hall's clock: the same machine's) to a screen reading
 * it, one per screen per call: CITIZEN.md wants a call on the screens within 2 s.
 */
const latencies: number[] = [];

function count(buf: Buffer, what: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(what); i >= 0; i = buf.indexOf(what, i + what.length)) n++;
  return n;
}

/**
 * Reads the frames of a chunk as cheaply as it can (native byte searches, no per-frame strings but
 * the ticket number): these screens share the hall's two cores, so what they spend the hall loses.
 */
function read(c: Client, chunk: Buffer): void {
  const readAt = Date.now();
  c.bytes += chunk.length;
  const buf = c.rest.length ? Buffer.concat([c.rest, chunk]) : chunk;
  const end = buf.lastIndexOf('\n\n');
  if (end < 0) {
    c.rest = Buffer.from(buf);
    return;
  }
  const whole = buf.subarray(0, end + 2);
  c.rest = Buffer.from(buf.subarray(end + 2));
  if (!c.open && whole.includes(CONNECTED)) c.open = true;
  for (let i = whole.indexOf(CALL); i >= 0; i = whole.indexOf(CALL, i + CALL.length)) {
    c.calls++;
    const at = whole.indexOf(NUMBER, i) + NUMBER.length;
    c.numbers.add(whole.toString('latin1', at, whole.indexOf(34, at)));
    const calledAt = whole.indexOf(CALLED_AT, i) + CALLED_AT.length;
    if (calledAt >= CALLED_AT.length) latencies.push(readAt - Date.parse(whole.toString('latin1', calledAt, whole.indexOf(34, calledAt))));
  }
  c.recalls += count(whole, RECALL);
  c.windows += count(whole, WINDOW);
  c.zones += count(whole, ZONE);
}

function percentiles(ms: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = Float64Array.from(ms).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
}

function connect(): Promise<void> {
  const url = all.length < WINDOW_SCREENS ? windowScreenUrl : hallDisplayUrl;
  const c: Client = { open: false, rest: Buffer.alloc(0), calls: 0, numbers: new Set(), recalls: 0, windows: 0, zones: 0, bytes: 0, ended: false };
  all.push(c);
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        errors++;
        res.resume();
        resolve();
        return;
      }
      res.on('data', (s: Buffer) => {
        const wasOpen = c.open;
        read(c, s);
        if (!wasOpen && c.open) resolve();
      });
      res.on('end', () => (c.ended = true));
      res.on('error', () => (c.ended = true));
    });
    req.on('error', () => {
      errors++;
      c.ended = true;
      resolve();
    });
  });
}

// Open them 50 at a time, as screens switched on across a morning would not all knock at once.
for (let i = 0; i < clients; i += 50) await Promise.all(Array.from({ length: Math.min(50, clients - i) }, connect));
process.stdout.write(`READY ${all.filter((c) => c.open).length}\n`);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const m = /^REPORT (\d+)$/.exec(line.trim());
  if (!m) continue;
  const expected = Number(m[1]);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && all.some((c) => !c.ended && c.numbers.size < expected)) await new Promise((r) => setTimeout(r, 50));
  const calls = all.map((c) => c.calls);
  const distinct = all.map((c) => c.numbers.size);
  const result = {
    clients: all.length,
    opened: all.filter((c) => c.open).length,
    errors,
    ended: all.filter((c) => c.ended).length,
    expected,
    complete: all.filter((c) => c.numbers.size >= expected).length,
    calls: { min: Math.min(...calls), max: Math.max(...calls) },
    distinct: { min: Math.min(...distinct), max: Math.max(...distinct) },
    frames: all.reduce((s, c) => s + c.calls + c.recalls + c.windows + c.zones, 0),
    windows: all.reduce((s, c) => s + c.windows, 0),
    zones: all.reduce((s, c) => s + c.zones, 0),
    bytes: all.reduce((s, c) => s + c.bytes, 0),
    /** From a call to a screen reading it, over every screen and call (ms). */
    latency: percentiles(latencies),
    /** CPU seconds this process spent, connecting and reading included. */
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}
// The bench went away without asking for a report.
process.exit(0);

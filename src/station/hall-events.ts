/**
 * The hall server's live feed (GET /api/v1/events, Server-Sent Events). The station does not trust
 * the feed for data: each event is a poke to pull, and queue events are forwarded to the UI at
 * once so the clerk's screen refreshes without waiting for the pull. Reconnects resume with
 * Last-Event-ID; every (re)connect is itself a poke, so nothing missed while away goes unseen.
 * Node 20's fetch streams the body, so a small parser does here what an EventSource would.
 */

export interface HallEvent {
  /** The change-log seq (the SSE id), when the server sent one. */
  id: number | null;
  /** `ticket.called`, `window.paused`, `catalog.changed`, … (the SSE event field, or data.type). */
  event: string;
  data: unknown;
}

export interface HallEventsOptions {
  baseUrl: string;
  token: () => string | null;
  onEvent: (e: HallEvent) => void;
  /** Connected (true) or lost (false); a reconnect is reported as a new true. */
  onConnection?: (connected: boolean) => void;
  fetch?: typeof fetch;
  /** First reconnect delay; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface HallEventsListener {
  close(): void;
  readonly lastEventId: number | null;
  readonly connected: boolean;
}

/** Parses an SSE byte stream into events (WHATWG "event stream interpretation", minus `retry`). */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;
  lastId: string | null = null;

  constructor(private readonly emit: (e: { id: string | null; event: string; data: string }) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A lone CR at the end may be the first half of a CRLF split across chunks.
      if (nl === this.buffer.length - 1 && this.buffer[nl] === '\r') break;
      const line = this.buffer.slice(0, nl);
      const skip = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      this.buffer = this.buffer.slice(nl + skip);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.id !== null) this.lastId = this.id;
      if (this.data.length > 0) this.emit({ id: this.lastId, event: this.event || 'message', data: this.data.join('\n') });
      this.data = [];
      this.event = '';
      this.id = null;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

export function listenToHall(opts: HallEventsOptions): HallEventsListener {
  const doFetch = opts.fetch ?? fetch;
  const baseRetry = opts.retryMs ?? 1000;
  const maxRetry = opts.maxRetryMs ?? 30_000;
  let closed = false;
  let connected = false;
  let lastEventId: number | null = null;
  let abort: AbortController | null = null;
  let wake: (() => void) | null = null;

  const setConnected = (c: boolean) => {
    if (c === connected) return;
    connected = c;
    opts.onConnection?.(c);
  };

  async function once(): Promise<boolean> {
    abort = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    const token = opts.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (lastEventId !== null) headers['last-event-id'] = String(lastEventId);
    const res = await doFetch(`${opts.baseUrl.replace(/\/+$/, '')}/api/v1/events`, { headers, signal: abort.signal });
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      return false;
    }
    setConnected(true);
    const parser = new SseParser((e) => {
      const seq = e.id !== null && /^\d+$/.test(e.id) ? Number(e.id) : null;
      if (seq !== null) lastEventId = seq;
      let data: unknown = e.data;
      try {
        data = JSON.parse(e.data);
      } catch {
        // A plain-text event is still a poke.
      }
      // The hall server sends no `event:` line; the type travels in the data (src/contract/events.ts).
      const fromData = (data as { type?: unknown; event?: unknown } | null) ?? {};
      const named = e.event !== 'message' ? e.event : typeof fromData.type === 'string' ? fromData.type : typeof fromData.event === 'string' ? fromData.event : 'message';
      opts.onEvent({ id: seq, event: named, data });
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (closed) break;
      parser.push(decoder.decode(chunk, { stream: true }));
    }
    return true;
  }

  void (async () => {
    let delay = baseRetry;
    while (!closed) {
      let wasUp = false;
      try {
        wasUp = await once();
      } catch {
        // Unreachable, reset, aborted: all mean "try again later".
      }
      setConnected(false);
      if (closed) break;
      delay = wasUp ? baseRetry : Math.min(delay * 2, maxRetry);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay * (0.75 + Math.random() * 0.5));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    close() {
      closed = true;
      abort?.abort();
      wake?.();
    },
    get lastEventId() {
      return lastEventId;
    },
    get connected() {
      return connected;
    },
  };
}

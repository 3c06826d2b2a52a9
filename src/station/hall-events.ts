/**
 * The hall server's live feed (GET /api/v1/events, Server-Sent Events). The station does not trust
 * the feed for data: each event is a poke to pull, and queue events are forwarded to the UI at
 * once so the clerk's screen refreshes without waiting for the pull. Reconnects resume with
 * Last-Event-ID; every (re)connect is itself a poke, so nothing missed while away goes unseen.
 * Node 20's fetch streams the body; eventsource-parser reads it as an EventSource would.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';

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

/**
 * Parses an SSE text stream into events with eventsource-parser (the WHATWG event-stream rules:
 * split CR/LF across chunks, multi-line data, comments as keep-alives). The last id seen is kept
 * here because a reconnect resumes from it (Last-Event-ID).
 */
export class SseParser {
  lastId: string | null = null;
  private readonly parser: EventSourceParser;

  constructor(emit: (e: { id: string | null; event: string; data: string }) => void) {
    this.parser = createParser({
      onEvent: (e) => {
        if (e.id !== undefined && !e.id.includes('\0')) this.lastId = e.id;
        emit({ id: this.lastId, event: e.event || 'message', data: e.data });
      },
    });
  }

  push(chunk: string): void {
    this.parser.feed(chunk);
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

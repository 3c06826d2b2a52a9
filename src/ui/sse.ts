/**
 * A Server-Sent Events reader over fetch. EventSource would do in a browser, but it cannot be given a
 * timeout, says nothing about why it failed, and does not exist in Node where the client is tested;
 * eventsource-parser reads the wire format (WHATWG HTML §9.2), comments (the host's keep-alive pings) included.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/** Feeds text chunks in, gets whole messages out (eventsource-parser keeps the unfinished tail). */
export class SseParser {
  private readonly parser: EventSourceParser;
  private out: SseMessage[] = [];
  /** The event stream's last event id carries over to later events (WHATWG), for resuming. */
  private lastId: string | null = null;

  constructor() {
    this.parser = createParser({
      onEvent: (e) => {
        if (e.id !== undefined && !e.id.includes('\0')) this.lastId = e.id;
        this.out.push({ event: e.event || 'message', data: e.data, id: this.lastId });
      },
    });
  }

  push(chunk: string): SseMessage[] {
    this.parser.feed(chunk);
    const messages = this.out;
    this.out = [];
    return messages;
  }
}

export type StreamState = 'connecting' | 'open' | 'down';

export interface EventStreamOptions {
  url: string;
  fetch: typeof fetch;
  onMessage: (message: SseMessage) => void;
  onState: (state: StreamState) => void;
  /** Delay before reconnect attempt n (1, 2, …). */
  backoffMs?: (attempt: number) => number;
}

/** Reconnects after 0.5 s, then doubling up to 5 s: a station restart should be seen within seconds. */
export const defaultBackoffMs = (attempt: number): number => Math.min(5000, 500 * 2 ** Math.max(0, attempt - 1));

/** Opens the stream and keeps it open until the returned function is called. */
export function openEventStream(options: EventStreamOptions): () => void {
  const backoff = options.backoffMs ?? defaultBackoffMs;
  let closed = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;

  const connect = async (): Promise<void> => {
    if (closed) return;
    options.onState('connecting');
    controller = new AbortController();
    try {
      const response = await options.fetch(options.url, {
        headers: { accept: 'text/event-stream' },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) throw new Error(`event stream answered HTTP ${response.status}`);
      attempt = 0;
      options.onState('open');
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) options.onMessage(message);
      }
    } catch {
      // Aborted by close(), refused, or cut: all end the same way, with a retry unless closed.
    }
    if (closed) return;
    options.onState('down');
    attempt += 1;
    timer = setTimeout(() => void connect(), backoff(attempt));
  };

  void connect();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}

/**
 * A Server-Sent Events reader over fetch. EventSource would do in a browser, but it cannot be given a
 * timeout, says nothing about why it failed, and does not exist in Node where the client is tested;
 * the wire format is simple (WHATWG HTML §9.2): lines, `data:` fields joined by "\n", a blank line
 * ends an event, lines starting with ':' are comments (the host's keep-alive pings).
 */

export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/** Feeds text chunks in, gets whole messages out; keeps the unfinished tail between chunks. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone '\r' at the very end may be the first half of "\r\n": wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const message = { event: this.event || 'message', data: this.data.join('\n'), id: this.id };
      this.data = [];
      this.event = '';
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
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

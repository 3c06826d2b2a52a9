import {
  stationEventSchema,
  type StationAnswer,
  type StationArgs,
  type StationClient,
  type StationEvent,
  type StationMethod,
  type StationResult,
} from '../contract/station-api';
import { openEventStream, type StreamState } from './sse';

/**
 * The typed client of StationApi. In Electron the preload exposes `window.stationApi` (IPC); in a
 * browser served by the station web host the same calls go over HTTP (`POST station/<method>`) and
 * the events arrive by SSE (`GET station/events`). Either way a call resolves to a StationAnswer:
 * a dead station, a cut line or a garbled reply become `{ ok: false, error }` with a code the screens
 * can word in Chinese, never a rejected promise that nobody catches.
 */

/** What electron/preload.ts exposes through contextBridge. */
export interface StationBridge {
  call(method: string, args: unknown): Promise<unknown>;
  subscribe(listener: (event: unknown) => void): () => void;
}

declare global {
  interface Window {
    stationApi?: StationBridge;
  }
}

/** 'open' once the station answers or its event stream is up; 'down' when it cannot be reached. */
export type LinkState = StreamState;

export interface UiStationClient extends StationClient {
  readonly transport: 'ipc' | 'http';
  link(): LinkState;
  /** Called on every change of the link; views refetch when it comes back after being down. */
  onLink(listener: (state: LinkState) => void): () => void;
  close(): void;
}

type AnyAnswer = StationAnswer<unknown>;

export const STATION_UNREACHABLE = 'STATION_UNREACHABLE';
export const STATION_BAD_ANSWER = 'STATION_BAD_ANSWER';
export const STATION_TIMEOUT = 'STATION_TIMEOUT';

const unreachable = (message: string): AnyAnswer => ({ ok: false, error: { code: STATION_UNREACHABLE, message } });

/** Accepts only the two shapes of StationAnswer; anything else is the transport's fault, said so. */
export function toAnswer(raw: unknown, context = ''): AnyAnswer {
  if (raw && typeof raw === 'object' && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, value: r.value ?? null };
    if (r.ok === false && r.error && typeof r.error === 'object') {
      const e = r.error as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof e.code === 'string') {
        const details = e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined;
        return {
          ok: false,
          error: { code: e.code, message: typeof e.message === 'string' ? e.message : e.code, ...(details ? { details } : {}) },
        };
      }
    }
  }
  return { ok: false, error: { code: STATION_BAD_ANSWER, message: `unexpected answer from the station${context ? ` (${context})` : ''}` } };
}

/** Events are checked against the contract; a malformed one is dropped rather than half-applied. */
export function toEvent(raw: unknown): StationEvent | null {
  const parsed = stationEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (error) {
        // One broken view must not stop the others from hearing the event.
        console.error('station event listener failed', error);
      }
    }
  }
  get size(): number {
    return this.set.size;
  }
}

abstract class BaseClient implements UiStationClient {
  abstract readonly transport: 'ipc' | 'http';
  protected state: LinkState = 'connecting';
  protected readonly events = new Listeners<StationEvent>();
  protected readonly links = new Listeners<LinkState>();

  link(): LinkState {
    return this.state;
  }

  onLink(listener: (state: LinkState) => void): () => void {
    return this.links.add(listener);
  }

  protected setLink(state: LinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.links.emit(state);
  }

  protected deliver(raw: unknown): void {
    const event = toEvent(raw);
    if (event) this.events.emit(event);
  }

  abstract call<M extends StationMethod>(method: M, args: StationArgs<M>): Promise<StationAnswer<StationResult<M>>>;
  abstract subscribe(listener: (event: StationEvent) => void): () => void;
  abstract close(): void;
}

class IpcClient extends BaseClient {
  readonly transport = 'ipc' as const;
  private unsubscribeBridge: (() => void) | null = null;

  constructor(private readonly bridge: StationBridge) {
    super();
    // The main process is the station: while this page lives, it is there.
    this.state = 'open';
  }

  async call<M extends StationMethod>(method: M, args: StationArgs<M>): Promise<StationAnswer<StationResult<M>>> {
    try {
      const answer = toAnswer(await this.bridge.call(method, args ?? {}), method);
      this.setLink('open');
      return answer as StationAnswer<StationResult<M>>;
    } catch (error) {
      return unreachable(`IPC call ${method} failed: ${String(error)}`) as StationAnswer<StationResult<M>>;
    }
  }

  subscribe(listener: (event: StationEvent) => void): () => void {
    const off = this.events.add(listener);
    if (!this.unsubscribeBridge) this.unsubscribeBridge = this.bridge.subscribe((raw) => this.deliver(raw));
    return off;
  }

  close(): void {
    this.unsubscribeBridge?.();
    this.unsubscribeBridge = null;
  }
}

export interface HttpClientOptions {
  /** Prefix of the station routes, relative to the page ('station/') or absolute. */
  base?: string;
  fetch?: typeof fetch;
  /** A call that takes longer is given up (the card reader waits up to ~20 s for a card). */
  timeoutMs?: number;
  backoffMs?: (attempt: number) => number;
  /**
   * The web host answered 401: this page's key cookie is not (or no longer) the station's, as after a
   * station restart. By default the page reloads, and the web host then shows its explanation page
   * (open the URL the station printed) instead of a console whose every call fails.
   */
  onKeyRequired?: () => void;
}

/** The web host's answer to a request without its key (see src/station/web-host.ts). */
export const STATION_KEY_REQUIRED = 'STATION_KEY_REQUIRED';

class HttpClient extends BaseClient {
  readonly transport = 'http' as const;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private stopStream: (() => void) | null = null;

  constructor(private readonly options: HttpClientOptions) {
    super();
    this.base = options.base ?? 'station/';
    // Called through a wrapper: window.fetch must be invoked with window as `this`.
    const f = options.fetch ?? globalThis.fetch;
    const onKeyRequired = options.onKeyRequired ?? (() => globalThis.location?.reload());
    let told = false;
    this.fetchImpl = async (input, init) => {
      const response = await f(input, init);
      if (response.status === 401 && !told) {
        told = true;
        onKeyRequired();
      }
      return response;
    };
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async call<M extends StationMethod>(method: M, args: StationArgs<M>): Promise<StationAnswer<StationResult<M>>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + method, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(args ?? {}),
        signal: controller.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted) {
        return { ok: false, error: { code: STATION_TIMEOUT, message: `${method} took longer than ${this.timeoutMs / 1000} s` } };
      }
      if (!this.stopStream) this.setLink('down');
      return unreachable(`${method}: ${String(error)}`) as StationAnswer<StationResult<M>>;
    }
    try {
      const text = await response.text();
      clearTimeout(timer);
      this.setLink('open');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return {
          ok: false,
          error: { code: response.ok ? STATION_BAD_ANSWER : STATION_UNREACHABLE, message: `${method}: HTTP ${response.status}`, details: { status: response.status } },
        };
      }
      return toAnswer(body, `${method}, HTTP ${response.status}`) as StationAnswer<StationResult<M>>;
    } catch (error) {
      clearTimeout(timer);
      return unreachable(`${method}: the answer was cut off (${String(error)})`) as StationAnswer<StationResult<M>>;
    }
  }

  subscribe(listener: (event: StationEvent) => void): () => void {
    const off = this.events.add(listener);
    this.ensureStream();
    return off;
  }

  /** Starts the event stream without a listener, so the link state is known from the start. */
  ensureStream(): void {
    if (this.stopStream) return;
    this.stopStream = openEventStream({
      url: `${this.base}events`,
      fetch: this.fetchImpl,
      onState: (state) => this.setLink(state),
      onMessage: (message) => {
        try {
          this.deliver(JSON.parse(message.data));
        } catch {
          // A keep-alive or a garbled line: nothing to deliver.
        }
      },
      ...(this.options.backoffMs ? { backoffMs: this.options.backoffMs } : {}),
    });
  }

  close(): void {
    this.stopStream?.();
    this.stopStream = null;
  }
}

export function createIpcClient(bridge: StationBridge): UiStationClient {
  return new IpcClient(bridge);
}

export function createHttpClient(options: HttpClientOptions = {}): UiStationClient {
  const client = new HttpClient(options);
  client.ensureStream();
  return client;
}

/** IPC when the preload put the bridge on the window, else HTTP + SSE to the page's own origin. */
export function createStationClient(scope: { stationApi?: StationBridge } = globalThis as { stationApi?: StationBridge }): UiStationClient {
  return scope.stationApi ? createIpcClient(scope.stationApi) : createHttpClient();
}

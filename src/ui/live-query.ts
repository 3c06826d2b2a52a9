import type { ErrorBody } from '../contract/primitives';
import type { StationArgs, StationEvent, StationMethod, StationResult } from '../contract/station-api';
import type { UiStationClient } from './station-client';

/**
 * One read of StationApi kept fresh: fetched when the first view looks at it, again whenever a
 * matching event arrives (a `queue` poke after any change in the hall) and when the link to the
 * station comes back after being down (events may have been missed). Bursts of events are folded:
 * while a fetch runs, further pokes ask for exactly one more fetch after it. On failure the last good
 * value stays on screen, with the error beside it.
 */

export type EventMatcher = ReadonlyArray<StationEvent['type']> | ((event: StationEvent) => boolean);

export interface QuerySnapshot<T> {
  data: T | undefined;
  error: ErrorBody | null;
  loading: boolean;
  /** Number of completed fetches, so a view can tell a fresh value from the first one. */
  version: number;
}

export function matches(matcher: EventMatcher | undefined, event: StationEvent): boolean {
  if (!matcher) return false;
  return typeof matcher === 'function' ? matcher(event) : matcher.includes(event.type);
}

export class LiveQuery<M extends StationMethod> {
  private snap: QuerySnapshot<StationResult<M>> = { data: undefined, error: null, loading: true, version: 0 };
  private readonly watchers = new Set<() => void>();
  private detach: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private wasDown = false;

  constructor(
    private readonly client: UiStationClient,
    readonly method: M,
    readonly args: StationArgs<M>,
    private readonly matcher?: EventMatcher,
    /** Events that carry the new value itself (a `sync` event has the sync state): no fetch needed. */
    private readonly take?: (event: StationEvent) => StationResult<M> | undefined,
  ) {}

  snapshot = (): QuerySnapshot<StationResult<M>> => this.snap;

  subscribe = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    if (this.watchers.size === 1) this.attach();
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) {
        this.detach?.();
        this.detach = null;
      }
    };
  };

  private attach(): void {
    const offEvents = this.client.subscribe((event) => {
      const carried = this.take?.(event);
      if (carried !== undefined && !this.running) {
        this.set({ data: carried, error: null, loading: false, version: this.snap.version + 1 });
        return;
      }
      if (carried !== undefined || matches(this.matcher, event)) void this.refetch();
    });
    const offLink = this.client.onLink((state) => {
      if (state === 'down') this.wasDown = true;
      if (state === 'open' && this.wasDown) {
        this.wasDown = false;
        void this.refetch();
      }
    });
    this.detach = () => {
      offEvents();
      offLink();
    };
    void this.refetch();
  }

  /** Fetches now, or once more after the fetch in flight; resolves when the value on screen is current. */
  refetch(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Shows what a command's answer already says (the ticket just called) before the fetch that
   * confirms it returns: the clerk sees the number as soon as the hall has called it. An answer to a
   * fetch that started before the patch is dropped when another fetch follows, so the screen never
   * steps back to the state before the command.
   */
  patch(update: (data: StationResult<M>) => StationResult<M>): void {
    if (this.snap.data === undefined) return;
    this.patches++;
    this.set({ ...this.snap, data: update(this.snap.data), version: this.snap.version + 1 });
  }

  private patches = 0;

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (!this.snap.loading) this.set({ ...this.snap, loading: true });
      const patchesBefore = this.patches;
      const answer = await this.client.call(this.method, this.args);
      if (this.patches !== patchesBefore && this.again) continue;
      if (answer.ok) this.set({ data: answer.value, error: null, loading: false, version: this.snap.version + 1 });
      else this.set({ data: this.snap.data, error: answer.error, loading: false, version: this.snap.version + 1 });
    } while (this.again);
  }

  private set(next: QuerySnapshot<StationResult<M>>): void {
    this.snap = next;
    for (const watcher of [...this.watchers]) watcher();
  }
}

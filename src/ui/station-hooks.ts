import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ErrorBody } from '../contract/primitives';
import type { StationAnswer, StationArgs, StationEvent, StationMethod, StationResult } from '../contract/station-api';
import { LiveQuery, type EventMatcher, type QuerySnapshot } from './live-query';
import type { LinkState, UiStationClient } from './station-client';

/**
 * React bindings of the station client. Reads are LiveQuery instances shared by every view that asks
 * for the same method and args (the header and the console both show the queue view: one fetch per
 * poke, not two); commands are tracked per button so errors appear beside the action that failed.
 */

const StationContext = createContext<UiStationClient | null>(null);

export function StationProvider({ client, children }: { client: UiStationClient; children: ReactNode }) {
  return createElement(StationContext.Provider, { value: client }, children);
}

export function useStation(): UiStationClient {
  const client = useContext(StationContext);
  if (!client) throw new Error('useStation outside StationProvider');
  return client;
}

/** Runs `handler` for every station event (of the given types); the latest handler is always used. */
export function useStationEvent(handler: (event: StationEvent) => void, types?: ReadonlyArray<StationEvent['type']>): void {
  const client = useStation();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const key = types?.join(',') ?? '*';
  useEffect(() => {
    const wanted = key === '*' ? null : new Set(key.split(','));
    return client.subscribe((event) => {
      if (!wanted || wanted.has(event.type)) ref.current(event);
    });
  }, [client, key]);
}

export function useLinkState(): LinkState {
  const client = useStation();
  return useSyncExternalStore(
    useCallback((cb: () => void) => client.onLink(cb), [client]),
    () => client.link(),
  );
}

export interface QueryOptions<M extends StationMethod> {
  /** Event types that make the value stale: it is fetched again at once. */
  on?: ReadonlyArray<StationEvent['type']>;
  /** Events that carry the new value (sync state, device status): taken as is, no fetch. */
  take?: (event: StationEvent) => StationResult<M> | undefined;
  /** False: do not fetch (e.g. no window signed in yet). */
  enabled?: boolean;
}

export type QueryState<M extends StationMethod> = QuerySnapshot<StationResult<M>> & {
  refetch: () => Promise<void>;
  /** Put a command's known outcome on screen now (LiveQuery.patch). */
  patch: (update: (data: StationResult<M>) => StationResult<M>) => void;
};

const idle: QuerySnapshot<never> = { data: undefined, error: null, loading: false, version: 0 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const shared = new WeakMap<UiStationClient, Map<string, LiveQuery<any>>>();

function sharedQuery<M extends StationMethod>(
  client: UiStationClient,
  method: M,
  argsKey: string,
  on: EventMatcher | undefined,
  take: ((event: StationEvent) => StationResult<M> | undefined) | undefined,
): LiveQuery<M> {
  let table = shared.get(client);
  if (!table) {
    table = new Map();
    shared.set(client, table);
  }
  const key = `${method} ${argsKey} ${Array.isArray(on) ? on.join(',') : ''} ${take ? 'take' : ''}`;
  let query = table.get(key) as LiveQuery<M> | undefined;
  if (!query) {
    query = new LiveQuery(client, method, JSON.parse(argsKey) as StationArgs<M>, on, take);
    table.set(key, query);
  }
  return query;
}

/**
 * A StationApi read that stays current: refetched on matching events and after the link returns.
 * `take` must be a stable function (module level), since the query is shared.
 */
export function useStationQuery<M extends StationMethod>(method: M, args: StationArgs<M>, options: QueryOptions<M> = {}): QueryState<M> {
  const client = useStation();
  const argsKey = JSON.stringify(args ?? {});
  const enabled = options.enabled ?? true;
  const onKey = options.on?.join(',') ?? '';
  const take = options.take;
  const query = useMemo(
    () => (enabled ? sharedQuery(client, method, argsKey, onKey ? (onKey.split(',') as StationEvent['type'][]) : undefined, take) : null),
    [client, method, argsKey, onKey, take, enabled],
  );
  const snap = useSyncExternalStore(
    useCallback((cb: () => void) => (query ? query.subscribe(cb) : () => undefined), [query]),
    () => (query ? query.snapshot() : (idle as QuerySnapshot<StationResult<M>>)),
  );
  const refetch = useCallback(() => (query ? query.refetch() : Promise.resolve()), [query]);
  const patch = useCallback((update: (data: StationResult<M>) => StationResult<M>) => query?.patch(update), [query]);
  return { ...snap, refetch, patch };
}

export interface ActionState<M extends StationMethod> {
  run: (args: StationArgs<M>) => Promise<StationAnswer<StationResult<M>>>;
  pending: boolean;
  error: ErrorBody | null;
  value: StationResult<M> | undefined;
  reset: () => void;
}

/**
 * A StationApi command started by a person (call next, accept, reprint): tracks whether it runs and
 * keeps its error for the view to show beside the button. Two presses while one runs send one call.
 */
export function useStationCall<M extends StationMethod>(method: M): ActionState<M> {
  const client = useStation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [value, setValue] = useState<StationResult<M> | undefined>(undefined);
  const inFlight = useRef<Promise<StationAnswer<StationResult<M>>> | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    (args: StationArgs<M>) => {
      if (inFlight.current) return inFlight.current;
      setPending(true);
      setError(null);
      const p = client.call(method, args).then((answer) => {
        inFlight.current = null;
        if (mounted.current) {
          setPending(false);
          if (answer.ok) setValue(answer.value);
          else setError(answer.error);
        }
        return answer;
      });
      inFlight.current = p;
      return p;
    },
    [client, method],
  );
  const reset = useCallback(() => {
    setError(null);
    setValue(undefined);
  }, []);
  return { run, pending, error, value, reset };
}

/** Drops shared reads (after a sign-out or a change of window): the next views fetch afresh. */
export function forgetQueries(client: UiStationClient): void {
  shared.delete(client);
}

export interface LatestState<M extends StationMethod> {
  data: StationResult<M> | undefined;
  error: ErrorBody | null;
  /** True while an answer for the current args is awaited (the previous value stays shown). */
  pending: boolean;
}

/**
 * Calls `method` whenever `args` change (after `debounceMs`), keeps the last value on screen while
 * the next one is coming, and drops answers that arrive after newer args were sent: the checklist
 * verdict always belongs to the marks on screen, never to the marks of a click ago.
 */
export function useLatestCall<M extends StationMethod>(method: M, args: StationArgs<M> | null, debounceMs = 120): LatestState<M> & { again: () => void } {
  const client = useStation();
  const key = args === null ? null : JSON.stringify(args);
  const [state, setState] = useState<LatestState<M>>({ data: undefined, error: null, pending: false });
  const seq = useRef(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const mine = ++seq.current;
    if (key === null) {
      setState({ data: undefined, error: null, pending: false });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      void client.call(method, JSON.parse(key) as StationArgs<M>).then((answer) => {
        if (mine !== seq.current) return;
        setState((s) => (answer.ok ? { data: answer.value, error: null, pending: false } : { data: s.data, error: answer.error, pending: false }));
      });
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [client, method, key, debounceMs, tick]);
  const again = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, again };
}

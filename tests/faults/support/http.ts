import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { DEMO_PASSWORD } from './hall';

/** JSON answers of many shapes: tests read what they check, the schema is the server's business. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer<T = Json> {
  status: number;
  body: T;
  /** Round trip in milliseconds. */
  ms: number;
}

/**
 * A thin JSON client over undici's `request` (keep-alive on loopback), the way a station or a screen
 * talks to the hall. Not `fetch`: the benchmarks run fifty of these on the hall's own machine, and
 * fetch's WHATWG layers cost the load generator several times the CPU of a plain request.
 */
export class HallClient {
  constructor(
    readonly url: string,
    public token: string | null = null,
    /** The key of the window PC this client stands for (X-Station-Key), when it is one. */
    public stationKey: string | null = null,
  ) {}

  async call<T = Json>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.stationKey) h['x-station-key'] = this.stationKey;
    let payload: string | undefined;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const t = performance.now();
    const res = await request(this.url + path, { method: method as 'GET', headers: h, body: payload });
    const text = await res.body.text();
    const ms = performance.now() - t;
    let parsed: unknown = text;
    if (text && String(res.headers['content-type'] ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.statusCode, body: parsed as T, ms };
  }

  get<T = Json>(path: string) {
    return this.call<T>('GET', path);
  }

  post<T = Json>(path: string, body?: unknown) {
    return this.call<T>('POST', path, body);
  }
}

/**
 * A window PC registered with the hall (approved at once: the fault suites run demo halls): its key,
 * to sign in from it (signIn's `stationKey`) and to push and pull.
 */
export async function registerPc(url: string, stationId: string, windowCode?: string): Promise<string> {
  const key = randomBytes(32).toString('base64url');
  const r = await new HallClient(url).post<{ status: string }>('/api/v1/stations/register', { stationId, key, label: `fault suite ${stationId}`, ...(windowCode ? { windowCode } : {}) });
  if ((r.status !== 201 && r.status !== 200) || r.body.status !== 'approved') throw new Error(`register ${stationId}: ${r.status} ${JSON.stringify(r.body)}`);
  return key;
}

/** Signs in with the demo password (from a registered PC when `stationKey` is given); throws with the server's answer when refused. */
export async function signIn(url: string, username: string, windowCode?: string, password = DEMO_PASSWORD, stationKey: string | null = null): Promise<HallClient> {
  const c = new HallClient(url, null, stationKey);
  const r = await c.post<{ token: string }>('/api/v1/auth/login', windowCode ? { username, password, windowCode } : { username, password });
  if (r.status !== 200) throw new Error(`sign-in of ${username} at ${windowCode ?? '-'}: ${r.status} ${JSON.stringify(r.body)}`);
  c.token = r.body.token;
  return c;
}

/** Runs `fn` over `items` with at most `n` at a time. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

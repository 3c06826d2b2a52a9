import type { z } from 'zod';
import { centralApi, errorResponseSchema } from '../contract/api';
import { casesApi } from '../contract/api-cases';
import { onlineApi } from '../contract/api-online';
import { appointmentApi } from '../contract/appointment';
import { evaluationApi } from '../contract/evaluation';
import { reportsApi } from '../contract/api-reports';
import { pullResponseSchema, pushRequestSchema, pushResponseSchema, type PullResponse, type PushRequest, type PushResponse } from '../contract/sync';

/**
 * Typed HTTP calls to the hall server (/api/v1). Every answer is parsed by its contract schema;
 * failures become a HallCallError with a code: the server's own code for an error body,
 * HALL_UNREACHABLE when no answer came (the sync engine and the offline mode key off that one),
 * HALL_BAD_RESPONSE when an answer does not match the contract.
 */
export class HallCallError extends Error {
  readonly code: string;
  /** HTTP status, 0 when no answer came. */
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, message: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HallCallError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
  get unreachable(): boolean {
    return this.code === 'HALL_UNREACHABLE';
  }
}

export const isUnreachable = (e: unknown): boolean => e instanceof HallCallError && e.unreachable;

/** Every hall server route the station may call, by name (the queue, auth, catalogue, cases, sync). */
export const hallApi = { ...centralApi, ...casesApi, ...onlineApi, ...evaluationApi, ...reportsApi, ...appointmentApi };
type HallApi = typeof hallApi;
export type EndpointName = keyof HallApi;

type In<S> = S extends z.ZodType ? z.input<S> : never;
type Out<S> = S extends z.ZodType ? z.output<S> : never;
type EndpointOf<N extends EndpointName> = HallApi[N];
export type CallInput<N extends EndpointName> = (EndpointOf<N> extends { params: infer P } ? { params: In<P> } : { params?: undefined }) &
  (EndpointOf<N> extends { query: infer Q } ? { query?: In<Q> } : { query?: undefined }) &
  (EndpointOf<N> extends { body: infer B } ? { body: In<B> } : { body?: undefined });
type SuccessOf<N extends EndpointName> = {
  [S in keyof EndpointOf<N>['responses']]: S extends 200 | 201 | 204 ? (EndpointOf<N>['responses'][S] extends null ? null : Out<EndpointOf<N>['responses'][S]>) : never;
}[keyof EndpointOf<N>['responses']];

export interface HallClientOptions {
  baseUrl: string;
  /** Per request; a hall server that does not answer within this is treated as unreachable. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * A call made with the session's token answered 401: the hall ended the session (another clerk
   * took the window, the password changed, it idled out, the hall forgot it). The station never
   * signs in again by itself: it sends its clerk back to sign in, saying why.
   */
  onSessionEnded?: (error: HallCallError) => void;
}

export interface HallClient {
  readonly baseUrl: string;
  token: string | null;
  /** This PC's own key at the hall (registration.ts), sent as X-Station-Key with every call. */
  stationKey: string | null;
  call<N extends EndpointName>(name: N, input?: CallInput<N>): Promise<SuccessOf<N>>;
  push(req: PushRequest): Promise<PushResponse>;
  pull(query: { cursor: number; limit?: number; stationId?: string }): Promise<PullResponse>;
  /** True when /healthz answers ok. Never throws. */
  reachable(): Promise<boolean>;
  /** A binary answer (an online application's material file): its type and bytes. */
  bytes(path: string): Promise<{ contentType: string; bytes: Uint8Array }>;
  /** A GET route answering a file (a report as Excel or CSV): its bytes, type and the name it suggests. */
  download<N extends EndpointName>(name: N, input?: CallInput<N>): Promise<{ bytes: Uint8Array; type: string; fileName: string }>;
}

/** The name in Content-Disposition, the UTF-8 one (RFC 5987) first. */
export function fileNameOf(disposition: string | null): string {
  if (!disposition) return 'download';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? 'download';
}

function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(String(params?.[k] ?? '')));
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function createHallClient(opts: HallClientOptions): HallClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const doFetch = opts.fetch ?? fetch;

  async function send(method: string, url: string, body: unknown, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    if (client.stationKey) headers['x-station-key'] = client.stationKey;
    try {
      return await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      throw new HallCallError('HALL_UNREACHABLE', `大厅服务器无法连接（${cause}）`, 0, { url: baseUrl });
    }
  }

  async function readJson(res: Response): Promise<unknown> {
    const text = await res.text().catch(() => {
      throw new HallCallError('HALL_UNREACHABLE', '大厅服务器的应答中断了', 0, { url: baseUrl });
    });
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  function errorFrom(res: Response, payload: unknown): HallCallError {
    const parsed = errorResponseSchema.safeParse(payload);
    if (parsed.success) return new HallCallError(parsed.data.error.code, parsed.data.error.message, res.status, parsed.data.error.details);
    // A proxy's 502 page, or a crash: the server is there but cannot answer.
    if (res.status >= 500) return new HallCallError('HALL_UNREACHABLE', `大厅服务器暂时无法处理请求（HTTP ${res.status}）`, res.status);
    return new HallCallError('HALL_BAD_RESPONSE', `大厅服务器的应答无法识别（HTTP ${res.status}）`, res.status);
  }

  async function request(method: string, path: string, body: unknown, schemaFor: (status: number) => z.ZodType | null | undefined): Promise<unknown> {
    const url = `${baseUrl}${path}`;
    const token = client.token;
    const res = await send(method, url, body, token);
    const payload = await readJson(res);
    if (!res.ok) {
      const error = errorFrom(res, payload);
      // Only the token's own end ends the session: a refused station key is the station's business.
      if (res.status === 401 && token !== null && token === client.token && (error.code === 'SESSION_ENDED' || error.code === 'UNAUTHENTICATED')) {
        client.token = null;
        opts.onSessionEnded?.(error);
      }
      throw error;
    }
    const schema = schemaFor(res.status);
    if (schema === null || res.status === 204) return null;
    if (schema === undefined) throw new HallCallError('HALL_BAD_RESPONSE', `大厅服务器返回了未约定的状态 ${res.status}`, res.status);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new HallCallError('HALL_BAD_RESPONSE', `大厅服务器的应答与约定不符：${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, res.status);
    }
    return parsed.data;
  }

  const client: HallClient = {
    baseUrl,
    token: null,
    stationKey: null,

    async call(name, input) {
      const e = hallApi[name];
      const i = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
      const path = fillPath(e.path, i.params) + queryString(i.query);
      const responses = e.responses as Record<number, z.ZodType | null>;
      // POSTs without a declared body (call-next, start, …) send none; Fastify would refuse an empty JSON body.
      const body = 'body' in e ? (i.body ?? {}) : undefined;
      return (await request(e.method, path, body, (s) => responses[s])) as never;
    },

    async push(req) {
      const body = pushRequestSchema.parse(req);
      return (await request('POST', '/api/v1/sync/push', body, (s) => (s === 200 ? pushResponseSchema : undefined))) as PushResponse;
    },

    async pull(query) {
      return (await request('GET', `/api/v1/sync/pull${queryString(query)}`, undefined, (s) => (s === 200 ? pullResponseSchema : undefined))) as PullResponse;
    },

    async bytes(path) {
      const res = await send('GET', `${baseUrl}${path}`, undefined, client.token);
      if (!res.ok) throw errorFrom(res, await readJson(res));
      return { contentType: res.headers.get('content-type') ?? 'application/octet-stream', bytes: new Uint8Array(await res.arrayBuffer()) };
    },

    async download(name, input) {
      const e = hallApi[name];
      const i = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown> };
      const token = client.token;
      const res = await send(e.method, `${baseUrl}${fillPath(e.path, i.params)}${queryString(i.query)}`, undefined, token);
      if (!res.ok) {
        const error = errorFrom(res, await readJson(res));
        if (res.status === 401 && token !== null && token === client.token && (error.code === 'SESSION_ENDED' || error.code === 'UNAUTHENTICATED')) {
          client.token = null;
          opts.onSessionEnded?.(error);
        }
        throw error;
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { bytes, type: res.headers.get('content-type') ?? 'application/octet-stream', fileName: fileNameOf(res.headers.get('content-disposition')) };
    },

    async reachable() {
      try {
        const res = await doFetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(Math.min(timeoutMs, 3000)) });
        await res.body?.cancel().catch(() => undefined);
        return res.ok;
      } catch {
        return false;
      }
    },
  };
  return client;
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StationEvent } from '../../../src/contract/station-api';
import { createHttpClient, createIpcClient, createStationClient, toAnswer, type LinkState, type UiStationClient } from '../../../src/ui/station-client';

/**
 * The UI's client against a real HTTP server on loopback that speaks the web host's protocol:
 * POST /station/<method> → StationAnswer JSON, GET /station/events → SSE.
 */

type Handler = (method: string, body: unknown, res: ServerResponse) => void;

interface Host {
  server: Server;
  base: string;
  port: number;
  calls: string[];
  push: (event: unknown) => void;
  dropStreams: () => void;
  close: () => Promise<void>;
}

const open: Array<() => Promise<void>> = [];
const clients: UiStationClient[] = [];

async function startHost(handler: Handler, port = 0): Promise<Host> {
  const streams = new Set<ServerResponse>();
  const calls: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === '/station/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': hello\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const method = url.replace('/station/', '');
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      calls.push(method);
      handler(method, text ? JSON.parse(text) : null, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  const host: Host = {
    server,
    port: actual,
    base: `http://127.0.0.1:${actual}/station/`,
    calls,
    push: (event) => {
      for (const s of streams) s.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    dropStreams: () => {
      for (const s of streams) s.destroy();
      streams.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(host.close);
  return host;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function client(base: string): UiStationClient {
  const c = createHttpClient({ base, backoffMs: () => 30, timeoutMs: 2000 });
  clients.push(c);
  return c;
}

function waitFor<T>(check: () => T | undefined, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = check();
      if (v !== undefined) return resolve(v);
      if (Date.now() - started > ms) return reject(new Error('timed out waiting'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const close of open.splice(0)) await close();
});

describe('the station client over HTTP (browser mode)', () => {
  it('posts the args as JSON and returns the answer as sent', async () => {
    let seen: unknown;
    const host = await startHost((method, body, res) => {
      seen = { method, body };
      json(res, 200, { ok: true, value: [{ kind: 'matter', code: '11370900MB', name: '营业执照' }] });
    });
    const answer = await client(host.base).call('catalog.search', { query: 'yyzz' });
    expect(seen).toEqual({ method: 'catalog.search', body: { query: 'yyzz' } });
    expect(answer).toEqual({ ok: true, value: [{ kind: 'matter', code: '11370900MB', name: '营业执照' }] });
  });

  it('passes a refusal through with its code, message and details', async () => {
    const host = await startHost((_m, _b, res) => json(res, 409, { ok: false, error: { code: 'WINDOW_BUSY', message: 'busy', details: { ticket: 'A012' } } }));
    const answer = await client(host.base).call('queue.callNext', {});
    expect(answer).toEqual({ ok: false, error: { code: 'WINDOW_BUSY', message: 'busy', details: { ticket: 'A012' } } });
  });

  it('turns a page that is not an answer into STATION_BAD_ANSWER', async () => {
    const host = await startHost((_m, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy</html>');
    });
    const answer = await client(host.base).call('queue.view', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('STATION_BAD_ANSWER');
  });

  it('answers STATION_UNREACHABLE, never throws, when nothing listens', async () => {
    const host = await startHost(() => undefined);
    const base = host.base;
    await host.close();
    open.length = 0;
    const c = client(base);
    const answer = await c.call('session.get', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('STATION_UNREACHABLE');
    await waitFor(() => (c.link() === 'down' ? true : undefined));
  });

  it('delivers events from the stream and drops the malformed ones', async () => {
    const host = await startHost(() => undefined);
    const c = client(host.base);
    const got: StationEvent[] = [];
    c.subscribe((e) => got.push(e));
    await waitFor(() => (c.link() === 'open' ? true : undefined));
    host.push({ type: 'queue', reason: 'called' });
    host.push({ type: 'no-such-event' });
    host.push({ type: 'cases', caseId: null });
    await waitFor(() => (got.length >= 2 ? true : undefined));
    expect(got).toEqual([
      { type: 'queue', reason: 'called' },
      { type: 'cases', caseId: null },
    ]);
  });

  it('reconnects the event stream after the station restarts', async () => {
    const host = await startHost(() => undefined);
    const c = client(host.base);
    const states: LinkState[] = [];
    c.onLink((s) => states.push(s));
    const got: StationEvent[] = [];
    c.subscribe((e) => got.push(e));
    await waitFor(() => (c.link() === 'open' ? true : undefined));
    const port = host.port;
    await host.close();
    open.length = 0;
    await waitFor(() => (states.includes('down') ? true : undefined));
    const again = await startHost(() => undefined, port);
    await waitFor(() => (c.link() === 'open' ? true : undefined));
    again.push({ type: 'queue', reason: 'after restart' });
    await waitFor(() => (got.length > 0 ? true : undefined));
    expect(got).toEqual([{ type: 'queue', reason: 'after restart' }]);
  });
});

describe('the station client over IPC (Electron)', () => {
  it('calls the preload bridge and hears its events', async () => {
    let listener: ((e: unknown) => void) | null = null;
    const bridge = {
      call: async (method: string, args: unknown) => ({ ok: true, value: { method, args } }),
      subscribe: (cb: (e: unknown) => void) => {
        listener = cb;
        return () => (listener = null);
      },
    };
    const c = createStationClient({ stationApi: bridge });
    expect(c.transport).toBe('ipc');
    expect(await c.call('queue.recall', { ticketId: 't1' })).toEqual({ ok: true, value: { method: 'queue.recall', args: { ticketId: 't1' } } });
    const got: StationEvent[] = [];
    c.subscribe((e) => got.push(e));
    listener!({ type: 'queue', reason: 'x' });
    listener!({ nonsense: true });
    expect(got).toEqual([{ type: 'queue', reason: 'x' }]);
  });

  it('turns a failing IPC call into STATION_UNREACHABLE instead of an unhandled rejection', async () => {
    const c = createIpcClient({
      call: () => Promise.reject(new Error('main process gone')),
      subscribe: () => () => undefined,
    });
    const answer = await c.call('session.get', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('STATION_UNREACHABLE');
  });
});

describe('answers are checked for shape', () => {
  it('accepts both StationAnswer shapes and nothing else', () => {
    expect(toAnswer({ ok: true, value: 1 })).toEqual({ ok: true, value: 1 });
    expect(toAnswer({ ok: true })).toEqual({ ok: true, value: null });
    expect(toAnswer({ ok: false, error: { code: 'X', message: 'm' } })).toEqual({ ok: false, error: { code: 'X', message: 'm' } });
    for (const bad of [null, 'text', 42, { ok: 'yes' }, { ok: false }, { ok: false, error: { message: 'no code' } }]) {
      const a = toAnswer(bad);
      expect(a.ok).toBe(false);
      if (!a.ok) expect(a.error.code).toBe('STATION_BAD_ANSWER');
    }
  });
});

describe('a page whose station key is no longer the station’s', () => {
  it('hears STATION_KEY_REQUIRED once and is sent to the explanation page (a reload), not left with a console that fails', async () => {
    const host = await startHost((_method, _body, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: { code: 'STATION_KEY_REQUIRED', message: '需要工作站密钥' } }));
    });
    let reloads = 0;
    const client = createHttpClient({ base: host.base, onKeyRequired: () => reloads++ });
    clients.push(client);
    expect(await client.call('cases.list', {})).toMatchObject({ ok: false, error: { code: 'STATION_KEY_REQUIRED' } });
    await client.call('session.get', {});
    expect(reloads).toBe(1);
  });
});

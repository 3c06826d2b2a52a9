import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StationEvent } from '../contract/station-api';
import { createStation, type CreateStationOptions, type Station } from './api';
import type { StationConfig } from './config';

/**
 * The station in browser mode: StationApi over HTTP (POST /station/<method>, JSON in, StationAnswer
 * out) and Server-Sent Events (GET /station/events), plus the built UI. The station holds the
 * clerk's session, so whoever can reach this port acts as the clerk: it answers loopback clients
 * only, and refuses what a web page on another site could make a browser send (a foreign Host
 * header from DNS rebinding, a foreign Origin, a non-JSON "simple" POST that skips CORS preflight).
 */

export const DEFAULT_STATION_PORT = 7400;

/** electron-vite's renderer output, relative to the repository root. */
export const defaultUiDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** A Host header naming this machine by a loopback name: what a DNS-rebinding page cannot send. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return name === 'localhost' || name === '[::1]' || isLoopbackAddress(name);
}

function isSameHostOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return u.host === host && (u.protocol === 'http:' || u.protocol === 'https:');
  } catch {
    return false;
  }
}

const refuse = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).send({ ok: false, error: { code, message } });

export interface WebHostOptions {
  config: StationConfig;
  /** Default STATION_PORT or 7400; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Binding wider does not open the API: non-loopback clients get 403. */
  host?: string;
  /** A station already built (the launcher's); otherwise one is created, started and stopped with the host. */
  station?: Station;
  stationOptions?: CreateStationOptions;
  uiDir?: string;
  /** Heartbeat comment on the event stream, so proxies and browsers keep it open. */
  heartbeatMs?: number;
}

export interface RunningWebHost {
  url: string;
  station: Station;
  app: FastifyInstance;
  close(): Promise<void>;
}

export function buildWebHost(station: Station, opts: { uiDir: string; heartbeatMs?: number }): FastifyInstance {
  // forceCloseConnections: open event streams must not keep close() waiting.
  const app = Fastify({ logger: false, bodyLimit: 1_000_000, forceCloseConnections: true });
  const uiRoot = resolve(opts.uiDir);

  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopbackAddress(request.socket.remoteAddress)) {
      return refuse(reply, 403, 'LOOPBACK_ONLY', '工作站只接受本机访问');
    }
    if (!isLoopbackHost(request.headers.host)) {
      return refuse(reply, 403, 'HOST_FORBIDDEN', '请用 http://127.0.0.1 或 http://localhost 访问工作站');
    }
    if (request.url.startsWith('/station/') && !isSameHostOrigin(request.headers.origin, request.headers.host)) {
      return refuse(reply, 403, 'ORIGIN_FORBIDDEN', '其他网站不能调用工作站');
    }
  });

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const code = status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 413 ? 'BODY_TOO_LARGE' : status < 500 ? 'BAD_ARGS' : 'STATION_ERROR';
    return reply.code(status).send({ ok: false, error: { code, message: err.message } });
  });

  app.post('/station/:method', async (request: FastifyRequest<{ Params: { method: string } }>, reply) => {
    // A form or text/plain POST is a CORS "simple request" a foreign page can send without asking.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'StationApi 只接受 application/json');
    }
    return station.dispatch(request.params.method, request.body ?? {});
  });

  app.get('/station/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (e: StationEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
    res.write(': station events\n\n');
    // The current state first, so a page opened late does not wait for the next change.
    send({ type: 'session', session: station.context.session.get() });
    send({ type: 'sync', state: station.context.sync.state() });
    const unsubscribe = station.events.subscribe(send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), opts.heartbeatMs ?? 15_000);
    heartbeat.unref();
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  app.get('/*', async (request, reply) => {
    const index = join(uiRoot, 'index.html');
    if (!existsSync(index)) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>工作站</title><p>界面尚未构建：请先运行 <code>npm run build</code>，再刷新本页。</p><p>The UI is not built yet: run <code>npm run build</code>, then reload.</p>');
    }
    const path = decodeURIComponent(request.url.split('?')[0]!);
    const file = resolve(uiRoot, `.${path}`);
    const inside = file === uiRoot || file.startsWith(uiRoot + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : index;
    const type = MIME[extname(target)] ?? 'application/octet-stream';
    // Hashed assets never change; index.html must be fetched fresh after an update.
    const cache = target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply.type(type).header('cache-control', cache).send(createReadStream(target));
  });

  return app;
}

/** Starts the web host (and its station, unless one is given). Prints nothing: the CLI does. */
export async function startStationWebHost(opts: WebHostOptions): Promise<RunningWebHost> {
  const owned = !opts.station;
  const station = opts.station ?? createStation(opts.config, opts.stationOptions);
  if (owned) await station.start();
  const app = buildWebHost(station, { uiDir: opts.uiDir ?? defaultUiDir, heartbeatMs: opts.heartbeatMs });
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ port: opts.port ?? DEFAULT_STATION_PORT, host });
  } catch (e) {
    if (owned) await station.stop();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    station,
    app,
    async close() {
      await app.close();
      if (owned) await station.stop();
    },
  };
}

import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ONLINE_BODY_LIMIT_BYTES } from '../contract/api-online';
import type { StationEvent } from '../contract/station-api';
import { createStation, type CreateStationOptions, type Station } from './api';
import type { StationConfig } from './config';

/**
 * The station in browser mode: StationApi over HTTP (POST /station/<method>, JSON in, StationAnswer
 * out) and Server-Sent Events (GET /station/events), plus the built UI. The station holds the
 * clerk's session, so whoever can reach this port acts as the clerk: it answers loopback clients
 * only, and refuses what a web page on another site could make a browser send (a foreign Host
 * header from DNS rebinding, a foreign Origin, a non-JSON "simple" POST that skips CORS preflight).
 *
 * Loopback is not enough on a shared PC: any local process (another account's, a stray tool) could
 * read full ID numbers with curl. So the web host makes a key at each start and prints a URL that
 * carries it. Opening that URL sets an HttpOnly, SameSite=Strict cookie and redirects to the same
 * page without the key, so it leaves the address bar and the history; every other request needs the
 * cookie, or `Authorization: Bearer <key>` (scripts). The key holds while this station runs: the
 * console and the evaluation pad on the same PC both open the printed URL. Nothing of the app loads
 * without it; the only public things are the explanation page every 401 shows and its stylesheet.
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

/** The query parameter of the printed URL. */
export const KEY_PARAM = 'key';
/** Cookies are not kept apart by port: two stations on one PC (7400, 7401) each get their own name. */
export const keyCookieName = (port: number | string) => `station_key_${port}`;

/**
 * Every page of the web host: scripts and styles from the station only (the renderer build has no
 * inline script, and antd's styles come from its static sheet), no framing by anyone (a foreign page
 * cannot overlay the console and catch a clerk's clicks), no MIME sniffing, no referrer (the address
 * with the key never leaves in a Referer header).
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // antd writes its theme's CSS variables into <style> elements: the page's nonce lets those through,
    // nothing else inline ('report-sample' only puts the start of a refused style into the violation report).
    styleNonce ? `style-src 'self' 'report-sample' 'nonce-${styleNonce}'` : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export const KEY_REQUIRED_CODE = 'STATION_KEY_REQUIRED';
const KEY_REQUIRED_MESSAGE = '需要工作站密钥：请打开工作站启动时打印的地址（带 ?key= 的那一行）；工作站每次启动都会换新密钥';
/** The explanation page's own stylesheet: public, so the page that says "open the printed URL" is readable. */
export const KEY_PAGE_CSS = '/_station/key-page.css';

const keyPage = (wrongKey: boolean) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>需要工作站密钥 · 政务服务大厅窗口工作台</title>
<link rel="stylesheet" href="${KEY_PAGE_CSS}">
</head>
<body>
<main>
<h1>${wrongKey ? '地址中的密钥不对或已过期' : '请用工作站打印的地址打开本页'}</h1>
<p>为保护办事群众的个人信息，本机工作站只接受带密钥的访问。</p>
<ol>
<li>找到启动工作站的窗口（运行 <code>npm run web</code> 的终端）。</li>
<li>打开其中以 <code>http://127.0.0.1</code> 开头、带 <code>?key=</code> 的地址（可复制到浏览器地址栏）。</li>
<li>工作站每次重新启动都会换新密钥：重启后请重新打开新打印的地址。</li>
</ol>
<p class="code">错误代码 ${KEY_REQUIRED_CODE}</p>
<p class="en">The station needs its key: open the address it printed when it started (the one with <code>?key=</code>). The key changes at every start.</p>
</main>
</body>
</html>
`;

const KEY_PAGE_STYLE = `body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;background:#f5f7fa;color:#1f2329}
main{max-width:640px;margin:12vh auto;padding:32px 40px;background:#fff;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 16px;color:#c4320a}p,li{font-size:16px;line-height:1.8}code{background:#f0f2f5;padding:1px 6px;border-radius:4px}
.code{color:#646a73;font-size:14px}.en{color:#8f959e;font-size:14px}
`;

/** Compared as digests, so neither the length nor the content of a wrong key shows in the timing. */
function sameKey(given: string | undefined, digest: Buffer): boolean {
  if (!given) return false;
  return timingSafeEqual(createHash('sha256').update(given).digest(), digest);
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * 401 with the code: JSON for StationApi calls and scripts, the explanation page for a person's
 * browser (a navigation asks for text/html).
 */
function keyRequired(request: FastifyRequest, reply: FastifyReply, wrongKey: boolean) {
  reply.code(401).header('cache-control', 'no-store');
  const wantsPage = !request.url.startsWith('/station/') && String(request.headers.accept ?? '').includes('text/html');
  if (wantsPage) return reply.type('text/html; charset=utf-8').send(keyPage(wrongKey));
  return reply.send({ ok: false, error: { code: KEY_REQUIRED_CODE, message: KEY_REQUIRED_MESSAGE } });
}

/** A fresh key for this start: 32 random bytes, URL-safe. */
export const newStationKey = () => randomBytes(32).toString('base64url');

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
  /** The key of this start; made here when not given. */
  key?: string;
}

export interface RunningWebHost {
  /** The station's address, without the key. */
  url: string;
  /** The address to open (and to print): it carries the key, which the first GET swaps for a cookie. */
  openUrl: string;
  /** For scripts: `Authorization: Bearer <key>`. */
  key: string;
  station: Station;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function buildWebHost(station: Station, opts: { uiDir: string; key: string; heartbeatMs?: number }): Promise<FastifyInstance> {
  // forceCloseConnections: open event streams must not keep close() waiting.
  const app = Fastify({ logger: false, bodyLimit: 1_000_000, forceCloseConnections: true });
  const uiRoot = resolve(opts.uiDir);
  const keyDigest = createHash('sha256').update(opts.key).digest();
  // Registered (and awaited) first, so request.cookies is parsed before the key check below.
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!isLoopbackAddress(request.socket.remoteAddress)) {
      return refuse(reply, 403, 'LOOPBACK_ONLY', '工作站只接受本机访问');
    }
    if (!isLoopbackHost(request.headers.host)) {
      return refuse(reply, 403, 'HOST_FORBIDDEN', '请用 http://127.0.0.1 或 http://localhost 访问工作站');
    }
    if (request.url.startsWith('/station/') && !isSameHostOrigin(request.headers.origin, request.headers.host)) {
      return refuse(reply, 403, 'ORIGIN_FORBIDDEN', '其他网站不能调用工作站');
    }
    const url = new URL(request.url, 'http://station.invalid');
    if (request.method === 'GET' && url.pathname === KEY_PAGE_CSS) return;
    const cookie = keyCookieName(request.socket.localPort ?? '');
    if (request.method === 'GET' && url.searchParams.has(KEY_PARAM)) {
      if (!sameKey(url.searchParams.get(KEY_PARAM) ?? undefined, keyDigest)) return keyRequired(request, reply, true);
      // The key goes into a cookie only this page's scripts cannot read, and out of the address bar.
      url.searchParams.delete(KEY_PARAM);
      reply.setCookie(cookie, opts.key, { httpOnly: true, sameSite: 'strict', path: '/' });
      // One leading slash: '//host/…' would send the browser to another site.
      return reply.header('cache-control', 'no-store').redirect(`/${url.pathname.replace(/^\/+/, '')}${url.search}`, 303);
    }
    if (sameKey(request.cookies[cookie], keyDigest) || sameKey(bearer(request.headers.authorization), keyDigest)) return;
    return keyRequired(request, reply, false);
  });

  app.get(KEY_PAGE_CSS, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(KEY_PAGE_STYLE));

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const code = status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 413 ? 'BODY_TOO_LARGE' : status < 500 ? 'BAD_ARGS' : 'STATION_ERROR';
    return reply.code(status).send({ ok: false, error: { code, message: err.message } });
  });

  const dispatch = async (method: string, request: FastifyRequest, reply: FastifyReply) => {
    // A form or text/plain POST is a CORS "simple request" a foreign page can send without asking.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'StationApi 只接受 application/json');
    }
    return station.dispatch(method, request.body ?? {});
  };
  // A town centre files scanned papers as base64 (up to the hall's own limit for a filing); every
  // other method keeps the small limit.
  app.post('/station/town.file', { bodyLimit: ONLINE_BODY_LIMIT_BYTES }, async (request, reply) => dispatch('town.file', request, reply));
  app.post('/station/:method', async (request: FastifyRequest<{ Params: { method: string } }>, reply) => dispatch(request.params.method, request, reply));

  app.get('/station/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
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
    if (target === index) {
      // A fresh nonce per page load, in the policy and in a meta tag the page hands to antd.
      const nonce = randomBytes(16).toString('base64');
      const html = readFileSync(index, 'utf8').replace('<head>', `<head>\n    <meta name="csp-nonce" content="${nonce}" />`);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', contentSecurityPolicy(nonce)).send(html);
    }
    const type = MIME[extname(target)] ?? 'application/octet-stream';
    // Hashed assets never change; index.html must be fetched fresh after an update. Private: they are
    // served to the key's holder only.
    const cache = target.includes(`${sep}assets${sep}`) ? 'private, max-age=31536000, immutable' : 'no-cache';
    return reply.type(type).header('cache-control', cache).send(createReadStream(target));
  });

  return app;
}

/** Starts the web host (and its station, unless one is given). Prints nothing: the CLI does. */
export async function startStationWebHost(opts: WebHostOptions): Promise<RunningWebHost> {
  const owned = !opts.station;
  const station = opts.station ?? createStation(opts.config, opts.stationOptions);
  if (owned) await station.start();
  const key = opts.key ?? newStationKey();
  let app: FastifyInstance;
  try {
    app = await buildWebHost(station, { uiDir: opts.uiDir ?? defaultUiDir, heartbeatMs: opts.heartbeatMs, key });
  } catch (e) {
    if (owned) await station.stop();
    throw e;
  }
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
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    openUrl: `${url}/?${KEY_PARAM}=${key}`,
    key,
    station,
    app,
    async close() {
      await app.close();
      if (owned) await station.stop();
    },
  };
}

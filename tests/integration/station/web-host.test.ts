import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost, keyCookieName, startStationWebHost, type RunningWebHost } from '../../../src/station/web-host';
import { offlineStation } from '../../unit/station/offline-station';
import { tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function host(bind = '127.0.0.1', uiDir?: string): Promise<RunningWebHost> {
  const { station } = await offlineStation();
  cleanups.push(() => station.stop());
  const h = await startStationWebHost({ config: station.context.config, station, port: 0, host: bind, ...(uiDir ? { uiDir } : {}) });
  cleanups.push(() => h.close());
  return h;
}

/** A raw request, so the test controls Host and Origin exactly. */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.localAddress }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** What a script on this PC sends: the key in the Authorization header. */
const bearer = (h: RunningWebHost) => ({ authorization: `Bearer ${h.key}` });

const nonLoopback = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('the station web host', () => {
  it('answers StationApi calls with StationAnswers, bad arguments included', async () => {
    const h = await host();
    const post = (method: string, body: unknown) => fetch(`${h.url}/station/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(h) }, body: JSON.stringify(body) });
    expect(await (await post('session.get', {})).json()).toEqual({ ok: true, value: null });
    expect(await (await post('catalog.search', { query: 5 })).json()).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    const broken = await fetch(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(h) }, body: '{"oops' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
  });

  it('refuses what a foreign web page could send: a text/plain POST, a foreign Origin, a rebound Host name', async () => {
    const h = await host();
    const plain = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'text/plain', ...bearer(h) }, body: '{}' });
    expect(plain.status).toBe(415);
    const origin = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body)).toMatchObject({ error: { code: 'ORIGIN_FORBIDDEN' } });
    const rebound = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', host: 'evil.example:7400' }, body: '{}' });
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'HOST_FORBIDDEN' } });
    const same = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', origin: h.url, ...bearer(h) }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it.skipIf(!nonLoopback)('refuses a client that is not on this machine even when bound to every address', async () => {
    const h = await host('0.0.0.0');
    const port = new URL(h.url).port;
    const r = await raw(`http://${nonLoopback}:${port}/station/session.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}`, ...bearer(h) },
      body: '{}',
      localAddress: nonLoopback,
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'LOOPBACK_ONLY' } });
  });

  it('tells loopback clients from others, for every way an address is written', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', '', undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false);
    for (const h of ['127.0.0.1:7400', 'localhost:7400', '[::1]:7400', 'localhost']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['evil.example', '10.0.0.5:7400', 'localhost.evil.example:7400', undefined]) expect(isLoopbackHost(h), String(h)).toBe(false);
  });

  it('streams station events, the current state first', async () => {
    const h = await host();
    const ac = new AbortController();
    const res = await fetch(`${h.url}/station/events`, { signal: ac.signal, headers: bearer(h) });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const events: Array<{ type: string }> = [];
    const next = async () => {
      while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
      const [block, rest] = [text.slice(0, text.indexOf('\n\n')), text.slice(text.indexOf('\n\n') + 2)];
      text = rest;
      return block;
    };
    while (events.length < 2) {
      const block = await next();
      if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as { type: string });
    }
    expect(events.map((e) => e.type)).toEqual(['session', 'sync']);
    await fetch(`${h.url}/station/session.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(h) },
      body: JSON.stringify({ username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }),
    });
    for (;;) {
      const block = await next();
      if (!block.startsWith('data: ')) continue;
      const e = JSON.parse(block.slice(6)) as { type: string; session?: { offline: boolean } };
      if (e.type === 'session') {
        expect(e.session).toMatchObject({ offline: true });
        break;
      }
    }
    ac.abort();
  });

  it('serves the built UI, and says to build it when it is missing', async () => {
    const ui = tempDir('station-ui-');
    cleanups.push(() => ui.remove());
    const missing = await host('127.0.0.1', ui.path);
    const page = await fetch(`${missing.url}/`, { headers: bearer(missing) });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');

    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(`${ui.path}/assets`);
    writeFileSync(`${ui.path}/index.html`, '<!doctype html><title>窗口工作台</title>');
    writeFileSync(`${ui.path}/assets/app-1234.js`, 'console.log(1)');
    const index = await fetch(`${missing.url}/console`, { headers: bearer(missing) });
    expect(await index.text()).toContain('窗口工作台');
    const asset = await fetch(`${missing.url}/assets/app-1234.js`, { headers: bearer(missing) });
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const escape = await raw(`${missing.url}/..%2f..%2f..%2fetc%2fpasswd`, { headers: bearer(missing) });
    expect(escape.body).not.toContain('root:');
  });
});

describe('the station key', () => {
  async function builtUi(): Promise<string> {
    const ui = tempDir('station-ui-');
    cleanups.push(() => ui.remove());
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(`${ui.path}/assets`);
    writeFileSync(`${ui.path}/index.html`, '<!doctype html><html><head><title>窗口工作台</title></head><body></body></html>');
    writeFileSync(`${ui.path}/assets/app-1234.js`, 'console.log(1)');
    return ui.path;
  }

  it('answers 401 with STATION_KEY_REQUIRED to anything without the key: calls, events, the UI, its files', async () => {
    const h = await host('127.0.0.1', await builtUi());
    const call = await raw(`${h.url}/station/cases.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'STATION_KEY_REQUIRED', message: expect.stringContaining('工作站') } });
    for (const path of ['/station/events', '/assets/app-1234.js', '/', '/console']) {
      const r = await raw(`${h.url}${path}`, {});
      expect(r.status, path).toBe(401);
      expect(r.body, path).toContain('STATION_KEY_REQUIRED');
    }
    // Guessing the key, or using a session cookie of another station on this PC (another port), opens nothing.
    expect((await raw(`${h.url}/station/cases.list`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer guess' }, body: '{}' })).status).toBe(401);
    expect((await raw(`${h.url}/`, { headers: { cookie: `${keyCookieName(7401)}=${h.key}` } })).status).toBe(401);
    // With it: 200.
    expect((await raw(`${h.url}/station/cases.list`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(h) }, body: '{}' })).status).toBe(200);
  });

  it('shows a person who opens the bare address a Chinese page saying to open the printed URL', async () => {
    const h = await host('127.0.0.1', await builtUi());
    const page = await raw(`${h.url}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('请用工作站打印的地址打开本页');
    expect(page.body).toContain('STATION_KEY_REQUIRED');
    expect(page.body).not.toContain(h.key);
    expect(page.body).not.toMatch(/<script|style=/);
    // Its stylesheet is the one public file.
    const css = await raw(`${h.url}/_station/key-page.css`, {});
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('swaps the printed URL for an HttpOnly, SameSite=Strict cookie and sends the browser on without the key', async () => {
    const h = await host('127.0.0.1', await builtUi());
    expect(h.openUrl).toBe(`${h.url}/?key=${h.key}`);
    const open = await raw(h.openUrl, { headers: { accept: 'text/html' } });
    expect(open.status).toBe(303);
    expect(open.headers.location).toBe('/');
    expect(open.headers['cache-control']).toBe('no-store');
    const cookie = String(open.headers['set-cookie']);
    const port = new URL(h.url).port;
    expect(cookie).toContain(`${keyCookieName(port)}=${h.key}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    const jar = cookie.split(';')[0]!;
    const page = await raw(`${h.url}/`, { headers: { cookie: jar } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('窗口工作台');
    const call = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: jar }, body: '{}' });
    expect(JSON.parse(call.body)).toEqual({ ok: true, value: null });
    // The evaluation pad opens the same URL on its own path; other parameters stay, the key goes.
    const pad = await raw(`${h.url}/pad?window=A3&key=${h.key}`, {});
    expect(pad.headers.location).toBe('/pad?window=A3');
    // '//host' after the key must not send the browser to another site.
    const sneaky = await raw(`${h.url}/.//evil.example/?key=${h.key}`, {});
    expect(sneaky.headers.location).toMatch(/^\/(?!\/)/);
  });

  it('refuses a wrong or stale key in the URL with the explanation, and sets no cookie', async () => {
    const h = await host('127.0.0.1', await builtUi());
    const stale = await raw(`${h.url}/?key=the-key-of-yesterday`, { headers: { accept: 'text/html' } });
    expect(stale.status).toBe(401);
    expect(stale.headers['set-cookie']).toBeUndefined();
    expect(stale.body).toContain('地址中的密钥不对或已过期');
  });

  it('sends a strict CSP, no framing, no sniffing and no referrer on every page, 401 and 403 included', async () => {
    const h = await host('127.0.0.1', await builtUi());
    const pages = [
      await raw(`${h.url}/`, { headers: bearer(h) }),
      await raw(`${h.url}/assets/app-1234.js`, { headers: bearer(h) }),
      await raw(`${h.url}/`, {}),
      await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' }),
    ];
    expect(pages.map((p) => p.status)).toEqual([200, 200, 401, 403]);
    for (const p of pages) {
      const csp = String(p.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(p.headers['x-content-type-options']).toBe('nosniff');
      expect(p.headers['referrer-policy']).toBe('no-referrer');
      expect(p.headers['x-frame-options']).toBe('DENY');
    }
    // The page itself carries a fresh nonce for antd's theme variables, in its policy and in a meta tag.
    const nonce = /<meta name="csp-nonce" content="([^"]+)"/.exec(pages[0]!.body)?.[1];
    expect(nonce).toBeTruthy();
    expect(String(pages[0]!.headers['content-security-policy'])).toContain(`style-src 'self' 'report-sample' 'nonce-${nonce}'`);
    const again = await raw(`${h.url}/`, { headers: bearer(h) });
    expect(again.body).not.toContain(nonce!);
  });

  it('makes a new key at each start: the URL of the last run opens nothing', async () => {
    const first = await host('127.0.0.1', await builtUi());
    const second = await host('127.0.0.1', await builtUi());
    expect(second.key).not.toBe(first.key);
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await raw(`${second.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${first.key}` }, body: '{}' })).status).toBe(401);
  });
});

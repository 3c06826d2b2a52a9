import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost, startStationWebHost, type RunningWebHost } from '../../../src/station/web-host';
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
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.localAddress }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const nonLoopback = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('the station web host', () => {
  it('answers StationApi calls with StationAnswers, bad arguments included', async () => {
    const h = await host();
    const post = (method: string, body: unknown) => fetch(`${h.url}/station/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await post('session.get', {})).json()).toEqual({ ok: true, value: null });
    expect(await (await post('catalog.search', { query: 5 })).json()).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
    const broken = await fetch(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"oops' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'BAD_ARGS' } });
  });

  it('refuses what a foreign web page could send: a text/plain POST, a foreign Origin, a rebound Host name', async () => {
    const h = await host();
    const plain = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    const origin = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(origin.status).toBe(403);
    expect(JSON.parse(origin.body)).toMatchObject({ error: { code: 'ORIGIN_FORBIDDEN' } });
    const rebound = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', host: 'evil.example:7400' }, body: '{}' });
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'HOST_FORBIDDEN' } });
    const same = await raw(`${h.url}/station/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', origin: h.url }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it.skipIf(!nonLoopback)('refuses a client that is not on this machine even when bound to every address', async () => {
    const h = await host('0.0.0.0');
    const port = new URL(h.url).port;
    const r = await raw(`http://${nonLoopback}:${port}/station/session.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` },
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
    const res = await fetch(`${h.url}/station/events`, { signal: ac.signal });
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
    await fetch(`${h.url}/station/session.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }) });
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
    const page = await fetch(`${missing.url}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');

    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(`${ui.path}/assets`);
    writeFileSync(`${ui.path}/index.html`, '<!doctype html><title>窗口工作台</title>');
    writeFileSync(`${ui.path}/assets/app-1234.js`, 'console.log(1)');
    const index = await fetch(`${missing.url}/console`);
    expect(await index.text()).toContain('窗口工作台');
    const asset = await fetch(`${missing.url}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const escape = await raw(`${missing.url}/..%2f..%2f..%2fetc%2fpasswd`, {});
    expect(escape.body).not.toContain('root:');
  });
});

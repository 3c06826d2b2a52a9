import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHallClient, HallCallError } from '../../../src/station/hall-client';
import { listenToHall, SseParser, type HallEvent } from '../../../src/station/hall-events';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function refused(): Promise<string> {
  const url = await serve(() => undefined);
  const s = servers.pop()!;
  await new Promise((r) => s.close(r));
  return url;
}

describe('hall client', () => {
  it('says HALL_UNREACHABLE when nothing listens, so the station goes offline instead of failing', async () => {
    const client = createHallClient({ baseUrl: await refused() });
    const e = await client.call('catalog').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HallCallError);
    expect(e).toMatchObject({ code: 'HALL_UNREACHABLE', status: 0 });
    expect(await client.reachable()).toBe(false);
  });

  it("passes the hall server's own error code through", async () => {
    const url = await serve((req, res) => json(res, 409, { error: { code: 'WINDOW_BUSY', message: 'window A3 holds A012', details: { ticket: 'A012' } } }));
    const client = createHallClient({ baseUrl: url });
    client.token = 't';
    await expect(client.call('callNext', { params: { code: 'A3' } })).rejects.toMatchObject({ code: 'WINDOW_BUSY', status: 409, details: { ticket: 'A012' } });
  });

  it('treats a 204 from call-next as "nobody waits" and sends the bearer token', async () => {
    let auth: string | undefined;
    const url = await serve((req, res) => {
      auth = req.headers.authorization;
      res.writeHead(204).end();
    });
    const client = createHallClient({ baseUrl: url });
    client.token = 'secret-token';
    expect(await client.call('callNext', { params: { code: 'A3' } })).toBeNull();
    expect(auth).toBe('Bearer secret-token');
  });

  it('refuses an answer outside the contract with HALL_BAD_RESPONSE', async () => {
    const url = await serve((req, res) => json(res, 200, { status: 'fine' }));
    await expect(createHallClient({ baseUrl: url }).call('health')).rejects.toMatchObject({ code: 'HALL_BAD_RESPONSE' });
  });

  it('never signs in by itself: an ended session is dropped and reported once, with the hall\'s reason', async () => {
    const seen: Array<{ auth: string; key: string }> = [];
    const url = await serve((req, res) => {
      seen.push({ auth: req.headers.authorization ?? '', key: String(req.headers['x-station-key'] ?? '') });
      return json(res, 401, { error: { code: 'SESSION_ENDED', message: 'taken over', details: { reason: 'taken-over' } } });
    });
    const ended: Array<{ code: string; details: unknown }> = [];
    const client = createHallClient({ baseUrl: url, onSessionEnded: (e) => void ended.push({ code: e.code, details: e.details }) });
    client.token = 'old';
    client.stationKey = 'pc-key';
    await expect(client.call('callNext', { params: { code: 'A3' } })).rejects.toMatchObject({ code: 'SESSION_ENDED', status: 401 });
    // One request, with the PC's key; the token is gone, nothing was sent again.
    expect(seen).toEqual([{ auth: 'Bearer old', key: 'pc-key' }]);
    expect(client.token).toBeNull();
    expect(ended).toEqual([{ code: 'SESSION_ENDED', details: { reason: 'taken-over' } }]);
  });

  it('does not end the session when the hall refuses only the station key', async () => {
    const url = await serve((req, res) => json(res, 401, { error: { code: 'STATION_UNKNOWN', message: 'unknown station' } }));
    let ended = 0;
    const client = createHallClient({ baseUrl: url, onSessionEnded: () => void ended++ });
    client.token = 'good';
    await expect(client.call('me')).rejects.toMatchObject({ code: 'STATION_UNKNOWN' });
    expect(client.token).toBe('good');
    expect(ended).toBe(0);
  });

  it('maps a proxy error page (502, not JSON) to HALL_UNREACHABLE', async () => {
    const url = await serve((req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    await expect(createHallClient({ baseUrl: url }).call('catalog')).rejects.toMatchObject({ code: 'HALL_UNREACHABLE', status: 502 });
  });
});

describe('hall event stream', () => {
  it('parses events split anywhere across chunks, with ids, names, comments and CRLF', () => {
    const got: Array<{ id: string | null; event: string; data: string }> = [];
    const p = new SseParser((e) => got.push(e));
    const text = ': hello\r\nid: 7\r\nevent: ticket.called\r\ndata: {"a":1}\r\n\r\nid: 8\ndata: x\ndata: y\n\n';
    for (const ch of text) p.push(ch);
    expect(got).toEqual([
      { id: '7', event: 'ticket.called', data: '{"a":1}' },
      { id: '8', event: 'message', data: 'x\ny' },
    ]);
  });

  it('reconnects after the server drops the stream and resumes with Last-Event-ID', async () => {
    const lastIds: Array<string | undefined> = [];
    const url = await serve((req, res) => {
      lastIds.push(req.headers['last-event-id'] as string | undefined);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const n = lastIds.length;
      res.write(`id: ${n * 10}\nevent: ticket.issued\ndata: {"n":${n}}\n\n`);
      if (n === 1) setTimeout(() => res.destroy(), 20);
    });
    const events: HallEvent[] = [];
    const connections: boolean[] = [];
    const listener = listenToHall({ baseUrl: url, token: () => 'tok', onEvent: (e) => events.push(e), onConnection: (c) => connections.push(c), retryMs: 10 });
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(2);
    listener.close();
    expect(lastIds).toEqual([undefined, '10']);
    expect(events.map((e) => [e.id, e.event])).toEqual([
      [10, 'ticket.issued'],
      [20, 'ticket.issued'],
    ]);
    expect(connections.slice(0, 3)).toEqual([true, false, true]);
  });
});

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HallEvent } from '../../contract/events';
import type { ScopeFilter } from '../auth/policy';
import type { HallContext } from '../context';
import { changeLogReader, type ChangeRow } from './change-log';

const REPLAY_PAGE = 500;

/**
 * Whether an event's data is for this caller (auth/policy.ts scope of the events route): tickets
 * of its zones in full (masked ID numbers still); of other zones only as a poke (type and id), so a
 * screen refreshes without learning about another zone's applicants.
 */
export function eventDataVisible(scope: ScopeFilter, r: ChangeRow, windowCode: string | null = null): boolean {
  // Tickets and ratings (好差评, without the reason) are read in full by their zones and their window.
  if ((r.entity !== 'ticket' && r.entity !== 'evaluation' && r.entity !== 'appointment') || scope.kind === 'all') return true;
  const t = (r.data ?? {}) as { zoneCode?: unknown; windowCode?: unknown };
  // A ticket sent to the caller's own window is its business, whatever its zone.
  if (windowCode !== null && t.windowCode === windowCode) return true;
  return scope.kind === 'zones' && typeof t.zoneCode === 'string' && scope.zoneCodes.includes(t.zoneCode);
}

export function toHallEvent(r: ChangeRow, scope: ScopeFilter = { kind: 'all' }, windowCode: string | null = null): HallEvent {
  return {
    seq: r.seq,
    type: r.event,
    entity: r.entity,
    id: r.id,
    op: r.op,
    at: r.at.toISOString(),
    // Case rows carry no data (a station pulls the cases it may see); out-of-scope tickets are pokes.
    data: r.stationId || !eventDataVisible(scope, r, windowCode) ? null : r.data,
  };
}

export function lastEventId(request: FastifyRequest, fromQuery: number | undefined): number | null {
  const h = request.headers['last-event-id'];
  const raw = Array.isArray(h) ? h[0] : h;
  if (raw !== undefined && /^\d+$/.test(raw.trim())) return Number(raw.trim());
  return fromQuery ?? null;
}

/**
 * Stream the change log as SSE. Resuming without gap or repeat: subscribe to the live feed first
 * (buffering), replay the log from Last-Event-ID up to its end, then flush the buffer; every frame
 * goes through one filter `seq > lastSent`, so a row seen both ways is sent once, and a row
 * committed during the replay is in the buffer (or in a later replay page), never lost.
 */
export async function streamEvents(
  ctx: HallContext,
  request: FastifyRequest,
  reply: FastifyReply,
  fromQuery: number | undefined,
  scope: ScopeFilter,
  windowCode: string | null,
): Promise<void> {
  const frame = (r: ChangeRow) => `id: ${r.seq}\ndata: ${JSON.stringify(toHallEvent(r, scope, windowCode))}\n\n`;
  const resumeFrom = lastEventId(request, fromQuery);
  let lastSent = resumeFrom ?? ctx.feed.position;
  let replaying = true;
  const buffer: ChangeRow[] = [];
  const raw = reply.raw;

  const send = (rows: ChangeRow[]) => {
    if (stream.closed) return;
    let out = '';
    for (const r of rows) {
      if (r.seq <= lastSent) continue;
      out += frame(r);
      lastSent = r.seq;
    }
    if (out) raw.write(out);
  };

  const unsubscribe = ctx.feed.subscribe((rows) => (replaying ? buffer.push(...rows) : send(rows)));
  const stream = openSseStream(ctx, request, reply, lastSent, unsubscribe);

  try {
    if (resumeFrom !== null) {
      for (;;) {
        const rows = await changeLogReader.readAfter(ctx.db.drizzle, lastSent, REPLAY_PAGE);
        send(rows);
        if (rows.length < REPLAY_PAGE || stream.closed) break;
      }
    }
  } catch (err) {
    request.log.warn({ err }, 'replaying the change log for an SSE client failed');
    stream.close();
    raw.end();
    return;
  }
  replaying = false;
  send(buffer.splice(0));
}

export interface SseStream {
  readonly closed: boolean;
  close(): void;
}

/**
 * Opens the reply as an event stream: headers (nginx told not to buffer), the reconnect hint, a
 * heartbeat comment so proxies keep it open; `unsubscribe` runs once when the client goes. Shared by
 * the staff feed and the hall's public screens.
 */
export function openSseStream(ctx: HallContext, request: FastifyRequest, reply: FastifyReply, after: number, unsubscribe: () => void): SseStream {
  const raw = reply.raw;
  let closed = false;
  const heartbeat = setInterval(() => {
    if (!closed) raw.write(`: heartbeat ${new Date().toISOString()}\n\n`);
  }, ctx.config.heartbeatMs);
  heartbeat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.raw.on('close', close);
  raw.on('error', close);

  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  raw.write(`retry: 2000\n: connected, after seq ${after}\n\n`);
  return {
    get closed() {
      return closed;
    },
    close,
  };
}

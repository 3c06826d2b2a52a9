import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HallEvent } from '../../contract/events';
import type { HallContext } from '../context';
import { changeLogReader, type ChangeRow } from './change-log';

const REPLAY_PAGE = 500;

export function toHallEvent(r: ChangeRow): HallEvent {
  return {
    seq: r.seq,
    type: r.event,
    entity: r.entity,
    id: r.id,
    op: r.op,
    at: r.at.toISOString(),
    // Case rows carry personal data for one station; everybody else only learns that something moved.
    data: r.stationId ? null : r.data,
  };
}

function frame(r: ChangeRow): string {
  return `id: ${r.seq}\ndata: ${JSON.stringify(toHallEvent(r))}\n\n`;
}

function lastEventId(request: FastifyRequest, fromQuery: number | undefined): number | null {
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
export async function streamEvents(ctx: HallContext, request: FastifyRequest, reply: FastifyReply, fromQuery: number | undefined): Promise<void> {
  const resumeFrom = lastEventId(request, fromQuery);
  let lastSent = resumeFrom ?? ctx.feed.position;
  let replaying = true;
  let closed = false;
  const buffer: ChangeRow[] = [];
  const raw = reply.raw;

  const send = (rows: ChangeRow[]) => {
    if (closed) return;
    let out = '';
    for (const r of rows) {
      if (r.seq <= lastSent) continue;
      out += frame(r);
      lastSent = r.seq;
    }
    if (out) raw.write(out);
  };

  const unsubscribe = ctx.feed.subscribe((rows) => (replaying ? buffer.push(...rows) : send(rows)));
  const heartbeat = setInterval(() => {
    if (!closed) raw.write(`: heartbeat ${new Date().toISOString()}\n\n`);
  }, ctx.config.heartbeatMs);
  heartbeat.unref();
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.raw.on('close', cleanup);
  raw.on('error', cleanup);

  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  raw.write(`retry: 2000\n: connected, after seq ${lastSent}\n\n`);

  try {
    if (resumeFrom !== null) {
      for (;;) {
        const rows = await changeLogReader.readAfter(ctx.db.drizzle, lastSent, REPLAY_PAGE);
        send(rows);
        if (rows.length < REPLAY_PAGE || closed) break;
      }
    }
  } catch (err) {
    request.log.warn({ err }, 'replaying the change log for an SSE client failed');
    cleanup();
    raw.end();
    return;
  }
  replaying = false;
  send(buffer.splice(0));
}

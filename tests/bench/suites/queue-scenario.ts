import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ulid } from 'ulid';
import { freshPgDatabase, hallCatalog, spawnHall, writeHallResources } from '../../faults/support/hall';
import { pool, signIn, type HallClient, type Json } from '../../faults/support/http';
import type { HallConfig } from '../../../src/central/config';
import { percentile } from '../report';

/**
 * One queue day at one hall size: the hall server in a child process (its own core, as in
 * production) on a fresh database, `windows` clerks signed in at their windows, a day of tickets
 * issued first by 20 reception desks at once, then every window calls next, starts and finishes
 * until nothing waits. The floor replays the same tickets through one raw SQL statement per command
 * at the same concurrency, on the same tables.
 */
export type QueueDb = 'pglite' | 'postgres';

export interface QueueRun {
  db: QueueDb;
  windows: number;
  tickets: number;
  issue: { perSecond: number; p50: number; p99: number; duplicates: number; failures: number };
  /** call-next, start and finish: every command the clerks sent. */
  commandsPerSecond: number;
  callNext: { p50: number; p95: number; p99: number };
  allCommands: { p50: number; p95: number; p99: number };
  /** Tickets called more than once, tickets never called, tickets not finished, failed commands. */
  check: { calledTwice: number; neverCalled: number; unfinished: number; failures: number; failureCodes: Record<string, number> };
  floor: {
    commandsPerSecond: number;
    callNext: { p50: number; p95: number; p99: number };
    calledTwice: number;
    neverCalled: number;
    issuePerSecond: number;
    issueDuplicates: number;
    /**
     * PostgreSQL only: the same raw loop with each command in its own transaction that takes the
     * hall's change-log advisory lock before COMMIT, as every hall command does (events/change-log.ts).
     */
    lockedCommandsPerSecond: number | null;
    how: string;
  };
  startupMs: number;
}

/** What the display bench adds to a queue day: hall settings, and screens watching while it runs. */
export interface QueueDayOptions {
  config?: Partial<HallConfig>;
  /**
   * Runs once the hall listens and the clerks are signed in, before any ticket is issued; what it
   * answers runs after the day (with how many tickets were called), before the floor.
   */
  around?: (hallUrl: string) => Promise<(day: { called: number }) => Promise<void>>;
}

const ISSUERS = 20;
const migrationsFolder = fileURLToPath(new URL('../../../src/central/db/migrations', import.meta.url));
const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });

export async function runQueueDay(db: QueueDb, windows: number, ticketsPerWindow: number, opts: QueueDayOptions = {}): Promise<QueueRun> {
  const catalog = hallCatalog(windows);
  const counters = catalog.windows.filter((w) => w.kind === 'counter');
  const resources = writeHallResources(catalog);
  const fresh = db === 'postgres' ? await freshPgDatabase(process.env.DATABASE_URL!, 'bench_queue') : null;
  const started = performance.now();
  const hall = await spawnHall({
    databaseUrl: fresh?.url,
    config: { resourcesDir: resources.dir, ticketNumberWidth: 4, loginLimit: { perUser: 1000, perAddress: 100000, baseDelaySeconds: 1, maxDelaySeconds: 1, quietMinutes: 1 }, ...opts.config },
  });
  const startupMs = performance.now() - started;
  try {
    // ---- sign in ------------------------------------------------------------------------------
    const clerks = await pool(counters, 20, (w) => signIn(hall.url, `clerk-${w.code}`, w.code));
    // Reception desks: a clerk's sign-in ends the previous clerk's session at that window, so the 20
    // concurrent issuers are supervisor sessions (any signed-in staff may issue).
    const issuers = await pool(Array.from({ length: ISSUERS }, (_, i) => i), 10, () => signIn(hall.url, 'supervisor'));
    const after = await opts.around?.(hall.url);

    // ---- issue the day's tickets, zones in proportion to their windows --------------------------
    const total = windows * ticketsPerWindow;
    const zoneOf = counters.map((w) => w.zones[0]!.zoneCode);
    const requests = Array.from({ length: total }, (_, i) => ({ zoneCode: zoneOf[i % zoneOf.length]!, requestId: ulid() }));
    const issueLatency: number[] = [];
    const issued: { id: string; number: string }[] = [];
    let issueFailures = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      issuers.map(async (c) => {
        while (next < requests.length) {
          const r = await c.post<{ id: string; number: string }>('/api/v1/tickets', requests[next++]);
          issueLatency.push(r.ms);
          if (r.status === 201) issued.push({ id: r.body.id, number: r.body.number });
          else issueFailures++;
        }
      }),
    );
    const issueSeconds = (performance.now() - t0) / 1000;
    const duplicates = issued.length - new Set(issued.map((t) => t.number)).size;

    // ---- the day: every window calls, starts, finishes until nothing waits ----------------------
    const callLatency: number[] = [];
    const allLatency: number[] = [];
    const calls = new Map<string, number>();
    const finished = new Set<string>();
    const failureCodes: Record<string, number> = {};
    let failures = 0;
    const failed = (what: string, r: { status: number; body: Json }) => {
      failures++;
      const code = `${what} ${r.status} ${r.body?.error?.code ?? ''}`.trim();
      failureCodes[code] = (failureCodes[code] ?? 0) + 1;
    };
    const t1 = performance.now();
    await Promise.all(
      clerks.map(async (c, i) => {
        const code = counters[i]!.code;
        for (;;) {
          const r = await c.post<{ id: string }>(`/api/v1/windows/${code}/call-next`);
          callLatency.push(r.ms);
          allLatency.push(r.ms);
          if (r.status === 204) return;
          if (r.status !== 200) {
            failed('call-next', r);
            if (failures > 50) return;
            continue;
          }
          calls.set(r.body.id, (calls.get(r.body.id) ?? 0) + 1);
          for (const step of ['start', 'finish']) {
            const s = await c.post(`/api/v1/tickets/${r.body.id}/${step}`);
            allLatency.push(s.ms);
            if (s.status !== 200) failed(step, s);
          }
          finished.add(r.body.id);
        }
      }),
    );
    const daySeconds = (performance.now() - t1) / 1000;
    const calledTwice = [...calls.values()].filter((n) => n > 1).length;
    const neverCalled = issued.filter((t) => !calls.has(t.id)).length;
    await after?.({ called: calls.size });

    // The server's own view: every ticket of the day finished.
    const admin = await signIn(hall.url, 'admin');
    let unfinished = 0;
    for (const zone of new Set(zoneOf)) {
      const r = await admin.get<{ tickets: { status: string }[] }>(`/api/v1/tickets?zoneCode=${zone}&limit=2000`);
      unfinished += r.body.tickets.filter((t) => t.status !== 'finished').length;
    }

    // ---- the floor -------------------------------------------------------------------------------
    const floor = await rawFloor(db, fresh?.url ?? null, counters.map((w) => ({ code: w.code, zones: w.zones.map((z) => z.zoneCode) })), admin, [...new Set(zoneOf)], requests.length);

    return {
      db,
      windows,
      tickets: total,
      issue: { perSecond: issued.length / issueSeconds, p50: percentile(issueLatency, 50), p99: percentile(issueLatency, 99), duplicates, failures: issueFailures },
      commandsPerSecond: allLatency.length / daySeconds,
      callNext: stats(callLatency),
      allCommands: stats(allLatency),
      check: { calledTwice, neverCalled, unfinished, failures, failureCodes },
      floor,
      startupMs,
    };
  } finally {
    await hall.stop();
    resources.remove();
    await fresh?.drop();
  }
}

interface RawDb {
  query(sql: string, params: unknown[]): Promise<{ rows: Json[] }>;
  close(): Promise<void>;
  how: string;
}

const CALL = `update tickets set status = 'called', window_code = $1, called_at = now(), updated_at = now()
  where id = (select id from tickets where day = $2 and status = 'waiting' and window_code is null and zone_code = any($3::text[])
              order by front desc, queued_at, serial, id limit 1 for update skip locked)
  returning id`;
const START = `update tickets set status = 'serving', started_at = now(), updated_at = now() where id = $1 and status = 'called'`;
const FINISH = `update tickets set status = 'finished', finished_at = now(), updated_at = now() where id = $1 and status = 'serving'`;

/**
 * The same day through raw SQL. On PostgreSQL: the hall's own tables, the tickets put back to
 * waiting, a pg pool of the server's size (20). On PGlite the server's database lives in its child
 * process, so the floor is an in-process PGlite with the same migrations and the same tickets.
 */
async function rawFloor(db: QueueDb, url: string | null, windows: { code: string; zones: string[] }[], admin: HallClient, zones: string[], toIssue: number) {
  let raw: RawDb;
  let day: string;
  let pgPool: pg.Pool | null = null;
  if (db === 'postgres') {
    const p = new pg.Pool({ connectionString: url!, max: 20 });
    pgPool = p;
    day = (await p.query(`select max(day)::text as day from tickets`)).rows[0].day as string;
    await p.query(
      `update tickets set status = 'waiting', window_code = null, called_at = null, started_at = null, finished_at = null where day = $1`,
      [day],
    );
    raw = { query: (s, a) => p.query(s, a), close: () => p.end(), how: 'pg pool of 20 on the same tables' };
  } else {
    const lite = await PGlite.create();
    await migratePglite(drizzlePglite(lite), { migrationsFolder });
    const rows: Json[] = [];
    for (const z of zones) rows.push(...(await admin.get<{ tickets: Json[] }>(`/api/v1/tickets?zoneCode=${z}&limit=2000`)).body.tickets);
    day = rows[0].day as string;
    await lite.transaction(async (tx) => {
      for (const t of rows) {
        await tx.query(
          `insert into tickets (id, number, serial, day, zone_code, priority, status, request_id, issued_at, queued_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, 'waiting', $7, $8, $8, $8)`,
          [t.id, t.number, Number(t.number.slice(1)), t.day, t.zoneCode, t.priority, ulid(), t.issuedAt],
        );
      }
    });
    raw = { query: (s, a) => lite.query(s, a) as Promise<{ rows: Json[] }>, close: () => lite.close(), how: 'in-process PGlite, same migrations and tickets' };
  }
  try {
    const callLatency: number[] = [];
    let commands = 0;
    const calls = new Map<string, number>();
    const t = performance.now();
    await Promise.all(
      windows.map(async (w) => {
        for (;;) {
          const s = performance.now();
          const r = await raw.query(CALL, [w.code, day, w.zones]);
          callLatency.push(performance.now() - s);
          commands++;
          const id = r.rows[0]?.id as string | undefined;
          if (!id) return;
          calls.set(id, (calls.get(id) ?? 0) + 1);
          await raw.query(START, [id]);
          await raw.query(FINISH, [id]);
          commands += 2;
        }
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    const all = (await raw.query(`select id from tickets where day = $1`, [day])).rows.map((r) => r.id as string);
    const issue = await rawIssue(raw, zones, toIssue);
    const lockedCommandsPerSecond = pgPool ? await lockedLoop(pgPool, windows, day) : null;
    return {
      ...issue,
      lockedCommandsPerSecond,
      commandsPerSecond: commands / seconds,
      callNext: stats(callLatency),
      calledTwice: [...calls.values()].filter((n) => n > 1).length,
      neverCalled: all.filter((id) => !calls.has(id)).length,
      how: raw.how,
    };
  } finally {
    await raw.close();
  }
}

/**
 * Issuing through raw SQL: the counter row bumped and the ticket inserted in one transaction, 20
 * at a time, on a day of its own (1999-12-31) that is deleted afterwards.
 */
async function rawIssue(raw: RawDb, zones: string[], total: number): Promise<{ issuePerSecond: number; issueDuplicates: number }> {
  const day = '1999-12-31';
  const numbers: string[] = [];
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: ISSUERS }, async () => {
      while (next < total) {
        const zone = zones[next++ % zones.length]!;
        const r = await raw.query(
          `with c as (insert into ticket_counters (zone_code, day, serial) values ($1, $2, 1)
                      on conflict (zone_code, day) do update set serial = ticket_counters.serial + 1 returning serial)
           insert into tickets (id, number, serial, day, zone_code, priority, status, request_id, issued_at, queued_at, updated_at)
           select $3, $1 || lpad(c.serial::text, 4, '0'), c.serial, $2, $1, 'normal', 'waiting', $3, now(), now(), now() from c
           returning number`,
          [zone, day, ulid()],
        );
        numbers.push(r.rows[0].number as string);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  await raw.query(`delete from tickets where day = $1`, [day]);
  await raw.query(`delete from ticket_counters where day = $1`, [day]);
  return { issuePerSecond: numbers.length / seconds, issueDuplicates: numbers.length - new Set(numbers).size };
}

/** Tickets per window for a hall size: a day's worth where it fits the ten-minute bench, fewer at 200 windows. */
export function ticketsPerWindow(db: QueueDb, windows: number): number {
  const budget = db === 'postgres' ? 600 : 200;
  return Math.max(1, Math.min(20, Math.floor(budget / windows)));
}

const runs = new Map<string, Promise<QueueRun>>();
/** One run per (database, hall size) per bench process: the growth suite reuses the queue suite's runs. */
export function queueDay(db: QueueDb, windows: number): Promise<QueueRun> {
  const key = `${db}:${windows}`;
  let r = runs.get(key);
  if (!r) {
    r = runQueueDay(db, windows, ticketsPerWindow(db, windows));
    runs.set(key, r);
  }
  return r;
}

/** The raw loop again, each command a transaction holding the change-log lock to its COMMIT. */
async function lockedLoop(p: pg.Pool, windows: { code: string; zones: string[] }[], day: string): Promise<number> {
  await p.query(`update tickets set status = 'waiting', window_code = null, called_at = null, started_at = null, finished_at = null where day = $1`, [day]);
  const tx = async (sql: string, params: unknown[]) => {
    const c = await p.connect();
    try {
      await c.query('begin');
      const r = await c.query(sql, params);
      await c.query('select pg_advisory_xact_lock(7300001)');
      await c.query('commit');
      return r;
    } finally {
      c.release();
    }
  };
  let commands = 0;
  const t = performance.now();
  await Promise.all(
    windows.map(async (w) => {
      for (;;) {
        const r = await tx(CALL, [w.code, day, w.zones]);
        commands++;
        const id = r.rows[0]?.id as string | undefined;
        if (!id) return;
        await tx(START, [id]);
        await tx(FINISH, [id]);
        commands += 2;
      }
    }),
  );
  return commands / ((performance.now() - t) / 1000);
}

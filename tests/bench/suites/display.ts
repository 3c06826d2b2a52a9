import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow, BenchSection } from '../report';
import { runQueueDay, type QueueRun } from './queue-scenario';

/**
 * The hall's screens under load (issue 15): the queue day at 50 windows on PostgreSQL (600
 * tickets, as the trust bench runs it), once with 500 screens reading the public feed
 * (`/api/v1/display/events`) and once without, taking turns, PAIRS times each, in this process; the
 * screens are a child process of their own (a child of this one, not of the hall), so their reading
 * does not run on the hall's event loop, though it shares the machine's cores as real screens, on
 * PCs of their own, would not. Every screen must have read every call of the day, or the pair does
 * not count.
 */
export const DISPLAY_CLIENTS = 500;
const PAIRS = 5;
const WINDOWS = 50;
const TICKETS_PER_WINDOW = 12;
const ROOT = resolve(import.meta.dirname, '../../..');
/** All 500 screens come from 127.0.0.1: the hall's per-address limit must let them in (both runs alike). */
const CONFIG = { publicRatePerMinute: 100_000 };

export interface ScreensResult {
  clients: number;
  opened: number;
  errors: number;
  ended: number;
  expected: number;
  complete: number;
  calls: { min: number; max: number };
  distinct: { min: number; max: number };
  frames: number;
  windows: number;
  zones: number;
  bytes: number;
  latency: { n: number; p50: number; p95: number; p99: number; max: number };
  cpuSeconds: number;
}

/** Starts the screens' process and waits until every stream is open. */
async function openScreens(hallUrl: string, clients: number): Promise<{ child: ChildProcess; report: (calls: number) => Promise<ScreensResult> }> {
  // At the lowest priority (nice 19): a hall's screens are PCs of their own and take no CPU from the
  // hall; here they share its two cores, and what they spend reading would count against the hall.
  const child = spawn('nice', ['-n', '19', process.execPath, '--import', 'tsx', join(ROOT, 'tests/bench/suites/display-clients-child.ts'), hallUrl, String(clients), String(WINDOWS)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const waitFor = (prefix: string) =>
    new Promise<string>((done, fail) => {
      const check = () => {
        const line = out.split('\n').find((l) => l.startsWith(prefix));
        if (line) {
          child.stdout!.off('data', check);
          child.off('exit', exited);
          done(line.slice(prefix.length));
        }
      };
      const exited = (code: number | null) => fail(new Error(`the screens' process exited ${code} before ${prefix.trim()}: ${out.slice(-300)}`));
      child.stdout!.on('data', check);
      child.once('exit', exited);
    });
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const opened = Number(await waitFor('READY '));
  if (opened !== clients) {
    child.kill();
    throw new Error(`only ${opened} of ${clients} screens could open the public feed`);
  }
  return {
    child,
    async report(calls) {
      child.stdin!.write(`REPORT ${calls}\n`);
      return JSON.parse(await waitFor('RESULT ')) as ScreensResult;
    },
  };
}

async function dayWithScreens(): Promise<{ run: QueueRun; screens: ScreensResult }> {
  let screens: ScreensResult | null = null;
  let child: ChildProcess | null = null;
  try {
    const run = await runQueueDay('postgres', WINDOWS, TICKETS_PER_WINDOW, {
      config: CONFIG,
      around: async (hallUrl) => {
        const s = await openScreens(hallUrl, DISPLAY_CLIENTS);
        child = s.child;
        return async ({ called }) => {
          screens = await s.report(called);
        };
      },
    });
    return { run, screens: screens! };
  } finally {
    (child as ChildProcess | null)?.kill();
  }
}

const exact = (r: QueueRun) => r.check.calledTwice === 0 && r.check.neverCalled === 0 && r.check.unfinished === 0 && r.check.failures === 0;
/** Every screen read every call of the day, once, and no stream was cut or refused. */
const allRead = (s: ScreensResult) =>
  s.errors === 0 && s.ended === 0 && s.complete === s.clients && s.calls.min === s.expected && s.calls.max === s.expected && s.distinct.min === s.expected;

export async function runDisplayBench(): Promise<BenchSection[]> {
  if (!process.env.DATABASE_URL) return [{ title: `Queue with ${DISPLAY_CLIENTS} hall screens watching`, method: 'Needs DATABASE_URL (PostgreSQL): not run.', rows: [] }];
  const pairs: { without: QueueRun; with: QueueRun; screens: ScreensResult }[] = [];
  const load = () => os.loadavg()[0]!.toFixed(1);
  const loadBefore = load();
  for (let i = 0; i < PAIRS; i++) {
    // Alternate which goes first, so a machine getting busier or quieter favours neither.
    if (i % 2 === 0) {
      const without = await runQueueDay('postgres', WINDOWS, TICKETS_PER_WINDOW, { config: CONFIG });
      const w = await dayWithScreens();
      pairs.push({ without, with: w.run, screens: w.screens });
    } else {
      const w = await dayWithScreens();
      const without = await runQueueDay('postgres', WINDOWS, TICKETS_PER_WINDOW, { config: CONFIG });
      pairs.push({ without, with: w.run, screens: w.screens });
    }
    const p = pairs[pairs.length - 1]!;
    console.log(
      `\n  pair ${i + 1}: without ${p.without.commandsPerSecond.toFixed(0)} cmd/s, with ${p.with.commandsPerSecond.toFixed(0)} cmd/s ` +
        `(${(p.with.commandsPerSecond / p.without.commandsPerSecond).toFixed(2)}×); screens ${JSON.stringify(p.screens)}`,
    );
  }
  const ratio = (p: (typeof pairs)[number]) => p.with.commandsPerSecond / p.without.commandsPerSecond;
  // The pair whose ratio is the median: one pair that the machine's other work upset does not decide.
  const mid = [...pairs].sort((a, b) => ratio(a) - ratio(b))[Math.floor(pairs.length / 2)]!;
  const loadAfter = load();
  const s0 = pairs[0]!.screens;
  const everyRead = pairs.every((p) => allRead(p.screens));
  const everyExact = pairs.every((p) => exact(p.with) && exact(p.without));
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  const rows: BenchRow[] = [
    {
      name: `queue at ${WINDOWS} windows on PostgreSQL with ${DISPLAY_CLIENTS} screens on the public feed: commands per second (the pair of median ratio)`,
      value: mid.with.commandsPerSecond,
      unit: 'cmd/s',
      floor: { name: 'the same day without screens, same pair', value: mid.without.commandsPerSecond },
      target: '≥ 0.9× without',
      met: ratio(mid) >= 0.9 && everyRead && everyExact,
      note:
        `all pairs (without → with): ${pairs.map((p) => `${p.without.commandsPerSecond.toFixed(0)} → ${p.with.commandsPerSecond.toFixed(0)} (${ratio(p).toFixed(2)}×)`).join(', ')} cmd/s, mean ratio ${(pairs.reduce((x, p) => x + ratio(p), 0) / pairs.length).toFixed(2)}×; ` +
        `call-next p50 without ${pairs.map((p) => p.without.callNext.p50.toFixed(1)).join('/')} ms, with ${pairs.map((p) => p.with.callNext.p50.toFixed(1)).join('/')} ms; ` +
        `every run exactly once: ${everyExact ? 'yes' : '**no**'}`,
    },
    {
      name: `a call reaching the ${DISPLAY_CLIENTS} screens: from the call to a screen reading it, p99 over every screen and call (the pair of median ratio)`,
      value: mid.screens.latency.p99,
      unit: 'ms',
      target: '≤ 2000 ms (CITIZEN.md: a call appears within 2 s)',
      met: pairs.every((p) => p.screens.latency.p99 <= 2000),
      note:
        `all pairs p50/p95/p99/max: ${pairs.map((p) => [p.screens.latency.p50, p.screens.latency.p95, p.screens.latency.p99, p.screens.latency.max].map((v) => v.toFixed(0)).join('/')).join(', ')} ms ` +
        `(${mid.screens.latency.n.toLocaleString('en')} readings a run; the hub gathers for 500 ms by design, and the screens' process reads at nice 19 on the hall's own cores)`,
    },
    {
      name: `what the ${DISPLAY_CLIENTS} screens read in one day`,
      value: s0.frames / s0.clients,
      unit: 'frames per screen',
      note:
        `every screen read every one of the day's ${s0.expected} calls once, in every run: ${everyRead ? 'yes' : `**no** (${pairs.map((p) => JSON.stringify(p.screens)).join('; ')})`}; ` +
        `per screen ${s0.expected} calls, ${(s0.windows / s0.clients).toFixed(0)} window and ${(s0.zones / s0.clients).toFixed(0)} zone events, ` +
        `${mb(s0.bytes)} MiB written by the hall to all screens together, and ${s0.cpuSeconds.toFixed(1)} s of CPU spent by the screens' process reading it (first pair)`,
    },
  ];
  return [
    {
      title: `Queue with ${DISPLAY_CLIENTS} hall screens watching (issue 15)`,
      method:
        `The queue day at ${WINDOWS} windows on PostgreSQL (${WINDOWS * TICKETS_PER_WINDOW} tickets, as in the trust bench: hall in a child process, clerks over HTTP from the bench process), ` +
        `run ${PAIRS} times with ${DISPLAY_CLIENTS} screens holding \`/api/v1/display/events\` open and ${PAIRS} times without, in alternating pairs (the order swapped each pair); ` +
        `the screens are a hall's: ${WINDOWS} window screens taking every event (as /display/window/:code subscribes) and ${DISPLAY_CLIENTS - WINDOWS} hall displays taking calls and counts (\`windowEvents=0\`, as /display subscribes); ` +
        'the screens connect after the clerks sign in and before the tickets are issued, and read until they have every call. ' +
        'They run in a third process (node, one event loop for all 500 connections, at nice 19) so their parsing is not the hall’s; they still share the machine’s cores with the hall, PostgreSQL and the clerks ' +
        '(the kernel’s loopback work for their sockets included), which real screens on PCs of their own would not: the figure is a pessimistic one. ' +
        `Both runs of a pair raise the hall's public limit to ${CONFIG.publicRatePerMinute.toLocaleString('en')} requests per address per minute, as all screens come from 127.0.0.1. ` +
        `The pair whose ratio is the median counts (the machine's one-minute load average was ${loadBefore} when the suite began and ${loadAfter} when it ended: other work shares these cores, so single pairs swing). ` +
        'Before the hub gathered its rows for 500 ms and wrote every screen one shared buffer per flush, 50 screens per turn of the event loop (at commit e24eab4 each event was serialized, filtered and written per screen, and the waiting counted per feed batch), ' +
        'this bench (then 3 pairs) measured 0.67×, 0.73× and 0.51× on the same machine under similar load; gathering 200 ms, two runs of 5 pairs gave medians of 0.99× and 0.77×; ' +
        'gathering 500 ms with all 500 screens taking every event (window events included), 0.88× under load and 0.84× on a quiet machine (load average 3–4); ' +
        'with 450 of them hall displays (no window events), 0.88× on a quiet machine while the screens ran at normal priority (about 0.9 s of CPU per day read, a ninth of the two cores over the day).',
      rows,
    },
  ];
}

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchRow, BenchSection } from '../report';
import type { DrainRun } from './sync-scenario';
import type { QueueRun } from './queue-scenario';

/**
 * What the trust layer (issue 14: the policy table, sessions bound to stations, sealing, audited
 * reads) costs the hall's two hot paths, measured against the commit before it in the same run: the
 * queue at 50 windows on PostgreSQL and a station's offline day drained. The commit before is
 * checked out once into a git worktree under node_modules/.cache (its node_modules linked to
 * ours); each measurement runs in its own process, before and after taking turns, twice each, and
 * the better of the two counts (noise only ever slows a run down).
 */
export const BEFORE_TRUST = 'b62a94b';
const ROOT = resolve(import.meta.dirname, '../../..');
const BASELINE = join(ROOT, 'node_modules/.cache/bench-baseline', BEFORE_TRUST);
const ROUNDS = 2;

function baselineTree(): string {
  if (!existsSync(join(BASELINE, 'package.json'))) {
    mkdirSync(join(ROOT, 'node_modules/.cache/bench-baseline'), { recursive: true });
    execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--force', '--detach', BASELINE, BEFORE_TRUST], { stdio: 'ignore' });
  }
  if (!existsSync(join(BASELINE, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(BASELINE, 'node_modules'), 'dir');
  return BASELINE;
}

/** Runs one scenario of the tree at `dir` in a child process; answers what it printed as JSON. */
function runIn<T>(dir: string, module: string, call: string): Promise<T> {
  const script = `const m = await import(${JSON.stringify(join(dir, module))}); const r = await m.${call}; console.log('RESULT ' + JSON.stringify(r)); process.exit(0);`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: dir, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) done(JSON.parse(line.slice('RESULT '.length)) as T);
      else fail(new Error(`${module} ${call} in ${dir} exited ${code}: ${out.slice(-500)}`));
    });
  });
}

const QUEUE = ['tests/bench/suites/queue-scenario.ts', "runQueueDay('postgres', 50, 12)"] as const;
const DRAIN = ['tests/bench/suites/sync-scenario.ts', "runSyncDrain('postgres', 500)"] as const;

export async function runTrustCostBench(): Promise<BenchSection[]> {
  if (!process.env.DATABASE_URL) return [{ title: 'Cost of the trust layer', method: 'Needs DATABASE_URL (PostgreSQL): not run.', rows: [] }];
  const before = baselineTree();
  const queue = { before: [] as QueueRun[], after: [] as QueueRun[] };
  const drain = { before: [] as DrainRun[], after: [] as DrainRun[] };
  for (let i = 0; i < ROUNDS; i++) {
    queue.before.push(await runIn<QueueRun>(before, ...QUEUE));
    queue.after.push(await runIn<QueueRun>(ROOT, ...QUEUE));
    drain.before.push(await runIn<DrainRun>(before, ...DRAIN));
    drain.after.push(await runIn<DrainRun>(ROOT, ...DRAIN));
  }
  const best = (xs: QueueRun[]) => Math.max(...xs.map((r) => r.commandsPerSecond));
  const fastest = (xs: DrainRun[]) => Math.min(...xs.map((r) => r.seconds));
  const exact = (r: QueueRun) => r.check.calledTwice === 0 && r.check.neverCalled === 0 && r.check.unfinished === 0 && r.check.failures === 0;
  const q = { before: best(queue.before), after: best(queue.after) };
  const d = { before: fastest(drain.before), after: fastest(drain.after) };
  const rows: BenchRow[] = [
    {
      name: 'queue at 50 windows on PostgreSQL: commands per second, with the trust layer',
      value: q.after,
      unit: 'cmd/s',
      floor: { name: `the same day at ${BEFORE_TRUST}, before it`, value: q.before },
      target: '≥ 90% of before',
      met: q.after >= 0.9 * q.before,
      note:
        `runs: before ${queue.before.map((r) => r.commandsPerSecond.toFixed(0)).join(', ')}, after ${queue.after.map((r) => r.commandsPerSecond.toFixed(0)).join(', ')} cmd/s; ` +
        `call-next p50 before ${Math.min(...queue.before.map((r) => r.callNext.p50)).toFixed(1)} ms, after ${Math.min(...queue.after.map((r) => r.callNext.p50)).toFixed(1)} ms; ` +
        `every run exactly once: ${[...queue.before, ...queue.after].every(exact) ? 'yes' : '**no**'}`,
    },
    {
      name: 'offline day drained on PostgreSQL (500 cases, 5,000 mutations), with the trust layer',
      value: d.after,
      unit: 's',
      floor: { name: `the same day at ${BEFORE_TRUST}, before it`, value: d.before },
      target: '≤ 1.5× before',
      met: d.after <= 1.5 * d.before,
      note:
        `runs: before ${drain.before.map((r) => r.seconds.toFixed(1)).join(', ')} s, after ${drain.after.map((r) => r.seconds.toFixed(1)).join(', ')} s; ` +
        `after: outbox ${drain.after.map((r) => `${r.state.pending} pending/${r.state.rejected} rejected`).join(', ')}, the hall holds ${drain.after.map((r) => r.onHall).join(', ')} of 500 cases delivered and rated`,
    },
  ];
  return [
    {
      title: 'Cost of the trust layer (issue 14), against the commit before it',
      method:
        `The queue day at 50 windows (600 tickets) and the offline-day drain, both on PostgreSQL, run by the commit before the trust layer (${BEFORE_TRUST}, checked out in a git worktree) and by this one, ` +
        `alternating, ${ROUNDS} runs each in its own process; the better run of each side counts. After the trust layer every command also checks the policy table and the session's station, ` +
        'intake seals ID numbers, phones and addresses (SM4 + HMAC-SM3) and indexes the ID number, and each pull page writes its audit row.',
      rows,
    },
  ];
}

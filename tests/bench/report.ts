import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * Benchmarks report; they do not fail the build. Every figure sits beside a floor measured in the
 * same run (these machines are noisy: ratios within one run are what can be compared), and the
 * target the issue asked for.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the same work costs done the simplest possible way, in the same run. */
  floor?: { name: string; value: number };
  /** e.g. "< 2 ms" — text, checked by a person, never by the build. */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface BenchSection {
  title: string;
  /** What was measured and how, in a sentence or two. */
  method: string;
  rows: BenchRow[];
  /** Free-form tables (growth), already rendered as markdown. */
  extra?: string;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  date: string;
}

export function describeMachine(postgresVersion: string): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: postgresVersion,
    date: new Date().toISOString(),
  };
}

export function postgresVersion(databaseUrl: string | undefined): string {
  if (!databaseUrl) return 'not used (DATABASE_URL unset)';
  try {
    return execFileSync('psql', [databaseUrl, '-Atc', 'show server_version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toPrecision(3));

export function renderMarkdown(machine: Machine, command: string, sections: BenchSection[]): string {
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(`Made by \`${command}\` on ${machine.date.slice(0, 10)}. Rewritten by every run; figures are from one run.`, '');
  out.push(`Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}.`, '');
  for (const s of sections) {
    out.push(`## ${s.title}`, '', s.method, '');
    if (s.rows.length) {
      out.push('| measure | value | floor (same run) | ratio | target | met |', '|---|---|---|---|---|---|');
      for (const r of s.rows) {
        const floor = r.floor ? `${fmt(r.floor.value)} ${r.unit} (${r.floor.name})` : '';
        const ratio = r.floor && r.floor.value > 0 ? `${(r.value / r.floor.value).toFixed(2)}×` : '';
        const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
        out.push(`| ${r.name} | ${fmt(r.value)} ${r.unit} | ${floor} | ${ratio} | ${r.target ?? ''} | ${met} |`);
      }
      out.push('');
    }
    if (s.extra) out.push(s.extra, '');
    const notes = s.rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
    if (notes.length) out.push(...notes, '');
  }
  return out.join('\n');
}

/** Percentile of a sorted copy (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

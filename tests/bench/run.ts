/**
 * `npm run bench`: runs every benchmark suite and rewrites BENCHMARKS.md.
 * `npm run bench -- domain station` runs only the named suites (and still rewrites the file with them).
 */
import { writeFileSync } from 'node:fs';
import { describeMachine, postgresVersion, renderMarkdown, type BenchSection } from './report';
import { suites } from './suites';

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = only.length ? suites.filter((s) => only.includes(s.name)) : suites;
const sections: BenchSection[] = [];
for (const suite of chosen) {
  process.stdout.write(`bench: ${suite.name} … `);
  const started = Date.now();
  try {
    sections.push(...(await suite.run()));
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.log('failed');
    console.error(err);
    sections.push({ title: `${suite.name} (failed)`, method: `The suite failed: ${err instanceof Error ? err.message : String(err)}`, rows: [] });
  }
}
const command = `npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}`;
const md = renderMarkdown(describeMachine(postgresVersion(process.env.DATABASE_URL)), command, sections);
writeFileSync(new URL('../../BENCHMARKS.md', import.meta.url), md);
console.log('bench: BENCHMARKS.md written');
process.exit(0);

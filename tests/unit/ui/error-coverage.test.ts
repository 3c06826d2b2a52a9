import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownError } from '../../../src/ui/i18n/errors';

const root = join(import.meta.dirname, '../../..');

/** The device tools a developer runs by hand (frame decoder, serial pair); no clerk sees their codes. */
const developerTools = new Set(['cli.ts', 'mock-serial.ts', 'pty.ts', 'frame.ts', 'sw3.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !developerTools.has(name) ? [p] : [];
  });
}

/**
 * Every code the hall server, the station back end and the domain answer with must reach the clerk
 * as a Chinese sentence. Any UPPER_SNAKE string literal in those rooms is taken as a code, except the
 * environment variables the station reads (get('NAME')) and Fastify's own codes, which the hall
 * server's error mapper turns into its own. Device drivers count too: a reader's or printer's code
 * must reach the clerk as a sentence, not as READER_DISCONNECTED.
 */
describe('error messages for the clerk', () => {
  it('has a Chinese line for every error code the hall server, the station and the domain can answer with', () => {
    const files = ['src/central', 'src/station', 'src/domain'].flatMap((d) => sources(join(root, d)));
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const envNames = new Set(texts.flatMap((t) => [...t.matchAll(/get\('([A-Z][A-Z0-9_]+)'\)/g)].map((m) => m[1]!)));
    const codes = new Set(texts.flatMap((t) => [...t.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((m) => m[1]!)));
    expect(codes.size).toBeGreaterThan(100);
    const missing = [...codes].filter((c) => !envNames.has(c) && !c.startsWith('FST_') && !isKnownError(c)).sort();
    expect(missing).toEqual([]);
  });
});

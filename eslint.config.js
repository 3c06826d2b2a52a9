// One lint setup for the whole repo. Its main job is the import table of ARCHITECTURE.md:
// a wrong arrow between rooms fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'stream',
  'events', 'url', 'util', 'worker_threads', 'zlib', 'buffer', 'process', 'tls', 'dns',
];

/** Forbid imports of the given rooms (folders under src/, or top-level folders). */
function rooms(...names) {
  return names.flatMap((n) => [`**/${n}/**`, `**/${n}`]).filter((p) => p !== '**/electron');
}

function restrict(files, groups, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'data/**', 'coverage/**', 'src/central/db/migrations/**', 'src/station/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  restrict(
    ['src/domain/**'],
    [...rooms('contract', 'central', 'station', 'ui', 'launch'), '**/electron/**', 'electron', ...nodeBuiltins, 'drizzle-orm*', 'react*', 'antd*'],
    'src/domain holds pure rules: it imports nothing outside src/domain (no Node, no DOM, no libraries with I/O).',
  ),
  restrict(
    ['src/contract/**'],
    [...rooms('central', 'station', 'ui', 'launch'), '**/electron/**', 'electron', ...nodeBuiltins],
    'src/contract may import only src/domain (and zod).',
  ),
  restrict(
    ['src/central/**'],
    [...rooms('station', 'ui', 'launch'), '**/electron/**', 'electron'],
    'src/central may import only src/domain and src/contract.',
  ),
  restrict(
    ['src/station/**'],
    [...rooms('central', 'ui', 'launch'), '**/electron/**', 'electron'],
    'src/station may import only src/domain and src/contract.',
  ),
  restrict(
    ['src/ui/**'],
    [...rooms('central', 'station', 'launch'), '**/electron/**', 'electron', ...nodeBuiltins, 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'drizzle-orm*', 'serialport', '@node-escpos/*'],
    'src/ui calls StationApi only: it imports src/domain and src/contract, never Node, SQLite or devices.',
  ),
  restrict(
    ['electron/**'],
    [...rooms('central', 'ui', 'domain')],
    'electron/ only wires things up: it imports src/station, src/contract and src/launch.',
  ),
);

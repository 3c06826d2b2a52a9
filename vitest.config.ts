import { defineConfig } from 'vitest/config';

// One runner for every kind of test: domain tests beside the code, the rest under tests/.
// Server suites run on PGlite always and on PostgreSQL too when DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/faults/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

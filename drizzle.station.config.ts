import { defineConfig } from 'drizzle-kit';

// Generates the station's SQLite migrations: npx drizzle-kit generate --config drizzle.station.config.ts
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/station/db/schema/index.ts',
  out: './src/station/db/migrations',
});

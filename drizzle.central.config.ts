import { defineConfig } from 'drizzle-kit';

// Generates the hall server's migrations: npx drizzle-kit generate --config drizzle.central.config.ts
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/central/db/schema/index.ts',
  out: './src/central/db/migrations',
});

import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { HallDb } from './client';

// Every instance on one PostgreSQL migrates and seeds under this lock, one after another.
const STARTUP_LOCK = 7_300_000;

/**
 * Apply the committed drizzle-kit migrations, then run `afterMigrate` (the first-start seed) while
 * still holding the start-up lock, so two instances starting together neither migrate twice nor
 * seed twice.
 */
export async function migrateHallDb(db: HallDb, migrationsFolder: string, afterMigrate?: () => Promise<void>): Promise<void> {
  if (db.kind === 'pglite') {
    await migratePglite(db.drizzle as unknown as PgliteDatabase, { migrationsFolder });
    if (afterMigrate) await afterMigrate();
    return;
  }
  const client = new pg.Client({ connectionString: db.raw.connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder });
      if (afterMigrate) await afterMigrate();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]);
    }
  } finally {
    await client.end();
  }
}

import { desc, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { PurgeRun } from '../../contract/api-retention';
import { retentionCutoffs, type RetentionRules } from '../../domain/material-retention';
import type { Actor } from '../audit/writer';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { rowsOf } from '../db/client';
import { hallMeta, materialPurgeRuns } from '../db/schema';
import { inWork, type Work } from '../db/work';
import { pgMaterialStore, type MaterialStore } from './material-store';

const KEY = 'material-retention';


/**
 * How long material files are kept: as the administrator set it, else as the hall was started with
 * (MATERIAL_RETENTION_DAYS, MATERIAL_RETENTION_CLOSED_DAYS, else 3650 and 180).
 */
export async function readRetentionRules(db: HallQueryable, started: RetentionRules): Promise<RetentionRules> {
  const row = (await db.select({ value: hallMeta.value }).from(hallMeta).where(eq(hallMeta.key, KEY)).limit(1))[0];
  return { ...started, ...((row?.value ?? {}) as Partial<RetentionRules>) };
}

/** Applies from the next purge on (a file already purged does not come back). */
export async function saveRetentionRules(w: Work, rules: RetentionRules, started: RetentionRules): Promise<RetentionRules> {
  const before = await readRetentionRules(w.tx, started);
  w.later(w.tx.insert(hallMeta).values({ key: KEY, value: rules, updatedAt: w.at }).onConflictDoUpdate({ target: hallMeta.key, set: { value: rules, updatedAt: w.at } }));
  w.audit({ action: 'material.retention-settings', entity: 'hall', entityId: KEY, before, after: rules });
  return rules;
}

type RunRow = typeof materialPurgeRuns.$inferSelect;
const runView = (r: RunRow): PurgeRun => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString() });

/**
 * Deletes every stored material file that no application still within retention refers to
 * (domain/material-retention.ts): an open application keeps its files; an accepted one until
 * `acceptedDays` after acceptance; a refused or withdrawn one until `closedDays` after its last
 * change (a final state changes no more). Files are stored once by sha256, so a file shared with a
 * kept application stays. One transaction: the run's record, its audit row and the deletion commit
 * together, or none of them.
 */
export async function purgeMaterials(
  ctx: HallContext,
  actor: Actor,
  trigger: 'schedule' | 'admin' | 'cli',
  // The hall keeps its files in its own database (the inbox's routes use the same store).
  store: MaterialStore = pgMaterialStore(ctx.sealer),
): Promise<PurgeRun> {
  const startedAt = ctx.now();
  const rules = await readRetentionRules(ctx.db.drizzle, ctx.config.materialRetention);
  const cut = retentionCutoffs(rules, startedAt);
  return inWork(ctx, actor, async (w) => {
    const retained = sql`(a.state in ('submitted', 'returned')
      or (a.state = 'accepted' and coalesce(a.accepted_at, a.updated_at) > ${cut.accepted.toISOString()}::timestamptz)
      or (a.state in ('refused', 'withdrawn') and a.updated_at > ${cut.closed.toISOString()}::timestamptz))`;
    const counted = rowsOf<{ kept: number | string; expired: number | string }>(
      await w.tx.execute(sql`select count(*) filter (where ${retained}) as kept, count(*) filter (where not ${retained}) as expired from online_applications a`),
    )[0];
    const deletedRows = await store.deleteAllBut(
      w.tx,
      sql`select distinct f->>'sha256' as sha256 from online_applications a cross join lateral jsonb_array_elements(a.files) f where ${retained}`,
    );
    const run: RunRow = {
      id: ulid(),
      trigger,
      staffId: actor.staffId,
      startedAt,
      finishedAt: ctx.now(),
      rules,
      applicationsKept: Number(counted?.kept ?? 0),
      applicationsExpired: Number(counted?.expired ?? 0),
      filesDeleted: deletedRows.length,
      chunksDeleted: deletedRows.reduce((a, r) => a + r.chunks, 0),
      bytesDeleted: deletedRows.reduce((a, r) => a + r.bytes, 0),
      deleted: deletedRows.map((r) => r.sha256),
    };
    w.later(w.tx.insert(materialPurgeRuns).values(run));
    const { deleted: _d, ...summary } = run;
    w.audit({ action: 'material.purge', entity: 'hall', entityId: run.id, after: { ...summary, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt.toISOString() } });
    return runView(run);
  });
}

export async function listPurgeRuns(db: HallQueryable, limit: number): Promise<PurgeRun[]> {
  return (await db.select().from(materialPurgeRuns).orderBy(desc(materialPurgeRuns.startedAt), desc(materialPurgeRuns.id)).limit(limit)).map(runView);
}

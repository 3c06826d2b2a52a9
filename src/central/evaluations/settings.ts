import { eq } from 'drizzle-orm';
import type { FollowUpRules } from '../../domain/evaluation';
import type { HallQueryable } from '../db/client';
import { hallMeta } from '../db/schema';
import type { Work } from '../db/work';

const KEY = 'evaluation-follow-up-rules';

/**
 * The hall's deadlines for answering a bad rating, in working days: as the administrator set them,
 * else as the hall was started with (HALL_RETURN_VISIT_DAYS, HALL_RECTIFICATION_DAYS, else 5 and 15).
 */
export async function readFollowUpRules(db: HallQueryable, started: FollowUpRules): Promise<FollowUpRules> {
  const row = (await db.select({ value: hallMeta.value }).from(hallMeta).where(eq(hallMeta.key, KEY)).limit(1))[0];
  const v = (row?.value ?? null) as Partial<FollowUpRules> | null;
  return { ...started, ...(v ?? {}) };
}

/** Applies to bad ratings from now on: a follow-up keeps the deadlines it was opened with. */
export async function saveFollowUpRules(w: Work, rules: FollowUpRules, started: FollowUpRules): Promise<FollowUpRules> {
  const before = await readFollowUpRules(w.tx, started);
  w.later(w.tx.insert(hallMeta).values({ key: KEY, value: rules, updatedAt: w.at }).onConflictDoUpdate({ target: hallMeta.key, set: { value: rules, updatedAt: w.at } }));
  w.audit({ action: 'evaluation.settings', entity: 'hall', entityId: KEY, before, after: rules });
  return rules;
}

import { sql } from 'drizzle-orm';
import type { HallContext } from '../context';
import { rowsOf } from '../db/client';
import { cases, hallMeta } from '../db/schema';
import { eq } from 'drizzle-orm';
import { sealCase, type CaseRow, type StoredCaseRow } from '../cases/sealed';
import { newDataKey, parseDataKey } from './sealer';

/**
 * A demo hall without HALL_DATA_KEY makes a key and keeps it in its own database: demo data is
 * synthetic, and every instance of the demo hall on one database finds the same key. Outside demo
 * mode that would defeat the seal, so a hall refuses to start without a configured key.
 */
export async function demoDataKey(ctx: HallContext): Promise<Uint8Array> {
  if (!ctx.config.demo) {
    throw new Error('HALL_DATA_KEY is not set: outside demo mode the hall seals personal data under a key of its own (make one with `npm run central -- make-key`)');
  }
  const db = ctx.db.drizzle;
  await db.insert(hallMeta).values({ key: 'demo-data-key', value: newDataKey(), updatedAt: ctx.now() }).onConflictDoNothing();
  const row = (await db.select({ value: hallMeta.value }).from(hallMeta).where(eq(hallMeta.key, 'demo-data-key')).limit(1))[0]!;
  return parseDataKey(String(row.value));
}

/**
 * Cases stored before personal data was sealed (migration 0006 left them readable, with the clear
 * ID number moved into `id_index`): sealed here at start-up, in batches, under the start-up lock.
 * Idempotent: a sealed row has no `idNumber` in its applicant.
 */
export async function sealOldCases(ctx: HallContext): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = rowsOf<{ id: string }>(await ctx.db.drizzle.execute(sql`select id from ${cases} where ${cases.applicant} ? 'idNumber' limit 200`));
    if (batch.length === 0) return done;
    await ctx.db.drizzle.transaction(async (tx) => {
      for (const { id } of batch) {
        const old = (await tx.select().from(cases).where(eq(cases.id, id)).for('update').limit(1))[0] as StoredCaseRow | undefined;
        if (!old) continue;
        const { idIndex, idNumberMasked: _m, ...rest } = old;
        const clear = { ...rest, idNumber: idIndex } as unknown as CaseRow;
        const sealed = sealCase(ctx.sealer, clear);
        await tx.update(cases).set({ applicant: sealed.applicant, agent: sealed.agent, idIndex: sealed.idIndex, idNumberMasked: sealed.idNumberMasked }).where(eq(cases.id, id));
      }
    });
    done += batch.length;
  }
}

import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../db/client';
import type { Sealer } from '../crypto/sealer';
import type { HallQueryable } from '../db/client';
import { materialChunks } from '../db/schema';

/**
 * Where material files live, by the sha256 of their bytes: the same file filed twice is stored
 * once. Sealed at rest under the hall's key. PostgreSQL by default (the hall's own database, so a
 * filing and its files commit together); a folder or an S3-compatible store would implement the
 * same four calls.
 */
export interface MaterialStore {
  has(db: HallQueryable, sha256: string): Promise<boolean>;
  /** Stores the bytes (nothing when the hash is already there). Inside the filing's transaction. */
  put(db: HallQueryable, sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes back, one chunk at a time (a download never holds the whole file). */
  read(db: HallQueryable, sha256: string): AsyncIterable<Uint8Array>;
  /**
   * Deletes every stored file whose sha256 the query `keep` (one column of sha256 values) does not
   * name, waiting for filings still storing theirs; says what went, file by file. Inside the
   * purge's transaction (online/retention.ts).
   */
  deleteAllBut(db: HallQueryable, keep: SQL): Promise<Array<{ sha256: string; chunks: number; bytes: number }>>;
}

/**
 * Filings and corrections store files under this lock shared (put below); the purge takes
 * it alone. Without it a filing could find a file already stored (and not store it again) while a
 * purge that cannot yet see the filing deletes it.
 */
export const MATERIAL_LOCK = 7_300_016;

/** 1 MiB: big enough that a 10 MiB file is ten rows, small enough that a download holds little. */
export const CHUNK_BYTES = 1024 * 1024;

export function pgMaterialStore(sealer: Sealer): MaterialStore {
  return {
    async has(db, sha256) {
      return (await db.select({ n: materialChunks.n }).from(materialChunks).where(and(eq(materialChunks.sha256, sha256), eq(materialChunks.n, 0))).limit(1)).length > 0;
    },
    async put(db, sha256, bytes) {
      // Shared with other filings, exclusive against a purge (MATERIAL_LOCK).
      await db.execute(sql`select pg_advisory_xact_lock_shared(${MATERIAL_LOCK})`);
      if (await this.has(db, sha256)) return;
      for (let n = 0, at = 0; at < bytes.length; n++, at += CHUNK_BYTES) {
        const sealed = sealer.sealBytes(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)));
        // Two filings of the same file at once: the second finds the chunk there and keeps it.
        await db.insert(materialChunks).values({ sha256, n, sealed }).onConflictDoNothing();
      }
    },
    async *read(db, sha256) {
      const count = await db.select({ c: sql<number>`count(*)::int` }).from(materialChunks).where(eq(materialChunks.sha256, sha256));
      const total = count[0]?.c ?? 0;
      for (let n = 0; n < total; n++) {
        const row = (await db.select({ sealed: materialChunks.sealed }).from(materialChunks).where(and(eq(materialChunks.sha256, sha256), eq(materialChunks.n, n))).orderBy(asc(materialChunks.n)).limit(1))[0];
        if (!row) return;
        yield sealer.openBytes(row.sealed);
      }
    },
    async deleteAllBut(db, keep) {
      // Alone against filings (MATERIAL_LOCK): none of them is between finding a file stored and committing.
      await db.execute(sql`select pg_advisory_xact_lock(${MATERIAL_LOCK})`);
      const rows = rowsOf<{ sha256: string; chunks: number | string; bytes: number | string }>(
        await db.execute(sql`
          with kept as (${keep}), gone as (
            delete from material_chunks c
            where not exists (select 1 from kept k where k.sha256 = c.sha256)
            returning c.sha256, octet_length(c.sealed) as bytes
          )
          select sha256, count(*) as chunks, sum(bytes) as bytes from gone group by sha256 order by sha256`),
      );
      return rows.map((r) => ({ sha256: r.sha256, chunks: Number(r.chunks), bytes: Number(r.bytes) }));
    },
  };
}

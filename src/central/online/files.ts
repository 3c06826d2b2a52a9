import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { materialFileInSchema } from '../../contract/api-online';
import { base64DecodedSize, checkMaterialFile, MAX_MATERIAL_FILE_BYTES, MAX_MATERIAL_FILES_BYTES } from '../../domain/material-file';
import type { HallQueryable } from '../db/client';
import type { StoredMaterialFile } from '../db/schema';
import { HallError } from '../http/errors';
import type { MaterialStore } from './material-store';

export type MaterialFileIn = z.infer<typeof materialFileInSchema>;

/**
 * Sizes first, from the base64 text alone: a filing too large is refused before any file is
 * decoded. (The route's own body limit has already refused anything beyond 30 MiB of files.)
 */
export function checkFileSizes(files: readonly MaterialFileIn[]): void {
  let total = 0;
  for (const f of files) {
    const size = base64DecodedSize(f.contentBase64);
    if (size > MAX_MATERIAL_FILE_BYTES) {
      throw new HallError('MATERIAL_FILE_TOO_LARGE', `material ${f.materialCode} (${f.fileName}): ${size} bytes, more than ${MAX_MATERIAL_FILE_BYTES}`, {
        materialCode: f.materialCode,
        size,
        limit: MAX_MATERIAL_FILE_BYTES,
      });
    }
    total += size;
  }
  if (total > MAX_MATERIAL_FILES_BYTES) {
    throw new HallError('MATERIAL_FILE_TOO_LARGE', `the files come to ${total} bytes, more than ${MAX_MATERIAL_FILES_BYTES} in one filing`, { size: total, limit: MAX_MATERIAL_FILES_BYTES });
  }
}

/**
 * Decode, check and store the files one at a time (only one decoded file in memory at once), in the
 * filing's transaction: any refusal rolls the whole filing back. Answers what the application keeps
 * of each: numbered from `firstN`.
 */
export async function storeFiles(db: HallQueryable, store: MaterialStore, files: readonly MaterialFileIn[], firstN: number, at: Date): Promise<StoredMaterialFile[]> {
  const out: StoredMaterialFile[] = [];
  for (const [i, f] of files.entries()) {
    let bytes: Buffer | null = Buffer.from(f.contentBase64, 'base64');
    const checked = checkMaterialFile({ materialCode: f.materialCode, contentType: f.contentType, bytes });
    if (!checked.ok) throw new HallError(checked.error.code, checked.error.message, { ...checked.error.details, fileName: f.fileName });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (f.sha256 !== undefined && f.sha256 !== sha256) {
      throw new HallError('MATERIAL_FILE_HASH_MISMATCH', `material ${f.materialCode} (${f.fileName}): the bytes hash to ${sha256}, not ${f.sha256}`, {
        materialCode: f.materialCode,
        sent: f.sha256,
        computed: sha256,
      });
    }
    await store.put(db, sha256, bytes);
    out.push({ n: firstN + i, materialCode: f.materialCode, fileName: f.fileName, contentType: checked.value, size: bytes.length, sha256, receivedAt: at.toISOString(), superseded: false });
    bytes = null;
  }
  return out;
}

/** A filing or correction as sent, as one hash: files count by the hash of their text, not decoded. */
export function fingerprintOf(body: Record<string, unknown> & { files: readonly MaterialFileIn[] }): string {
  const files = body.files.map((f) => ({ ...f, contentBase64: createHash('sha256').update(f.contentBase64).digest('hex') }));
  return createHash('sha256').update(JSON.stringify({ ...body, files })).digest('hex');
}

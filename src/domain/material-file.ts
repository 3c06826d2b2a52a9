import { fail, ok, type Result } from './result';

/**
 * Electronic materials filed online (网上申办): what the hall takes as a file of a material. The
 * portal names a content type; the first bytes must agree, so a renamed executable or a web page
 * never reaches a clerk's viewer as "a PDF".
 */
export const MATERIAL_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MaterialContentType = (typeof MATERIAL_CONTENT_TYPES)[number];

/** One file, decoded. */
export const MAX_MATERIAL_FILE_BYTES = 10 * 1024 * 1024;
/** All files of one filing or correction, decoded. */
export const MAX_MATERIAL_FILES_BYTES = 30 * 1024 * 1024;
export const MAX_MATERIAL_FILES = 20;

const MAGIC: Record<MaterialContentType, readonly number[]> = {
  // '%PDF-'
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The content type the first bytes show, or null when they are none of the three. */
export function sniffMaterialType(bytes: Uint8Array): MaterialContentType | null {
  return MATERIAL_CONTENT_TYPES.find((t) => startsWith(bytes, MAGIC[t])) ?? null;
}

export const isMaterialContentType = (t: string): t is MaterialContentType => (MATERIAL_CONTENT_TYPES as readonly string[]).includes(t);

/**
 * Whether one decoded file may be kept as the named material: not empty, within the size limit, a
 * type the hall shows, and bytes that are what the type says.
 */
export function checkMaterialFile(f: { materialCode: string; contentType: string; bytes: Uint8Array }): Result<MaterialContentType> {
  const where = { materialCode: f.materialCode };
  if (!isMaterialContentType(f.contentType)) {
    return fail('MATERIAL_FILE_TYPE_UNSUPPORTED', `material ${f.materialCode}: ${f.contentType} is not taken (PDF, JPEG or PNG only)`, { ...where, contentType: f.contentType });
  }
  if (f.bytes.length === 0) return fail('MATERIAL_FILE_EMPTY', `material ${f.materialCode}: the file is empty`, where);
  if (f.bytes.length > MAX_MATERIAL_FILE_BYTES) {
    return fail('MATERIAL_FILE_TOO_LARGE', `material ${f.materialCode}: ${f.bytes.length} bytes, more than ${MAX_MATERIAL_FILE_BYTES}`, {
      ...where,
      size: f.bytes.length,
      limit: MAX_MATERIAL_FILE_BYTES,
    });
  }
  const seen = sniffMaterialType(f.bytes);
  if (seen !== f.contentType) {
    return fail('MATERIAL_FILE_TYPE_MISMATCH', `material ${f.materialCode}: the file says ${f.contentType} but its bytes are ${seen ?? 'none of PDF, JPEG or PNG'}`, {
      ...where,
      contentType: f.contentType,
      detected: seen,
    });
  }
  return ok(f.contentType);
}

/**
 * The decoded size of standard base64 text without decoding it (padding counted off), so a filing
 * too large is refused before any buffer is made.
 */
export function base64DecodedSize(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((n * 3) / 4) - pad;
}

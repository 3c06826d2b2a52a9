import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { idCheckCharacter } from '../../../src/domain/id-number';
import type { TestHall } from './harness';

/** What the online-inbox suites file: the matter, files that pass the magic-byte check, applicants. */

/** 食品经营许可（新办), zone B, handled online: M032 M004 M001 required, M005 required or 告知承诺, four deferrable. */
export const FOOD = '11370902002932362Y0045';

/** A PDF's first bytes; a tag makes files of other bytes (another sha256) where a test needs them. */
export const pdf = (tag?: string): Buffer => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n${tag ? `% ${tag}\n` : ''}`);
export const png = (tag: string): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR-${tag}`)]);
export const jpeg = (tag: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`JFIF-${tag}`)]);
export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** One file of a filing as the portal (or a centre) sends it. */
export const materialFile = (materialCode: string, bytes: Buffer, contentType: string, fileName = `${materialCode}.bin`) => ({
  materialCode,
  fileName,
  contentType,
  contentBase64: bytes.toString('base64'),
  sha256: sha256(bytes),
});

/** Valid ID numbers of people born in `yyyymm` (Taishan district), a new one per call. */
export function idNumbers(yyyymm: string, base: number): () => string {
  let serial = 0;
  return () => {
    serial += 1;
    const body = `370902${yyyymm}${String(10 + (serial % 18))}${String(base + serial).slice(-3)}`;
    return body + idCheckCharacter(body);
  };
}

/** Makes the online portal's account (role `portal`) and signs it in. */
export async function portalAccount(hall: TestHall, admin: string, username: string): Promise<string> {
  const made = await hall.api('POST', '/api/v1/staff', {
    token: admin,
    body: { username, name: '山东省网上办事大厅', role: 'portal', zoneCodes: [], homeWindowCode: null, password: 'Portal-pass-2026' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return hall.login(username, undefined, 'Portal-pass-2026');
}

import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; the database keeps only the sha256, so a copied table signs nobody in. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

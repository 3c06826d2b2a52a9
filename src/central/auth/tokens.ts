import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; the database keeps only the sha256, so a copied table signs nobody in. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Integration accounts' long-lived keys carry a prefix, so a key is told from a session token at a glance. */
const API_KEY_PREFIX = 'hk_';

export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export const isApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

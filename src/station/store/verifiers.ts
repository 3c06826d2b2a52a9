import { eq } from 'drizzle-orm';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { staffVerifiers } from '../db/schema';
import type { StoreDeps } from './types';

export interface CachedStaff {
  id: string;
  username: string;
  name: string;
  role: 'clerk' | 'supervisor' | 'approver' | 'admin' | 'portal';
  /** An approver's departments (kept for an offline sign-in). */
  departmentCodes?: string[];
}

interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

// OWASP's scrypt floor (N=2^17 is their first choice; 2^15 keeps a sign-in under ~100 ms on an old window PC).
const PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };

function derive(password: string, salt: Buffer, p: ScryptParams): Buffer {
  return scryptSync(password.normalize('NFKC'), salt, p.keylen, { N: p.N, r: p.r, p: p.p, maxmem: 128 * p.N * p.r * 2 });
}

/**
 * Offline sign-in: after each successful online login the station keeps an scrypt verifier of the
 * password (never the password), so the same clerk can sign in while the hall server is unreachable.
 */
export function verifiersRepo(deps: StoreDeps) {
  return {
    remember(staff: CachedStaff, password: string): void {
      const salt = randomBytes(16);
      const hash = derive(password, salt, PARAMS);
      const row = {
        username: staff.username,
        staff,
        salt: salt.toString('base64'),
        hash: hash.toString('base64'),
        params: PARAMS,
        updatedAt: deps.now().toISOString(),
      };
      deps.db
        .insert(staffVerifiers)
        .values(row)
        .onConflictDoUpdate({ target: staffVerifiers.username, set: row })
        .run();
    },

    /** The cached staff when the password matches the verifier; null otherwise (unknown user too). */
    verify(username: string, password: string): CachedStaff | null {
      const row = deps.db.select().from(staffVerifiers).where(eq(staffVerifiers.username, username)).get();
      if (!row) return null;
      const expected = Buffer.from(row.hash, 'base64');
      const actual = derive(password, Buffer.from(row.salt, 'base64'), row.params as ScryptParams);
      return actual.length === expected.length && timingSafeEqual(actual, expected) ? (row.staff as CachedStaff) : null;
    },

    /** The hall server refused this password: an old verifier must not keep letting it in offline. */
    forget(username: string): void {
      deps.db.delete(staffVerifiers).where(eq(staffVerifiers.username, username)).run();
    },
  };
}
export type VerifiersRepo = ReturnType<typeof verifiersRepo>;

import { desc } from 'drizzle-orm';
import { audit } from '../db/schema';
import type { DbOrTx, StoreDeps } from './types';

export interface AuditEntry {
  staffId: string | null;
  windowCode: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** Never personal data in full: masked numbers only. */
  detail?: Record<string, unknown>;
}

export function auditRepo(deps: StoreDeps) {
  return {
    /** Written inside the transaction that makes the change. */
    record(tx: DbOrTx, e: AuditEntry): void {
      tx.insert(audit)
        .values({ at: deps.now().toISOString(), ...e, detail: e.detail ?? null })
        .run();
    },
    latest(limit = 50) {
      return deps.db.select().from(audit).orderBy(desc(audit.id)).limit(limit).all();
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;

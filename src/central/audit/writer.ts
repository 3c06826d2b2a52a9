import type { HallQueryable } from '../db/client';
import { auditLog } from '../db/schema';

/** Who acts: a signed-in staff member (with the window of the session), or the system itself. */
export interface Actor {
  staffId: string | null;
  username: string | null;
  role: string | null;
  windowCode: string | null;
  address: string | null;
}

export const systemActor: Actor = { staffId: null, username: 'system', role: null, windowCode: null, address: null };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** The audit row of one entry: who, which window, when, what, before and after. */
export function auditRow(actor: Actor, e: AuditEntry, at: Date): typeof auditLog.$inferInsert {
  return {
    at,
    staffId: actor.staffId,
    username: actor.username,
    role: actor.role,
    windowCode: actor.windowCode,
    address: actor.address,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}

/**
 * Every state change leaves a row (`auditRow`). Returns the INSERT unsent (null when there is
 * nothing to write): the unit of work sends it together with its other writes (db/work.ts).
 */
export function auditInsert(tx: HallQueryable, actor: Actor, entries: AuditEntry[], at: Date) {
  if (entries.length === 0) return null;
  return tx.insert(auditLog).values(entries.map((e) => auditRow(actor, e, at)));
}

import type { HallDb } from '../../../src/central/db/client';
import { tickets } from '../../../src/central/db/schema';

/** A normal ticket of zone A waiting on `day`, issued at `at`, as the issuing command would leave it. */
export async function insertWaitingTicket(db: HallDb, t: { id: string; number: string; serial: number; day: string; at: Date }): Promise<void> {
  await db.drizzle.insert(tickets).values({
    id: t.id,
    number: t.number,
    serial: t.serial,
    day: t.day,
    zoneCode: 'A',
    priority: 'normal',
    status: 'waiting',
    requestId: `req-${t.id}`,
    issuedAt: t.at,
    queuedAt: t.at,
    updatedAt: t.at,
  });
}

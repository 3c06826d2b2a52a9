import { eq, type SQLWrapper } from 'drizzle-orm';
import { describeIssue } from '../../contract/catalog';
import { parseMutationArgs, type MutationEnvelope, type PushRequest, type PushResponse, type PushResult } from '../../contract/sync';
import { DomainFailure } from '../../domain/result';
import type { Actor, AuditEntry } from '../audit/writer';
import { applyCaseMutation } from '../cases/mutations';
import type { HallContext } from '../context';
import { processedMutations } from '../db/schema';
import { inWork, sendTogether, type Work } from '../db/work';
import type { ChangeEntry } from '../events/change-log';
import { HallError } from '../http/errors';

type ProcessedRow = typeof processedMutations.$inferSelect;

/**
 * A station's push: its mutations in outbox order, in ONE unit of work (one commit, one disk flush
 * for the whole batch: a station that was offline all day drains in seconds, not minutes). Each
 * mutation runs in its own savepoint, so a rejected one does not stop the ones after it (the station
 * shows the clerk why and moves on); a failure of the server itself (the database gone) rolls the
 * whole batch back, and the station retries it — every mutation is still applied exactly once.
 *
 * Exactly once: every id is claimed first, in one INSERT … ON CONFLICT DO NOTHING in id order (so
 * two pushes holding the same mutations in another order cannot deadlock). A concurrent push of the
 * same mutation waits on that row until the first transaction ends, then finds it and answers with
 * the first result.
 */
export async function pushMutations(ctx: HallContext, actor: Actor, req: PushRequest): Promise<PushResponse> {
  return inWork(ctx, actor, async (w) => {
    const claimed = await claim(w, req);
    const results: PushResult[] = [];
    const seen = new Set<string>();
    for (const m of req.mutations) {
      // The same id twice in one batch: the second is a repeat of the first.
      if (!claimed.has(m.id) || seen.has(m.id)) {
        results.push(await answerFromRecord(w, req.stationId, m));
        continue;
      }
      seen.add(m.id);
      const outcome = await attempt(w, req.stationId, m);
      await w.tx
        .update(processedMutations)
        .set({
          status: outcome.status,
          code: outcome.code ?? null,
          message: outcome.message ?? null,
          value: outcome.value ?? null,
          caseId: outcome.caseId ?? caseIdOf(m),
        })
        .where(eq(processedMutations.id, m.id));
      results.push(resultOf(m.id, outcome));
    }
    return { results };
  });
}

/** Claims the batch's mutation ids; answers the ids this push now owns. */
async function claim(w: Work, req: PushRequest): Promise<Set<string>> {
  const byId = new Map(req.mutations.map((m) => [m.id, m]));
  const rows = [...byId.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((m) => ({
      id: m.id,
      stationId: req.stationId,
      name: m.name,
      staffId: m.staffId,
      caseId: null,
      status: 'rejected' as const,
      code: 'MUTATION_IN_PROGRESS',
      message: null,
      value: null,
      mutationAt: new Date(m.at),
      at: w.at,
    }));
  const claimed = await w.tx.insert(processedMutations).values(rows).onConflictDoNothing().returning({ id: processedMutations.id });
  return new Set(claimed.map((r) => r.id));
}

async function answerFromRecord(w: Work, stationId: string, m: MutationEnvelope): Promise<PushResult> {
  const first = (await w.tx.select().from(processedMutations).where(eq(processedMutations.id, m.id)).limit(1))[0];
  if (!first) throw new Error(`mutation ${m.id} conflicted but cannot be read`);
  return answerAgain(first, stationId, m);
}

interface Outcome {
  status: 'applied' | 'rejected';
  code?: string;
  message?: string;
  /** Applied: the case as it now stands. Rejected: the error's details (e.g. the expected promised date). */
  value?: unknown;
  caseId?: string;
}

async function attempt(w: Work, stationId: string, m: MutationEnvelope): Promise<Outcome> {
  const parsed = parseMutationArgs(m);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    return { status: 'rejected', code: 'MUTATION_INVALID', message: `${m.name} is not valid: ${issues.slice(0, 3).join('; ')}`, value: { issues } };
  }
  const changes: ChangeEntry[] = [];
  const audits: AuditEntry[] = [];
  try {
    const record = await w.tx.transaction(async (sp) => {
      const writes: SQLWrapper[] = [];
      const inner: Work = {
        tx: sp,
        locking: true,
        at: w.at,
        actor: w.actor,
        change: (e) => void changes.push(e),
        audit: (e) => void audits.push(e),
        later: (q) => void writes.push(q),
        laterGuarded: (q) => void writes.push(q),
      };
      const applied = await applyCaseMutation({ w: inner, stationId, mutationId: m.id, staffId: m.staffId, at: new Date(m.at) }, m.name, parsed.data as never);
      // Inside the savepoint, so a write that fails takes the mutation's other writes with it.
      await sendTogether(sp, writes);
      return applied;
    });
    // Only a savepoint that was released may leave traces in the change log and the audit trail.
    for (const c of changes) w.change(c);
    for (const a of audits) w.audit(a);
    return { status: 'applied', value: record, caseId: record.id };
  } catch (e) {
    if (e instanceof HallError || e instanceof DomainFailure) {
      return { status: 'rejected', code: e.code, message: e.message, ...(e.details ? { value: e.details } : {}) };
    }
    throw e;
  }
}

/** A repeat gets the first answer: `duplicate` with the same value, or the same refusal. */
function answerAgain(first: ProcessedRow, stationId: string, m: MutationEnvelope): PushResult {
  if (first.stationId !== stationId || first.name !== m.name) {
    // Not a repeat: another mutation under a used id. Not recorded, and the first answer is not shown.
    return { id: m.id, status: 'rejected', code: 'MUTATION_ID_REUSED', message: `mutation id ${m.id} was already used for another mutation` };
  }
  if (first.status === 'applied') return { id: m.id, status: 'duplicate', ...(first.value !== null ? { value: first.value } : {}) };
  // A refusal stays a refusal: the station keeps showing it to the clerk instead of dropping it as done.
  return resultOf(m.id, { status: 'rejected', code: first.code ?? 'REJECTED', message: first.message ?? '', ...(first.value !== null ? { value: first.value } : {}) });
}

function resultOf(id: string, o: Outcome): PushResult {
  const r: PushResult = { id, status: o.status };
  if (o.code !== undefined) r.code = o.code;
  if (o.message !== undefined) r.message = o.message;
  if (o.value !== undefined) r.value = o.value;
  return r;
}

function caseIdOf(m: MutationEnvelope): string | null {
  const a = (m.args ?? {}) as { caseId?: unknown; case?: { id?: unknown } };
  const id = typeof a.caseId === 'string' ? a.caseId : typeof a.case?.id === 'string' ? a.case.id : null;
  return id !== null && id.length <= 64 ? id : null;
}

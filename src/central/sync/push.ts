import { eq } from 'drizzle-orm';
import { describeIssue } from '../../contract/catalog';
import { parseMutationArgs, type MutationEnvelope, type PushRequest, type PushResponse, type PushResult } from '../../contract/sync';
import { DomainFailure } from '../../domain/result';
import type { Actor, AuditEntry } from '../audit/writer';
import { applyCaseMutation } from '../cases/mutations';
import type { HallContext } from '../context';
import { processedMutations } from '../db/schema';
import { inWork, type Work } from '../db/work';
import type { ChangeEntry } from '../events/change-log';
import { HallError } from '../http/errors';

type ProcessedRow = typeof processedMutations.$inferSelect;

/**
 * A station's push: its mutations in outbox order, each in its own unit of work. A rejected
 * mutation does not stop the ones after it (the station shows the clerk why and moves on); a
 * failure of the server itself (the database gone) ends the push, and the station retries it.
 */
export async function pushMutations(ctx: HallContext, actor: Actor, req: PushRequest): Promise<PushResponse> {
  const results: PushResult[] = [];
  for (const m of req.mutations) results.push(await processMutation(ctx, actor, req.stationId, m));
  return { results };
}

/**
 * Exactly once: the mutation's id is claimed first (INSERT … ON CONFLICT DO NOTHING on the primary
 * key). A concurrent push of the same mutation waits on that row until the first transaction ends,
 * then finds it and answers with the first result; the changes themselves run in a savepoint, so a
 * refusal rolls them back while the claim, now holding the refusal, commits.
 */
export async function processMutation(ctx: HallContext, actor: Actor, stationId: string, m: MutationEnvelope): Promise<PushResult> {
  return inWork(ctx, actor, async (w) => {
    const claimed = await w.tx
      .insert(processedMutations)
      .values({
        id: m.id,
        stationId,
        name: m.name,
        staffId: m.staffId,
        caseId: null,
        status: 'rejected',
        code: 'MUTATION_IN_PROGRESS',
        message: null,
        value: null,
        mutationAt: new Date(m.at),
        at: w.at,
      })
      .onConflictDoNothing()
      .returning({ id: processedMutations.id });
    if (claimed.length === 0) {
      const first = (await w.tx.select().from(processedMutations).where(eq(processedMutations.id, m.id)).limit(1))[0];
      if (!first) throw new Error(`mutation ${m.id} conflicted but cannot be read`);
      return answerAgain(first, stationId, m);
    }
    const outcome = await attempt(w, stationId, m);
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
    return resultOf(m.id, outcome);
  });
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
      const inner: Work = { tx: sp, at: w.at, actor: w.actor, change: (e) => void changes.push(e), audit: (e) => void audits.push(e) };
      return applyCaseMutation({ w: inner, stationId, mutationId: m.id, staffId: m.staffId, at: new Date(m.at) }, m.name, parsed.data as never);
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

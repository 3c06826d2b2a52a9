import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { describeIssue } from '../../contract/catalog';
import { parseMutationArgs, type MutationArgs, type MutationEnvelope, type PushRequest, type PushResponse, type PushResult } from '../../contract/sync';
import type { FollowUpRules } from '../../domain/evaluation';
import { DomainFailure } from '../../domain/result';
import type { Actor, AuditEntry } from '../audit/writer';
import type { StaffAuth } from '../auth/guard';
import { mutationPermit, type Principal, type Role } from '../auth/policy';
import { CLOCK_SKEW_MS } from '../cases/context';
import { applyCaseMutation } from '../cases/mutations';
import { rateTicket } from '../evaluations/rate';
import { evaluationView } from '../evaluations/record';
import { readFollowUpRules } from '../evaluations/settings';
import type { HallContext } from '../context';
import { processedMutations, sessions, staff } from '../db/schema';
import { inWork, type Work } from '../db/work';
import { CaseLookups } from '../cases/lookups';
import type { ChangeEntry } from '../events/change-log';
import { HallError } from '../http/errors';
import { maskDeep } from '../logger';
import type { StationRow } from '../stations/registry';

type ProcessedRow = typeof processedMutations.$inferSelect;

/**
 * A station's push: its mutations in outbox order, in ONE unit of work (one commit, one disk flush
 * for the whole batch: a station that was offline all day drains in seconds, not minutes). A
 * rejected mutation does not stop the ones after it (the station shows the clerk why and moves on):
 * every refusal comes before a mutation's first write (cases/context.ts), so a refused mutation
 * leaves nothing and needs no savepoint. A failure of the server itself (the database gone) rolls
 * the whole batch back, and the station retries it — every mutation is still applied exactly once.
 *
 * Exactly once: every id is claimed first, in one INSERT … ON CONFLICT DO NOTHING in id order (so
 * two pushes holding the same mutations in another order cannot deadlock). A concurrent push of the
 * same mutation waits on that row until the first transaction ends, then finds it and answers with
 * the first result. Each claimed row's outcome goes out with the push's last statement.
 */
export async function pushMutations(ctx: HallContext, actor: Actor, auth: StaffAuth, station: StationRow, body: PushRequest): Promise<PushResponse> {
  // The station is the push's credential; a body naming another one is refused whole.
  if (body.stationId !== undefined && body.stationId !== station.id) {
    throw new HallError('STATION_MISMATCH', `this push comes from station ${station.id}, not ${body.stationId}`, { station: station.id, named: body.stationId });
  }
  const req = { ...body, stationId: station.id };
  return inWork(ctx, actor, async (w) => {
    const claimed = await claim(w, req);
    const who = new Attribution(w, auth, station.id);
    const results: PushResult[] = [];
    const answered = new Map<string, { name: string; outcome: Outcome }>();
    const lookups = new CaseLookups(w.tx, ctx.sealer);
    const settled: Array<{ id: string; caseId: string | null; outcome: Outcome }> = [];
    // The hall's deadlines for bad ratings, read once per push and only if a rating needs them.
    let rulesRead: Promise<FollowUpRules> | undefined;
    const rules = () => (rulesRead ??= readFollowUpRules(w.tx, ctx.config.followUps));
    for (const m of req.mutations) {
      const first = answered.get(m.id);
      if (first) {
        // The same id twice in one batch: the second is a repeat of the first.
        results.push(answerAgain({ stationId: req.stationId, name: first.name, ...outcomeRecord(first.outcome) }, req.stationId, m));
        continue;
      }
      if (!claimed.has(m.id)) {
        results.push(await answerFromRecord(w, req.stationId, m));
        continue;
      }
      const outcome = await attempt(w, lookups, who, m, rules);
      answered.set(m.id, { name: m.name, outcome });
      settled.push({ id: m.id, caseId: outcome.caseId ?? caseIdOf(m), outcome });
      results.push(resultOf(m.id, outcome));
    }
    // The push's last statement: the cases and history rows it kept, and every claimed row's outcome.
    for (const q of lookups.writes(w.tx)) w.later(q);
    if (settled.length > 0) w.later(settleClaims(settled));
    return { results };
  });
}

/** Every claimed row's outcome in one UPDATE (the rows as JSON: one parameter, whatever the batch). */
function settleClaims(settled: Array<{ id: string; caseId: string | null; outcome: Outcome }>): SQL {
  const rows = settled.map((s) => ({ id: s.id, case_id: s.caseId, ...outcomeRecord(s.outcome) }));
  return sql`update ${processedMutations} as p
    set status = v.status, code = v.code, message = v.message, value = v.value, case_id = v.case_id
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id text, case_id text, status text, code text, message text, value jsonb)
    where p.id = v.id`;
}

/** An outcome as its processed_mutations row holds it. */
function outcomeRecord(o: Outcome): Pick<ProcessedRow, 'status' | 'code' | 'message' | 'value'> {
  return { status: o.status, code: o.code ?? null, message: o.message ?? null, value: o.value ?? null };
}

/** Claims the batch's mutation ids; answers the ids this push now owns. */
async function claim(w: Work, req: PushRequest & { stationId: string }): Promise<Set<string>> {
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

async function attempt(w: Work, lookups: CaseLookups, who: Attribution, m: MutationEnvelope, rules: () => Promise<FollowUpRules>): Promise<Outcome> {
  const parsed = parseMutationArgs(m);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    return { status: 'rejected', code: 'MUTATION_INVALID', message: `${m.name} is not valid: ${issues.slice(0, 3).join('; ')}`, value: maskDeep({ issues }) };
  }
  const at = new Date(m.at);
  if (at.getTime() > w.at.getTime() + CLOCK_SKEW_MS) {
    return { status: 'rejected', code: 'MUTATION_TIME_IN_FUTURE', message: `${m.name} is dated ${m.at}, later than the hall's clock allows (check the PC's clock)`, value: { at: m.at } };
  }
  // The window the work was done at: an intake's, or the pad's for a rating (checked against the ticket).
  const data = parsed.data as { case?: { windowCode?: string }; windowCode?: string };
  const intakeWindow = data.case?.windowCode ?? (m.name === 'ticket.evaluate' ? (data.windowCode ?? null) : null);
  let principal: Principal;
  try {
    principal = await who.of(m, at, intakeWindow);
  } catch (e) {
    if (e instanceof HallError) return { status: 'rejected', code: e.code, message: e.message, ...(e.details ? { value: e.details } : {}) };
    throw e;
  }
  const changes: ChangeEntry[] = [];
  const audits: AuditEntry[] = [];
  const writes: SQLWrapper[] = [];
  let wrote = false;
  try {
    // The push's unit of work, except that what a mutation queues waits until it is applied.
    const inner: Work = { ...w, change: (e) => void changes.push(e), audit: (e) => void audits.push(e), later: (q) => void writes.push(q), laterGuarded: (q) => void writes.push(q) };
    const permit = mutationPermit(principal, m.name);
    const mc = {
      w: inner,
      stationId: who.stationId,
      mutationId: m.id,
      staffId: principal.staffId,
      pushedBy: who.pushedBy,
      at,
      lookups,
      authorize: (t: Parameters<typeof permit.require>[0]) => permit.require(t),
      writing: () => void (wrote = true),
    };
    let outcome: Outcome;
    if (m.name === 'ticket.evaluate') {
      const args = parsed.data as MutationArgs<'ticket.evaluate'>;
      const rated = await rateTicket(
        { w: inner, lookups, authorize: mc.authorize, at, recordedBy: who.pushedBy, stationId: who.stationId, mutationId: m.id, rules },
        { ticketId: args.ticketId, windowCode: args.windowCode, level: args.level, reason: args.reason, source: args.source },
      );
      outcome = { status: 'applied', value: evaluationView(rated) };
    } else {
      const record = await applyCaseMutation(mc, m.name, parsed.data as never);
      outcome = { status: 'applied', value: record, caseId: record.id };
    }
    // Only an applied mutation leaves traces: its queued writes, changes and audit rows join the push's.
    for (const q of writes) w.later(q);
    for (const c of changes) w.change(c);
    for (const a of audits) w.audit(a);
    return outcome;
  } catch (e) {
    if ((e instanceof HallError || e instanceof DomainFailure) && !wrote) {
      // A refusal's details are kept and answered again: no full ID number or phone in them.
      return { status: 'rejected', code: e.code, message: e.message, ...(e.details ? { value: maskDeep(e.details) } : {}) };
    }
    // A refusal after a write would keep half a mutation: fail the whole push instead (it rolls back).
    if (e instanceof HallError || e instanceof DomainFailure) throw new Error(`mutation ${m.name} was refused after it had written: ${e.message}`, { cause: e });
    throw e;
  }
}

/** A repeat gets the first answer: `duplicate` with the same value, or the same refusal. */
function answerAgain(first: Pick<ProcessedRow, 'stationId' | 'name' | 'status' | 'code' | 'message' | 'value'>, stationId: string, m: MutationEnvelope): PushResult {
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

/**
 * Who a mutation is by. Work done during the pushing session is its own staff's: the envelope must
 * name them. Work recorded before this session began (offline, maybe by a colleague at this PC) may
 * name someone else, but only a person who has signed in at this station before — at the case's
 * window, for an intake — and it is checked with that person's role and scope. Either way the hall
 * keeps who pushed it (`pushedBy`).
 */
class Attribution {
  private readonly others = new Map<string, Promise<{ who: Omit<Principal, 'windowCode'>; windows: Set<string> } | null>>();
  readonly pushedBy: string;

  constructor(
    private readonly w: Work,
    private readonly auth: StaffAuth,
    readonly stationId: string,
  ) {
    this.pushedBy = auth.staffId;
  }

  async of(m: MutationEnvelope, at: Date, intakeWindow: string | null): Promise<Principal> {
    const since = this.auth.since?.getTime() ?? Number.POSITIVE_INFINITY;
    if (at.getTime() >= since) {
      if (m.staffId !== this.auth.staffId) {
        throw new HallError('MUTATION_STAFF_MISMATCH', `${m.name} was made during the session of ${this.auth.username}, so it is theirs, not ${m.staffId}'s`, { staffId: m.staffId });
      }
      return this.auth;
    }
    let known = this.others.get(m.staffId);
    if (!known) {
      known = this.lookUp(m.staffId);
      this.others.set(m.staffId, known);
    }
    const other = await known;
    if (!other) {
      throw new HallError('MUTATION_STAFF_UNKNOWN', `${m.name} names ${m.staffId}, who has never signed in at station ${this.stationId}`, { staffId: m.staffId });
    }
    return { ...other.who, windowCode: intakeWindow !== null && other.windows.has(intakeWindow) ? intakeWindow : null };
  }

  private async lookUp(staffId: string) {
    const rows = await this.w.tx
      .select({ id: staff.id, username: staff.username, role: staff.role, zoneCodes: staff.zoneCodes, departmentCodes: staff.departmentCodes, active: staff.active, window: sessions.windowCode })
      .from(staff)
      .innerJoin(sessions, and(eq(sessions.staffId, staff.id), eq(sessions.stationId, this.stationId)))
      .where(eq(staff.id, staffId));
    const first = rows[0];
    if (!first || !first.active) return null;
    const who = { staffId: first.id, username: first.username, role: first.role as Role, zoneCodes: first.zoneCodes, departmentCodes: first.departmentCodes, stationId: this.stationId };
    return { who, windows: new Set(rows.flatMap((r) => (r.window ? [r.window] : []))) };
  }
}

function caseIdOf(m: MutationEnvelope): string | null {
  const a = (m.args ?? {}) as { caseId?: unknown; case?: { id?: unknown } };
  const id = typeof a.caseId === 'string' ? a.caseId : typeof a.case?.id === 'string' ? a.case.id : null;
  return id !== null && id.length <= 64 ? id : null;
}

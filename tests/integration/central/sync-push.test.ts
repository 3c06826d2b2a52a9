import { and, count, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, changeLog, processedMutations } from '../../../src/central/db/schema';
import type { CaseIntake, CaseReceipt } from '../../../src/contract/case';
import type { MutationEnvelope, PushResult } from '../../../src/contract/sync';
import { call, envelope, intake, push, STATION_B1, STATION_B2, startCasesHall, type CasesHall } from './cases-fixture';
import { backends } from './harness';

describe.each(backends)('sync push on %s', (backend) => {
  let hall: CasesHall;
  beforeAll(async () => {
    hall = await startCasesHall(backend);
    asAdmin.token = hall.tokens.admin;
  });
  afterAll(async () => {
    await hall?.close();
  });

  const db = () => hall.ctx.db.drizzle;

  async function countsFor(caseIds: string[], mutationIds: string[]) {
    const [caseRows, events, changes, processed] = await Promise.all([
      db().select({ id: cases.id, n: count() }).from(cases).where(inArray(cases.id, caseIds)).groupBy(cases.id),
      db().select({ n: count() }).from(caseEvents).where(inArray(caseEvents.caseId, caseIds)),
      db().select({ n: count() }).from(changeLog).where(and(eq(changeLog.entity, 'case'), inArray(changeLog.entityId, caseIds))),
      db().select({ n: count() }).from(processedMutations).where(inArray(processedMutations.id, mutationIds)),
    ]);
    return { rowsPerCase: caseRows.map((r) => r.n), events: events[0]!.n, changes: changes[0]!.n, processed: processed[0]!.n };
  }

  /**
   * A case's whole life in one outbox: the administrator's, who may take in at window B1 and decide
   * too (auth/policy.ts), so one station pushes it all. The last rating is one too many.
   */
  const byAdmin = (name: Parameters<typeof envelope>[0], args: unknown) => envelope(name, args, { staffId: hall.staffIds.admin });
  const adminIntake = () => intake({ clerkId: hall.staffIds.admin });
  const asAdmin = { token: '' };
  function lifecycle(c: CaseIntake): MutationEnvelope[] {
    const caseId = c.id;
    return [
      byAdmin('case.accept', { case: c }),
      byAdmin('case.dispatch', { caseId, departmentCodes: ['SCJG', 'WJW'] }),
      byAdmin('case.decide', { caseId, departmentCode: 'SCJG', decision: 'approved', opinion: '同意' }),
      byAdmin('case.decide', { caseId, departmentCode: 'WJW', decision: 'approved', opinion: '同意' }),
      byAdmin('case.deliver', { caseId, how: 'window', licenceName: null, licenceNo: null }),
      byAdmin('case.evaluate', { caseId, level: 2 }),
      byAdmin('case.evaluate', { caseId, level: 1 }),
    ];
  }
  const LIFE_LENGTH = 7;

  /** A repeat answers what the first push answered: `duplicate` with the same value, or the same refusal. */
  function expectSameAnswer(first: PushResult, again: PushResult): void {
    expect(again.id).toBe(first.id);
    if (first.status === 'applied') {
      expect(again.status).toBe('duplicate');
      expect(again.value).toEqual(first.value);
    } else {
      expect(again).toEqual(first);
    }
  }

  describe('a push sent more than once', () => {
    it('applies a push sent twice once, answering the repeat with the first results', async () => {
      const c = adminIntake();
      const batch = [
        byAdmin('case.accept', { case: c }),
        byAdmin('case.dispatch', { caseId: c.id, departmentCodes: ['SCJG'] }),
        byAdmin('case.evaluate', { caseId: c.id, level: 5 }),
      ];
      const first = await push(hall, batch, asAdmin);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
      expect(first.results[2]!.code).toBe('EVALUATION_REASON_REQUIRED');
      const again = await push(hall, batch, asAdmin);
      again.results.forEach((r, i) => expectSameAnswer(first.results[i]!, r));
      expect((again.results[1]!.value as CaseReceipt).status).toBe('in-review');
      expect(await countsFor([c.id], batch.map((m) => m.id))).toEqual({ rowsPerCase: [1], events: 2, changes: 2, processed: 3 });
    });

    it('applies a push sent concurrently by many connections exactly once', async () => {
      const c = adminIntake();
      const batch = lifecycle(c).slice(0, 4);
      const answers = await Promise.all(Array.from({ length: 12 }, () => push(hall, batch, asAdmin)));
      for (const [i, m] of batch.entries()) {
        const forM = answers.map((a) => a.results[i]!);
        expect(forM.every((r) => r.id === m.id)).toBe(true);
        const firsts = forM.filter((r) => r.status === 'applied');
        expect(firsts).toHaveLength(1);
        for (const r of forM) if (r !== firsts[0]) expectSameAnswer(firsts[0]!, r);
      }
      expect(await countsFor([c.id], batch.map((m) => m.id))).toEqual({ rowsPerCase: [1], events: 4, changes: 4, processed: 4 });
      const row = (await db().select().from(cases).where(eq(cases.id, c.id)))[0]!;
      expect(row.status).toBe('approved');
    });

    it('applies two cases once each when two pushes carry their intakes in opposite orders at the same time (no deadlock)', async () => {
      // A push claims all its mutation ids before applying any: claims taken in id order cannot cross.
      const a = intake();
      const b = intake();
      const ma = envelope('case.accept', { case: a });
      const mb = envelope('case.accept', { case: b });
      const answers = await Promise.all([push(hall, [ma, mb]), push(hall, [mb, ma]), push(hall, [ma, mb]), push(hall, [mb, ma])]);
      for (const answer of answers) for (const r of answer.results) expect(['applied', 'duplicate']).toContain(r.status);
      for (const m of [ma, mb]) expect(answers.flatMap((x) => x.results).filter((r) => r.id === m.id && r.status === 'applied')).toHaveLength(1);
      expect(await countsFor([a.id, b.id], [ma.id, mb.id])).toEqual({ rowsPerCase: [1, 1], events: 2, changes: 2, processed: 2 });
    });

    it('records one of two cases racing for the same case number, and refuses the other with CASE_NUMBER_TAKEN', async () => {
      for (let round = 0; round < 5; round++) {
        const a = intake();
        const b = intake({ caseNo: a.caseNo });
        const followUp = (id: string) => envelope('case.evaluate', { caseId: id, level: 1 });
        const [ra, rb] = await Promise.all([push(hall, [envelope('case.accept', { case: a }), followUp(a.id)]), push(hall, [envelope('case.accept', { case: b }), followUp(b.id)])]);
        const intakes = [ra.results[0]!, rb.results[0]!];
        expect(intakes.map((r) => r.status).sort()).toEqual(['applied', 'rejected']);
        expect(intakes.find((r) => r.status === 'rejected')!.code).toBe('CASE_NUMBER_TAKEN');
        // The refusal rolled back only its own savepoint: the push went on with the next mutation.
        expect([ra.results[1]!.status, rb.results[1]!.status].sort()).toEqual(['applied', 'rejected']);
        const rows = await db().select().from(cases).where(eq(cases.caseNo, a.caseNo));
        expect(rows).toHaveLength(1);
      }
    });

    it('refuses a used mutation id for another mutation or from another station, without touching the first answer', async () => {
      const c = intake();
      const first = envelope('case.accept', { case: c });
      expect((await push(hall, [first])).results[0]!.status).toBe('applied');
      const other = { ...first, name: 'case.mark-ready' as const, args: { caseId: c.id } };
      expect((await push(hall, [other])).results[0]).toMatchObject({ status: 'rejected', code: 'MUTATION_ID_REUSED' });
      const elsewhere = (await push(hall, [first], { stationId: STATION_B2, token: hall.tokens.clerkB2 })).results[0]!;
      expect(elsewhere).toMatchObject({ status: 'rejected', code: 'MUTATION_ID_REUSED' });
      expect(elsewhere.value).toBeUndefined();
      expect((await push(hall, [first])).results[0]!.status).toBe('duplicate');
    });

    it(
      'leaves one row per case and the same answers, whatever repeats and reorders of sent batches arrive, also concurrently',
      async () => {
        const repeat = fc.record({ batch: fc.nat(), order: fc.array(fc.nat(), { maxLength: 12 }), concurrent: fc.boolean() });
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.array(fc.nat(1000), { minLength: LIFE_LENGTH, maxLength: LIFE_LENGTH }), { minLength: 1, maxLength: 3 }),
            fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
            fc.array(fc.array(repeat, { maxLength: 3 }), { maxLength: 12 }),
            async (keys, sizes, repeatsAfter) => {
              const intakes = keys.map(() => adminIntake());
              // Interleave the cases' outboxes, each case's mutations staying in their order.
              const tagged = intakes.flatMap((c, i) => {
                const sorted = [...keys[i]!].sort((a, b) => a - b);
                return lifecycle(c).map((m, j) => ({ m, key: sorted[j]!, tie: i * LIFE_LENGTH + j }));
              });
              tagged.sort((a, b) => a.key - b.key || a.tie - b.tie);
              const outbox = tagged.map((t) => t.m);
              const batches: MutationEnvelope[][] = [];
              for (let at = 0, s = 0; at < outbox.length; s++) {
                const size = sizes[s % sizes.length]!;
                batches.push(outbox.slice(at, at + size));
                at += size;
              }

              const answers = new Map<string, PushResult[]>();
              const record = (res: { results: PushResult[] }, sent: MutationEnvelope[]) => {
                expect(res.results.map((r) => r.id)).toEqual(sent.map((m) => m.id));
                for (const r of res.results) answers.set(r.id, [...(answers.get(r.id) ?? []), r]);
              };
              const reordered = (b: MutationEnvelope[], order: number[]) =>
                b.map((m, i) => ({ m, k: order[i] ?? i })).sort((x, y) => x.k - y.k).map((x) => x.m);

              let pending: Array<{ sent: MutationEnvelope[] }> = [];
              for (const [i, batch] of batches.entries()) {
                // Repeats held back to race this batch: they hold only mutations already processed.
                const racing = pending.map(async (p) => record(await push(hall, p.sent, asAdmin), p.sent));
                record(await push(hall, batch, asAdmin), batch);
                await Promise.all(racing);
                pending = [];
                for (const r of repeatsAfter[i] ?? []) {
                  const sent = reordered(batches[r.batch % (i + 1)]!, r.order);
                  if (r.concurrent && i + 1 < batches.length) pending.push({ sent });
                  else record(await push(hall, sent, asAdmin), sent);
                }
              }
              for (const p of pending) record(await push(hall, p.sent, asAdmin), p.sent);

              for (const m of outbox) {
                const [first, ...again] = answers.get(m.id)!;
                const isExtraRating = m.name === 'case.evaluate' && (m.args as { level: number }).level === 1;
                expect(first, JSON.stringify(first)).toMatchObject(isExtraRating ? { status: 'rejected', code: 'CASE_ALREADY_EVALUATED' } : { status: 'applied' });
                for (const r of again) expectSameAnswer(first!, r);
              }
              const caseIds = intakes.map((c) => c.id);
              const n = intakes.length;
              expect(await countsFor(caseIds, outbox.map((m) => m.id))).toEqual({
                rowsPerCase: caseIds.map(() => 1),
                events: n * (LIFE_LENGTH - 1),
                changes: n * (LIFE_LENGTH - 1),
                processed: n * LIFE_LENGTH,
              });
              const rows = await db().select().from(cases).where(inArray(cases.id, caseIds));
              expect(rows.map((r) => [r.status, r.evaluation?.level])).toEqual(caseIds.map(() => ['delivered', 2]));
            },
          ),
          { numRuns: 20 },
        );
      },
      180_000,
    );
  });

  describe('what a push body may be', () => {
    it('refuses a 1 MB push with 413 BODY_TOO_LARGE before reading it', async () => {
      const big = intake({ applicant: { name: '赵雪梅', idType: '111', idNumber: '370902199001011235', address: 'x'.repeat(1024 * 1024) } });
      const r = await call(hall, 'POST', '/api/v1/sync/push', hall.tokens.clerkB1, { stationId: STATION_B1, mutations: [envelope('case.accept', { case: big })] });
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    });

    it('refuses a push of more than 500 mutations, an envelope without a valid id, and bad JSON with 400', async () => {
      const many = Array.from({ length: 501 }, () => envelope('case.mark-ready', { caseId: intake().id }));
      const tooMany = await call(hall, 'POST', '/api/v1/sync/push', hall.tokens.clerkB1, { stationId: STATION_B1, mutations: many });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      const badId = await call(hall, 'POST', '/api/v1/sync/push', hall.tokens.clerkB1, {
        stationId: STATION_B1,
        mutations: [{ ...envelope('case.mark-ready', { caseId: intake().id }), id: 'not-a-ulid' }],
      });
      expect(badId.status).toBe(400);
      const unknownName = await call(hall, 'POST', '/api/v1/sync/push', hall.tokens.clerkB1, {
        stationId: STATION_B1,
        mutations: [{ ...envelope('case.mark-ready', {}), name: 'case.teleport' }],
      });
      expect(unknownName.status).toBe(400);
      const badJson = await call(hall, 'POST', '/api/v1/sync/push', hall.tokens.clerkB1, '{"stationId": "x", "mutations": [');
      expect(badJson.status).toBe(400);
      expect(badJson.body).toMatchObject({ error: { code: 'BAD_JSON' } });
      const empty = await call(hall, 'POST', '/api/v1/sync/push', hall.tokens.clerkB1, { stationId: STATION_B1, mutations: [] });
      expect(empty.status).toBe(400);
    });
  });
});

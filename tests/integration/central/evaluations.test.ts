import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLog, evaluations } from '../../../src/central/db/schema';
import type { Evaluation, FollowUp } from '../../../src/contract/evaluation';
import { call, envelope, intake, newId, push, pushOne, caseRecord, startCasesHall, type CasesHall } from './cases-fixture';
import { backends } from './harness';

/**
 * 好差评 per service at the hall (CITIZEN.md part D), over real HTTP: the pad's rating of a finished
 * ticket, one per service (its case too), the offline pad's sync mutation applied once, the
 * ratings with their summary by scope, and the follow-up of a bad one with its working-day deadlines.
 */
describe.each(backends)('evaluations on %s', (backend) => {
  let hall: CasesHall;
  beforeAll(async () => {
    hall = await startCasesHall(backend);
  });
  afterAll(async () => {
    await hall?.close();
  });

  const post = (path: string, token: string, body?: unknown) => call(hall, 'POST', path, token, body);
  const get = (path: string, token: string) => call(hall, 'GET', path, token);
  const rate = (ticketId: string, body: unknown, token = hall.tokens.clerkB1) => post(`/api/v1/tickets/${ticketId}/evaluation`, token, body);

  /** A citizen served at B1 by clerk-B1: issued, called, started, finished. */
  async function served(window: 'B1' | 'B2' = 'B1', finish = true): Promise<{ id: string; number: string }> {
    const token = window === 'B1' ? hall.tokens.clerkB1 : hall.tokens.clerkB2;
    await hall.test.issue(token, 'B');
    const called = await post(`/api/v1/windows/${window}/call-next`, token);
    expect(called.status).toBe(200);
    const t = called.body as { id: string; number: string };
    if (finish) {
      expect((await post(`/api/v1/tickets/${t.id}/start`, token)).status).toBe(200);
      expect((await post(`/api/v1/tickets/${t.id}/finish`, token)).status).toBe(200);
    }
    return t;
  }

  const ratingsOf = async (ticketId: string) => (await hall.ctx.db.drizzle.select({ n: count() }).from(evaluations).where(eq(evaluations.ticketId, ticketId)))[0]!.n;

  it('records a tap on the pad against the window and the clerk who served, once', async () => {
    const t = await served();
    const r = await rate(t.id, { level: 1, source: 'pad' });
    expect(r.status).toBe(201);
    const e = r.body as Evaluation;
    expect(e).toMatchObject({ ticketId: t.id, ticketNumber: t.number, windowCode: 'B1', staffUsername: 'clerk-B1', staffName: '王晓燕', level: 1, label: '非常满意', reason: null, source: 'pad', caseNo: null });
    const again = await rate(t.id, { level: 2, source: 'pad' });
    expect(again.status).toBe(409);
    expect((again.body as { error: { code: string } }).error.code).toBe('TICKET_ALREADY_EVALUATED');
    expect(await ratingsOf(t.id)).toBe(1);
    const events = await hall.ctx.db.drizzle.select({ n: count() }).from(changeLog).where(and(eq(changeLog.event, 'evaluation.recorded'), eq(changeLog.entityId, e.id)));
    expect(events[0]!.n).toBe(1);
  });

  it('keeps one rating when the pad and the clerk rate the same service at the same moment', async () => {
    const t = await served();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => rate(t.id, { level: (i % 3) + 1, source: i % 2 ? 'pad' : 'window' })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await ratingsOf(t.id)).toBe(1);
  });

  it('refuses to rate a service still going on, a bad rating without a reason, and a level outside 1..5', async () => {
    const calling = await served('B1', false);
    const early = await rate(calling.id, { level: 1, source: 'pad' });
    expect([early.status, (early.body as { error: { code: string } }).error.code]).toEqual([409, 'TICKET_NOT_FINISHED']);
    await post(`/api/v1/tickets/${calling.id}/start`, hall.tokens.clerkB1);
    await post(`/api/v1/tickets/${calling.id}/finish`, hall.tokens.clerkB1);
    const noReason = await rate(calling.id, { level: 4, source: 'pad' });
    expect([noReason.status, (noReason.body as { error: { code: string } }).error.code]).toEqual([422, 'EVALUATION_REASON_REQUIRED']);
    expect((await rate(calling.id, { level: 6, source: 'pad' })).status).toBe(400);
    expect(await ratingsOf(calling.id)).toBe(0);
  });

  it('lets only the window that served rate the service', async () => {
    const t = await served();
    const other = await rate(t.id, { level: 1, source: 'pad' }, hall.tokens.clerkB2);
    expect([other.status, (other.body as { error: { code: string } }).error.code]).toEqual([403, 'WINDOW_FORBIDDEN']);
  });

  it('gives the case taken in at the ticket the same rating, and then refuses the clerk-entered one', async () => {
    const t = await served();
    const c = intake({ ticketId: t.id, ticketNumber: t.number });
    expect((await pushOne(hall, envelope('case.accept', { case: c }))).status).toBe('applied');
    const r = await rate(t.id, { level: 5, reason: '态度不好', source: 'pad' });
    expect(r.status).toBe(201);
    expect((r.body as Evaluation).caseNo).toBe(c.caseNo);
    expect((await caseRecord(hall, c.caseNo)).evaluation).toMatchObject({ level: 5, reason: '态度不好' });
    const typed = await pushOne(hall, envelope('case.evaluate', { caseId: c.id, level: 1 }));
    expect(typed.status).toBe('rejected');
    expect(typed.code).toBe('CASE_ALREADY_EVALUATED');
  });

  it('refuses the pad where the clerk already rated the case taken in at that ticket', async () => {
    const t = await served();
    const c = intake({ ticketId: t.id, ticketNumber: t.number });
    const pushed = await push(hall, [envelope('case.accept', { case: c }), envelope('case.evaluate', { caseId: c.id, level: 2 })]);
    expect(pushed.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    const r = await rate(t.id, { level: 1, source: 'pad' });
    expect([r.status, (r.body as { error: { code: string } }).error.code]).toEqual([409, 'TICKET_ALREADY_EVALUATED']);
  });

  it('gives a case taken in offline, pushed after the pad rated its ticket, that rating', async () => {
    const t = await served();
    expect((await rate(t.id, { level: 2, source: 'pad' })).status).toBe(201);
    const c = intake({ ticketId: t.id, ticketNumber: t.number });
    expect((await pushOne(hall, envelope('case.accept', { case: c }))).status).toBe('applied');
    expect((await caseRecord(hall, c.caseNo)).evaluation).toMatchObject({ level: 2, reason: null });
  });

  it('applies an offline pad rating pushed twice exactly once', async () => {
    const t = await served();
    const m = envelope('ticket.evaluate', { ticketId: t.id, windowCode: 'B1', level: 3, source: 'pad' }, { at: new Date(hall.test.clock.now().getTime() - 1000).toISOString() });
    const first = await pushOne(hall, m);
    expect(first.status).toBe('applied');
    expect((first.value as Evaluation).label).toBe('基本满意');
    const again = await pushOne(hall, m);
    expect(again.status).toBe('duplicate');
    expect(await ratingsOf(t.id)).toBe(1);
    // Another rating of the same service, from a second mutation, is refused with the code.
    const second = await pushOne(hall, envelope('ticket.evaluate', { ticketId: t.id, windowCode: 'B1', level: 1, source: 'pad' }, { at: m.at }));
    expect([second.status, second.code]).toEqual(['rejected', 'TICKET_ALREADY_EVALUATED']);
    // The pad of another window cannot claim the service.
    const elsewhere = await pushOne(hall, envelope('ticket.evaluate', { ticketId: newId(), windowCode: 'B1', level: 1, source: 'pad' }, { at: m.at }));
    expect(elsewhere.code).toBe('TICKET_NOT_FOUND');
  });

  it('reads ratings with their summary: a clerk its own window only, a supervisor its zones', async () => {
    const mine = await get('/api/v1/evaluations', hall.tokens.clerkB1);
    expect(mine.status).toBe(200);
    const list = mine.body as { evaluations: Evaluation[]; summary: { count: number; good: number; bad: number; byWindow: Array<{ windowCode: string }> } };
    expect(list.evaluations.length).toBeGreaterThan(0);
    expect(list.evaluations.every((e) => e.windowCode === 'B1')).toBe(true);
    expect(list.summary.count).toBe(list.summary.good + list.summary.bad);
    expect(list.summary.bad).toBeGreaterThanOrEqual(1);
    const notMine = await get('/api/v1/evaluations?windowCode=B1', hall.tokens.clerkB2);
    expect([notMine.status, (notMine.body as { error: { code: string } }).error.code]).toEqual([403, 'WINDOW_FORBIDDEN']);
    const sup = await get('/api/v1/evaluations?level=1', hall.tokens.supervisor);
    expect((sup.body as { evaluations: Evaluation[] }).evaluations.every((e) => e.level === 1)).toBe(true);
    expect((sup.body as { summary: { byWindow: Array<{ windowCode: string; good: number }> } }).summary.byWindow[0]).toMatchObject({ windowCode: 'B1' });
  });

  it('opens a follow-up for a bad rating, due in working days, flagged overdue after the return-visit deadline', async () => {
    const t = await served();
    const e = (await rate(t.id, { level: 4, reason: '办事效率低', source: 'pad' })).body as Evaluation;
    const open = await get('/api/v1/evaluation-follow-ups', hall.tokens.supervisor);
    const f = (open.body as { followUps: FollowUp[] }).followUps.find((x) => x.evaluationId === e.id)!;
    // Rated Monday 2026-11-30: 5 working days → Monday 12-07; 15 → Monday 12-21.
    expect(f).toMatchObject({ returnVisitDue: '2026-12-07', rectificationDue: '2026-12-21', overdue: null, closed: false });
    expect((await get('/api/v1/evaluation-follow-ups', hall.tokens.clerkB1)).status).toBe(403);

    const saved = hall.test.clock.offsetMs;
    hall.test.clock.advance(8 * 86_400_000);
    const later = await get('/api/v1/evaluation-follow-ups', hall.tokens.supervisor);
    expect((later.body as { followUps: FollowUp[] }).followUps.find((x) => x.evaluationId === e.id)!.overdue).toBe('return-visit');
    hall.test.clock.offsetMs = saved;

    const patch = (body: unknown) => call(hall, 'PATCH', `/api/v1/evaluation-follow-ups/${e.id}`, hall.tokens.supervisor, body);
    const tooSoon = await patch({ citizenAccepts: true });
    expect((tooSoon.body as { error: { code: string } }).error.code).toBe('FOLLOW_UP_STEP_ORDER');
    expect((await patch({ returnVisit: { on: '2026-12-01', note: '电话回访，群众反映等候时间长' }, finding: '窗口材料核验环节耗时过长' })).status).toBe(200);
    expect((await patch({ rectification: { on: '2026-12-03', note: '增设材料预审岗' } })).status).toBe(200);
    const done = await patch({ citizenAccepts: true });
    expect(done.body).toMatchObject({ closed: true, closedReason: 'accepted', citizenAccepts: true, overdue: null });
    expect((await patch({ finding: 'x' })).status).toBe(409);
  });

  it('opens follow-ups with the deadlines the administrator set, from then on', async () => {
    const put = await call(hall, 'PUT', '/api/v1/evaluation-settings', hall.tokens.admin, { returnVisitDays: 2, rectificationDays: 10 });
    expect(put.body).toEqual({ returnVisitDays: 2, rectificationDays: 10 });
    expect((await get('/api/v1/evaluation-settings', hall.tokens.supervisor)).body).toEqual({ returnVisitDays: 2, rectificationDays: 10 });
    const t = await served();
    const e = (await rate(t.id, { level: 5, reason: '材料要求不合理', source: 'pad' })).body as Evaluation;
    const f = ((await get('/api/v1/evaluation-follow-ups', hall.tokens.supervisor)).body as { followUps: FollowUp[] }).followUps.find((x) => x.evaluationId === e.id)!;
    // Monday 2026-11-30: 2 working days → Wednesday 12-02; 10 → Monday 12-14.
    expect(f).toMatchObject({ returnVisitDue: '2026-12-02', rectificationDue: '2026-12-14' });
    await call(hall, 'PUT', '/api/v1/evaluation-settings', hall.tokens.admin, { returnVisitDays: 5, rectificationDays: 15 });
  });

  it('lets the clerk appeal a malicious rating, decided by the supervisor with a reason', async () => {
    const t = await served();
    const e = (await rate(t.id, { level: 5, reason: '其他：骂人', source: 'pad' })).body as Evaluation;
    const before = (await get('/api/v1/evaluations', hall.tokens.supervisor)).body as { summary: { bad: number } };
    const appealed = await post(`/api/v1/evaluations/${e.id}/appeal`, hall.tokens.clerkB1, { reason: '群众因不符合条件而恶意差评，有录像为证' });
    expect(appealed.status).toBe(200);
    expect((appealed.body as Evaluation).appeal).toMatchObject({ status: 'pending', by: 'clerk-B1' });
    expect((await post(`/api/v1/evaluations/${e.id}/appeal`, hall.tokens.clerkB1, { reason: '再次申诉' })).status).toBe(409);
    // A clerk does not decide its own appeal.
    expect((await post(`/api/v1/evaluations/${e.id}/appeal/decision`, hall.tokens.clerkB1, { upheld: true, reason: '自己批准' })).status).toBe(403);
    const decided = await post(`/api/v1/evaluations/${e.id}/appeal/decision`, hall.tokens.supervisor, { upheld: true, reason: '经查看录像，属恶意差评' });
    expect((decided.body as Evaluation).appeal).toMatchObject({ status: 'upheld', decision: { by: 'supervisor', reason: '经查看录像，属恶意差评' } });
    const after = (await get('/api/v1/evaluations', hall.tokens.supervisor)).body as { summary: { bad: number } };
    expect(after.summary.bad).toBe(before.summary.bad - 1);
    const all = (await get('/api/v1/evaluation-follow-ups?state=all', hall.tokens.supervisor)).body as { followUps: FollowUp[] };
    expect(all.followUps.find((x) => x.evaluationId === e.id)).toMatchObject({ closed: true, closedReason: 'appeal-upheld' });
  });
});

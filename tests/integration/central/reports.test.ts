/* eslint-disable @typescript-eslint/no-explicit-any -- report answers are plain JSON checked figure by figure */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../src/central/audit/writer';
import { createStaff } from '../../../src/central/auth/staff-repository';
import { rowsOf } from '../../../src/central/db/client';
import { inWork } from '../../../src/central/db/work';
import { rebuildReportAggregates } from '../../../src/central/reports/aggregates';
import type { CaseIntake } from '../../../src/contract/case';
import type { MutationName } from '../../../src/contract/sync';
import { reportDefinitions, type ReportKind } from '../../../src/domain/report';
import { call, envelope, intake, pushOne, reach, received, startCasesHall, STATION_B2, type CasesHall } from './cases-fixture';
import { backends } from './harness';

/**
 * A scripted day at the hall (tickets issued, called, served, a no-show, a transfer, a cancel;
 * cases accepted, deferred, corrected, rejected, decided on time and late, delivered, rated) gives
 * exactly the figures a supervisor would count by hand; the aggregates after every refresh equal a
 * recount from the raw rows; scopes hold.
 */
describe.each(backends)('the hall reports on %s', (backend) => {
  let hall: CasesHall;
  let supA: string;

  beforeAll(async () => {
    hall = await startCasesHall(backend);
    await inWork(hall.ctx, systemActor, (w) => createStaff(w, { username: 'sup-A', name: '商事值班长', role: 'supervisor', zoneCodes: ['A'], password: 'Zone-A-pass-2026' }));
    supA = await hall.stations.B1.login('sup-A', undefined, 'Zone-A-pass-2026');
  });
  afterAll(async () => {
    await hall?.close();
  });

  /** The hall's clock set to exactly this instant (it runs on by the milliseconds a request takes). */
  const at = (iso: string) => {
    hall.test.clock.run(); // in case the stopped morning failed half-way
    hall.test.clock.offsetMs = Date.parse(iso) - Date.now();
  };
  /** The hall's clock stood at this instant (a millisecond a read): the morning's seconds are counted by hand, exactly, however slow the machine. */
  const stopAt = (iso: string) => hall.test.clock.stopAt(Date.parse(iso));
  const post = async (path: string, token: string, body?: unknown) => {
    const r = await call(hall, 'POST', path, token, body ?? {});
    expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body as any;
  };
  const report = async (kind: ReportKind, query: string, token = hall.tokens.admin) => {
    const r = await call(hall, 'GET', `/api/v1/reports/${kind}?${query}`, token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as any;
  };
  const byKey = (rep: any, figures: string[]) => Object.fromEntries(rep.rows.map((r: any) => [r.key, Object.fromEntries(figures.map((f) => [f, r[f]]))]));

  describe('a scripted morning of queue', () => {
    beforeAll(async () => {
      const { clerkB1: b1, clerkB2: b2, supervisor } = hall.tokens;
      stopAt('2026-11-30T03:00:00Z');
      const t1 = await hall.test.issue(b1, 'B', { matterCode: 'FOODPERMIT' });
      await hall.test.issue(b1, 'B');
      await hall.test.issue(b1, 'B');
      const t4 = await hall.test.issue(b1, 'B');
      stopAt('2026-11-30T03:01:00Z');
      expect((await post('/api/v1/windows/B1/call-next', b1)).id).toBe(t1.id);
      await post(`/api/v1/tickets/${t1.id}/start`, b1);
      stopAt('2026-11-30T03:06:00Z');
      await post(`/api/v1/tickets/${t1.id}/finish`, b1);
      const t2 = await post('/api/v1/windows/B2/call-next', b2);
      stopAt('2026-11-30T03:07:00Z');
      await post(`/api/v1/tickets/${t2.id}/no-show`, b2);
      stopAt('2026-11-30T03:08:00Z');
      const t3 = await post('/api/v1/windows/B1/call-next', b1);
      await post(`/api/v1/tickets/${t3.id}/start`, b1);
      stopAt('2026-11-30T03:09:40Z');
      await post(`/api/v1/tickets/${t3.id}/finish`, b1);
      stopAt('2026-11-30T03:10:00Z');
      await post(`/api/v1/tickets/${t4.id}/cancel`, supervisor);
      // A ticket called at B1 and sent on to zone A, where it still waits.
      await hall.test.issue(b1, 'B');
      stopAt('2026-11-30T03:11:00Z');
      const t5 = await post('/api/v1/windows/B1/call-next', b1);
      await post(`/api/v1/tickets/${t5.id}/transfer`, b1, { zoneCode: 'A', position: 'back' });
      // B2 steps away for ten minutes (a reason typed by hand: 其他), then five for lunch (the hall's 午休).
      stopAt('2026-11-30T03:20:00Z');
      await post('/api/v1/windows/B2/pause', b2, { reason: '临时离岗' });
      stopAt('2026-11-30T03:30:00Z');
      await post('/api/v1/windows/B2/resume', b2);
      stopAt('2026-11-30T03:40:00Z');
      await post('/api/v1/windows/B2/pause', b2, { reason: '午休' });
      stopAt('2026-11-30T03:45:00Z');
      await post('/api/v1/windows/B2/resume', b2);
      hall.test.clock.run();
    });

    const day = 'from=2026-11-30&to=2026-11-30';
    /** Seconds after 11:00 that each window's first sign-in (the suite's set-up) was recorded: it opened then. */
    const signedInAfterEleven = async () => {
      const r = await hall.ctx.db.drizzle.execute(sql`
        select entity_id as w, min(at) as at from change_log where event = 'window.signed-in' and entity_id in ('B1', 'B2')
          and at <= '2026-11-30T03:01:00Z'::timestamptz group by 1`);
      const at = Object.fromEntries(rowsOf<{ w: string; at: unknown }>(r).map((x) => [x.w, (new Date(x.at as string).getTime() - Date.parse('2026-11-30T03:00:00Z')) / 1000]));
      return { B1: at.B1 ?? 0, B2: at.B2 ?? 0 };
    };

    it('counts the day as a supervisor would by hand: waits 60, 360, 480 and 60 s, services 300 and 100 s', async () => {
      const r = await report('queue', `${day}&groupBy=day`);
      expect(r).toMatchObject({ from: '2026-11-30', to: '2026-11-30', groupBy: 'day' });
      expect(r.rows.map((x: any) => [x.key, x.label])).toEqual([['2026-11-30', '2026-11-30']]);
      expect(r.totals).toEqual({
        issued: 5,
        called: 4,
        served: 2,
        noShow: 1,
        cancelled: 1,
        transferred: 1,
        waitAvgSeconds: 240,
        waitMedianSeconds: 210,
        waitP90Seconds: 480,
        waitMaxSeconds: 480,
        serviceAvgSeconds: 200,
        serviceMedianSeconds: 200,
        serviceP90Seconds: 300,
        serviceMaxSeconds: 300,
        noShowRate: 0.25,
        openSeconds: r.totals.openSeconds,
        idleSeconds: r.totals.idleSeconds,
        servingSeconds: 460,
        pausedSeconds: 900,
        pausedLunchSeconds: 300,
        pausedMeetingSeconds: 0,
        pausedConsultSeconds: 0,
        pausedFaultSeconds: 0,
        pausedOtherSeconds: 600,
      });
      // B1 open from its sign-in (the suite's, just after 11:00) to 11:11: serving 300 + 100 s, idle the rest;
      // B2 from its sign-in to 11:45: serving 60, paused 600 + 300, idle the rest. The sign-ins fall on a fraction of a
      // second and each window's idle time is rounded to the second: half a second each, and the stopped clock's milliseconds.
      const late = await signedInAfterEleven();
      expect(Math.abs(r.totals.openSeconds - (660 - late.B1 + 2700 - late.B2))).toBeLessThanOrEqual(1.1);
      expect(Math.abs(r.totals.idleSeconds - (260 - late.B1 + 1740 - late.B2))).toBeLessThanOrEqual(1.1);
      expect(r.rows[0]).toMatchObject(r.totals);
    });

    it('gives each window and clerk its own figures', async () => {
      const f = ['issued', 'called', 'served', 'noShow', 'cancelled', 'transferred', 'waitAvgSeconds', 'serviceAvgSeconds'];
      expect(byKey(await report('queue', `${day}&groupBy=window`), f)).toEqual({
        '': { issued: 5, called: 0, served: 0, noShow: 0, cancelled: 1, transferred: 0, waitAvgSeconds: null, serviceAvgSeconds: null },
        B1: { issued: 0, called: 3, served: 2, noShow: 0, cancelled: 0, transferred: 1, waitAvgSeconds: 200, serviceAvgSeconds: 200 },
        B2: { issued: 0, called: 1, served: 0, noShow: 1, cancelled: 0, transferred: 0, waitAvgSeconds: 360, serviceAvgSeconds: null },
      });
      const time = byKey(await report('queue', `${day}&groupBy=window`), ['openSeconds', 'servingSeconds', 'pausedSeconds', 'idleSeconds']);
      expect(time['']).toEqual({ openSeconds: 0, servingSeconds: 0, pausedSeconds: 0, idleSeconds: 0 });
      expect(time.B1).toMatchObject({ servingSeconds: 400, pausedSeconds: 0 });
      expect(time.B2).toMatchObject({ servingSeconds: 60, pausedSeconds: 900 });
      const reasons = byKey(await report('queue', `${day}&groupBy=window`), ['pausedLunchSeconds', 'pausedOtherSeconds', 'pausedFaultSeconds']);
      expect([reasons.B1, reasons.B2]).toEqual([
        { pausedLunchSeconds: 0, pausedOtherSeconds: 0, pausedFaultSeconds: 0 },
        { pausedLunchSeconds: 300, pausedOtherSeconds: 600, pausedFaultSeconds: 0 },
      ]);
      const byClerk = byKey(await report('queue', `${day}&groupBy=staff`), ['pausedSeconds', 'pausedLunchSeconds', 'pausedOtherSeconds']);
      expect(byClerk['clerk-B2']).toEqual({ pausedSeconds: 900, pausedLunchSeconds: 300, pausedOtherSeconds: 600 });
      const late = await signedInAfterEleven();
      const hand = [660 - late.B1, 260 - late.B1, 2700 - late.B2, 1740 - late.B2];
      expect([time.B1.openSeconds, time.B1.idleSeconds, time.B2.openSeconds, time.B2.idleSeconds].map((v, i) => Math.abs(v - hand[i]!) <= 1)).toEqual([true, true, true, true]);
      expect(time.B1.openSeconds).toBe(time.B1.servingSeconds + time.B1.idleSeconds);
      const staff = await report('queue', `${day}&groupBy=staff`);
      // The suite's administrator signed in at B1 last: B1's minutes before the first call are its (idle) time.
      expect(staff.rows.map((x: any) => [x.key, x.label, x.called, x.issued])).toEqual([
        ['admin', '管理员', 0, 0],
        ['clerk-B1', '王晓燕', 3, 5],
        ['clerk-B2', '李志强', 1, 0],
        ['supervisor', '值班长', 0, 0],
      ]);
      expect(byKey(await report('queue', `${day}&groupBy=matter`), ['issued', 'served'])).toEqual({ '': { issued: 4, served: 1 }, FOODPERMIT: { issued: 1, served: 1 } });
      const hours = await report('queue', `${day}&groupBy=hour`);
      expect(hours.rows.map((x: any) => [x.key, x.label, x.issued])).toEqual([['11', '11:00–12:00', 5]]);
      // Monday 2026-11-30, 11:00 in Shanghai: one cell of the week's heat map.
      const week = await report('queue', 'from=2026-11-24&to=2026-11-30&groupBy=weekhour');
      expect(week.rows.map((x: any) => [x.key, x.label, x.issued, x.waitAvgSeconds])).toEqual([['1-11', '周一 11:00', 5, 240]]);
      expect((await report('queue', `${day}&groupBy=department`)).rows.map((x: any) => [x.key, x.label])).toEqual([
        ['', '（未指定）'],
        ['SCJG', '区市场监督管理局'],
      ]);
      // The transfer is counted in the zone the ticket went to.
      expect(byKey(await report('queue', `${day}&groupBy=zone`), ['issued', 'transferred'])).toEqual({ A: { issued: 0, transferred: 1 }, B: { issued: 5, transferred: 0 } });
    });

    it('narrows to the filters asked for', async () => {
      const r = await report('queue', `${day}&groupBy=day&windowCode=B1`);
      expect(r.totals).toMatchObject({ called: 3, served: 2, waitMaxSeconds: 480 });
      expect((await report('queue', `${day}&groupBy=day&staff=clerk-B2`)).totals).toMatchObject({ called: 1, noShow: 1 });
      expect((await report('queue', `${day}&groupBy=day&matter=FOODPERMIT`)).totals).toMatchObject({ issued: 1, served: 1, serviceAvgSeconds: 300 });
    });

    it('shows a supervisor of zone A no zone B row, and a clerk only its own figures', async () => {
      const zones = await report('queue', `${day}&groupBy=zone`, supA);
      expect(zones.rows.map((x: any) => x.key)).toEqual(['A']);
      expect(zones.totals).toMatchObject({ issued: 0, transferred: 1 });
      const mine = await report('queue', `${day}&groupBy=staff`, hall.tokens.clerkB2);
      expect(mine.rows.map((x: any) => x.key)).toEqual(['clerk-B2']);
    });
  });

  describe('cases taken in on one day, and what became of them', () => {
    const send = async (name: MutationName, args: unknown, when: string, opts: { stationId?: string; token?: string; staffId?: string } = {}) => {
      reach(hall, when);
      const r = await pushOne(hall, envelope(name, args, { at: when, ...(opts.staffId ? { staffId: opts.staffId } : {}) }), opts);
      expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
    };
    const taken = async (name: MutationName, c: CaseIntake, extra: Record<string, unknown> = {}) => {
      await send(name, { case: c, ...extra }, '2026-11-30T02:05:00.000Z', c.windowCode === 'B2' ? { stationId: STATION_B2, staffId: hall.staffIds.clerkB2 } : {});
      return c.id;
    };

    beforeAll(async () => {
      const c1 = await taken('case.accept', intake());
      const c2 = await taken('case.accept-deferred', intake({ materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-12-04')] }));
      const c3 = await taken('case.notify-correction', intake({ materials: [received('IDCARD')] }), { correctionDueDate: '2026-12-04' });
      await taken('case.reject', intake(), { reason: '不属于本机关职权范围', competentBody: '市市场监督管理局' });
      await taken('case.accept', intake());
      await taken('case.accept', intake({ windowCode: 'B2' }));
      await send('case.dispatch', { caseId: c1, departmentCodes: ['SCJG'] }, '2026-11-30T03:00:00.000Z');
      await send('case.evaluate', { caseId: c3, level: 2, reason: null }, '2026-11-30T04:00:00.000Z');
      await send('case.decide', { caseId: c1, departmentCode: 'SCJG', decision: 'approved', opinion: '符合条件，同意' }, '2026-12-02T02:00:00.000Z');
      await send('case.deliver', { caseId: c1, how: 'window', licenceName: null, licenceNo: null }, '2026-12-02T03:00:00.000Z');
      await send('case.evaluate', { caseId: c1, level: 1, reason: null }, '2026-12-02T03:10:00.000Z');
      await send('case.supplement-material', { caseId: c2, materialCode: 'LEASE', receipt: 'original' }, '2026-12-02T04:00:00.000Z');
      await send('case.dispatch', { caseId: c2, departmentCodes: ['SCJG'] }, '2026-12-02T05:00:00.000Z');
      // Two days past its promise (2026-12-07).
      await send('case.decide', { caseId: c2, departmentCode: 'SCJG', decision: 'approved', opinion: '符合条件，同意' }, '2026-12-09T02:00:00.000Z');
      await send('case.evaluate', { caseId: c2, level: 5, reason: '等候时间太长' }, '2026-12-09T03:00:00.000Z');
    });

    it('counts accepted, 容缺, corrections, rejections, on-time and overdue as of today', async () => {
      const r = await report('cases', 'from=2026-11-30&to=2026-11-30&groupBy=channel');
      expect(r.today).toBe('2026-12-09');
      expect(r.totals).toEqual({
        received: 6,
        accepted: 4,
        acceptedDeferred: 1,
        deferredOnTime: 1,
        corrections: 1,
        rejections: 1,
        decided: 2,
        decidedOnTime: 1,
        delivered: 1,
        // The late decision, and the two accepted cases still open past 2026-12-07.
        overdue: 3,
        window: 6,
        online: 0,
        town: 0,
        onTimeRate: 0.5,
        deferredOnTimeRate: 1,
        onlineShare: 0,
      });
      // Windows take in only source "window" (the online inbox will add its own rows).
      expect(r.rows.map((x: any) => [x.key, x.label, x.received, x.accepted])).toEqual([['window', '窗口', 6, 4]]);
      const byWindow = await report('cases', 'from=2026-11-30&to=2026-11-30&groupBy=window');
      expect(byWindow.rows.map((x: any) => [x.key, x.received, x.decided, x.overdue])).toEqual([
        ['B1', 5, 2, 2],
        ['B2', 1, 0, 1],
      ]);
    });

    it('shows a clerk only the cases it took in, and an approver its departments', async () => {
      const mine = await report('cases', 'from=2026-11-30&to=2026-11-30&groupBy=staff', hall.tokens.clerkB2);
      expect(mine.rows.map((x: any) => [x.key, x.received])).toEqual([['clerk-B2', 1]]);
      const approver = await report('cases', 'from=2026-11-30&to=2026-11-30&groupBy=department', hall.tokens.approver);
      expect(approver.rows.map((x: any) => [x.key, x.label, x.received])).toEqual([['SCJG', '区市场监督管理局', 6]]);
      expect((await report('cases', 'from=2026-11-30&to=2026-11-30&groupBy=zone', supA)).rows).toEqual([]);
    });

    it('counts ratings on the day they were given, good at 3 stars or more', async () => {
      const r = await report('evaluations', 'from=2026-11-01&to=2026-12-31&groupBy=day');
      expect(r.rows.map((x: any) => [x.key, x.rated, x.good, x.bad])).toEqual([
        ['2026-11-30', 1, 1, 0],
        ['2026-12-02', 1, 1, 0],
        ['2026-12-09', 1, 0, 1],
      ]);
      expect(r.totals).toEqual({ rated: 3, good: 2, bad: 1, badOpen: 0, badOverdue: 0, badClosed: 0, goodRate: 0.6667 });
      const month = await report('evaluations', 'from=2026-11-01&to=2026-12-31&groupBy=month');
      expect(month.rows.map((x: any) => [x.label, x.rated])).toEqual([
        ['2026年11月', 1],
        ['2026年12月', 2],
      ]);
    });
  });

  describe('exports', () => {
    const download = async (path: string, token = hall.tokens.admin) => {
      const r = await fetch(`${hall.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: r.status, type: r.headers.get('content-type') ?? '', disposition: r.headers.get('content-disposition') ?? '', bytes: Buffer.from(await r.arrayBuffer()) };
    };
    const day = 'from=2026-11-30&to=2026-11-30&groupBy=window';

    it('hands out the queue report as a workbook Excel reads back with the same numbers', async () => {
      const json = await report('queue', day);
      const file = await download(`/api/v1/reports/queue?${day}&format=xlsx`);
      expect(file.status).toBe(200);
      expect(file.type).toContain('spreadsheetml');
      expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('排队叫号报表_2026-11-30_2026-11-30.xlsx')}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
      expect(wb.worksheets).toHaveLength(1);
      const ws = wb.worksheets[0]!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 4)).toEqual(['窗口', '取号', '叫号', '办结']);
      expect(header).toContain('平均等候(秒)');
      const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => (ws.getRow(i + 2).values as unknown[]).slice(1));
      expect(rows.map((r) => r[0])).toEqual([...json.rows.map((x: any) => x.label), '合计']);
      const col = (name: string) => header.indexOf(name);
      const totals = rows.at(-1)!;
      expect([totals[col('取号')], totals[col('叫号')], totals[col('平均等候(秒)')], totals[col('最长等候(秒)')], totals[col('过号率')]]).toEqual([
        json.totals.issued,
        json.totals.called,
        json.totals.waitAvgSeconds,
        json.totals.waitMaxSeconds,
        json.totals.noShowRate,
      ]);
      expect(ws.getColumn(col('过号率') + 1).numFmt).toBe('0.00%');
      // Paused time by reason, in seconds: B2's 600 s typed by hand and 300 s of 午休.
      expect([totals[col('暂停时长(秒)')], totals[col('午休暂停(秒)')], totals[col('其他暂停(秒)')], totals[col('会议暂停(秒)')]]).toEqual([900, 300, 600, 0]);
      expect(ws.getColumn(col('午休暂停(秒)') + 1).numFmt).toBe('#,##0"秒"');
    });

    it('hands out the queue CSV with paused time by reason', async () => {
      const json = await report('queue', day);
      const file = await download(`/api/v1/reports/queue?${day}&format=csv`);
      const [header, ...lines] = file.bytes.toString('utf8').slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
      const col = (name: string) => header!.indexOf(name);
      const b2 = lines.find((l) => l[0] === json.rows.find((x: any) => x.key === 'B2').label)!;
      expect([b2[col('暂停时长(秒)')], b2[col('午休暂停(秒)')], b2[col('业务咨询暂停(秒)')], b2[col('设备故障暂停(秒)')], b2[col('其他暂停(秒)')]]).toEqual(['900', '300', '0', '0', '600']);
      expect(lines.at(-1)![0]).toBe('合计');
      expect(lines.at(-1)![col('其他暂停(秒)')]).toBe('600');
    });

    it('hands out a CSV with a UTF-8 BOM, a 合计 line and rates as percentages', async () => {
      const json = await report('evaluations', 'from=2026-11-01&to=2026-12-31&groupBy=day');
      const file = await download('/api/v1/reports/evaluations?from=2026-11-01&to=2026-12-31&groupBy=day&format=csv');
      expect(file.status).toBe(200);
      expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = file.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe('日,评价数,好评,差评,差评跟进中,差评跟进超期,差评已办结,好评率');
      expect(lines.slice(1)).toEqual([
        ...json.rows.map((x: any) => `${x.key},${x.rated},${x.good},${x.bad},0,0,0,${(x.goodRate * 100).toFixed(2)}%`),
        '合计,3,2,1,0,0,0,66.67%',
      ]);
    });

    it('gives the 日报 and 月报: queue, cases and ratings by window, one sheet each', async () => {
      const daily = await call(hall, 'GET', '/api/v1/reports/summary?period=day&date=2026-11-30', hall.tokens.admin);
      expect(daily.status).toBe(200);
      const d = daily.body as any;
      expect(d).toMatchObject({ period: 'day', title: '2026年11月30日日报', hallName: '测试政务服务大厅', from: '2026-11-30', to: '2026-11-30' });
      expect(d.queue.totals.issued).toBe(5);
      expect(d.cases.totals.received).toBe(6);
      expect(d.cases.rows.map((x: any) => x.key)).toEqual(['B1', 'B2']);
      const monthly = (await call(hall, 'GET', '/api/v1/reports/summary?period=month&date=2026-12', hall.tokens.admin)).body as any;
      expect(monthly).toMatchObject({ title: '2026年12月月报', from: '2026-12-01', to: '2026-12-31' });
      expect(monthly.evaluations.totals).toMatchObject({ rated: 2, good: 1, bad: 1 });
      const file = await download('/api/v1/reports/summary?period=month&date=2026-12&format=xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['排队叫号（2026-12-01至2026-12-31）', '办件（2026-12-01至2026-12-31）', '好差评（2026-12-01至2026-12-31）']);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['from=2026-12-07&to=2026-12-01', 'REPORT_RANGE_INVERTED'],
      ['from=2023-01-01&to=2026-12-31', 'REPORT_RANGE_TOO_LONG'],
      ['from=2026-12-01&to=2026-13-01', 'REPORT_RANGE_INVALID'],
      ['from=2026-12-01&to=2026-12-31&groupBy=colour', 'REPORT_GROUPING_UNSUPPORTED'],
      ['from=2026-12-01&to=2026-12-31&groupBy=channel', 'REPORT_GROUPING_UNSUPPORTED'],
      ['to=2026-12-31', 'VALIDATION_FAILED'],
    ])('answers %s with 400 %s', async (query, code) => {
      const r = await call(hall, 'GET', `/api/v1/reports/queue?${query}`, hall.tokens.admin);
      expect([r.status, (r.body as any).error.code]).toEqual([400, code]);
    });
  });

  describe('the aggregates and the raw rows', () => {
    const everyReport = async () => {
      const out: Record<string, unknown> = {};
      for (const kind of ['queue', 'cases', 'evaluations'] as const) {
        for (const g of reportDefinitions[kind].groupings) out[`${kind}/${g}`] = await report(kind, `from=2026-11-01&to=2026-12-31&groupBy=${g}`);
      }
      return out;
    };

    it('equal a recount from the raw rows after random queue work, refreshed at random moments', async () => {
      const { clerkB1: b1, clerkB2: b2, supervisor } = hall.tokens;
      const tokenOf: Record<string, string> = { B1: b1, B2: b2 };
      const op = fc.oneof(
        fc.record({ kind: fc.constant('issue' as const), zone: fc.constantFrom('A', 'B'), withMatter: fc.boolean() }),
        fc.record({ kind: fc.constant('serve' as const), window: fc.constantFrom('B1', 'B2'), seconds: fc.integer({ min: 1, max: 900 }) }),
        fc.record({ kind: fc.constant('no-show' as const), window: fc.constantFrom('B1', 'B2') }),
        fc.record({ kind: fc.constant('cancel' as const) }),
        fc.record({ kind: fc.constant('read' as const) }),
      );
      let clock = Date.parse('2026-12-10T01:00:00Z');
      const runs: Array<Array<{ kind: string; [k: string]: unknown }>> = fc.sample(fc.array(op, { minLength: 8, maxLength: 16 }), { numRuns: 3, seed: 19 });
      for (const ops of runs) {
        for (const o of ops) {
          clock += 37_000;
          at(new Date(clock).toISOString());
          if (o.kind === 'issue') await hall.test.issue(o.zone === 'A' ? hall.tokens.admin : b1, o.zone as string, o.withMatter && o.zone === 'B' ? { matterCode: 'HYGIENE' } : {});
          else if (o.kind === 'read') await report('queue', 'from=2026-12-10&to=2026-12-10&groupBy=window');
          else if (o.kind === 'cancel') {
            const waiting = (await call(hall, 'GET', '/api/v1/tickets?zoneCode=B&status=waiting', supervisor)).body as any;
            const t = (waiting.tickets ?? waiting)[0];
            if (t) await post(`/api/v1/tickets/${t.id}/cancel`, supervisor);
          } else {
            const w = o.window as string;
            const c = await call(hall, 'POST', `/api/v1/windows/${w}/call-next`, tokenOf[w]!, {});
            if (c.status !== 200) continue;
            const id = (c.body as any).id;
            if (o.kind === 'no-show') await post(`/api/v1/tickets/${id}/no-show`, tokenOf[w]!);
            else {
              await post(`/api/v1/tickets/${id}/start`, tokenOf[w]!);
              clock += (o.seconds as number) * 1000;
              at(new Date(clock).toISOString());
              await post(`/api/v1/tickets/${id}/finish`, tokenOf[w]!);
            }
          }
        }
      }
      const incremental = await everyReport();
      await rebuildReportAggregates(hall.ctx.db.drizzle);
      const recounted = await everyReport();
      expect(incremental).toEqual(recounted);
      expect((incremental['queue/day'] as any).totals.issued).toBeGreaterThan(5);
    });
  });

  describe("the pad's ratings of a scripted day", () => {
    const day = 'from=2027-01-04&to=2027-01-04';
    const ids: Record<string, string> = {};
    /** A citizen served at the window, then rated on the pad. */
    const servedAndRated = async (window: 'B1' | 'B2', level: number, reason?: string) => {
      const token = window === 'B1' ? hall.tokens.clerkB1 : hall.tokens.clerkB2;
      await hall.test.issue(token, 'B');
      const t = await post(`/api/v1/windows/${window}/call-next`, token);
      await post(`/api/v1/tickets/${t.id}/start`, token);
      await post(`/api/v1/tickets/${t.id}/finish`, token);
      return (await post(`/api/v1/tickets/${t.id}/evaluation`, token, { level, source: 'pad', ...(reason ? { reason } : {}) })).id as string;
    };
    const patch = async (id: string, body: unknown) => {
      const r = await call(hall, 'PATCH', `/api/v1/evaluation-follow-ups/${id}`, hall.tokens.supervisor, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const ratingFigures = ['rated', 'good', 'bad', 'badOpen', 'badOverdue', 'badClosed'];

    beforeAll(async () => {
      // Monday 2027-01-04 in Shanghai, from 09:00.
      at('2027-01-04T01:00:00Z');
      await servedAndRated('B1', 1);
      ids.visited = await servedAndRated('B1', 4, '办事效率低');
      ids.upheld = await servedAndRated('B2', 5, '态度不好');
      ids.closed = await servedAndRated('B2', 4, '一次性告知不清');
      await servedAndRated('B2', 2);
      ids.untouched = await servedAndRated('B1', 5, '其他');
      at('2027-01-04T06:00:00Z');
      await patch(ids.visited, { returnVisit: { on: '2027-01-04', note: '电话回访' }, finding: '核验耗时长' });
      await patch(ids.closed, { returnVisit: { on: '2027-01-04', note: '电话回访' }, finding: '告知不全' });
      await patch(ids.closed, { rectification: { on: '2027-01-04', note: '印发一次性告知单' } });
      await patch(ids.closed, { citizenAccepts: true });
      await post(`/api/v1/evaluations/${ids.upheld}/appeal`, hall.tokens.clerkB2, { reason: '群众因不符合条件而恶意差评' });
      await post(`/api/v1/evaluations/${ids.upheld}/appeal/decision`, hall.tokens.supervisor, { upheld: true, reason: '经查看录像，属恶意差评' });
    });

    it('counts one rating per service, leaves out the upheld appeal, and follows the bad ones up', async () => {
      const r = await report('evaluations', `${day}&groupBy=window`);
      // Six services rated; the malicious 5 at B2 is not counted: B1 1, 4, 5 and B2 4, 2.
      expect(r.totals).toEqual({ rated: 5, good: 2, bad: 3, badOpen: 2, badOverdue: 0, badClosed: 1, goodRate: 0.4 });
      expect(byKey(r, ratingFigures)).toEqual({
        B1: { rated: 3, good: 1, bad: 2, badOpen: 2, badOverdue: 0, badClosed: 0 },
        B2: { rated: 2, good: 1, bad: 1, badOpen: 0, badOverdue: 0, badClosed: 1 },
      });
      const staff = await report('evaluations', `${day}&groupBy=staff`);
      expect(staff.rows.map((x: any) => [x.key, x.rated, x.bad])).toEqual([
        ['clerk-B1', 3, 2],
        ['clerk-B2', 2, 1],
      ]);
    });

    it("turns an open follow-up overdue the day after its next deadline, as of the hall's today", async () => {
      const list = (await call(hall, 'GET', '/api/v1/evaluation-follow-ups', hall.tokens.supervisor)).body as any;
      const untouched = list.followUps.find((f: any) => f.evaluationId === ids.untouched);
      const visited = list.followUps.find((f: any) => f.evaluationId === ids.visited);
      // The day after the return visit was due: the untouched one is late, the visited one has until its rectification.
      at(`${untouched.returnVisitDue}T20:00:00Z`);
      expect(visited.rectificationDue > untouched.returnVisitDue).toBe(true);
      const r = await report('evaluations', `${day}&groupBy=day`);
      expect(r.totals).toMatchObject({ rated: 5, bad: 3, badOpen: 1, badOverdue: 1, badClosed: 1 });
    });

    it('keeps aggregates equal to a recount from the raw rows', async () => {
      const every = async () => {
        const out: Record<string, unknown> = {};
        for (const g of reportDefinitions.evaluations.groupings) out[g] = await report('evaluations', `from=2027-01-01&to=2027-01-31&groupBy=${g}`);
        return out;
      };
      const incremental = await every();
      await rebuildReportAggregates(hall.ctx.db.drizzle);
      expect(await every()).toEqual(incremental);
      expect((incremental.day as any).totals.rated).toBe(5);
    });
  });
});

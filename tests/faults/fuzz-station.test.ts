/**
 * Bad arguments at every StationApi method, through the one dispatcher both transports use (Electron
 * IPC and the web host). tests/unit/station/dispatch.test.ts proves the contract check on a few
 * methods and that dispatch never throws; here every method of the contract gets the same bad
 * values as the hall's routes: the answer is always a StationAnswer, a refusal carries a code and is
 * never an internal failure, and a refusal writes nothing to the station's SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationMethods } from '../../src/contract/station-api';
import type { Station } from '../../src/station/api';
import type { Json } from './support/http';
import { leaves, mutations, MUST_REFUSE, setAt, type Category } from './support/mutate';
import { person } from './support/people';
import { FULL } from './support/rounds';
import { acceptArgs, offlineStation, promisedMatter, value } from './support/station';

interface Case {
  method: string;
  path: string;
  category: Category;
  args: unknown;
}

function fingerprint(station: Station): Record<string, number> {
  const db = station.context.store.db.$client;
  const tables = (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`).all() as Array<{ name: string }>).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
}

describe('every StationApi method under bad arguments', () => {
  let station: Station;
  const bases = new Map<string, unknown>();

  beforeAll(async () => {
    station = await offlineStation();
    await value(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    const matter = await promisedMatter(station);
    const intake = await acceptArgs(station, matter, 5);
    const made = await value<Json>(station.dispatch('intake.submit', intake));
    const caseId = made.case.id as string;
    const caseNo = made.case.caseNo as string;
    const jobId = made.printJob.id as string;
    const p = person(6);
    const ticketId = '01M8GC1NYXRXY5H269S4YKNHHS';
    const entries: Array<[string, unknown]> = [
      ['session.get', {}],
      ['session.windows', {}],
      ['session.login', { username: 'clerk-A3', password: 'not-the-password', windowCode: 'A3' }],
      ['session.logout', {}],
      ['queue.view', {}],
      ['queue.callNext', {}],
      ['queue.recall', { ticketId }],
      ['queue.noShow', { ticketId }],
      ['queue.reactivate', { ticketId, position: 'front' }],
      ['queue.start', { ticketId }],
      ['queue.finish', { ticketId }],
      ['queue.transfer', { ticketId, zoneCode: 'B', position: 'front' }],
      ['queue.pause', { reason: '午休', windowCode: 'A3' }],
      ['queue.resume', { windowCode: 'A3' }],
      ['queue.reassign', { ticketIds: [ticketId], windowCode: 'A2' }],
      ['queue.hall', {}],
      ['queue.issue', { zoneCode: 'A', priority: 'normal', idNumber: p.idNumber }],
      ['queue.recentIssued', {}],
      ['catalog.get', {}],
      ['catalog.search', { query: 'yyzz', zoneCode: 'A', limit: 5 }],
      ['intake.readCard', {}],
      ['intake.checklist', { matterCodes: [matter] }],
      ['intake.evaluate', { matterCodes: intake.matterCodes, received: intake.received, creditOk: true }],
      ['intake.submit', { ...intake, applicant: { name: p.name, idNumber: p.idNumber, phone: p.phone }, outcome: 'accept' }],
      ['cases.list', { date: '2026-11-28', query: '韩', limit: 10 }],
      ['cases.get', { caseNo }],
      ['cases.supplement', { caseId, materialCode: 'M001', receipt: 'original' }],
      ['cases.deliver', { caseId, how: 'window', licenceName: '营业执照', licenceNo: 'L-1' }],
      ['cases.evaluate', { caseId, level: 4, reason: '等候时间长' }],
      ['cases.printNotice', { caseId }],
      ['cases.previewNotice', { caseId, paperWidth: 58 }],
      ['cases.printReceipt', { caseNo }],
      ['print.jobs', { date: '2026-11-28' }],
      ['print.retry', { jobId }],
      ['print.reprint', { jobId }],
      ['devices.status', {}],
      ['devices.configure', { printer: 'simulated', paperWidth: 80, reader: 'none' }],
      ['devices.testPrint', {}],
      ['devices.testRead', {}],
      ['sync.state', {}],
      ['sync.now', {}],
      ['sync.rejected', {}],
      ['sync.retryRejected', { mutationId: ticketId }],
      ['sync.runs', { limit: 5 }],
      ['calendar.years', {}],
      ['calendar.year', { year: 2027 }],
      ['calendar.revisions', { year: 2026 }],
      ['calendar.preview', { year: 2027, text: '二、春节：2月5日（农历除夕、周五）至13日放假调休，共9天。2月20日（周六）上班。' }],
      ['calendar.save', { calendar: { year: 2027, source: '测试', holidays: [{ from: '2027-01-01', to: '2027-01-01', name: '元旦' }], workdays: [] }, force: false }],
      ['calendar.movedDeadlines', {}],
      ['review.list', {}],
      ['review.dispatch', { caseId, departmentCodes: ['001'] }],
      ['review.decide', { caseId, departmentCode: '001', decision: 'approved', opinion: '材料齐全，同意' }],
      ['review.pauseClock', { caseId, kind: 'extension', reason: '现场核查', from: '2026-11-30' }],
      ['review.resumeClock', { caseId, on: '2026-12-01' }],
      ['review.markReady', { caseId }],
      ['stations.list', {}],
      ['stations.approve', { stationId: 'A1-pc', pairingCode: '123456' }],
      ['stations.revoke', { stationId: 'A1-pc' }],
      ['inbox.list', { state: 'filed' }],
      ['inbox.get', { id: ticketId }],
      ['inbox.material', { id: ticketId, n: 1 }],
      ['inbox.return', { id: ticketId, items: [{ materialCode: 'M001', problem: 'missing', reason: '未提交' }], note: '请补正' }],
      ['inbox.accept', { id: ticketId, outcome: 'accept' }],
      ['inbox.refuse', { id: ticketId, reason: '不属于本机关职权范围' }],
      [
        'town.file',
        {
          requestId: ticketId,
          applicant: { name: p.name, idNumber: p.idNumber, phone: p.phone },
          matterCodes: [matter],
          commitments: [],
          files: [{ materialCode: 'M001', fileName: '身份证.jpg', contentType: 'image/jpeg', contentBase64: '/9j/4AAQSkZJRg==' }],
        },
      ],
      ['appointments.today', { idNumber: p.idNumber }],
      ['appointments.checkIn', { appointmentId: ticketId, idNumber: p.idNumber }],
      ['appointments.layOutWeek', { zoneCode: 'A', from: '2027-03-08', days: 7, weekdays: [1, 2, 3], slots: [{ start: '09:00', end: '09:30', capacity: 5 }] }],
      ['pad.state', {}],
      ['pad.rate', { ticketId, level: 4, reason: '态度不好' }],
      ['evaluations.today', {}],
      ['evaluations.followUps', {}],
      ['evaluations.updateFollowUp', { evaluationId: ticketId, update: { returnVisit: { on: '2026-12-01', note: '电话回访' }, finding: '属实' } }],
      ['evaluations.decideAppeal', { evaluationId: ticketId, upheld: false, reason: '不属恶意' }],
      ['evaluations.appeal', { evaluationId: ticketId, reason: '恶意差评' }],
      ['reports.read', { kind: 'queue', from: '2026-11-01', to: '2026-11-30', groupBy: 'window' }],
      ['reports.summary', { period: 'day', date: '2026-11-28' }],
      ['reports.channels', {}],
      ['reports.export', { kind: 'cases', from: '2026-11-01', to: '2026-11-30', groupBy: 'day', format: 'csv' }],
    ];
    for (const [k, v] of entries) bases.set(k, v);
  }, 60_000);

  afterAll(async () => {
    await station?.stop();
  });

  it('has bad arguments planned for every method of the contract', () => {
    expect(stationMethods.filter((m) => !bases.has(m))).toEqual([]);
  });

  it(
    'answers bad arguments with a coded refusal, never an internal error, and writes nothing when it refuses',
    async () => {
      const all: Case[] = [];
      for (const [method, base] of bases) {
        // Not an object at all, whatever the transport hands over (null means "no arguments").
        for (const args of ['text', 42, [], true]) all.push({ method, path: '(args)', category: 'type', args });
        for (const { path, value: v } of leaves(base)) {
          if (path.length === 0) continue;
          for (const m of mutations(v, path[path.length - 1]!, 'body')) all.push({ method, path: path.join('.'), category: m.category, args: setAt(base, path, m.value) });
        }
      }
      const groups = new Map<string, Case[]>();
      for (const c of all) groups.set(`${c.method}|${c.category}`, [...(groups.get(`${c.method}|${c.category}`) ?? []), c]);
      const chosen = FULL ? all : [...groups.values()].flatMap((g) => g.filter((_, i) => i % Math.max(1, Math.ceil(g.length / 2)) === 0));

      const failures: string[] = [];
      for (const c of chosen) {
        // A logout in the middle would turn everything after it into NOT_SIGNED_IN: sign back in.
        if (!(await station.dispatch('session.get', {})).ok || (await value(station.dispatch('session.get', {}))) === null) {
          await value(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
        }
        const before = fingerprint(station);
        let answer: Json;
        try {
          answer = await station.dispatch(c.method, c.args);
        } catch (e) {
          failures.push(`${c.method} ${c.path} [${c.category}]: threw ${String(e)}`);
          continue;
        }
        const label = `${c.method} ${c.path} [${c.category}]`;
        if (typeof answer?.ok !== 'boolean') {
          failures.push(`${label}: not a StationAnswer: ${JSON.stringify(answer).slice(0, 160)}`);
          continue;
        }
        if (!answer.ok) {
          const code = String(answer.error?.code ?? '');
          if (!/^[A-Z][A-Z0-9_]+$/.test(code)) failures.push(`${label}: refusal without a code`);
          if (code === 'STATION_ERROR' || code === 'STATION_RESULT_INVALID') failures.push(`${label}: internal failure ${code}: ${answer.error.message}`);
          const after = fingerprint(station);
          // A refused sign-in is audited, and a print attempt is counted: those rows are the record of the attempt.
          const allowed = c.method === 'session.login' ? ['audit'] : [];
          const written = Object.keys(after).filter((t) => after[t] !== before[t] && !allowed.includes(t));
          if (written.length > 0) failures.push(`${label}: refused with ${code} but wrote to ${written.join(', ')}`);
          continue;
        }
        if (MUST_REFUSE.has(c.category)) failures.push(`${label}: accepted: ${JSON.stringify(answer.value).slice(0, 160)}`);
      }
      expect(failures, `${failures.length} of ${chosen.length} bad calls were mishandled`).toEqual([]);
    },
    FULL ? 900_000 : 180_000,
  );
});

/**
 * The station process killed with SIGKILL at random moments of intake (the SQLite transaction, the
 * receipt going to a real TCP printer) and of sync (push, pull), round after round on the same
 * data folder, then restarted. tests/integration/station/crash.test.ts proves the one worst moment
 * of a push (the hall applied it, the station never heard); this file throws the kill anywhere.
 * After the last restart: every case the station answered for — and every case it holds — is on
 * the hall server exactly once, case numbers never repeat, and every receipt was printed once or is
 * still waiting for the clerk (queued, or failed with its reason), never printed twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationKey } from '../../src/station/db/key';
import { openSqliteClient } from '../../src/station/db/open';
import { TestPrinter } from '../../src/station/devices/printer/test-printer';
import { decodeReceipt } from '../../src/station/devices/printer/decode';
import { hallCatalog, spawnHall, writeHallResources, type HallProcess } from './support/hall';
import { signIn, type Json } from './support/http';
import { person } from './support/people';
import { rounds } from './support/rounds';
import { spawnStationProcess } from '../integration/station/station-process';

const ROUNDS = Number(process.env.FAULT_ROUNDS) || rounds(5, 50);
const LOGIN = { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' };


describe('a station killed at random moments of intake and sync', () => {
  let hall: HallProcess;
  let printer: TestPrinter;
  let dir: string;
  let removeResources: () => void;
  beforeAll(async () => {
    const resources = writeHallResources(hallCatalog());
    removeResources = resources.remove;
    hall = await spawnHall({ config: { resourcesDir: resources.dir } });
    printer = await TestPrinter.start();
    dir = mkdtempSync(join(tmpdir(), 'faults-station-kill-'));
  }, 120_000);
  afterAll(async () => {
    await printer?.stop();
    await hall?.stop();
    removeResources?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    `delivers every accepted case to the hall exactly once and loses no receipt, over ${ROUNDS} kills`,
    async () => {
      const env = { HALL_URL: hall.url, STATION_ID: 'A3-kill', WINDOW_CODE: 'A3', STATION_DATA_DIR: dir, PRINTER: printer.target };
      const answered = new Set<string>();
      let random = 0x2f6b1d;
      // A fixed sequence, so a failing run can be repeated.
      const next = () => ((random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      let matter = '';
      let n = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const station = await spawnStationProcess(env);
        expect((await station.call('session.login', LOGIN)).ok).toBe(true);
        if (!matter) {
          await station.call('sync.now');
          const hits = (await station.call<Json[]>('catalog.search', { query: '登记', limit: 50 })).value!;
          matter = hits.find((h) => h.kind === 'matter' && h.caseType === 'promised')!.code as string;
        }
        const checklist = (await station.call<Json[]>('intake.checklist', { matterCodes: [matter] })).value!;
        const received = Object.fromEntries(checklist.filter((i) => i.necessity !== 'optional').map((i) => [i.materialCode, 'original']));
        // The workload runs until the kill lands somewhere inside it: intakes with receipts, syncs.
        const work = (async () => {
          for (;;) {
            const p = person(1000 + n++);
            if (next() < 0.3) await station.call('sync.now');
            const r = await station.call<Json>('intake.submit', { matterCodes: [matter], received, outcome: 'accept', applicant: { name: p.name, idNumber: p.idNumber } });
            if (r.ok) answered.add(r.value!.case.caseNo as string);
          }
        })().catch(() => undefined);
        await new Promise((res) => setTimeout(res, 50 + next() * 1200));
        await station.kill();
        await work;
      }

      // The last start: sign in, sync until nothing waits, then stop and read what the station holds.
      const station = await spawnStationProcess(env);
      try {
        expect((await station.call('session.login', LOGIN)).ok).toBe(true);
        let state = (await station.call<Json>('sync.now')).value!;
        for (let i = 0; i < 5 && state.pending > 0; i++) state = (await station.call<Json>('sync.now')).value!;
        expect({ pending: state.pending, rejected: state.rejected }).toEqual({ pending: 0, rejected: 0 });
      } finally {
        await station.kill();
      }
      // The station's file is sealed: read it with its key, as the station does.
      const db = openSqliteClient(join(dir, 'station.sqlite'), { key: stationKey({ dataDir: dir, databaseSealed: true }).key, readonly: true });
      const local = db.prepare('select id, case_no as caseNo from cases').all() as Array<{ id: string; caseNo: string }>;
      const jobs = db.prepare('select case_id as caseId, status from print_jobs').all() as Array<{ caseId: string | null; status: string }>;
      const pending = (db.prepare(`select count(*) as n from outbox where status = 'pending'`).get() as { n: number }).n;
      db.close();
      expect(pending).toBe(0);

      // The hall's cases of this station, as the zone's supervisor lists them (masked).
      const sup = await signIn(hall.url, 'supervisor');
      // Page by page: fifty rounds of intake make more cases than one page holds.
      const listed: Json[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = (await sup.get(`/api/v1/cases?windowCode=A3&limit=500&offset=${offset}`)).body.cases as Json[];
        listed.push(...page);
        if (page.length < 500) break;
      }
      const onHall = new Map<string, string>(listed.filter((c) => c.stationId === 'A3-kill').map((c) => [c.id as string, c.caseNo as string]));
      const hallNos = [...onHall.values()];
      expect(answered.size).toBeGreaterThan(0);
      // Exactly once: no number on two hall cases, every answered and every local case there, nothing else.
      expect(new Set(hallNos).size).toBe(hallNos.length);
      expect([...answered].filter((c) => !hallNos.includes(c))).toEqual([]);
      expect(local.map((c) => `${c.id} ${c.caseNo}`).sort()).toEqual([...onHall].map(([id, no]) => `${id} ${no}`).sort());

      // Receipts: each case has its notice job, printed or waiting for the clerk; none printed twice.
      const printedRefs = printer
        .completeJobs()
        .map((b) => decodeReceipt(b).text)
        .flatMap((text) => hallNos.filter((no) => text.includes(no)));
      const lost: string[] = [];
      for (const c of local) {
        const mine = jobs.filter((j) => j.caseId === c.id);
        if (mine.length === 0) lost.push(`${c.caseNo}: no print job`);
        for (const j of mine) if (!['printed', 'queued', 'failed'].includes(j.status)) lost.push(`${c.caseNo}: job ${j.status}`);
        if (mine.some((j) => j.status === 'printed') && !printedRefs.includes(c.caseNo)) lost.push(`${c.caseNo}: marked printed, never reached the printer`);
      }
      expect(lost).toEqual([]);
      expect(hallNos.filter((no) => printedRefs.filter((r) => r === no).length > 1)).toEqual([]);
    },
    ROUNDS * 20_000 + 60_000,
  );
});

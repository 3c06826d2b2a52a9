/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are plain JSON that the assertions check field by field */
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { rowsOf } from '../../../src/central/db/client';
import { MATERIAL_LOCK } from '../../../src/central/online/material-store';
import { backends, startTestHall, type TestHall } from './harness';
import { FOOD, idNumbers, materialFile, pdf, png, portalAccount, sha256 as sha } from './online-fixtures';

const DAY = 86_400_000;

const idNumber = idNumbers('199105', 300);

function filing(files: Array<[string, Buffer]>) {
  return {
    portalId: `MR${ulid()}`,
    submittedAt: new Date().toISOString(),
    applicant: { name: '钱保存', idNumber: idNumber(), phone: '13905383333', address: '泰山区档案路3号' },
    matterCodes: [FOOD],
    form: { shopName: '泰安煎饼' },
    commitments: ['M005'],
    files: files.map(([materialCode, bytes]) => materialFile(materialCode, bytes, bytes[0] === 0x89 ? 'image/png' : 'application/pdf')),
  };
}

describe.each(backends)('keeping online materials for their retention period on %s', (backend) => {
  let hall: TestHall;
  let admin: string;
  let supervisor: string;
  let portal: string;
  let clerk: string;

  beforeAll(async () => {
    hall = await startTestHall(backend, { config: { sessionHours: 24 * 365, idleMinutes: 24 * 60 * 365 } });
    admin = await hall.login('admin');
    supervisor = await hall.login('supervisor');
    portal = await portalAccount(hall, admin, 'portal-mr');
    clerk = await (await hall.station('pc-B1')).login('clerk-B1', 'B1');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const code = (r: { status: number; body: any }) => `${r.status} ${r.body?.error?.code ?? ''}`.trim();
  const file1 = async (files: Array<[string, Buffer]>) => {
    const r = await hall.api('POST', '/api/v1/online-applications', { token: portal, body: filing(files) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  const act = async (id: string, action: string, body: unknown, token = clerk) => {
    const r = await hall.api('POST', `/api/v1/online-applications/${id}/${action}`, { token, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const download = async (id: string, n: number) => {
    const r = await fetch(`${hall.url}/api/v1/online-applications/${id}/materials/${n}`, { headers: { authorization: `Bearer ${admin}` } });
    const bytes = Buffer.from(await r.arrayBuffer());
    return { status: r.status, bytes, code: r.status === 200 ? null : (JSON.parse(bytes.toString('utf8')) as any).error.code };
  };
  const purge = async () => {
    const r = await hall.api('POST', '/api/v1/material-retention/purge', { token: admin, body: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  it('starts from the documented defaults; only the administrator changes them, audited', async () => {
    expect((await hall.api('GET', '/api/v1/material-retention', { token: supervisor })).body).toEqual({ acceptedDays: 3650, closedDays: 180 });
    expect(code(await hall.api('PUT', '/api/v1/material-retention', { token: supervisor, body: { acceptedDays: 30, closedDays: 10 } }))).toBe('403 ROLE_FORBIDDEN');
    expect(code(await hall.api('PUT', '/api/v1/material-retention', { token: admin, body: { acceptedDays: 0, closedDays: 10 } }))).toBe('400 VALIDATION_FAILED');
    expect(code(await hall.api('POST', '/api/v1/material-retention/purge', { token: supervisor, body: {} }))).toBe('403 ROLE_FORBIDDEN');
    const saved = await hall.api('PUT', '/api/v1/material-retention', { token: admin, body: { acceptedDays: 30, closedDays: 10 } });
    expect([saved.status, saved.body]).toEqual([200, { acceptedDays: 30, closedDays: 10 }]);
    expect((await hall.api('GET', '/api/v1/material-retention', { token: admin })).body).toEqual({ acceptedDays: 30, closedDays: 10 });
    const audit = rowsOf<any>(await hall.ctx.db.drizzle.execute(sql`select before, after from audit_log where action = 'material.retention-settings'`));
    expect(audit).toEqual([{ before: { acceptedDays: 3650, closedDays: 180 }, after: { acceptedDays: 30, closedDays: 10 } }]);
  });

  it('deletes the files of refused and withdrawn applications past retention, keeps a file they share with an open one, then the accepted ones in their turn', async () => {
    const SHARED = pdf('shared');
    const refused = await file1([['M032', SHARED], ['M004', png('refused')]]);
    const withdrawn = await file1([['M032', pdf('withdrawn')], ['M004', png('withdrawn')]]);
    const accepted = await file1([['M032', pdf('accepted')], ['M004', png('accepted')], ['M001', pdf('accepted-M001')]]);
    const open = await file1([['M032', SHARED], ['M004', png('open')]]);
    await act(refused, 'refuse', { reason: '不属于本部门职权范围' });
    await act(withdrawn, 'withdraw', {}, portal);
    await act(accepted, 'accept', { outcome: 'accept-deferred' });

    // Within retention nothing goes.
    const early = await purge();
    expect([early.filesDeleted, early.applicationsKept, early.applicationsExpired]).toEqual([0, 4, 0]);

    // Eleven days on: the refused and withdrawn applications are past their 10 days.
    hall.clock.advance(11 * DAY);
    const run = await purge();
    expect(run).toMatchObject({ trigger: 'admin', rules: { acceptedDays: 30, closedDays: 10 }, applicationsKept: 2, applicationsExpired: 2, filesDeleted: 3, chunksDeleted: 3 });
    expect(run.deleted).toEqual([png('refused'), pdf('withdrawn'), png('withdrawn')].map(sha).sort());
    expect(run.bytesDeleted).toBeGreaterThan(0);

    // A purged file answers 410 with its own code; the shared one still opens from the refused application.
    expect(await download(refused, 2)).toMatchObject({ status: 410, code: 'MATERIAL_FILE_PURGED' });
    expect(await download(withdrawn, 1)).toMatchObject({ status: 410, code: 'MATERIAL_FILE_PURGED' });
    const shared = await download(refused, 1);
    expect([shared.status, shared.bytes.equals(SHARED)]).toEqual([200, true]);
    for (const [id, n] of [[open, 1], [open, 2], [accepted, 1], [accepted, 3]] as const) expect((await download(id, n)).status).toBe(200);

    // Every run is on record (newest first) and audited.
    const runs = await hall.api('GET', '/api/v1/material-retention/runs?limit=5', { token: admin });
    expect(runs.body.runs.map((r: any) => [r.id, r.filesDeleted])).toEqual([
      [run.id, 3],
      [early.id, 0],
    ]);
    const audited = rowsOf<any>(await hall.ctx.db.drizzle.execute(sql`select entity_id, after from audit_log where action = 'material.purge' order by id`));
    expect(audited.map((a) => [a.entity_id, a.after.filesDeleted])).toEqual([
      [early.id, 0],
      [run.id, 3],
    ]);

    // Thirty-one days after acceptance the accepted case's files go too; the open application keeps its own and the shared one.
    hall.clock.advance(20 * DAY);
    const later = await purge();
    expect(later.deleted).toEqual([pdf('accepted'), png('accepted'), pdf('accepted-M001')].map(sha).sort());
    expect(await download(accepted, 1)).toMatchObject({ status: 410, code: 'MATERIAL_FILE_PURGED' });
    expect((await download(open, 1)).bytes.equals(SHARED)).toBe(true);
    expect((await download(open, 2)).status).toBe(200);
    expect((await purge()).filesDeleted).toBe(0);

    // The same bytes filed again are stored again (content-addressed: the hash is no promise the file is there).
    const again = await file1([['M032', pdf('withdrawn')], ['M004', png('again')]]);
    const back = await download(again, 1);
    expect([back.status, back.bytes.equals(pdf('withdrawn'))]).toEqual([200, true]);
  });

  // PGlite runs one statement at a time and proves nothing about this: PostgreSQL only.
  it.runIf(backend === 'postgres')('never loses a file that filings arriving during a purge share with an expired application', async () => {
    // The race it guards against is narrow (a filing that found the file stored, then a purge that
    // cannot see the filing deletes it); the next test shows the lock that closes it.
    const X = pdf('raced');
    const old = await file1([['M032', X], ['M004', png('raced-old')]]);
    await act(old, 'refuse', { reason: '不属于本部门职权范围' });
    hall.clock.advance(11 * DAY);
    const filings = Array.from({ length: 6 }, (_, i) => hall.api('POST', '/api/v1/online-applications', { token: portal, body: filing([['M032', X], ['M004', png(`raced-${i}`)]]) }));
    const [run, ...filed] = await Promise.all([purge(), ...filings]);
    expect(filed.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    for (const r of filed) {
      const got = await download(r.body.id, 1);
      expect([got.status, got.bytes.equals(X)], JSON.stringify(run.deleted)).toEqual([200, true]);
    }
  });

  it.runIf(backend === 'postgres')('waits for a filing still storing its files before it purges', async () => {
    // A filing mid-way: it holds the material lock shared, as the store does while it writes.
    const filingTx = new pg.Client({ connectionString: hall.databaseUrl });
    await filingTx.connect();
    try {
      await filingTx.query('begin');
      await filingTx.query('select pg_advisory_xact_lock_shared($1)', [MATERIAL_LOCK]);
      let done = false;
      const running = purge().then((r) => {
        done = true;
        return r;
      });
      // The purge is seen waiting on that lock (PostgreSQL says so), and has not run.
      // (A purge that did not wait would finish here, and the loop end with `done`.)
      for (let waiting = 0; waiting === 0 && !done; ) {
        const r = await filingTx.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and not granted`, [MATERIAL_LOCK]);
        waiting = r.rows[0].n;
        if (waiting === 0) await new Promise((ok) => setTimeout(ok, 5));
      }
      expect(done).toBe(false);
      await filingTx.query('commit');
      expect((await running).trigger).toBe('admin');
    } finally {
      await filingTx.end();
    }
  });
});

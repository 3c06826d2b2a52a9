import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { HallDb } from '../../../src/central/db/client';
import { person, type SyntheticPerson } from '../../faults/support/people';
import { FOOD_ALL, FOOD_PERMIT } from '../../unit/station/offline-station';
import { backends, hallAndStation, ok } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CASES = 30;

/** Every value of every row of every table of the hall, as text: what a SELECT hands an intruder. */
async function everyRowAsText(db: HallDb): Promise<Map<string, string>> {
  const tables = await db.drizzle.execute<{ name: string }>(sql`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`);
  const out = new Map<string, string>();
  for (const { name } of rowsOf<{ name: string }>(tables)) {
    const rows = await db.drizzle.execute<{ row: string }>(sql.raw(`select t::text as row from ${name} t`));
    out.set(name, rowsOf<{ row: string }>(rows).map((r) => r.row).join('\n'));
  }
  return out;
}

function rowsOf<T>(r: unknown): T[] {
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

/**
 * The raw bytes PostgreSQL keeps for this hall: the files of its database's relations (tables, their
 * TOAST, indexes) and the WAL segments written since `since`, read through the server (the test's
 * role is the superuser CI connects as).
 */
async function postgresFiles(db: HallDb, since: Date): Promise<Array<{ f: string; bytes: Buffer }>> {
  const rels = rowsOf<{ path: string }>(
    await db.drizzle.execute(sql`select pg_relation_filepath(c.oid) as path from pg_class c where c.relkind in ('r', 't', 'i', 'm') and pg_relation_filepath(c.oid) is not null and pg_relation_size(c.oid) > 0`),
  );
  const wal = rowsOf<{ name: string }>(await db.drizzle.execute(sql`select name from pg_ls_waldir() where modification >= ${since.toISOString()}::timestamptz - interval '5 seconds'`));
  const out: Array<{ f: string; bytes: Buffer }> = [];
  for (const path of [...rels.map((r) => r.path), ...wal.map((w) => `pg_wal/${w.name}`)]) {
    const got = rowsOf<{ bytes: Buffer | Uint8Array }>(await db.drizzle.execute(sql`select pg_read_binary_file(${path}) as bytes`))[0];
    if (got) out.push({ f: path, bytes: Buffer.from(got.bytes) });
  }
  return out;
}

function pgliteFiles(dir: string): Array<{ f: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => ({ f, bytes: readFileSync(f) }));
}

function clearText(people: SyntheticPerson[]): string[] {
  return people.flatMap((p) => [p.idNumber, p.phone, p.address]).filter(Boolean);
}

describe.each(backends)('the hall after a day of intake (%s)', (backend) => {
  it('holds no ID number, phone or address in clear in any table, table file or WAL segment', async () => {
    const since = new Date();
    const { hall, station } = await hallAndStation(backend, 'A3-at-rest', cleanups);
    await ok(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    await ok(station.dispatch('sync.now', {}));
    const people: SyntheticPerson[] = [];
    const caseNos: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const p = person(31_000 + i * 53);
      people.push(p);
      // Every third applicant took a number with the ID card at the machine.
      if (i % 3 === 0) await ok(station.dispatch('queue.issue', { zoneCode: 'A', idNumber: p.idNumber }));
      const agentOf = i % 5 === 0 ? person(95_000 + i) : null;
      if (agentOf) people.push(agentOf);
      const taken = await ok<{ case: { caseNo: string } }>(
        station.dispatch('intake.submit', {
          matterCodes: [FOOD_PERMIT],
          received: FOOD_ALL,
          outcome: 'accept',
          applicant: { name: p.name, idType: '111', idNumber: p.idNumber, phone: p.phone, address: p.address },
          ...(agentOf ? { agent: { name: agentOf.name, idType: '111', idNumber: agentOf.idNumber, phone: agentOf.phone } } : {}),
        }),
      );
      caseNos.push(taken.case.caseNo);
    }
    expect(await ok(station.dispatch('sync.now', {}))).toMatchObject({ pending: 0, rejected: 0 });
    // A supervisor opens a few in full (each read is audited): the audit names the case, not the person.
    const supervisor = await hall.login('supervisor');
    for (const caseNo of caseNos.slice(0, 3)) {
      const r = await hall.api('GET', `/api/v1/cases/${caseNo}`, { token: supervisor });
      expect(r.body.applicant.idNumber).toMatch(/^\d{17}[\dX]$/);
    }
    const secrets = clearText(people);
    expect(secrets.length).toBeGreaterThanOrEqual(CASES * 3);

    const db = hall.server!.db;
    // The hall did keep the day (so the absence of clear text below means the sealing, not an empty hall).
    const tables = await everyRowAsText(db);
    for (const caseNo of caseNos) expect(tables.get('public.cases')).toContain(caseNo);
    for (const [table, text] of tables) for (const s of secrets) expect(text.includes(s), `${table} holds ${s}`).toBe(false);

    const files = backend === 'postgres' ? await postgresFiles(db, since) : pgliteFiles(hall.dataDir!);
    // The files are the day's: the case numbers are there in clear (they are not personal data).
    expect(files.some(({ bytes }) => bytes.includes(Buffer.from(caseNos[CASES - 1]!))), 'a file holds the last case number').toBe(true);
    expect(files.some(({ f }) => /pg_wal\//.test(f)), 'the WAL was read').toBe(true);
    for (const { f, bytes } of files) for (const s of secrets) expect(bytes.includes(Buffer.from(s)), `${f} holds ${s}`).toBe(false);
  }, 120_000);
});

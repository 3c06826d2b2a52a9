import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { matterSchema } from '../../../src/contract/catalog';
import type { Matter, MatterMaterial } from '../../../src/domain/catalog';
import { defaultMigrationsFolder, migrateStationDb, openStationDb, type StationDb } from '../../../src/station/db/open';
import * as schema from '../../../src/station/db/schema';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The committed migrations up to (not including) `tag`, as the app version before it shipped them. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-migrations-'));
  dirs.push(dir);
  cpSync(defaultMigrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag));
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  return dir;
}

const row = (materialCode: string, necessity: MatterMaterial['necessity'], extra: Partial<MatterMaterial> = {}): MatterMaterial => ({
  materialCode,
  necessity,
  originals: 1,
  copies: 0,
  commitmentAllowed: false,
  ...extra,
});

function matter(code: string, caseType: Matter['caseType'], promisedLimitDays: number, materials: MatterMaterial[]): Matter {
  return {
    code,
    basicCode: code,
    name: `事项${code}`,
    typeCode: '01',
    departmentCode: '001',
    zoneCode: 'B',
    caseType,
    statutoryLimitDays: Math.max(1, promisedLimitDays * 3),
    promisedLimitDays,
    fee: { charged: false },
    visits: 1,
    handlingForms: [1],
    serviceObjects: [2],
    townAvailable: false,
    legalBasis: '《中华人民共和国行政许可法》',
    materials,
  };
}

describe('station migration 0002_matter_deferral_days', () => {
  it('gives the cached matters the same deferral limits as the hall server’s migration, leaving the rest of the cache alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-db-'));
    dirs.push(dir);
    const file = join(dir, 'station.sqlite');
    const old = drizzle(new Database(file), { schema }) as StationDb;
    migrateStationDb(old, migrationsBefore('0002_matter_deferral_days'));
    const cached = [
      matter('FOOD', 'promised', 3, [row('FORM', 'required'), row('HEALTH', 'deferrable'), row('RULES', 'deferrable', { commitmentAllowed: true }), row('PHOTO', 'optional')]),
      matter('HYGIENE', 'promised', 7, [row('FORM', 'required'), row('HEALTH', 'deferrable')]),
      matter('FILING', 'immediate', 0, [row('FORM', 'required'), row('RULES', 'deferrable')]),
      matter('NEWER', 'promised', 7, [row('FORM', 'required'), row('HEALTH', 'deferrable', { deferralDays: 2 })]),
    ];
    const insert = old.$client.prepare('INSERT INTO catalog_entries (entity, code, data, seq) VALUES (?, ?, ?, ?)');
    cached.forEach((m, i) => insert.run('matter', m.code, JSON.stringify(m), 40 + i));
    // A material entry that happens to look like a row must not be touched: only matters are.
    insert.run('material', 'HEALTH', JSON.stringify({ code: 'HEALTH', name: '从业人员健康证明', materials: [{ necessity: 'deferrable' }] }), 7);
    old.$client.close();

    const db = openStationDb({ file, key: randomBytes(32) });
    const entries = db.$client.prepare('SELECT entity, code, data, seq FROM catalog_entries ORDER BY entity, code').all() as Array<{ entity: string; code: string; data: string; seq: number }>;
    const byCode = new Map(entries.filter((e) => e.entity === 'matter').map((e) => [e.code, JSON.parse(e.data) as Matter]));
    const limits = (code: string) => byCode.get(code)!.materials.map((mm) => [mm.materialCode, mm.necessity, mm.deferralDays ?? null]);
    expect(limits('FOOD')).toEqual([
      ['FORM', 'required', null],
      ['HEALTH', 'deferrable', 3],
      ['RULES', 'deferrable', 3],
      ['PHOTO', 'optional', null],
    ]);
    expect(byCode.get('FOOD')!.materials[2]!.commitmentAllowed).toBe(true);
    expect(limits('HYGIENE')).toEqual([
      ['FORM', 'required', null],
      ['HEALTH', 'deferrable', 5],
    ]);
    expect(limits('FILING')).toEqual([
      ['FORM', 'required', null],
      ['RULES', 'required', null],
    ]);
    expect(byCode.get('NEWER')).toEqual(cached[3]);
    // Still the records the station reads with the contract, at the sequence the hall wrote them.
    for (const m of byCode.values()) expect(matterSchema.safeParse(m).success, m.code).toBe(true);
    expect(entries.filter((e) => e.entity === 'matter').map((e) => e.seq)).toEqual([42, 40, 41, 43]);
    expect(JSON.parse(entries.find((e) => e.entity === 'material')!.data)).toEqual({ code: 'HEALTH', name: '从业人员健康证明', materials: [{ necessity: 'deferrable' }] });
    db.$client.close();
  });
});

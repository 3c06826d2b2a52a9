import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { matterSchema, validateCatalogDeferrals } from '../../../src/contract/catalog';
import { openHallDb, rowsOf } from '../../../src/central/db/client';
import { migrateHallDb } from '../../../src/central/db/migrate';
import type { Matter, MatterMaterial } from '../../../src/domain/catalog';
import { folderBefore, migrations } from './migration-folders';

const scratch = mkdtempSync(join(tmpdir(), 'hall-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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

// As a hall stored them before deferral limits existed (the last one already has its own).
const before: Matter[] = [
  matter('FOOD', 'promised', 3, [row('FORM', 'required'), row('HEALTH', 'deferrable'), row('RULES', 'deferrable', { commitmentAllowed: true }), row('PHOTO', 'optional')]),
  matter('HYGIENE', 'promised', 7, [row('FORM', 'required'), row('HEALTH', 'deferrable')]),
  matter('FILING', 'immediate', 0, [row('FORM', 'required'), row('RULES', 'deferrable')]),
  matter('PLAIN', 'promised', 7, [row('FORM', 'required'), row('PHOTO', 'optional')]),
  matter('NEWER', 'promised', 7, [row('FORM', 'required'), row('HEALTH', 'deferrable', { deferralDays: 2 })]),
];

describe('migration 0005_matter_deferral_days', () => {
  it('gives every stored deferrable row the limit intake used until now, and tells the stations', async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, folderBefore(scratch, '0005_matter_deferral_days'));
      for (const [sort, m] of before.entries()) {
        await db.drizzle.execute(
          sql`insert into matters (code, zone_code, department_code, data, sort) values (${m.code}, ${m.zoneCode}, ${m.departmentCode}, ${JSON.stringify(m)}::jsonb, ${sort})`,
        );
      }

      await migrateHallDb(db, migrations);

      const rows = rowsOf<{ code: string; data: Matter }>(await db.drizzle.execute(sql`select code, data from matters order by sort`));
      const after = new Map(rows.map((r) => [r.code, r.data]));
      const limits = (code: string) => after.get(code)!.materials.map((mm) => [mm.materialCode, mm.necessity, mm.deferralDays ?? null]);
      // 5 working days as before, cut to the promised limit of 3; the row's other fields untouched.
      expect(limits('FOOD')).toEqual([
        ['FORM', 'required', null],
        ['HEALTH', 'deferrable', 3],
        ['RULES', 'deferrable', 3],
        ['PHOTO', 'optional', null],
      ]);
      expect(after.get('FOOD')!.materials[2]!.commitmentAllowed).toBe(true);
      expect(limits('HYGIENE')).toEqual([
        ['FORM', 'required', null],
        ['HEALTH', 'deferrable', 5],
      ]);
      // Nothing ever waited on a matter decided at the window.
      expect(limits('FILING')).toEqual([
        ['FORM', 'required', null],
        ['RULES', 'required', null],
      ]);
      expect(after.get('PLAIN')).toEqual(before[3]);
      expect(after.get('NEWER')).toEqual(before[4]);
      // Whole records stay what the contract reads, and what an import would accept.
      for (const m of after.values()) expect(matterSchema.safeParse(m).success, m.code).toBe(true);
      expect(validateCatalogDeferrals({ hall: { name: 'x', regionCode: '370902', siteCode: 'TS' }, sites: [], zones: [], windows: [], departments: [], materials: [], matters: [...after.values()], bundles: [] })).toEqual([]);

      // Each rewritten matter goes to the change log once, numbered at commit, so every station pulls it.
      const log = rowsOf<{ seq: number | null; entity: string; entity_id: string; data: Matter }>(
        await db.drizzle.execute(sql`select seq, entity, entity_id, data from change_log order by seq`),
      );
      expect(log.map((l) => [l.entity, l.entity_id])).toEqual([
        ['matter', 'FILING'],
        ['matter', 'FOOD'],
        ['matter', 'HYGIENE'],
      ]);
      for (const l of log) {
        expect(l.seq).not.toBeNull();
        expect(l.data).toEqual(after.get(l.entity_id));
      }
      const audit = rowsOf<{ action: string; after: { matters: string[] } }>(await db.drizzle.execute(sql`select action, after from audit_log`));
      expect(audit).toEqual([{ action: 'catalog.migrate', after: { migration: '0005_matter_deferral_days', matters: ['FILING', 'FOOD', 'HYGIENE'] } }]);
    } finally {
      await db.close();
    }
  });

  it('changes nothing, and logs nothing, on a hall without deferrable rows', async () => {
    const db = await openHallDb({ inMemory: true });
    try {
      await migrateHallDb(db, folderBefore(scratch, '0005_matter_deferral_days'));
      await db.drizzle.execute(sql`insert into matters (code, zone_code, department_code, data, sort) values ('PLAIN', 'B', '001', ${JSON.stringify(before[3])}::jsonb, 0)`);
      await migrateHallDb(db, migrations);
      expect(rowsOf<{ n: number }>(await db.drizzle.execute(sql`select count(*)::int as n from change_log`))[0]!.n).toBe(0);
      expect(rowsOf<{ n: number }>(await db.drizzle.execute(sql`select count(*)::int as n from audit_log`))[0]!.n).toBe(0);
    } finally {
      await db.close();
    }
  });
});

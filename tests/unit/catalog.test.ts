import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCatalogCsv, importCatalogJson } from '../../src/contract/catalog-import';
import { MATTER_BASIC_CODE_PATTERN, MATTER_CODE_PATTERN, validateCatalogReferences } from '../../src/contract/catalog';
import type { Catalog, Matter } from '../../src/domain/catalog';

const root = join(__dirname, '..', '..');
const catalogDir = join(root, 'resources', 'catalog');

function loadDemo(): Catalog {
  const r = importCatalogJson(readFileSync(join(catalogDir, 'demo-hall.json'), 'utf8'));
  if (!r.ok) throw new Error(`${r.error.message}\n${JSON.stringify(r.error.details, null, 2)}`);
  return r.value;
}

const demo = loadDemo();
const matterByName = (name: string): Matter => {
  const m = demo.matters.find((x) => x.name === name);
  if (!m) throw new Error(`no matter named ${name}`);
  return m;
};
const materialName = (code: string) => demo.materials.find((m) => m.code === code)?.name;

describe('the demo hall catalogue (resources/catalog/demo-hall.json)', () => {
  it('loads through the importer as the Taishan district hall', () => {
    expect(demo.hall).toEqual({ name: '泰安市泰山区政务服务中心', regionCode: '370902', siteCode: 'TS' });
  });

  it('has the 8 service zones A..H of the hall', () => {
    expect(demo.zones.map((z) => `${z.code} ${z.name}`)).toEqual([
      'A 商事登记',
      'B 市场准入与经营许可',
      'C 投资建设项目',
      'D 不动产登记',
      'E 社会事务',
      'F 人社医保公积金',
      'G 税务',
      'H 公安与公用事业',
    ]);
  });

  it('hosts 27 departments and 276 matters', () => {
    expect(demo.departments).toHaveLength(27);
    expect(demo.matters).toHaveLength(276);
    const served = new Set(demo.matters.map((m) => m.departmentCode));
    expect(demo.departments.filter((d) => !served.has(d.code)).map((d) => d.name)).toEqual([]);
  });

  it('staffs every zone with at least 4 counters of its own, and has reception desks for all zones', () => {
    for (const zone of demo.zones) {
      const own = demo.windows.filter((w) => w.kind === 'counter' && w.code.startsWith(zone.code) && w.zones.some((z) => z.zoneCode === zone.code));
      expect(own.length, `counters of zone ${zone.code}`).toBeGreaterThanOrEqual(4);
    }
    const reception = demo.windows.filter((w) => w.kind === 'reception');
    expect(reception.map((w) => w.code)).toEqual(['R1', 'R2']);
    for (const r of reception) expect(r.zones.map((z) => z.zoneCode)).toEqual(demo.zones.map((z) => z.code));
  });

  it('lets a few counters help a neighbouring zone at a lower weight than their own', () => {
    // A town centre's counter (TC01) takes in for several zones: it is no hall counter helping out.
    const atCentres = new Set(demo.sites.flatMap((s) => s.windowCodes));
    const helpers = demo.windows.filter((w) => w.kind === 'counter' && w.zones.length > 1 && !atCentres.has(w.code));
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    for (const w of helpers) {
      const own = w.zones.find((z) => z.zoneCode === w.code[0])!;
      for (const other of w.zones.filter((z) => z !== own)) expect(other.weight).toBeLessThan(own.weight);
    }
  });

  it('gives every matter a well-formed basic code (an..10) and implementation code (an..24), no code used twice', () => {
    for (const m of demo.matters) {
      expect(m.code, m.name).toMatch(MATTER_CODE_PATTERN);
      expect(m.basicCode, m.name).toMatch(MATTER_BASIC_CODE_PATTERN);
      expect(m.basicCode.startsWith(m.typeCode), `${m.name}: basic code starts with the item type`).toBe(true);
    }
    for (const list of [demo.zones, demo.windows, demo.departments, demo.materials, demo.matters, demo.bundles]) {
      const codes = list.map((x) => x.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
    expect(new Set(demo.matters.map((m) => m.basicCode)).size).toBe(demo.matters.length);
    expect(new Set(demo.matters.map((m) => m.name)).size).toBe(demo.matters.length);
  });

  it('resolves every reference: window zones, matter departments, zones and materials, bundle matters', () => {
    expect(validateCatalogReferences(demo)).toEqual([]);
  });

  it('is mostly administrative licences, like the items the approval bureau took over', () => {
    const licences = demo.matters.filter((m) => m.typeCode === '01').length;
    expect(licences).toBeGreaterThan(demo.matters.length / 3);
    for (const type of ['05', '07', '10', '20'] as const) expect(demo.matters.some((m) => m.typeCode === type), type).toBe(true);
  });

  it('cuts each promised limit to about one third of the statutory limit, never beyond it', () => {
    for (const m of demo.matters) {
      if (m.caseType === 'immediate') {
        expect(m.promisedLimitDays, m.name).toBe(0);
        continue;
      }
      expect(m.promisedLimitDays, m.name).toBeGreaterThanOrEqual(1);
      expect(m.promisedLimitDays, m.name).toBeLessThanOrEqual(m.statutoryLimitDays);
      // Rounded to whole working days, except that a promised matter always has at least one.
      if (m.statutoryLimitDays >= 3) expect(Math.abs(m.promisedLimitDays - m.statutoryLimitDays / 3), m.name).toBeLessThanOrEqual(0.5);
    }
    expect(demo.matters.filter((m) => m.caseType === 'immediate').length).toBeGreaterThan(50);
  });

  it('marks at least 5 high-frequency matters for town and community centres', () => {
    const town = demo.matters.filter((m) => m.townAvailable).map((m) => m.name);
    expect(town.length).toBeGreaterThanOrEqual(5);
    expect(town).toEqual(
      expect.arrayContaining(['个体工商户设立登记', '食品经营许可（小餐饮）新办', '城乡居民基本养老保险参保登记', '城乡居民基本医疗保险参保登记', '最低生活保障申请']),
    );
  });

  it('asks for 3 to 8 materials per matter, each from the dictionary, none twice', () => {
    expect(demo.materials.length).toBeGreaterThanOrEqual(80);
    for (const m of demo.matters) {
      expect(m.materials.length, m.name).toBeGreaterThanOrEqual(3);
      expect(m.materials.length, m.name).toBeLessThanOrEqual(8);
      expect(m.materials.some((mm) => mm.necessity === 'required'), `${m.name} requires something`).toBe(true);
    }
    const used = new Set(demo.matters.flatMap((m) => m.materials.map((mm) => mm.materialCode)));
    expect(demo.materials.filter((m) => !used.has(m.code)).map((m) => m.name)).toEqual([]);
    for (const m of demo.materials) expect(m.standard, `${m.name} has a standard for the correction notice`).toBeTruthy();
  });

  it('shares the common papers across matters: one ID card, one business licence, one premises proof', () => {
    const usage = new Map<string, number>();
    for (const m of demo.matters) for (const mm of m.materials) usage.set(mm.materialCode, (usage.get(mm.materialCode) ?? 0) + 1);
    const codeOf = (name: string) => demo.materials.find((m) => m.name === name)!.code;
    for (const name of ['居民身份证', '营业执照', '住所（经营场所）使用证明', '授权委托书']) {
      expect(usage.get(codeOf(name)) ?? 0, name).toBeGreaterThanOrEqual(10);
    }
  });

  it('lets health certificates and food safety rules be supplied later, and premises proof be replaced by a commitment', () => {
    const food = matterByName('食品经营许可（新办）');
    const asked = (name: string) => food.materials.find((mm) => materialName(mm.materialCode) === name);
    expect(asked('从业人员健康证明')?.necessity).toBe('deferrable');
    expect(asked('食品安全管理制度')?.necessity).toBe('deferrable');
    expect(asked('住所（经营场所）使用证明')?.commitmentAllowed).toBe(true);
    const everything = demo.matters.flatMap((m) => m.materials);
    expect(everything.filter((mm) => mm.necessity === 'deferrable').length).toBeGreaterThanOrEqual(10);
    expect(everything.filter((mm) => mm.commitmentAllowed).length).toBeGreaterThanOrEqual(20);
    // 容缺 covers non-key papers only: the application form of a matter is never deferrable.
    for (const m of demo.matters) {
      for (const mm of m.materials) {
        if (mm.necessity === 'deferrable') expect(materialName(mm.materialCode), m.name).not.toMatch(/申请书|申请表/);
      }
    }
  });

  it('charges fees only with a stated basis', () => {
    for (const m of demo.matters) {
      if (m.fee.charged) expect(m.fee.basis, m.name).toMatch(/《/);
      else expect(m.fee.basis, m.name).toBeUndefined();
    }
    expect(matterByName('普通护照签发').fee.charged).toBe(true);
    expect(matterByName('个体工商户设立登记').fee.charged).toBe(false);
  });

  it('cites a law or regulation for every matter', () => {
    for (const m of demo.matters) expect(m.legalBasis, m.name).toMatch(/^《[^》]+》/);
    expect(matterByName('食品经营许可（新办）').legalBasis).toContain('《中华人民共和国食品安全法》第三十五条');
    expect(matterByName('有限责任公司设立登记').legalBasis).toContain('《中华人民共和国市场主体登记管理条例》');
  });

  it('offers at least 12 bundles, the classic ones included', () => {
    expect(demo.bundles.length).toBeGreaterThanOrEqual(12);
    const names = demo.bundles.map((b) => b.name).join(' ');
    for (const word of ['开餐馆', '开药店', '开旅馆', '开便利店', '开美容美发店', '开网吧', '开健身房', '开超市', '幼儿园', '商品房', '企业开办', '企业注销', '退休', '出生', '退役']) {
      expect(names, word).toContain(word);
    }
  });

  it('builds every bundle from matters that really share materials, so shared papers are asked once', () => {
    for (const b of demo.bundles) {
      const matters = b.matterCodes.map((code) => demo.matters.find((m) => m.code === code)!);
      expect(matters.length, b.name).toBeGreaterThanOrEqual(2);
      const seen = new Map<string, number>();
      for (const m of matters) for (const code of new Set(m.materials.map((mm) => mm.materialCode))) seen.set(code, (seen.get(code) ?? 0) + 1);
      const shared = [...seen].filter(([, n]) => n >= 2).map(([code]) => materialName(code));
      expect(shared.length, `${b.name} shares a material`).toBeGreaterThanOrEqual(1);
    }
  });

  it('ships the same catalogue as CSV tables under resources/catalog/csv', () => {
    const dir = join(catalogDir, 'csv');
    const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const r = importCatalogCsv(files);
    expect(r.ok && r.value).toEqual(demo);
  });

  it('is exactly what scripts/build-demo-catalog.ts generates (no hand edits drifting away)', () => {
    const out = execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'build-demo-catalog.ts'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toContain('checked resources/catalog');
  });
});

import type { Catalog, Matter } from '../../../src/domain/catalog';

function matter(code: string, name: string, zoneCode: string, over: Partial<Matter> = {}): Matter {
  return {
    code,
    basicCode: code.slice(0, 10),
    name,
    typeCode: '01',
    departmentCode: 'SCJG',
    zoneCode,
    caseType: 'promised',
    statutoryLimitDays: 20,
    promisedLimitDays: 3,
    fee: { charged: false },
    visits: 1,
    handlingForms: [1, 2],
    serviceObjects: [2],
    townAvailable: false,
    legalBasis: '《中华人民共和国行政许可法》',
    materials: [
      { materialCode: 'ID_CARD', necessity: 'required', originals: 1, copies: 1, commitmentAllowed: false },
      { materialCode: 'APPLICATION', necessity: 'required', originals: 1, copies: 0, commitmentAllowed: false },
      { materialCode: 'FOOD_RULES', necessity: 'deferrable', originals: 1, copies: 0, commitmentAllowed: false },
    ],
    ...over,
  };
}

/** A small hall for unit tests: enough names to show the search ranking and the intake rules. */
export const smallCatalog: Catalog = {
  hall: { name: '泰山区政务服务中心', regionCode: '370902', siteCode: 'TS' },
  sites: [],
  zones: [
    { code: 'A', name: '商事登记' },
    { code: 'B', name: '市场准入与经营许可' },
    { code: 'D', name: '不动产登记' },
  ],
  windows: [
    { code: 'A3', name: 'A3窗口', kind: 'counter', zones: [{ zoneCode: 'A', weight: 1 }] },
    { code: 'R1', name: '导服台', kind: 'reception', zones: [{ zoneCode: 'A', weight: 1 }] },
  ],
  departments: [
    { code: 'SCJG', name: '区市场监督管理局' },
    { code: 'ZRZY', name: '区自然资源局' },
  ],
  materials: [
    { code: 'ID_CARD', name: '身份证', type: 1, form: 1, source: 'applicant' },
    { code: 'APPLICATION', name: '申请书', type: 2, form: 3, source: 'online' },
    { code: 'FOOD_RULES', name: '食品安全管理制度', type: 3, form: 1, source: 'applicant', standard: '加盖公章' },
  ],
  matters: [
    matter('370902SCJG001', '营业执照变更登记', 'A'),
    matter('370902SCJG002', '营业执照', 'A'),
    matter('370902SCJG003', '个体工商户营业执照注销', 'A'),
    matter('370902SCJG010', '食品经营许可证核发', 'B'),
    matter('370902SCJG011', '公共场所卫生许可', 'B', { caseType: 'immediate', promisedLimitDays: 0 }),
    matter('370902ZRZY001', '不动产首次登记', 'D', { departmentCode: 'ZRZY', promisedLimitDays: 5 }),
    matter('YYZZ01', '印章刻制备案', 'A', { caseType: 'immediate', promisedLimitDays: 0 }),
  ],
  bundles: [{ code: 'KCG', name: '我要开餐馆', zoneCode: 'B', matterCodes: ['370902SCJG002', '370902SCJG010'], description: '营业执照 + 食品经营许可' }],
};

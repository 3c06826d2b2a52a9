/**
 * Writes the demo hall catalogue: resources/catalog/demo-hall.json (what the hall server loads, through
 * importCatalogJson) and the same data as CSV tables in resources/catalog/csv/ (what an administrator
 * edits in a spreadsheet and imports with importCatalogCsv).
 *
 *   npx tsx scripts/build-demo-catalog.ts          # writes the files
 *   npx tsx scripts/build-demo-catalog.ts --check  # fails when the committed files differ
 *
 * The hall is the Taishan district government service hall (泰安市泰山区政务服务中心, 370902):
 * 27 departments and 276 matters in 8 zones. Matter names, legal bases and time limits follow the
 * pattern of a Shandong district catalogue; the implementation codes are built from each department's
 * unified social credit code (GB 32100, check characters computed) plus a serial, so they are
 * well-formed but not the province's real codes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportCatalogCsv, importCatalogJson } from '../src/contract/catalog-import';
import type {
  Bundle,
  CaseType,
  Catalog,
  Department,
  Material,
  MaterialNecessity,
  Matter,
  MatterMaterial,
  MatterTypeCode,
  ServiceWindow,
  Site,
  Zone,
} from '../src/domain/catalog';

// ---------------------------------------------------------------------------------------------
// Zones and windows
// ---------------------------------------------------------------------------------------------

const ZONES: Zone[] = [
  { code: 'A', name: '商事登记' },
  { code: 'B', name: '市场准入与经营许可' },
  { code: 'C', name: '投资建设项目' },
  { code: 'D', name: '不动产登记' },
  { code: 'E', name: '社会事务' },
  { code: 'F', name: '人社医保公积金' },
  { code: 'G', name: '税务' },
  { code: 'H', name: '公安与公用事业' },
];
type ZoneCode = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';

/** Counters per zone; the busiest zones have more. */
const COUNTERS: Record<ZoneCode, number> = { A: 6, B: 5, C: 4, D: 5, E: 5, F: 6, G: 4, H: 5 };

/**
 * 全员全科 within a zone, and a few windows that also help a neighbouring zone at a lower weight
 * (the zone pairs whose applicants often need both: business and permits, building and property,
 * social affairs and social security, tax and business, utilities and property).
 */
const HELPERS: Array<[window: string, own: ZoneCode, helps: ZoneCode]> = [
  ['A4', 'A', 'B'],
  ['B4', 'B', 'A'],
  ['C4', 'C', 'D'],
  ['D4', 'D', 'C'],
  ['E4', 'E', 'F'],
  ['F4', 'F', 'E'],
  ['G4', 'G', 'A'],
  ['H4', 'H', 'D'],
];

function buildWindows(): ServiceWindow[] {
  const windows: ServiceWindow[] = [];
  for (const zone of ZONES) {
    const z = zone.code as ZoneCode;
    for (let i = 1; i <= COUNTERS[z]; i++) {
      const code = `${z}${i}`;
      const helper = HELPERS.find(([w]) => w === code);
      windows.push({
        code,
        name: `${zone.name}${i}号窗口`,
        kind: 'counter',
        zones: helper
          ? [
              { zoneCode: z, weight: 3 },
              { zoneCode: helper[2], weight: 1 },
            ]
          : [{ zoneCode: z, weight: 1 }],
      });
    }
  }
  for (const i of [1, 2]) {
    windows.push({
      code: `R${i}`,
      name: `导服台${i}`,
      kind: 'reception',
      zones: ZONES.map((z) => ({ zoneCode: z.code, weight: 1 })),
    });
  }
  // The demo town centre's counter (就近受理、远程审批): business licences and food permits.
  windows.push({ code: 'TC01', name: '省庄镇便民服务中心1号窗口', kind: 'counter', zones: [{ zoneCode: 'A', weight: 1 }, { zoneCode: 'B', weight: 1 }] });
  return windows;
}

/** The demo's town centre: its own site code (SZ-20261207-TC01-0001) and its one counter. */
const SITES: Site[] = [{ code: 'SZ', name: '省庄镇便民服务中心', windowCodes: ['TC01'] }];
/** Matters delegated to a centre (taken in there as full cases); other town matters are filed to the inbox. */
const DELEGATED: ReadonlyMap<string, string[]> = new Map([['个体工商户设立登记', ['SZ']]]);

// ---------------------------------------------------------------------------------------------
// Departments, with unified social credit codes (GB 32100-2015)
// ---------------------------------------------------------------------------------------------

/** Registration-authority + kind prefix: 11 机关, 12 事业单位, 13 群团组织, 91 企业. */
type BodyKind = '11' | '12' | '13' | '91';

const DEPARTMENTS: Array<{ key: string; name: string; kind: BodyKind }> = [
  { key: 'approval', name: '泰安市泰山区行政审批服务局', kind: '11' },
  { key: 'market', name: '泰安市泰山区市场监督管理局', kind: '11' },
  { key: 'housing', name: '泰安市泰山区住房和城乡建设局', kind: '11' },
  { key: 'land', name: '泰安市自然资源和规划局泰山分局', kind: '11' },
  { key: 'realty', name: '泰安市泰山区不动产登记中心', kind: '12' },
  { key: 'civil', name: '泰安市泰山区民政局', kind: '11' },
  { key: 'health', name: '泰安市泰山区卫生健康局', kind: '11' },
  { key: 'education', name: '泰安市泰山区教育和体育局', kind: '11' },
  { key: 'culture', name: '泰安市泰山区文化和旅游局', kind: '11' },
  { key: 'veterans', name: '泰安市泰山区退役军人事务局', kind: '11' },
  { key: 'disabled', name: '泰安市泰山区残疾人联合会', kind: '13' },
  { key: 'hrss', name: '泰安市泰山区人力资源和社会保障局', kind: '11' },
  { key: 'medical', name: '泰安市泰山区医疗保障局', kind: '11' },
  { key: 'fund', name: '泰安市住房公积金管理中心泰山区管理部', kind: '12' },
  { key: 'tax', name: '国家税务总局泰安市泰山区税务局', kind: '11' },
  { key: 'police', name: '泰安市公安局泰山分局', kind: '11' },
  { key: 'traffic', name: '泰安市公安局交通警察支队泰山区大队', kind: '11' },
  { key: 'exit', name: '泰安市公安局泰山分局出入境管理大队', kind: '11' },
  { key: 'water', name: '泰安市泰山区供水有限公司', kind: '91' },
  { key: 'power', name: '国网山东省电力公司泰安市泰山区供电公司', kind: '91' },
  { key: 'gas', name: '泰安市泰山区燃气有限公司', kind: '91' },
  { key: 'heat', name: '泰安市泰山区热力有限公司', kind: '91' },
  { key: 'ecology', name: '泰安市生态环境局泰山分局', kind: '11' },
  { key: 'transport', name: '泰安市泰山区交通运输局', kind: '11' },
  { key: 'agri', name: '泰安市泰山区农业农村局', kind: '11' },
  { key: 'waterres', name: '泰安市泰山区水利局', kind: '11' },
  { key: 'emergency', name: '泰安市泰山区应急管理局', kind: '11' },
];
type DeptKey =
  | 'approval' | 'market' | 'housing' | 'land' | 'realty' | 'civil' | 'health' | 'education' | 'culture'
  | 'veterans' | 'disabled' | 'hrss' | 'medical' | 'fund' | 'tax' | 'police' | 'traffic' | 'exit' | 'water'
  | 'power' | 'gas' | 'heat' | 'ecology' | 'transport' | 'agri' | 'waterres' | 'emergency';

const deptCode = (key: DeptKey) => String(DEPARTMENTS.findIndex((d) => d.key === key) + 1).padStart(3, '0');

/** GB 11714 organisation code check character over 8 body characters. */
function orgCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const value = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  const sum = [...body].reduce((s, ch, i) => s + value(ch) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 check character over the first 17 characters. */
function usccCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += USCC_CHARS.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** A well-formed credit code for the n-th department: kind + 370902 + organisation code + check. */
function creditCode(kind: BodyKind, n: number): string {
  // Organisation codes of newly registered bodies start with MA (enterprises) or MB (institutions);
  // government bodies keep their old numeric codes.
  const prefix = kind === '91' ? 'MA' : kind === '11' ? '00' : 'MB';
  const body = `${prefix}${String(285317 + n * 7919).slice(-6)}`;
  const org = body + orgCodeCheck(body);
  const first17 = `${kind}370902${org}`;
  return first17 + usccCheck(first17);
}

// ---------------------------------------------------------------------------------------------
// Materials (one hall-wide dictionary: the same code is the same paper)
// ---------------------------------------------------------------------------------------------

type MaterialDraft = Omit<Material, 'code'>;
const mat = (
  name: string,
  type: Material['type'],
  form: Material['form'],
  source: Material['source'],
  standard: string,
  issuer?: string,
): MaterialDraft => ({ name, type, form, source, ...(issuer ? { issuer } : {}), standard });

const MATERIALS = {
  // Shared across zones
  id: mat('居民身份证', 1, 3, 'government', '原件，在有效期内；可通过电子证照库调取电子身份证', '公安机关'),
  hukou: mat('居民户口簿', 1, 1, 'government', '原件，含户主页和本人页', '公安机关'),
  proxy: mat('授权委托书', 2, 1, 'applicant', '原件，载明委托事项、权限和期限，委托人签字或盖章；附受托人身份证件'),
  license: mat('营业执照', 1, 3, 'government', '正本或副本原件；电子营业执照可替代', '市场主体登记机关'),
  premises: mat('住所（经营场所）使用证明', 1, 3, 'applicant', '自有房屋提交不动产权证书，租赁房屋提交租赁协议及出租方产权证明；可书面承诺替代'),
  photo1: mat('近期一寸免冠彩色照片', 3, 1, 'applicant', '白色背景，6个月内拍摄，不戴帽子'),
  layout: mat('经营场所平面布局图', 3, 1, 'applicant', '标明面积、功能分区和主要设备设施位置，申请人签字或盖章'),
  healthCert: mat('从业人员健康证明', 1, 3, 'government', '在有效期内（一年），与从业人员名单一致', '疾病预防控制机构或医疗机构'),
  // A 商事登记
  companyForm: mat('公司登记（备案）申请书', 2, 3, 'online', '通过网上登记系统填写后打印，法定代表人签署'),
  charter: mat('公司章程', 2, 1, 'applicant', '全体股东签署（股份有限公司由全体发起人签署），每页骑缝签章'),
  charterAmend: mat('章程修正案', 2, 1, 'applicant', '载明修改条款，法定代表人签署并加盖公章'),
  shareholderId: mat('股东（发起人）主体资格证明', 1, 3, 'applicant', '自然人提交身份证件复印件，法人提交营业执照复印件'),
  officers: mat('法定代表人、董事、监事和经理的任职文件', 2, 1, 'applicant', '股东会决议、董事会决议或任免文件原件，签署齐全'),
  resolution: mat('股东会决议或股东决定', 2, 1, 'applicant', '原件，按章程规定的表决方式作出并签署'),
  liquidation: mat('清算报告', 2, 1, 'applicant', '经股东会确认，清算组全体成员签字'),
  partnerForm: mat('合伙企业登记（备案）申请书', 2, 3, 'online', '全体合伙人签署'),
  partnership: mat('合伙协议', 2, 1, 'applicant', '全体合伙人签署'),
  partnerMandate: mat('全体合伙人委托执行事务合伙人的委托书', 2, 1, 'applicant', '全体合伙人签署'),
  soleForm: mat('个人独资企业登记（备案）申请书', 2, 3, 'online', '投资人签署'),
  selfEmployedForm: mat('个体工商户登记（备案）申请书', 2, 3, 'online', '经营者签署；通过“爱山东”或窗口填写'),
  coopForm: mat('农民专业合作社登记（备案）申请书', 2, 3, 'online', '理事长签署'),
  coopMembers: mat('农民专业合作社成员名册及出资清单', 2, 1, 'applicant', '载明成员姓名、身份证件号码、出资方式和出资额，全体出资成员签名'),
  coopMeeting: mat('设立大会纪要', 2, 1, 'applicant', '载明通过章程、选举理事长等事项，出席成员签名'),
  enterpriseForm: mat('非公司企业法人登记（备案）申请书', 2, 3, 'online', '法定代表人签署'),
  funderApproval: mat('主管部门（出资人）批准文件', 1, 1, 'applicant', '原件，加盖主管部门公章'),
  branchHead: mat('分支机构负责人任职文件', 2, 1, 'applicant', '隶属企业出具，加盖公章'),
  foreignInvestor: mat('外国投资者主体资格证明', 1, 1, 'applicant', '经所在国公证机关公证并经中国驻该国使（领）馆认证，附中文译本'),
  simpleDeregPledge: mat('简易注销全体投资人承诺书', 2, 3, 'online', '全体投资人签署；公示期满20日无异议'),
  lossNotice: mat('营业执照遗失（损坏）声明', 2, 3, 'online', '通过国家企业信用信息公示系统发布的声明截图'),
  pledgeForm: mat('股权出质登记申请书', 2, 1, 'applicant', '出质人和质权人共同签署'),
  pledgeContract: mat('质权合同', 2, 1, 'applicant', '原件，出质人和质权人签署'),
  // B 市场准入与经营许可
  foodForm: mat('食品经营许可申请书', 2, 3, 'online', '法定代表人或负责人签署'),
  foodRules: mat('食品安全管理制度', 2, 1, 'applicant', '包括从业人员健康管理、进货查验记录、食品安全自查、不合格食品处置等制度'),
  permit: mat('原许可证件（正副本）', 1, 3, 'government', '原件；变更、延续、注销时交回或核验', '原发证机关'),
  prepackForm: mat('仅销售预包装食品备案信息采集表', 2, 2, 'online', '网上填报'),
  smallFoodForm: mat('食品小作坊、小餐饮登记申请表', 2, 3, 'online', '经营者签署'),
  foodProdForm: mat('食品生产许可申请书', 2, 3, 'online', '法定代表人签署'),
  foodProcess: mat('食品生产主要设备设施清单及工艺流程图', 3, 1, 'applicant', '标明关键控制点'),
  drugForm: mat('药品经营许可证申请表', 2, 3, 'online', '法定代表人签署'),
  pharmacist: mat('执业药师注册证', 1, 3, 'government', '注册在本企业，在有效期内', '药品监督管理部门'),
  drugQuality: mat('药品质量管理制度及岗位职责', 2, 1, 'applicant', '符合《药品经营质量管理规范》'),
  deviceQuality: mat('医疗器械经营质量管理制度', 2, 1, 'applicant', '包括采购、验收、贮存、销售、售后等制度'),
  deviceForm: mat('医疗器械经营许可（备案）申请表', 2, 3, 'online', '法定代表人签署'),
  hygieneForm: mat('公共场所卫生许可申请书', 2, 3, 'online', '法定代表人或负责人签署'),
  hygieneRules: mat('公共场所卫生管理制度及卫生安全应急预案', 2, 1, 'applicant', '含卫生管理组织、消毒、从业人员健康管理等内容'),
  hygieneReport: mat('公共场所卫生检测（评价）报告', 1, 1, 'applicant', '具有资质的检测机构出具，一年内有效；可书面承诺替代'),
  hotelForm: mat('特种行业许可证申请登记表', 2, 1, 'applicant', '法定代表人或负责人签署'),
  hotelSecurity: mat('治安保卫制度及安全防范设施情况说明', 2, 1, 'applicant', '含旅客住宿登记、监控录像、客房防盗设施'),
  fireCheck: mat('公众聚集场所投入使用、营业前消防安全检查意见书', 1, 3, 'government', '复印件，原件备查；依法可告知承诺的，可先签署告知承诺书', '消防救援机构'),
  tobaccoForm: mat('烟草专卖零售许可证申请表', 2, 3, 'online', '经营者签署'),
  cultureForm: mat('文化市场经营许可（备案）申请表', 2, 3, 'online', '法定代表人或经营者签署；营业性演出另附演员名单和节目内容'),
  netSecurity: mat('信息网络安全和经营管理技术措施说明', 2, 1, 'applicant', '含计算机台数、实名登记系统和过滤软件'),
  sportsForm: mat('高危险性体育项目经营许可申请表', 2, 1, 'applicant', '法定代表人签署'),
  lifeguards: mat('社会体育指导人员和救助人员职业资格证明', 1, 3, 'government', '原件，数量符合国家标准', '体育主管部门'),
  agriForm: mat('农业行政许可申请表', 2, 1, 'applicant', '法定代表人或经营者签署，注明申请事项（农药、兽药经营或动物诊疗）'),
  vetLicence: mat('兽医或兽药专业技术人员资格证明', 1, 1, 'government', '执业兽医资格证书或相关专业学历证明', '农业农村主管部门'),
  safetyForm: mat('安全生产行政许可申请书', 2, 1, 'applicant', '法定代表人或经营者签署，注明申请事项（危险化学品或烟花爆竹经营）'),
  safetyRules: mat('安全生产管理制度和岗位操作规程', 2, 1, 'applicant', '加盖公章'),
  safetyCert: mat('主要负责人和安全生产管理人员安全合格证明', 1, 3, 'government', '在有效期内', '应急管理部门'),
  // C 投资建设项目
  projectFiling: mat('项目备案信息表', 2, 2, 'online', '通过投资项目在线审批监管平台填报'),
  projectApproval: mat('项目审批、核准或备案文件', 1, 3, 'government', '在有效期内', '投资主管部门'),
  landContract: mat('国有建设用地使用权出让合同或划拨决定书', 1, 1, 'government', '原件', '自然资源主管部门'),
  designPlan: mat('建设工程设计方案（总平面图）', 3, 3, 'applicant', '具有资质的设计单位出具，加盖出图章'),
  planningPermit: mat('建设工程规划许可证', 1, 3, 'government', '原件及附件', '城乡规划主管部门'),
  projectForm: mat('工程建设项目审批申请表', 2, 3, 'online', '通过工程建设项目审批管理系统填报，建设单位盖章；按阶段注明申请事项'),
  constructionContract: mat('施工合同', 2, 1, 'applicant', '建设单位和施工单位签章'),
  fundingPledge: mat('建设资金已经落实承诺书', 2, 1, 'applicant', '建设单位法定代表人签署'),
  drawingReview: mat('施工图设计文件审查合格书', 1, 3, 'applicant', '审查机构出具'),
  fireDesign: mat('建设工程消防设计文件', 3, 3, 'applicant', '具有资质的设计单位出具'),
  completionReport: mat('工程竣工验收报告', 2, 1, 'applicant', '建设、勘察、设计、施工、监理单位签章'),
  eiaReport: mat('建设项目环境影响报告表', 3, 3, 'applicant', '编制单位和编制人员信息在环境影响评价信用平台可查'),
  eiaRegistration: mat('建设项目环境影响登记表', 2, 2, 'online', '网上填报'),
  soilPlan: mat('生产建设项目水土保持方案报告书（表）', 3, 3, 'applicant', '附专家评审意见'),
  waterIntakeForm: mat('取水许可申请书及水资源论证报告', 3, 1, 'applicant', '建设单位盖章'),
  sewerForm: mat('城镇污水排入排水管网许可申请表', 2, 3, 'online', '排水户盖章；餐饮排水户附隔油设施说明'),
  roadWorksForm: mat('占用、挖掘城市道路申请表及施工方案', 2, 1, 'applicant', '附施工平面图和交通组织方案'),
  greenForm: mat('占用城市绿地、砍伐迁移城市树木申请表', 2, 1, 'applicant', '附绿化补偿方案'),
  floodReport: mat('洪水影响评价报告', 3, 1, 'applicant', '附专家评审意见'),
  tempLandForm: mat('临时用地申请及土地复垦方案', 3, 1, 'applicant', '附土地权利人同意意见'),
  airDefenceDesign: mat('防空地下室设计文件', 3, 1, 'applicant', '具有人防设计资质的单位出具'),
  emergencyPlan: mat('生产安全事故应急预案', 3, 1, 'applicant', '经评审或论证，主要负责人签署公布'),
  // D 不动产登记
  realtyForm: mat('不动产登记申请书', 2, 3, 'online', '全体申请人签字或盖章'),
  realtyCert: mat('不动产权证书（房屋所有权证）', 1, 1, 'government', '原件', '不动产登记机构'),
  saleContract: mat('不动产买卖合同（网签合同）', 2, 3, 'government', '经网签备案，可通过系统共享调取', '房产管理部门'),
  deedTax: mat('契税完税或减免税凭证', 1, 2, 'government', '通过税务部门信息共享获取', '税务机关'),
  marriage: mat('婚姻关系证明（结婚证、离婚证或婚姻状况声明）', 1, 3, 'applicant', '原件；无法提供的可书面声明替代'),
  inheritance: mat('继承、受遗赠证明材料', 1, 1, 'applicant', '继承权公证书、生效法律文书或全体继承人到场签署的继承协议'),
  giftContract: mat('赠与合同', 2, 1, 'applicant', '赠与人和受赠人签署'),
  divorceAgreement: mat('离婚协议书或人民法院生效法律文书', 1, 1, 'applicant', '原件，载明不动产归属'),
  mortgageContract: mat('抵押合同及主债权合同', 2, 1, 'applicant', '原件，抵押人和抵押权人签章'),
  realtyProof: mat('不动产登记证明', 1, 1, 'government', '原件', '不动产登记机构'),
  survey: mat('不动产权籍调查表、宗地图及房屋平面图', 3, 3, 'applicant', '具有测绘资质的单位出具'),
  landPremium: mat('土地出让价款缴清证明', 1, 1, 'government', '原件', '自然资源主管部门'),
  courtOrder: mat('人民法院协助执行通知书及裁定书', 1, 1, 'government', '原件，送达人员出示工作证件', '人民法院'),
  interestProof: mat('利害关系证明材料', 3, 1, 'applicant', '能证明申请人与登记事项存在利害关系'),
  homesteadApproval: mat('宅基地批准文件', 1, 1, 'government', '原件', '乡镇人民政府'),
  residenceRight: mat('居住权合同或遗嘱', 2, 1, 'applicant', '原件，载明居住条件和期限'),
  easement: mat('地役权合同', 2, 1, 'applicant', '原件，需役地和供役地权利人签署'),
  queryForm: mat('登记档案（资料）查询申请表', 2, 1, 'applicant', '载明查询目的和查询事项'),
  // E 社会事务
  marriageStatement: mat('申请结婚登记声明书', 2, 1, 'applicant', '当事人在婚姻登记员面前亲自签署'),
  couplePhoto: mat('近期二寸双人合影照片', 3, 1, 'applicant', '红色背景，半身免冠'),
  divorceForm: mat('离婚登记申请书及离婚协议书', 2, 1, 'applicant', '双方亲自签署'),
  marriageCert: mat('结婚证', 1, 1, 'government', '原件', '婚姻登记机关'),
  aidForm: mat('社会救助申请书', 2, 3, 'online', '申请人签字；可由村（居）委会代为提出'),
  incomeStatement: mat('家庭经济状况声明及授权核对书', 2, 1, 'applicant', '共同生活的家庭成员签字'),
  disabledCert: mat('中华人民共和国残疾人证', 1, 3, 'government', '原件，第二代残疾人证', '残疾人联合会'),
  allowanceForm: mat('老年人、残疾人福利补贴申请表', 2, 3, 'online', '申请人或监护人签字'),
  bankCard: mat('本人社会保障卡或银行账户信息', 1, 1, 'applicant', '本人名下账户'),
  orgForm: mat('社会组织登记申请书', 2, 3, 'online', '拟任负责人签署'),
  orgCharter: mat('社会组织章程（草案）', 2, 1, 'applicant', '经会员大会或举办者通过'),
  sponsorApproval: mat('业务主管单位审查同意文件', 1, 1, 'government', '原件', '业务主管单位'),
  capitalProof: mat('开办资金（验资）证明', 1, 1, 'applicant', '会计师事务所出具的验资报告或银行存款证明'),
  doctorQual: mat('医师资格证书', 1, 1, 'government', '原件', '卫生健康主管部门'),
  medicalExam: mat('体检合格证明', 1, 1, 'government', '六个月内，县级以上医疗机构出具', '医疗机构'),
  nurseExam: mat('护士执业资格考试成绩合格证明', 1, 2, 'government', '考试管理机构出具', '国家卫生健康委人才交流服务中心'),
  clinicForm: mat('医疗机构执业登记（备案）申请书', 2, 3, 'online', '法定代表人或主要负责人签署'),
  clinicRules: mat('医疗机构规章制度和人员名单', 2, 1, 'applicant', '含医疗质量安全核心制度'),
  birthCert: mat('出生医学证明', 1, 3, 'government', '原件；助产机构签发，可电子共享', '助产机构'),
  schoolForm: mat('民办学校设立申请报告', 2, 1, 'applicant', '载明举办者、培养目标、办学规模、办学条件'),
  founderProof: mat('举办者资格证明文件', 1, 1, 'applicant', '自然人提交身份证件，单位提交登记证书'),
  schoolSafety: mat('校舍安全及消防、卫生评价证明', 1, 1, 'applicant', '房屋安全鉴定报告和消防、卫生意见'),
  teacherForm: mat('教师资格认定申请表', 2, 3, 'online', '网上报名后打印签字'),
  diploma: mat('学历证书', 1, 2, 'government', '学信网可查', '高等学校'),
  mandarin: mat('普通话水平测试等级证书', 1, 2, 'government', '二级乙等及以上', '语言文字工作部门'),
  dischargeCert: mat('退出现役证明', 1, 1, 'government', '原件', '军队团级以上单位'),
  veteranForm: mat('退役军人事务申请表', 2, 3, 'online', '本人或代理人签字，注明申请事项（报到、优待证、抚恤补助）'),
  disabilityForm: mat('残疾人业务申请表', 2, 1, 'applicant', '本人或监护人签字，注明申请事项'),
  disabilityAssessment: mat('残疾评定表', 1, 1, 'government', '指定医疗机构评定医生签字', '残疾评定医疗机构'),
  deathCert: mat('居民死亡医学证明（推断）书', 1, 3, 'government', '原件', '医疗卫生机构'),
  // F 人社医保公积金
  insuranceForm: mat('社会保险参保登记表', 2, 3, 'online', '单位盖章或本人签字'),
  laborContract: mat('劳动（聘用）合同或聘用证明', 2, 1, 'applicant', '双方签章'),
  retireForm: mat('职工退休申请表', 2, 1, 'applicant', '单位盖章，本人签字'),
  personnelFile: mat('职工人事档案', 1, 1, 'applicant', '原件，由档案保管单位报送'),
  severance: mat('解除或终止劳动合同证明', 1, 1, 'applicant', '单位盖章'),
  injuryForm: mat('工伤认定申请表', 2, 1, 'applicant', '单位或本人签字'),
  diagnosis: mat('医疗诊断证明', 1, 1, 'government', '医疗机构出具', '医疗机构'),
  ssCard: mat('社会保障卡', 1, 3, 'government', '原件；电子社保卡可替代', '人力资源社会保障部门'),
  medicalForm: mat('医疗保障业务申请表', 2, 3, 'online', '单位盖章或本人签字'),
  receipts: mat('医疗费用票据及费用明细清单', 1, 1, 'applicant', '原件'),
  fundForm: mat('住房公积金业务申请表', 2, 3, 'online', '单位盖章或本人签字'),
  lease: mat('房屋租赁合同', 2, 1, 'applicant', '经网签备案或附出租人产权证明'),
  loanForm: mat('住房公积金个人住房贷款申请表及借款合同', 2, 1, 'applicant', '借款人及共同借款人签字'),
  laborPermitForm: mat('劳动保障行政许可申请书', 2, 1, 'applicant', '法定代表人签署，注明申请事项（劳务派遣、人力资源服务、特殊工时）'),
  // G 税务
  taxInfoForm: mat('新办纳税人涉税事项综合申请表', 2, 3, 'online', '通过电子税务局填报'),
  invoiceForm: mat('发票领用申请表', 2, 2, 'online', '通过电子税务局填报'),
  taxClearForm: mat('清税申报表', 2, 3, 'online', '纳税人签章'),
  vatForm: mat('增值税一般纳税人登记表', 2, 2, 'online', '通过电子税务局填报'),
  deedTaxForm: mat('契税纳税申报表', 2, 3, 'online', '纳税人签章'),
  taxReturn: mat('纳税申报表', 2, 3, 'online', '纳税人签章'),
  vehicleCert: mat('机动车整车出厂合格证明', 1, 1, 'applicant', '原件'),
  vehicleInvoice: mat('机动车销售统一发票', 1, 1, 'applicant', '原件'),
  financials: mat('资产负债表及货币资金余额情况', 3, 1, 'applicant', '所属期最近一期，纳税人签章'),
  // H 公安与公用事业
  idForm: mat('居民身份证申领登记表', 2, 1, 'applicant', '窗口现场采集人像和指纹后本人确认签字'),
  moveCert: mat('户口迁移证明或准予迁入证明', 1, 3, 'government', '原件，在有效期内', '公安机关'),
  residenceProof: mat('居住证明', 1, 3, 'applicant', '房屋租赁合同或单位出具的居住证明；可书面承诺替代'),
  exitForm: mat('出入境证件申请表', 2, 1, 'applicant', '窗口现场采集人像和指纹后本人签字'),
  passport: mat('原出入境证件', 1, 1, 'government', '原件（换发时交回）', '公安机关出入境管理机构'),
  insurancePolicy: mat('机动车交通事故责任强制保险凭证', 1, 2, 'government', '在有效期内，可联网核查', '保险公司'),
  vehicleReg: mat('机动车登记证书', 1, 1, 'government', '原件', '公安机关交通管理部门'),
  driverLicence: mat('机动车驾驶证', 1, 1, 'government', '原件', '公安机关交通管理部门'),
  sealForm: mat('印章刻制备案信息表', 2, 2, 'online', '企业开办一网通办平台自动生成'),
  utilityForm: mat('水电气暖报装（过户）申请表', 2, 3, 'online', '一表申请，供水、供电、供气、供热单位共享'),
  utilityClear: mat('原户主费用结清凭证', 1, 3, 'government', '供水、供电、供气、供热单位系统核验', '公用事业单位'),
  // Added with the 容缺 review (appended: the codes above stay as they were). Non-key papers the
  // published 容缺 lists let applicants supply after acceptance.
  sitePhotos: mat('经营场所照片', 3, 3, 'applicant', '门头、经营区和仓储区彩色照片各1张，能看清招牌和主要设施；可上传电子照片'),
  equipmentList: mat('主要设备设施清单及布局说明', 3, 1, 'applicant', '列明设备设施名称、数量和摆放位置，与平面布局图一致，申请人签字或盖章'),
  eiaCopy: mat('环境影响评价审批意见或登记表备案回执', 1, 3, 'government', '复印件，与申请项目一致；依法可告知承诺的，可先签署承诺书、限期补交', '生态环境主管部门'),
} satisfies Record<string, MaterialDraft>;
type MaterialKey = keyof typeof MATERIALS;

const MATERIAL_CODES = new Map<MaterialKey, string>(
  (Object.keys(MATERIALS) as MaterialKey[]).map((k, i) => [k, `M${String(i + 1).padStart(3, '0')}`]),
);

// How a matter asks for a material: required / optional / deferrable (容缺后补, with the working days
// the applicant gets to supply it), originals and copies, and whether the applicant's signed
// commitment may replace it (告知承诺).
interface Use {
  key: MaterialKey;
  necessity: MaterialNecessity;
  originals: number;
  copies: number;
  commitmentAllowed: boolean;
  deferralDays?: number;
}
const req = (key: MaterialKey, originals = 1, copies = 0): Use => ({ key, necessity: 'required', originals, copies, commitmentAllowed: false });
const cp = (key: MaterialKey, copies = 1): Use => req(key, 0, copies);
const opt = (key: MaterialKey, originals = 1, copies = 0): Use => ({ ...req(key, originals, copies), necessity: 'optional' });
const later = (key: MaterialKey, deferralDays: number, originals = 1, copies = 0): Use => ({ ...req(key, originals, copies), necessity: 'deferrable', deferralDays });
const pledge = (u: Use): Use => ({ ...u, commitmentAllowed: true });

// ---------------------------------------------------------------------------------------------
// Matters
// ---------------------------------------------------------------------------------------------

type Form = Matter['handlingForms'][number];
type ServiceObject = Matter['serviceObjects'][number];

interface Draft {
  name: string;
  zone: ZoneCode;
  dept: DeptKey;
  type: MatterTypeCode;
  caseType: CaseType;
  /** 法定办结时限 in working days; the promised limit is derived (one third, at least 1). */
  statutory: number;
  /** The fee basis when the matter is charged. */
  fee?: string;
  visits: number;
  forms: Form[];
  objects: ServiceObject[];
  town?: boolean;
  law: string;
  materials: Use[];
}
type Base = Omit<Draft, 'name' | 'materials'>;
const d = (base: Base, name: string, materials: Use[], over: Partial<Base> = {}): Draft => ({ ...base, ...over, name, materials });

const ONLINE: Form[] = [1, 2, 3];
const IN_PERSON: Form[] = [1];
const IN_PERSON_POST: Form[] = [1, 4];
const PERSON: ServiceObject[] = [1];
const BUSINESS: ServiceObject[] = [2];
const PERSON_OR_BUSINESS: ServiceObject[] = [1, 2];
const BODIES: ServiceObject[] = [2, 3, 4, 6];
const PROMISED = { caseType: 'promised' as const };

// A 商事登记 -----------------------------------------------------------------------------------
const REG = '《中华人民共和国市场主体登记管理条例》';
const COMPANY_LAW = '《中华人民共和国公司法》';
const a: Base = {
  zone: 'A', dept: 'approval', type: '01', caseType: 'immediate', statutory: 3, visits: 0, forms: ONLINE, objects: BUSINESS,
  law: `${REG}第三条、第十九条`,
};
const aSet = { ...a, ...PROMISED, law: `${REG}第三条、第二十一条；${COMPANY_LAW}第二十九条` };
const aChange = { ...a, law: `${REG}第二十四条；${COMPANY_LAW}第三十四条` };
const aClose = { ...a, law: `${REG}第三十一条` };
const A: Draft[] = [
  d(aSet, '有限责任公司设立登记', [req('companyForm'), req('charter'), cp('shareholderId'), req('officers'), pledge(cp('premises')), req('id', 1, 1), opt('proxy')]),
  d(aChange, '有限责任公司变更登记', [req('companyForm'), req('resolution'), req('charterAmend'), req('license'), pledge(opt('premises', 0, 1)), opt('proxy')]),
  d(aClose, '有限责任公司注销登记', [req('companyForm'), req('resolution'), req('liquidation'), req('license'), opt('proxy')], { law: `${REG}第三十一条；${COMPANY_LAW}第二百三十九条` }),
  d(a, '有限责任公司备案（章程、董事、监事、经理）', [req('companyForm'), req('resolution'), opt('officers'), opt('charterAmend'), opt('proxy')], { type: '10', law: `${REG}第九条` }),
  d(aSet, '股份有限公司设立登记', [req('companyForm'), req('charter'), cp('shareholderId'), req('officers'), pledge(cp('premises')), req('id', 1, 1), opt('proxy')]),
  d(aChange, '股份有限公司变更登记', [req('companyForm'), req('resolution'), req('charterAmend'), req('license'), opt('proxy')]),
  d(aClose, '股份有限公司注销登记', [req('companyForm'), req('resolution'), req('liquidation'), req('license'), opt('proxy')]),
  d(a, '分公司设立登记', [req('companyForm'), cp('license'), req('branchHead'), pledge(cp('premises')), req('id', 1, 1), opt('proxy')], { law: `${REG}第三条；${COMPANY_LAW}第十三条` }),
  d(aChange, '分公司变更登记', [req('companyForm'), req('license'), opt('branchHead'), opt('proxy')]),
  d(aClose, '分公司注销登记', [req('companyForm'), req('license'), req('resolution'), opt('proxy')]),
  d(a, '非公司企业法人设立登记', [req('enterpriseForm'), req('funderApproval'), req('officers'), pledge(cp('premises')), req('id', 1, 1), opt('proxy')], { law: `${REG}第三条、第二十一条` }),
  d(a, '非公司企业法人变更登记', [req('enterpriseForm'), req('funderApproval'), req('license'), opt('proxy')], { law: `${REG}第二十四条` }),
  d(aClose, '非公司企业法人注销登记', [req('enterpriseForm'), req('funderApproval'), req('liquidation'), req('license')]),
  d(aSet, '合伙企业设立登记', [req('partnerForm'), req('partnership'), req('partnerMandate'), cp('id', 1), pledge(cp('premises')), opt('proxy')], { law: `${REG}第三条；《中华人民共和国合伙企业法》第九条` }),
  d(a, '合伙企业变更登记', [req('partnerForm'), req('partnership'), req('license'), opt('proxy')], { law: `${REG}第二十四条；《中华人民共和国合伙企业法》第十三条` }),
  d(a, '合伙企业注销登记', [req('partnerForm'), req('liquidation'), req('license'), opt('proxy')], { law: `${REG}第三十一条；《中华人民共和国合伙企业法》第九十条` }),
  d(a, '合伙企业分支机构设立登记', [req('partnerForm'), cp('license'), req('branchHead'), pledge(cp('premises')), req('id', 1, 1)], { law: `${REG}第二条、第三条` }),
  d(a, '合伙企业分支机构变更登记', [req('partnerForm'), req('license'), opt('branchHead'), opt('proxy')], { law: `${REG}第二十四条` }),
  d(aClose, '合伙企业分支机构注销登记', [req('partnerForm'), req('license'), opt('proxy')]),
  d(aSet, '个人独资企业设立登记', [req('soleForm'), req('id', 1, 1), pledge(cp('premises')), opt('proxy')], { law: `${REG}第三条；《中华人民共和国个人独资企业法》第九条` }),
  d(a, '个人独资企业变更登记', [req('soleForm'), req('license'), req('id'), opt('proxy')], { law: `${REG}第二十四条；《中华人民共和国个人独资企业法》第十五条` }),
  d(a, '个人独资企业注销登记', [req('soleForm'), req('liquidation'), req('license'), req('id')], { law: `${REG}第三十一条；《中华人民共和国个人独资企业法》第三十二条` }),
  d(a, '个人独资企业分支机构设立登记', [req('soleForm'), cp('license'), req('branchHead'), pledge(cp('premises'))], { law: `${REG}第三条；《中华人民共和国个人独资企业法》第十四条` }),
  d(a, '个人独资企业分支机构变更登记', [req('soleForm'), req('license'), opt('branchHead'), opt('proxy')], { law: `${REG}第二十四条` }),
  d(aClose, '个人独资企业分支机构注销登记', [req('soleForm'), req('license'), opt('proxy')]),
  d(a, '个体工商户设立登记', [req('selfEmployedForm'), req('id', 1, 1), pledge(cp('premises')), opt('proxy')], {
    objects: PERSON, town: true, law: `${REG}第三条、第二十一条；《促进个体工商户发展条例》`,
  }),
  d(a, '个体工商户变更登记', [req('selfEmployedForm'), req('license'), req('id'), pledge(opt('premises', 0, 1)), opt('proxy')], { objects: PERSON, law: `${REG}第二十四条；《促进个体工商户发展条例》` }),
  d(a, '个体工商户注销登记', [req('selfEmployedForm'), req('license'), req('id'), opt('proxy')], { objects: PERSON, law: `${REG}第三十一条；《促进个体工商户发展条例》` }),
  d(a, '农民专业合作社设立登记', [req('coopForm'), req('coopMeeting'), req('coopMembers'), req('officers'), pledge(cp('premises')), req('id', 1, 1)], {
    objects: [6], law: `${REG}第三条；《中华人民共和国农民专业合作社法》第十六条`,
  }),
  d(a, '农民专业合作社变更登记', [req('coopForm'), req('coopMeeting'), req('license'), opt('coopMembers')], { objects: [6], law: `${REG}第二十四条；《中华人民共和国农民专业合作社法》` }),
  d(aClose, '农民专业合作社注销登记', [req('coopForm'), req('liquidation'), req('license'), req('coopMeeting')], { objects: [6] }),
  d(a, '农民专业合作社分支机构设立登记', [req('coopForm'), cp('license'), req('branchHead'), pledge(cp('premises'))], { objects: [6], law: `${REG}第二条、第三条` }),
  d(a, '农民专业合作社分支机构变更登记', [req('coopForm'), req('license'), opt('branchHead')], { objects: [6], law: `${REG}第二十四条` }),
  d(aClose, '农民专业合作社分支机构注销登记', [req('coopForm'), req('license'), opt('proxy')], { objects: [6] }),
  d(aSet, '外商投资企业设立登记', [req('companyForm'), req('charter'), req('foreignInvestor'), req('officers'), pledge(cp('premises')), opt('proxy')], {
    law: `${REG}第三条、第二十一条；《中华人民共和国外商投资法》第三十一条`,
  }),
  d(aChange, '外商投资企业变更登记', [req('companyForm'), req('resolution'), req('charterAmend'), req('license'), opt('foreignInvestor')]),
  d(aClose, '外商投资企业注销登记', [req('companyForm'), req('resolution'), req('liquidation'), req('license')]),
  d(a, '企业简易注销登记', [req('companyForm'), req('simpleDeregPledge'), req('license'), opt('proxy')], { law: `${REG}第三十三条` }),
  d(a, '个体工商户简易注销登记', [req('selfEmployedForm'), req('simpleDeregPledge'), req('license'), req('id')], { objects: PERSON, law: `${REG}第三十三条` }),
  d(a, '市场主体歇业备案', [req('companyForm'), req('resolution'), cp('license'), opt('proxy')], { type: '10', objects: PERSON_OR_BUSINESS, law: `${REG}第三十条` }),
  d(a, '营业执照遗失补领、换发', [req('companyForm'), req('lossNotice'), req('id'), opt('proxy')], {
    type: '20', objects: PERSON_OR_BUSINESS, law: '《中华人民共和国市场主体登记管理条例实施细则》',
  }),
  d(a, '股权出质设立登记', [req('pledgeForm'), req('pledgeContract'), cp('shareholderId'), req('id', 1, 1), opt('proxy')], {
    type: '07', objects: PERSON_OR_BUSINESS, law: '《中华人民共和国民法典》第四百四十三条；《股权出质登记办法》',
  }),
  d(a, '股权出质变更登记', [req('pledgeForm'), req('pledgeContract'), req('id', 1, 1), opt('proxy')], { type: '07', objects: PERSON_OR_BUSINESS, law: '《股权出质登记办法》' }),
  d(a, '股权出质注销登记', [req('pledgeForm'), req('id', 1, 1), opt('proxy')], { type: '07', objects: PERSON_OR_BUSINESS, law: '《股权出质登记办法》' }),
  d(a, '企业登记档案查询', [req('queryForm'), req('id'), opt('proxy'), opt('license', 0, 1)], {
    dept: 'market', type: '20', statutory: 1, objects: [1, 2, 3, 4, 5, 6], law: '《企业登记档案资料查询办法》',
  }),
];

// B 市场准入与经营许可 ---------------------------------------------------------------------------
const FOOD = '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》';
const SMALL_FOOD = '《山东省食品小作坊小餐饮和食品摊点管理条例》';
const b: Base = {
  zone: 'B', dept: 'approval', type: '01', caseType: 'promised', statutory: 20, visits: 0, forms: ONLINE, objects: PERSON_OR_BUSINESS, law: FOOD,
};
const bFood = { ...b, statutory: 10 };
const bClose = { ...b, caseType: 'immediate' as const };
const B: Draft[] = [
  // 容缺: the layout, equipment list, rules and health certificates are checked on site after acceptance.
  d(bFood, '食品经营许可（新办）', [
    req('foodForm'), cp('license'), pledge(cp('premises')), later('layout', 2), later('equipmentList', 3), later('foodRules', 2), later('healthCert', 3, 0, 1), req('id', 1, 1),
  ], { visits: 1 }),
  d(bFood, '食品经营许可（变更）', [req('foodForm'), req('permit'), cp('license'), opt('layout'), req('id')]),
  d(bFood, '食品经营许可（延续）', [req('foodForm'), req('permit'), cp('license'), later('foodRules', 2), req('id')]),
  d({ ...bFood, caseType: 'immediate' }, '食品经营许可（注销）', [req('foodForm'), req('permit'), req('id')]),
  d(bClose, '仅销售预包装食品备案', [req('prepackForm'), cp('license'), req('id'), pledge(opt('premises', 0, 1))], { type: '10', statutory: 1 }),
  d(bFood, '食品经营许可（小餐饮）新办', [req('smallFoodForm'), cp('license'), pledge(cp('premises')), later('layout', 2), later('healthCert', 3, 0, 1), later('sitePhotos', 1, 0, 1), req('id', 1, 1)], {
    objects: PERSON, town: true, visits: 1, law: SMALL_FOOD,
  }),
  d(bFood, '食品经营许可（小餐饮）延续', [req('smallFoodForm'), req('permit'), cp('license'), later('healthCert', 3, 0, 1), req('id')], { objects: PERSON, law: SMALL_FOOD }),
  d(bFood, '食品小作坊登记（新办）', [req('smallFoodForm'), cp('license'), pledge(cp('premises')), later('foodProcess', 3), later('healthCert', 3, 0, 1), later('sitePhotos', 1, 0, 1), req('id', 1, 1)], {
    objects: PERSON, visits: 1, law: SMALL_FOOD,
  }),
  d(bFood, '食品小作坊登记（延续）', [req('smallFoodForm'), req('permit'), later('healthCert', 3, 0, 1), req('id')], { objects: PERSON, law: SMALL_FOOD }),
  d(b, '食品生产许可（新办）', [req('foodProdForm'), cp('license'), req('foodProcess'), later('layout', 5), later('foodRules', 5), later('healthCert', 5, 0, 1), req('id', 1, 1)], {
    objects: BUSINESS, visits: 1, law: '《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》',
  }),
  d(b, '食品生产许可（变更）', [req('foodProdForm'), req('permit'), opt('foodProcess'), req('id')], { objects: BUSINESS, law: '《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》' }),
  d(b, '食品生产许可（延续）', [req('foodProdForm'), req('permit'), later('foodRules', 5), req('id')], { objects: BUSINESS, law: '《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》' }),
  ...((): Draft[] => {
    const drug = { ...b, objects: BUSINESS, law: '《中华人民共和国药品管理法》第五十一条；《药品经营和使用质量监督管理办法》' };
    return [
      // The pharmacist is what the licence rests on; the layout, rules and photos may follow.
      d(drug, '药品零售企业经营许可（新办）', [
        req('drugForm'), cp('license'), pledge(cp('premises')), later('layout', 5), req('pharmacist', 1, 1), later('drugQuality', 5), later('sitePhotos', 3, 0, 1), req('id', 1, 1),
      ], { visits: 1 }),
      d(drug, '药品零售企业经营许可（变更）', [req('drugForm'), req('permit'), opt('pharmacist', 1, 1), opt('layout'), req('id')]),
      d(drug, '药品零售企业经营许可（换发）', [req('drugForm'), req('permit'), later('drugQuality', 5), req('id')]),
      d({ ...drug, caseType: 'immediate' }, '药品零售企业经营许可（注销）', [req('drugForm'), req('permit'), req('id')]),
    ];
  })(),
  d(bClose, '第二类医疗器械经营备案', [req('deviceForm'), cp('license'), pledge(cp('premises')), req('deviceQuality'), req('id')], {
    type: '10', statutory: 1, objects: BUSINESS, law: '《医疗器械监督管理条例》第四十一条',
  }),
  d(b, '第三类医疗器械经营许可（新办）', [req('deviceForm'), cp('license'), pledge(cp('premises')), later('layout', 5), later('deviceQuality', 5), req('id', 1, 1)], {
    objects: BUSINESS, visits: 1, law: '《医疗器械监督管理条例》第四十二条',
  }),
  d(b, '第三类医疗器械经营许可（变更）', [req('deviceForm'), req('permit'), opt('layout'), req('id')], { objects: BUSINESS, law: '《医疗器械监督管理条例》第四十二条' }),
  ...((): Draft[] => {
    const hygiene = { ...b, law: '《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》' };
    return [
      // The test report may be replaced by a commitment (告知承诺) or supplied within 5 working days.
      d(hygiene, '公共场所卫生许可（新办）', [
        req('hygieneForm'), cp('license'), later('layout', 4), later('hygieneRules', 5), later('healthCert', 5, 0, 1), pledge(later('hygieneReport', 5)), req('id', 1, 1),
      ], { visits: 1 }),
      d(hygiene, '公共场所卫生许可（变更）', [req('hygieneForm'), req('permit'), opt('layout'), req('id')]),
      d(hygiene, '公共场所卫生许可（延续）', [req('hygieneForm'), req('permit'), pledge(later('hygieneReport', 5)), later('healthCert', 5, 0, 1), req('id')]),
      d({ ...hygiene, caseType: 'immediate' }, '公共场所卫生许可（注销）', [req('hygieneForm'), req('permit'), req('id')]),
    ];
  })(),
  ...((): Draft[] => {
    const hotel = { ...b, dept: 'police' as const, law: '《旅馆业治安管理办法》第四条；《国务院对确需保留的行政审批项目设定行政许可的决定》' };
    return [
      // The security arrangements are what the police decide on; the fire-safety opinion may be
      // committed to (消防法 art. 15) or supplied within 5 working days.
      d(hotel, '特种行业许可证核发（旅馆业）', [
        req('hotelForm'), cp('license'), pledge(cp('premises')), later('layout', 5), req('hotelSecurity'), pledge(later('fireCheck', 5, 0, 1)), later('sitePhotos', 3, 0, 1), req('id', 1, 1),
      ], { visits: 1 }),
      d(hotel, '特种行业许可证变更（旅馆业）', [req('hotelForm'), req('permit'), opt('layout'), req('id')]),
      d({ ...hotel, caseType: 'immediate' }, '特种行业许可证注销（旅馆业）', [req('hotelForm'), req('permit'), req('id')]),
    ];
  })(),
  ...((): Draft[] => {
    const tobacco = { ...b, dept: 'market' as const, law: '《中华人民共和国烟草专卖法》第十六条；《中华人民共和国烟草专卖法实施条例》' };
    return [
      d(tobacco, '烟草专卖零售许可证（新办）', [req('tobaccoForm'), cp('license'), pledge(cp('premises')), later('sitePhotos', 3, 0, 1), req('id', 1, 1)], { visits: 1 }),
      d(tobacco, '烟草专卖零售许可证（变更）', [req('tobaccoForm'), req('permit'), req('id')]),
      d(tobacco, '烟草专卖零售许可证（延续）', [req('tobaccoForm'), req('permit'), cp('license'), req('id')]),
    ];
  })(),
  d(b, '出版物零售业务经营许可', [req('cultureForm'), cp('license'), pledge(cp('premises')), later('sitePhotos', 4, 0, 1), req('id', 1, 1)], { law: '《出版管理条例》第三十七条；《出版物市场管理规定》' }),
  d(b, '出版物零售业务经营许可变更', [req('cultureForm'), req('permit'), req('id')], { law: '《出版管理条例》第三十七条；《出版物市场管理规定》' }),
  ...((): Draft[] => {
    const cafe = { ...b, objects: BUSINESS, law: '《互联网上网服务营业场所管理条例》第七条、第十一条' };
    return [
      d(cafe, '互联网上网服务营业场所经营单位设立审批', [
        req('cultureForm'), cp('license'), pledge(cp('premises')), later('layout', 5), req('netSecurity'), pledge(later('fireCheck', 5, 0, 1)), later('sitePhotos', 3, 0, 1), req('id', 1, 1),
      ], { visits: 1 }),
      d(cafe, '互联网上网服务营业场所经营单位变更审批', [req('cultureForm'), req('permit'), opt('layout'), req('id')]),
      d({ ...cafe, caseType: 'immediate' }, '互联网上网服务营业场所经营单位注销', [req('cultureForm'), req('permit'), req('id')]),
    ];
  })(),
  d(b, '娱乐场所经营许可', [req('cultureForm'), cp('license'), pledge(cp('premises')), later('layout', 5), pledge(later('fireCheck', 5, 0, 1)), req('id', 1, 1)], {
    objects: BUSINESS, visits: 1, law: '《娱乐场所管理条例》第九条',
  }),
  d(b, '高危险性体育项目经营许可（游泳）', [req('sportsForm'), cp('license'), req('lifeguards', 1, 1), pledge(cp('premises')), later('layout', 7), req('id', 1, 1)], {
    statutory: 30, objects: BUSINESS, visits: 1, law: '《全民健身条例》第三十二条；《经营高危险性体育项目许可管理办法》',
  }),
  d(b, '农药经营许可', [req('agriForm'), cp('license'), pledge(cp('premises')), later('layout', 5), later('sitePhotos', 3, 0, 1), req('id', 1, 1)], { dept: 'agri', visits: 1, law: '《农药管理条例》第二十四条' }),
  d(b, '兽药经营许可（非生物制品类）', [req('agriForm'), cp('license'), pledge(cp('premises')), later('layout', 5), req('vetLicence', 0, 1), req('id', 1, 1)], { dept: 'agri', visits: 1, law: '《兽药管理条例》第二十二条' }),
  // The safety qualification of the people in charge is what the permit rests on; the rules and
  // the emergency plan may follow.
  d(b, '危险化学品经营许可（不带储存设施）', [
    req('safetyForm'), cp('license'), pledge(cp('premises')), later('safetyRules', 7), later('emergencyPlan', 7), req('safetyCert', 0, 1), req('id', 1, 1),
  ], {
    dept: 'emergency', statutory: 30, objects: BUSINESS, visits: 1, law: '《危险化学品安全管理条例》第三十三条、第三十五条',
  }),
  d(b, '烟花爆竹经营（零售）许可', [req('safetyForm'), cp('license'), pledge(cp('premises')), req('safetyCert', 0, 1), later('sitePhotos', 3, 0, 1), req('id', 1, 1)], {
    dept: 'emergency', visits: 1, law: '《烟花爆竹安全管理条例》；《烟花爆竹经营许可实施办法》',
  }),
];

// C 投资建设项目 ---------------------------------------------------------------------------------
const PLANNING = '《中华人民共和国城乡规划法》';
const c: Base = {
  zone: 'C', dept: 'approval', type: '01', caseType: 'promised', statutory: 20, visits: 0, forms: ONLINE, objects: [2, 3, 5], law: PLANNING,
};
const cFiling = { ...c, type: '10' as const, caseType: 'immediate' as const, statutory: 1 };
const C: Draft[] = [
  d(cFiling, '企业投资项目备案', [req('projectFiling'), cp('license'), cp('id')], { law: '《企业投资项目核准和备案管理条例》第十三条' }),
  d(cFiling, '企业投资项目备案变更', [req('projectFiling'), req('projectApproval'), cp('license')], { law: '《企业投资项目核准和备案管理条例》第十四条' }),
  d(c, '建设项目用地预审与选址意见书核发', [req('projectForm'), cp('license'), opt('projectApproval', 0, 1), req('designPlan')], {
    dept: 'land', law: `《中华人民共和国土地管理法》第五十二条；${PLANNING}第三十六条`,
  }),
  d(c, '建设用地规划许可证核发', [req('projectForm'), req('projectApproval', 0, 1), req('landContract', 0, 1), req('designPlan')], { dept: 'land', law: `${PLANNING}第三十七条、第三十八条` }),
  d(c, '建设工程规划许可证核发', [req('projectForm'), req('landContract', 0, 1), req('designPlan'), req('projectApproval', 0, 1), opt('proxy')], { law: `${PLANNING}第四十条` }),
  d(c, '建设工程规划许可证变更', [req('projectForm'), req('planningPermit'), req('designPlan')], { law: `${PLANNING}第四十三条` }),
  d(c, '乡村建设规划许可证核发', [req('projectForm'), req('id', 0, 1), req('designPlan'), opt('homesteadApproval', 0, 1)], { objects: [1, 2, 5], law: `${PLANNING}第四十一条` }),
  d(c, '临时建设工程规划许可', [req('projectForm'), req('designPlan'), cp('license')], { law: `${PLANNING}第四十四条` }),
  d(c, '建设工程规划条件核实', [req('projectForm'), req('planningPermit', 0, 1), req('survey')], { dept: 'land', type: '10', law: `${PLANNING}第四十五条` }),
  d(c, '建筑工程施工许可证核发', [req('projectForm'), req('planningPermit', 0, 1), req('constructionContract', 0, 1), req('fundingPledge'), later('drawingReview', 2, 0, 1), later('fireDesign', 2, 0, 1), cp('license')], {
    statutory: 7, law: '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》',
  }),
  d(c, '建筑工程施工许可证变更', [req('projectForm'), req('constructionContract', 0, 1), cp('license')], { statutory: 7, law: '《中华人民共和国建筑法》第七条；《建筑工程施工许可管理办法》' }),
  // A prior approval already issued (the planning permit) is on record: its copy may follow (非主审要件).
  d(c, '建设工程消防设计审查', [req('projectForm'), req('fireDesign'), later('planningPermit', 3, 0, 1)], { dept: 'housing', statutory: 15, law: '《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》' }),
  d(c, '建设工程消防验收', [req('projectForm'), req('completionReport'), opt('fireDesign')], { dept: 'housing', statutory: 15, law: '《中华人民共和国消防法》第十三条；《建设工程消防设计审查验收管理暂行规定》' }),
  d(cFiling, '建设工程消防验收备案', [req('projectForm'), req('completionReport'), cp('license')], { dept: 'housing', law: '《中华人民共和国消防法》第十三条' }),
  d(cFiling, '房屋建筑和市政基础设施工程竣工验收备案', [req('projectForm'), req('completionReport'), req('planningPermit', 0, 1), opt('survey')], {
    dept: 'housing', law: '《建设工程质量管理条例》第四十九条',
  }),
  d(c, '城镇污水排入排水管网许可', [req('sewerForm'), cp('license'), later('layout', 3), pledge(later('eiaCopy', 3, 0, 1)), req('id', 1, 1)], { statutory: 15, objects: PERSON_OR_BUSINESS, law: '《城镇排水与污水处理条例》第二十一条' }),
  d(c, '城镇污水排入排水管网许可（延续）', [req('sewerForm'), req('permit'), cp('license')], { statutory: 15, objects: PERSON_OR_BUSINESS, law: '《城镇排水与污水处理条例》第二十一条' }),
  d(c, '城市建筑垃圾处置核准', [req('projectForm'), cp('license'), later('planningPermit', 5, 0, 1)], { law: '《国务院对确需保留的行政审批项目设定行政许可的决定》；《城市建筑垃圾管理规定》' }),
  d(c, '临时占用城市道路审批', [req('roadWorksForm'), cp('license'), cp('id')], { objects: [1, 2, 5], law: '《城市道路管理条例》第三十一条' }),
  d(c, '挖掘城市道路审批', [req('roadWorksForm'), later('planningPermit', 5, 0, 1), cp('license')], { law: '《城市道路管理条例》第三十三条' }),
  d(c, '占用城市绿地和砍伐、迁移城市树木审批', [req('greenForm'), req('designPlan'), cp('license')], { law: '《城市绿化条例》' }),
  d(c, '建设项目环境影响报告表审批', [req('eiaReport'), later('projectApproval', 5, 0, 1), cp('license')], { dept: 'ecology', statutory: 30, law: '《中华人民共和国环境影响评价法》第二十二条' }),
  d(cFiling, '建设项目环境影响登记表备案', [req('eiaRegistration'), cp('license'), opt('projectApproval', 0, 1)], { dept: 'ecology', law: '《中华人民共和国环境影响评价法》第二十二条' }),
  d(c, '建设项目环境影响评价文件重新审核', [req('eiaReport'), req('projectApproval', 0, 1), req('permit'), cp('license')], { dept: 'ecology', statutory: 10, law: '《中华人民共和国环境影响评价法》第二十四条' }),
  d(c, '生产建设项目水土保持方案审批', [req('soilPlan'), later('projectApproval', 5, 0, 1), cp('license')], { dept: 'waterres', law: '《中华人民共和国水土保持法》第二十五条' }),
  d(c, '取水许可', [req('waterIntakeForm'), later('projectApproval', 10, 0, 1), pledge(later('eiaCopy', 10, 0, 1)), cp('license')], { dept: 'waterres', statutory: 45, law: '《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》' }),
  d(c, '河道管理范围内建设项目工程建设方案审批', [req('projectForm'), req('designPlan'), req('floodReport'), cp('license')], { dept: 'waterres', law: '《中华人民共和国水法》第三十八条；《中华人民共和国河道管理条例》' }),
  d(c, '非防洪建设项目洪水影响评价报告审批', [req('floodReport'), later('projectApproval', 5, 0, 1), cp('license')], { dept: 'waterres', law: '《中华人民共和国防洪法》第三十三条' }),
  d(c, '涉路施工许可', [req('roadWorksForm'), req('designPlan'), cp('license')], { dept: 'transport', law: '《中华人民共和国公路法》第四十四条、第四十五条；《公路安全保护条例》第二十七条' }),
  d(c, '商品房预售许可', [req('projectForm'), req('landContract', 0, 1), req('planningPermit', 0, 1), cp('license')], {
    dept: 'housing', statutory: 10, objects: BUSINESS, law: '《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》',
  }),
  d(c, '结合民用建筑修建防空地下室审批', [req('projectForm'), req('airDefenceDesign'), later('planningPermit', 5, 0, 1)], { dept: 'housing', law: '《中华人民共和国人民防空法》第二十二条' }),
  d(c, '防空地下室易地建设审批', [req('projectForm'), req('designPlan'), later('planningPermit', 5, 0, 1)], { dept: 'housing', law: '《中华人民共和国人民防空法》第二十二条' }),
  d(c, '临时用地审批', [req('tempLandForm'), req('projectApproval', 0, 1), req('survey'), cp('license')], { dept: 'land', law: '《中华人民共和国土地管理法》第五十七条' }),
  d(c, '国有建设用地使用权划拨审批', [req('projectForm'), req('projectApproval', 0, 1), req('survey'), cp('license')], { dept: 'land', law: '《中华人民共和国土地管理法》第五十四条' }),
  d(cFiling, '生产经营单位生产安全事故应急预案备案', [req('emergencyPlan'), cp('license'), opt('proxy')], { dept: 'emergency', objects: BUSINESS, law: '《生产安全事故应急条例》第七条' }),
  d(cFiling, '建设工程竣工档案验收', [req('completionReport'), req('planningPermit', 0, 1), cp('license')], { dept: 'housing', type: '20', law: '《城市建设档案管理规定》' }),
];

// D 不动产登记 -----------------------------------------------------------------------------------
const RE = '《不动产登记暂行条例》';
const CIVIL = '《中华人民共和国民法典》';
const REALTY_FEE = '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）：住宅类每件80元';
const dd: Base = {
  zone: 'D', dept: 'realty', type: '07', caseType: 'promised', statutory: 30, fee: REALTY_FEE, visits: 1, forms: ONLINE, objects: PERSON_OR_BUSINESS,
  law: `${RE}第三条、第二十条；${CIVIL}第二百零九条`,
};
const free = { fee: undefined };
const D: Draft[] = [
  d(dd, '国有建设用地使用权首次登记', [req('realtyForm'), req('landContract'), req('landPremium'), req('survey'), cp('license')], { objects: [2, 3, 5] }),
  d(dd, '国有建设用地使用权及房屋所有权首次登记', [req('realtyForm'), req('realtyCert'), req('planningPermit', 0, 1), req('completionReport', 0, 1), req('survey'), cp('license')], { objects: [2, 3, 5] }),
  d(dd, '国有建设用地使用权及房屋所有权转移登记（存量房买卖）', [req('realtyForm'), req('realtyCert'), req('saleContract'), req('deedTax'), req('id', 1, 1), pledge(req('marriage', 1, 1)), opt('proxy')]),
  d(dd, '国有建设用地使用权及房屋所有权转移登记（新建商品房）', [req('realtyForm'), req('saleContract'), req('deedTax'), req('id', 1, 1), pledge(req('marriage', 1, 1)), opt('proxy')]),
  d(dd, '国有建设用地使用权及房屋所有权转移登记（继承、受遗赠）', [req('realtyForm'), req('realtyCert'), req('inheritance'), req('deathCert', 0, 1), req('id', 1, 1), req('hukou', 0, 1)], {
    law: `${RE}第三条；${CIVIL}第二百零九条、第二百三十条`,
  }),
  d(dd, '国有建设用地使用权及房屋所有权转移登记（赠与）', [req('realtyForm'), req('realtyCert'), req('giftContract'), req('deedTax'), req('id', 1, 1), pledge(req('marriage', 1, 1))]),
  d(dd, '国有建设用地使用权及房屋所有权转移登记（离婚析产）', [req('realtyForm'), req('realtyCert'), req('divorceAgreement'), req('marriage', 1, 1), req('id', 1, 1)]),
  d(dd, '国有建设用地使用权及房屋所有权变更登记', [req('realtyForm'), req('realtyCert'), req('id', 1, 1), opt('proxy'), opt('survey')]),
  d({ ...dd, ...free }, '国有建设用地使用权及房屋所有权注销登记', [req('realtyForm'), req('realtyCert'), req('id', 1, 1)]),
  d({ ...dd, ...free }, '宅基地使用权及房屋所有权首次登记', [req('realtyForm'), req('homesteadApproval'), req('survey'), req('id', 1, 1), req('hukou', 0, 1)], { objects: PERSON }),
  d(dd, '宅基地使用权及房屋所有权转移登记', [req('realtyForm'), req('realtyCert'), req('inheritance'), req('id', 1, 1), req('hukou', 0, 1)], { objects: PERSON }),
  d(dd, '集体建设用地使用权及建筑物、构筑物所有权首次登记', [req('realtyForm'), req('projectApproval', 0, 1), req('survey'), req('planningPermit', 0, 1), req('completionReport', 0, 1)], { objects: [2, 6] }),
  d({ ...dd, ...free }, '土地经营权登记', [req('realtyForm'), req('survey'), req('id', 1, 1), opt('proxy')], { law: `${RE}第三条；《中华人民共和国农村土地承包法》第四十一条` }),
  d(dd, '抵押权首次登记（一般抵押）', [req('realtyForm'), req('realtyCert'), req('mortgageContract'), req('id', 1, 1), cp('license')], { law: `${RE}第三条；${CIVIL}第四百零二条` }),
  d(dd, '抵押权首次登记（最高额抵押）', [req('realtyForm'), req('realtyCert'), req('mortgageContract'), req('id', 1, 1), cp('license')], { law: `${RE}第三条；${CIVIL}第四百零二条、第四百二十条` }),
  d(dd, '抵押权变更登记', [req('realtyForm'), req('realtyProof'), req('mortgageContract'), req('id', 1, 1)], { law: `${RE}第三条；${CIVIL}第四百零二条` }),
  d(dd, '抵押权转移登记', [req('realtyForm'), req('realtyProof'), req('mortgageContract'), cp('license')], { law: `${RE}第三条；${CIVIL}第四百零二条` }),
  d({ ...dd, ...free, caseType: 'immediate' }, '抵押权注销登记', [req('realtyForm'), req('realtyProof'), cp('license')]),
  d(dd, '预告登记（预购商品房）', [req('realtyForm'), req('saleContract'), req('id', 1, 1), pledge(req('marriage', 1, 1))], { law: `${RE}第三条；${CIVIL}第二百二十一条` }),
  d(dd, '预告登记（预购商品房抵押）', [req('realtyForm'), req('saleContract'), req('mortgageContract'), req('realtyProof'), req('id', 1, 1)], { law: `${RE}第三条；${CIVIL}第二百二十一条` }),
  d({ ...dd, ...free, caseType: 'immediate' }, '预告登记注销', [req('realtyForm'), req('realtyProof'), req('id', 1, 1)], { law: `${RE}第三条；${CIVIL}第二百二十一条` }),
  d({ ...dd, ...free }, '更正登记', [req('realtyForm'), req('realtyCert'), req('interestProof'), req('id', 1, 1)], { law: `${RE}第三条；${CIVIL}第二百二十条` }),
  d({ ...dd, ...free }, '异议登记', [req('realtyForm'), req('interestProof'), req('id', 1, 1)], { law: `${RE}第三条；${CIVIL}第二百二十条` }),
  d({ ...dd, ...free, caseType: 'immediate' }, '查封登记', [req('courtOrder'), req('realtyForm'), cp('id')], { objects: [5], law: `${RE}第三条；《中华人民共和国民事诉讼法》` }),
  d(dd, '居住权登记', [req('realtyForm'), req('realtyCert'), req('residenceRight'), req('id', 1, 1)], { law: `${RE}第三条；${CIVIL}第三百六十八条` }),
  d(dd, '地役权首次登记', [req('realtyForm'), req('realtyCert'), req('easement'), req('id', 1, 1)], { law: `${RE}第三条；${CIVIL}第三百七十四条` }),
  d(dd, '不动产权证书换证、补证', [req('realtyForm'), req('id', 1, 1), opt('realtyCert'), opt('proxy')], { fee: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）：证书工本费每本10元' }),
  d({ ...dd, ...free, caseType: 'immediate' }, '不动产登记资料查询', [req('queryForm'), req('id'), opt('proxy')], { type: '20', statutory: 1, objects: [1, 2, 3, 4, 5, 6], law: '《不动产登记资料查询暂行办法》' }),
  d({ ...dd, ...free, caseType: 'immediate' }, '商品房买卖合同网签备案', [req('saleContract'), req('id', 1, 1), cp('license')], {
    dept: 'housing', type: '10', statutory: 1, visits: 0, law: '《中华人民共和国城市房地产管理法》第四十五条；《商品房销售管理办法》',
  }),
  d({ ...dd, ...free, caseType: 'immediate' }, '存量房买卖合同网签备案', [req('saleContract'), req('realtyCert', 0, 1), req('id', 1, 1)], {
    dept: 'housing', type: '10', statutory: 1, visits: 0, law: '《中华人民共和国城市房地产管理法》；《住房和城乡建设部关于提升房屋网签备案服务效能的意见》',
  }),
];

// E 社会事务 -------------------------------------------------------------------------------------
const AID = '《社会救助暂行办法》';
const e: Base = {
  zone: 'E', dept: 'civil', type: '01', caseType: 'promised', statutory: 20, visits: 1, forms: ONLINE, objects: PERSON, law: AID,
};
const eNow = { ...e, caseType: 'immediate' as const, statutory: 1 };
const eGrant = { ...e, type: '05' as const };
const ORG = '《社会团体登记管理条例》';
const NONPROFIT = '《民办非企业单位登记管理暂行条例》';
const PRIVATE_SCHOOL = '《中华人民共和国民办教育促进法》';
const E: Draft[] = [
  d(eNow, '内地居民结婚登记', [req('id', 1, 0), req('marriageStatement'), req('couplePhoto', 3, 0)], {
    type: '07', forms: IN_PERSON, law: '《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》',
  }),
  d(eNow, '内地居民离婚登记', [req('id', 1, 0), req('marriageCert'), req('divorceForm', 3, 0), req('photo1', 2, 0)], {
    type: '07', forms: IN_PERSON, visits: 2, law: '《中华人民共和国民法典》第一千零七十六条、第一千零七十七条；《婚姻登记条例》',
  }),
  d(eNow, '补领婚姻登记证', [req('id', 1, 0), req('couplePhoto', 3, 0), req('marriageStatement')], { type: '07', forms: IN_PERSON, law: '《婚姻登记条例》' }),
  d(eGrant, '最低生活保障申请', [req('aidForm'), req('id', 1, 1), req('hukou', 1, 1), req('incomeStatement'), opt('disabledCert', 0, 1), opt('diagnosis', 0, 1)], {
    statutory: 30, town: true, law: `${AID}第九条、第十一条`,
  }),
  d(eGrant, '特困人员救助供养申请', [req('aidForm'), req('id', 1, 1), req('hukou', 1, 1), req('incomeStatement'), opt('disabledCert', 0, 1)], { statutory: 30, law: `${AID}第十四条` }),
  d(eGrant, '临时救助申请', [req('aidForm'), req('id', 1, 1), req('incomeStatement'), opt('diagnosis', 0, 1)], { statutory: 15, law: `${AID}第四十七条` }),
  // The account a grant is paid into matters when it is paid, not for the decision: it may follow.
  d(eGrant, '80周岁以上老年人高龄津贴申领', [req('allowanceForm'), req('id', 1, 1), req('hukou', 0, 1), later('bankCard', 5, 0, 1)], {
    town: true, law: '《中华人民共和国老年人权益保障法》第三十三条',
  }),
  d(eGrant, '困难残疾人生活补贴和重度残疾人护理补贴申请', [req('allowanceForm'), req('id', 1, 1), req('disabledCert', 1, 1), later('bankCard', 5, 0, 1), opt('hukou', 0, 1)], {
    town: true, law: '《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）',
  }),
  d(eNow, '养老机构备案', [cp('license'), pledge(cp('premises')), pledge(req('fireCheck', 0, 1)), req('id', 1, 1)], {
    type: '10', objects: [2, 4], law: '《中华人民共和国老年人权益保障法》第四十三条；《养老机构管理办法》',
  }),
  d(e, '社会团体成立登记', [req('orgForm'), req('orgCharter'), req('sponsorApproval'), req('capitalProof'), pledge(cp('premises')), req('id', 1, 1)], {
    dept: 'approval', statutory: 60, objects: [4], law: `${ORG}第九条`,
  }),
  d(e, '社会团体变更登记', [req('orgForm'), req('sponsorApproval'), opt('orgCharter'), req('id', 1, 1)], { dept: 'approval', statutory: 30, objects: [4], law: `${ORG}第十八条` }),
  d(e, '社会团体注销登记', [req('orgForm'), req('sponsorApproval'), req('liquidation'), req('id', 1, 1)], { dept: 'approval', statutory: 30, objects: [4], law: ORG }),
  d(e, '民办非企业单位成立登记', [req('orgForm'), req('orgCharter'), req('sponsorApproval'), req('capitalProof'), pledge(cp('premises')), req('id', 1, 1)], {
    dept: 'approval', statutory: 60, objects: [4], law: NONPROFIT,
  }),
  d(e, '民办非企业单位变更登记', [req('orgForm'), req('sponsorApproval'), opt('orgCharter'), req('id', 1, 1)], { dept: 'approval', statutory: 30, objects: [4], law: NONPROFIT }),
  d(e, '民办非企业单位注销登记', [req('orgForm'), req('sponsorApproval'), req('liquidation'), req('id', 1, 1)], { dept: 'approval', statutory: 30, objects: [4], law: NONPROFIT }),
  d(eNow, '基本殡葬服务费用减免', [req('deathCert', 0, 1), req('id', 1, 1), req('hukou', 0, 1)], { type: '05', law: '《殡葬管理条例》' }),
  d(e, '医师执业注册', [req('doctorQual', 1, 1), later('medicalExam', 5), req('laborContract', 0, 1), later('photo1', 5, 2, 0), req('id', 1, 1)], { dept: 'health', law: '《中华人民共和国医师法》第十三条' }),
  d(e, '医师执业变更注册', [req('doctorQual', 1, 1), req('laborContract', 0, 1), req('id', 1, 1), opt('photo1', 2, 0)], { dept: 'health', law: '《中华人民共和国医师法》；《医师执业注册管理办法》' }),
  d(e, '护士执业注册', [req('nurseExam'), req('diploma', 0, 1), later('medicalExam', 5), req('laborContract', 0, 1), later('photo1', 5, 2, 0), req('id', 1, 1)], { dept: 'health', law: '《护士条例》第七条、第八条' }),
  d(eNow, '诊所备案', [req('clinicForm'), req('doctorQual', 0, 1), req('clinicRules'), pledge(cp('premises')), req('layout'), req('id', 1, 1)], {
    dept: 'health', type: '10', objects: PERSON_OR_BUSINESS, law: '《医疗机构管理条例》；《诊所备案管理暂行办法》',
  }),
  d(e, '医疗机构执业登记', [req('clinicForm'), later('clinicRules', 10), req('doctorQual', 0, 1), later('layout', 10), pledge(cp('premises')), pledge(later('eiaCopy', 10, 0, 1))], {
    dept: 'approval', statutory: 45, objects: [2, 3, 4], law: '《医疗机构管理条例》第十五条',
  }),
  d(eNow, '预防接种证办理', [req('birthCert', 0, 1), req('id', 1, 0), opt('hukou')], { dept: 'health', type: '20', forms: IN_PERSON, law: '《中华人民共和国疫苗管理法》第四十七条' }),
  d(eNow, '生育登记服务', [req('id', 1, 0), opt('marriageCert'), opt('birthCert', 0, 1)], { dept: 'health', type: '20', visits: 0, law: '《中华人民共和国人口与计划生育法》' }),
  d(eGrant, '计划生育家庭特别扶助金申领', [req('id', 1, 1), req('hukou', 0, 1), opt('deathCert', 0, 1), opt('disabledCert', 0, 1), later('bankCard', 5, 0, 1)], {
    dept: 'health', law: '《中华人民共和国人口与计划生育法》',
  }),
  // The fire and hygiene opinions on the premises may be committed to or supplied within 7 working days.
  d(e, '民办幼儿园设立审批', [req('schoolForm'), req('founderProof', 0, 1), req('capitalProof'), pledge(later('schoolSafety', 7)), pledge(cp('premises')), req('orgCharter')], {
    dept: 'approval', statutory: 30, objects: [1, 2, 4], law: `${PRIVATE_SCHOOL}第十二条；《幼儿园管理条例》`,
  }),
  d(e, '民办学校变更审批', [req('schoolForm'), req('founderProof', 0, 1), req('orgCharter'), opt('schoolSafety')], { dept: 'approval', statutory: 30, objects: [1, 2, 4], law: PRIVATE_SCHOOL }),
  d(e, '民办学校终止审批', [req('schoolForm'), req('liquidation'), req('founderProof', 0, 1)], { dept: 'approval', statutory: 30, objects: [1, 2, 4], law: PRIVATE_SCHOOL }),
  d(e, '教师资格认定', [req('teacherForm'), req('diploma', 0, 1), req('mandarin', 0, 1), req('medicalExam'), later('photo1', 5), req('id', 1, 1)], {
    dept: 'education', type: '07', statutory: 30, visits: 0, law: '《中华人民共和国教师法》第十三条；《教师资格条例》',
  }),
  d(eNow, '义务教育阶段学生转学', [req('id', 1, 0), req('hukou', 1, 0), pledge(req('residenceProof', 0, 1))], { dept: 'education', type: '20', law: '《中华人民共和国义务教育法》第十二条' }),
  d(e, '营业性演出审批', [req('cultureForm'), cp('license'), opt('proxy')], { dept: 'culture', statutory: 3, visits: 0, objects: BUSINESS, law: '《营业性演出管理条例》第十三条' }),
  d(e, '文艺表演团体设立审批', [req('cultureForm'), cp('license'), req('id', 1, 1), opt('layout')], { dept: 'culture', visits: 0, objects: BUSINESS, law: '《营业性演出管理条例》第六条' }),
  d(eNow, '艺术品经营单位备案', [req('cultureForm'), cp('license'), req('id', 1, 0)], { dept: 'culture', type: '10', visits: 0, objects: PERSON_OR_BUSINESS, law: '《艺术品经营管理办法》第五条' }),
  d(eNow, '退役军人报到', [req('veteranForm'), req('dischargeCert', 1, 1), req('id', 1, 0), req('photo1', 2, 0)], {
    dept: 'veterans', type: '20', forms: IN_PERSON, law: '《中华人民共和国退役军人保障法》；《退役士兵安置条例》',
  }),
  d(e, '退役军人优待证申领', [req('veteranForm'), req('dischargeCert', 0, 1), req('id', 1, 0), later('photo1', 5)], { dept: 'veterans', type: '20', visits: 0, law: '《退役军人、其他优抚对象优待证管理办法》' }),
  d(eGrant, '自主就业退役士兵一次性经济补助金给付', [req('veteranForm'), req('dischargeCert', 0, 1), req('id', 1, 1), later('bankCard', 5, 0, 1)], { dept: 'veterans', law: '《退役士兵安置条例》' }),
  d(eGrant, '优抚对象抚恤补助金给付', [req('veteranForm'), req('id', 1, 1), req('hukou', 0, 1), later('bankCard', 5, 0, 1)], { dept: 'veterans', law: '《军人抚恤优待条例》' }),
  d(e, '残疾人证新办', [req('disabilityForm'), req('disabilityAssessment'), req('id', 1, 1), req('hukou', 0, 1), later('photo1', 5, 2, 0)], {
    dept: 'disabled', type: '07', forms: IN_PERSON, law: '《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》',
  }),
  d(e, '残疾人证换领', [req('disabilityForm'), req('disabledCert'), req('id', 1, 1), later('photo1', 5, 2, 0)], { dept: 'disabled', type: '07', law: '《中华人民共和国残疾人证管理办法》' }),
  d(e, '残疾人证迁移', [req('disabilityForm'), req('disabledCert'), req('id', 1, 1), req('hukou', 0, 1)], { dept: 'disabled', type: '07', law: '《中华人民共和国残疾人证管理办法》' }),
  d(eGrant, '残疾人辅助器具适配补贴', [req('disabilityForm'), req('disabledCert', 0, 1), req('id', 1, 1), later('bankCard', 5, 0, 1)], { dept: 'disabled', law: '《中华人民共和国残疾人保障法》；《残疾预防和残疾人康复条例》' }),
  d(eGrant, '残疾人机动轮椅车燃油补贴', [req('disabilityForm'), req('disabledCert', 0, 1), req('driverLicence', 0, 1), req('vehicleReg', 0, 1), later('bankCard', 5, 0, 1)], {
    dept: 'disabled', law: '《中华人民共和国残疾人保障法》',
  }),
  d(e, '困难残疾人家庭无障碍改造申请', [req('disabilityForm'), req('disabledCert', 0, 1), req('id', 1, 1), req('realtyCert', 0, 1)], { dept: 'disabled', type: '20', law: '《中华人民共和国无障碍环境建设法》' }),
];

// F 人社医保公积金 -------------------------------------------------------------------------------
const SI = '《中华人民共和国社会保险法》';
const FUND = '《住房公积金管理条例》';
const f: Base = {
  zone: 'F', dept: 'hrss', type: '20', caseType: 'immediate', statutory: 1, visits: 0, forms: ONLINE, objects: PERSON, law: SI,
};
const fLater = { ...f, caseType: 'promised' as const, statutory: 20 };
const fGrant = { ...fLater, type: '05' as const };
const fMed = { ...f, dept: 'medical' as const };
const fFund = { ...f, dept: 'fund' as const, law: FUND };
const F: Draft[] = [
  d(f, '城乡居民基本养老保险参保登记', [req('insuranceForm'), req('id', 1, 0), req('hukou', 1, 0)], {
    town: true, law: `${SI}第二十条、第二十二条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）`,
  }),
  d(fGrant, '城乡居民基本养老保险待遇领取', [req('insuranceForm'), req('id', 1, 0), req('hukou', 0, 1), later('bankCard', 5, 0, 1)], { law: `${SI}第二十一条` }),
  d(f, '用人单位社会保险登记', [req('insuranceForm'), cp('license'), req('id', 1, 0)], { objects: BODIES, law: `${SI}第五十七条` }),
  d(f, '职工参保登记', [req('insuranceForm'), req('laborContract', 0, 1), cp('id')], { objects: BODIES, law: `${SI}第五十八条` }),
  d(f, '单位社会保险登记变更', [req('insuranceForm'), cp('license'), opt('proxy')], { objects: BODIES, law: `${SI}第五十七条` }),
  d(f, '单位社会保险注销登记', [req('insuranceForm'), cp('license'), opt('resolution', 0, 1)], { objects: BODIES, law: `${SI}第五十七条` }),
  d(fLater, '基本养老保险关系转移接续', [req('insuranceForm'), req('id', 1, 0), opt('dischargeCert', 0, 1)], { statutory: 15, law: `${SI}第十九条；《城镇企业职工基本养老保险关系转移接续暂行办法》` }),
  d(fLater, '职工正常退休（职）申请', [req('retireForm'), req('personnelFile'), req('id', 1, 1), later('ssCard', 5, 0, 1)], {
    type: '07', visits: 1, objects: PERSON_OR_BUSINESS, law: `${SI}第十六条；《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》`,
  }),
  d(fGrant, '企业职工基本养老保险个人账户一次性待遇申领', [req('insuranceForm'), req('deathCert', 0, 1), req('inheritance', 0, 1), req('id', 1, 1)], { visits: 1, law: `${SI}第十四条` }),
  d(fGrant, '失业保险金申领', [req('insuranceForm'), req('severance', 0, 1), req('id', 1, 0), later('ssCard', 3, 0, 1)], { statutory: 15, law: `${SI}第四十五条、第五十条；《失业保险条例》` }),
  d(fLater, '工伤认定申请', [req('injuryForm'), req('laborContract', 0, 1), req('diagnosis', 1, 1), req('id', 1, 1)], {
    type: '07', statutory: 60, visits: 1, objects: PERSON_OR_BUSINESS, law: '《工伤保险条例》第十七条、第二十条',
  }),
  d(f, '社会保障卡申领', [req('id', 1, 0), req('photo1'), opt('proxy')], { forms: [1, 2, 3, 4], law: `${SI}第五十八条；《社会保障卡管理办法》` }),
  d(f, '社会保障卡补换', [req('id', 1, 0), req('photo1'), opt('ssCard')], { forms: [1, 2, 3, 4], law: `${SI}第五十八条；《社会保障卡管理办法》` }),
  d(f, '就业创业证申领', [req('id', 1, 0), req('photo1'), opt('severance', 0, 1)], { law: '《中华人民共和国就业促进法》；《就业服务与就业管理规定》' }),
  d(f, '灵活就业人员参保登记', [req('insuranceForm'), req('id', 1, 0), req('hukou', 0, 1)], { law: `${SI}第十条、第二十三条` }),
  d(fLater, '创业担保贷款申请', [req('id', 1, 1), cp('license'), opt('marriage', 0, 1)], {
    statutory: 15, objects: PERSON_OR_BUSINESS, law: '《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）',
  }),
  d(fLater, '人力资源服务许可', [req('laborPermitForm'), cp('license'), pledge(cp('premises')), later('sitePhotos', 3, 0, 1), opt('id', 0, 1)], {
    dept: 'approval', type: '01', objects: BUSINESS, law: '《人力资源市场暂行条例》第十八条',
  }),
  d(fLater, '劳务派遣经营许可', [req('laborPermitForm'), cp('license'), req('capitalProof'), pledge(cp('premises'))], {
    dept: 'approval', type: '01', objects: BUSINESS, law: '《中华人民共和国劳动合同法》第五十七条；《劳务派遣行政许可实施办法》',
  }),
  d(fLater, '企业实行不定时工作制和综合计算工时工作制审批', [req('laborPermitForm'), cp('license'), opt('laborContract', 0, 1)], {
    dept: 'approval', type: '01', objects: BUSINESS, law: '《中华人民共和国劳动法》第三十九条',
  }),
  d(fMed, '城乡居民基本医疗保险参保登记', [req('medicalForm'), req('id', 1, 0), opt('hukou'), opt('birthCert', 0, 1)], { town: true, law: `${SI}第二十五条` }),
  d(fMed, '职工基本医疗保险参保登记', [req('medicalForm'), cp('license'), opt('laborContract', 0, 1)], { objects: BODIES, law: `${SI}第二十三条` }),
  d({ ...fLater, dept: 'medical' }, '基本医疗保险关系转移接续', [req('medicalForm'), req('id', 1, 0), opt('dischargeCert', 0, 1)], { statutory: 15, law: `${SI}第三十二条` }),
  d(fMed, '异地就医备案', [req('medicalForm'), req('id', 1, 0), pledge(opt('residenceProof', 0, 1))], {
    law: '《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）',
  }),
  d({ ...fLater, dept: 'medical' }, '门诊慢特病待遇认定', [req('medicalForm'), req('diagnosis', 1, 1), req('id', 1, 0), later('ssCard', 5, 0, 1)], { type: '07', law: `${SI}第二十八条` }),
  d({ ...fGrant, dept: 'medical' }, '医疗费用手工（零星）报销', [req('medicalForm'), req('receipts'), req('diagnosis', 1, 1), req('ssCard', 0, 1), later('bankCard', 5, 0, 1)], { law: `${SI}第二十八条` }),
  d({ ...fGrant, dept: 'medical' }, '生育津贴申领', [req('medicalForm'), req('birthCert', 0, 1), req('id', 1, 0), opt('receipts')], { law: `${SI}第五十四条、第五十六条` }),
  d(fMed, '医保参保信息变更', [req('medicalForm'), req('id', 1, 0), opt('proxy')], { law: `${SI}第二十三条、第二十五条` }),
  d({ ...fLater, dept: 'medical' }, '定点医药机构申请受理', [req('medicalForm'), cp('license'), req('permit', 0, 1), later('drugQuality', 10), later('layout', 10), later('sitePhotos', 5, 0, 1)], {
    statutory: 60, objects: BUSINESS, law: '《医疗保障基金使用监督管理条例》；《零售药店医疗保障定点管理暂行办法》',
  }),
  d(fFund, '住房公积金单位缴存登记', [req('fundForm'), cp('license'), req('id', 1, 0)], { objects: [2, 3, 5], law: `${FUND}第十四条` }),
  d(fFund, '住房公积金个人账户设立', [req('fundForm'), req('laborContract', 0, 1), cp('id')], { law: `${FUND}第十五条` }),
  d({ ...fFund, caseType: 'promised', statutory: 3 }, '住房公积金提取（离退休）', [req('fundForm'), req('id', 1, 0), req('bankCard', 0, 1)], { law: `${FUND}第二十四条` }),
  d({ ...fFund, caseType: 'promised', statutory: 3 }, '住房公积金提取（购买自住住房）', [req('fundForm'), req('id', 1, 0), req('saleContract', 0, 1), opt('realtyCert', 0, 1), req('bankCard', 0, 1)], {
    law: `${FUND}第二十四条`,
  }),
  d({ ...fFund, caseType: 'promised', statutory: 3 }, '住房公积金提取（租赁住房）', [req('fundForm'), req('id', 1, 0), req('lease', 0, 1), req('bankCard', 0, 1)], { law: `${FUND}第二十四条` }),
  d({ ...fFund, caseType: 'promised', statutory: 15 }, '住房公积金个人住房贷款', [req('loanForm'), req('id', 1, 1), req('saleContract', 0, 1), req('marriage', 0, 1), later('bankCard', 3, 0, 1)], {
    visits: 1, law: `${FUND}第二十六条`,
  }),
  d(fFund, '住房公积金单位缴存登记变更、注销', [req('fundForm'), cp('license'), opt('resolution', 0, 1)], { objects: [2, 3, 5], law: `${FUND}第十四条` }),
];

// G 税务 ---------------------------------------------------------------------------------------
const TAX = '《中华人民共和国税收征收管理法》';
const g: Base = {
  zone: 'G', dept: 'tax', type: '20', caseType: 'immediate', statutory: 1, visits: 0, forms: ONLINE, objects: PERSON_OR_BUSINESS, law: TAX,
};
const G: Draft[] = [
  d(g, '新办纳税人涉税信息确认', [req('taxInfoForm'), cp('license'), req('id', 1, 0)], { type: '10', law: `${TAX}第十五条` }),
  d(g, '变更税务登记', [req('taxInfoForm'), cp('license'), opt('resolution', 0, 1)], { type: '10', law: `${TAX}第十六条` }),
  d(g, '注销税务登记', [req('taxClearForm'), cp('license'), req('resolution', 0, 1)], {
    type: '10', caseType: 'promised', statutory: 20, law: `${TAX}第十六条；《中华人民共和国税收征收管理法实施细则》第十五条`,
  }),
  d(g, '清税证明开具', [req('taxClearForm'), cp('license'), req('id', 1, 0)], { law: '《国家税务总局关于进一步优化办理企业税务注销程序的通知》（税总发〔2018〕149号）' }),
  d(g, '发票领用', [req('invoiceForm'), req('id', 1, 0), cp('license')], { type: '10', law: '《中华人民共和国发票管理办法》' }),
  d(g, '增值税专用发票（增值税税控系统）最高开票限额审批', [req('invoiceForm'), cp('license'), req('id', 1, 0)], {
    type: '01', caseType: 'promised', statutory: 20, objects: BUSINESS, law: '《国务院对确需保留的行政审批项目设定行政许可的决定》；《中华人民共和国发票管理办法》',
  }),
  d(g, '增值税一般纳税人登记', [req('vatForm'), cp('license'), req('id', 1, 0)], { type: '10', law: '《中华人民共和国增值税法》' }),
  d(g, '代开增值税发票', [req('invoiceForm'), req('id', 1, 0), opt('lease', 0, 1)], { objects: PERSON, law: '《中华人民共和国发票管理办法》' }),
  d(g, '个人所得税综合所得年度汇算', [req('taxReturn'), req('id', 1, 0), opt('bankCard', 0, 1)], { objects: PERSON, law: '《中华人民共和国个人所得税法》第十一条' }),
  d(g, '契税申报', [req('deedTaxForm'), req('saleContract', 0, 1), req('id', 1, 0), opt('marriage', 0, 1)], { law: '《中华人民共和国契税法》第十条' }),
  d(g, '存量房交易税费申报', [req('deedTaxForm'), req('saleContract', 0, 1), req('realtyCert', 0, 1), req('id', 1, 0)], { law: '《中华人民共和国契税法》；《中华人民共和国个人所得税法》' }),
  d(g, '房产税、城镇土地使用税申报', [req('taxReturn'), req('realtyCert', 0, 1), cp('license')], { law: '《中华人民共和国房产税暂行条例》；《中华人民共和国城镇土地使用税暂行条例》' }),
  d(g, '车辆购置税申报', [req('taxReturn'), req('vehicleCert'), req('vehicleInvoice'), req('id', 1, 0)], { law: '《中华人民共和国车辆购置税法》' }),
  d(g, '跨区域涉税事项报告', [req('taxInfoForm'), req('constructionContract', 0, 1), cp('license')], { objects: BUSINESS, law: '《国家税务总局关于创新跨区域涉税事项报验管理制度的通知》（税总发〔2017〕103号）' }),
  d(g, '税收完税证明开具', [req('id', 1, 0), opt('proxy'), opt('deedTax')], { law: '《税收票证管理办法》' }),
  d(g, '纳税信用复评', [req('taxReturn'), cp('license'), req('id', 1, 0)], { caseType: 'promised', statutory: 15, objects: BUSINESS, law: '《纳税信用管理办法》' }),
  d(g, '出口退（免）税备案', [req('taxInfoForm'), cp('license'), req('id', 1, 0)], { type: '10', objects: BUSINESS, law: `${TAX}；《出口货物劳务增值税和消费税管理办法》` }),
  d(g, '残疾人就业保障金申报', [req('taxReturn'), cp('license'), opt('disabledCert', 0, 1)], { objects: BODIES, law: '《残疾人就业保障金征收使用管理办法》' }),
  d(g, '社会保险费缴费申报（单位）', [req('taxReturn'), cp('license'), req('insuranceForm')], { objects: BODIES, law: `${SI}第五十八条、第六十条` }),
  d(g, '延期缴纳税款核准', [req('taxReturn'), req('financials'), cp('license'), req('id', 1, 0)], {
    type: '01', caseType: 'promised', statutory: 20, objects: BUSINESS, law: `${TAX}第三十一条`,
  }),
];

// H 公安与公用事业 -------------------------------------------------------------------------------
const HUKOU = '《中华人民共和国户口登记条例》';
const ID_LAW = '《中华人民共和国居民身份证法》';
const ID_FEE = `${ID_LAW}第二十条；《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》：每证20元`;
const UTILITY = '《优化营商环境条例》第二十五条';
const h: Base = {
  zone: 'H', dept: 'police', type: '07', caseType: 'immediate', statutory: 1, visits: 1, forms: ONLINE, objects: PERSON, law: HUKOU,
};
const hId = { ...h, caseType: 'promised' as const, statutory: 60, forms: IN_PERSON_POST, fee: ID_FEE, law: ID_LAW };
const hExit = { ...h, dept: 'exit' as const, type: '01' as const, caseType: 'promised' as const, statutory: 15, forms: IN_PERSON_POST };
const hCar = { ...h, dept: 'traffic' as const, statutory: 2, objects: PERSON_OR_BUSINESS };
const hUtility = { ...h, type: '20' as const, visits: 0, objects: PERSON_OR_BUSINESS };
const H: Draft[] = [
  d(hId, '居民身份证申领（首次）', [req('idForm'), req('hukou'), opt('birthCert', 0, 1)], { law: `${ID_LAW}第八条、第十条` }),
  d(hId, '居民身份证换领', [req('idForm'), req('hukou'), req('id')]),
  d(hId, '居民身份证补领', [req('idForm'), req('hukou'), pledge(opt('residenceProof', 0, 1))]),
  d({ ...hId, statutory: 3, forms: IN_PERSON }, '临时居民身份证申领', [req('idForm'), req('hukou'), opt('photo1')], {
    fee: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》：临时居民身份证每证10元',
  }),
  d(h, '出生登记', [req('birthCert'), req('hukou'), req('id', 1, 0), opt('marriageCert')], { law: `${HUKOU}第七条` }),
  d({ ...h, caseType: 'promised', statutory: 20 }, '户口迁移（市外迁入）', [req('moveCert'), req('id', 1, 0), req('hukou'), opt('realtyCert', 0, 1)], { law: `${HUKOU}第十条、第十三条` }),
  d(h, '户口迁移（市内迁移）', [req('hukou'), req('id', 1, 0), req('realtyCert', 0, 1)], { law: `${HUKOU}第十条` }),
  d(h, '死亡人员户口注销', [req('deathCert'), req('hukou'), req('id', 1, 0)], { law: `${HUKOU}第八条` }),
  d(h, '退役士兵恢复户口登记', [req('dischargeCert', 0, 1), req('hukou'), req('id', 1, 0)], { law: `${HUKOU}；《退役士兵安置条例》` }),
  d({ ...h, caseType: 'promised', statutory: 15 }, '居住证申领', [req('id', 1, 0), pledge(req('residenceProof', 0, 1)), later('photo1', 3)], { law: '《居住证暂行条例》' }),
  d(h, '公章刻制备案', [req('sealForm'), cp('license'), req('id', 1, 0)], {
    type: '10', visits: 0, objects: BODIES, law: '《国务院关于取消和下放一批行政许可事项的决定》（国发〔2020〕13号）',
  }),
  d(hExit, '普通护照签发', [req('exitForm'), req('id', 1, 0), opt('hukou')], {
    fee: '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2019〕914号）：普通护照每本120元',
    law: '《中华人民共和国护照法》第五条、第六条',
  }),
  d(hExit, '普通护照换发、补发', [req('exitForm'), req('id', 1, 0), opt('passport')], {
    fee: '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2019〕914号）：普通护照每本120元',
    law: '《中华人民共和国护照法》第十一条',
  }),
  d(hExit, '往来港澳通行证及签注签发', [req('exitForm'), req('id', 1, 0), opt('hukou')], {
    fee: '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2019〕914号）：往来港澳通行证每证60元',
    law: '《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》',
  }),
  d(hExit, '往来台湾通行证及签注签发', [req('exitForm'), req('id', 1, 0), opt('passport')], {
    fee: '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2019〕914号）：往来台湾通行证每证60元',
    law: '《中国公民往来台湾地区管理办法》',
  }),
  d(hCar, '机动车注册登记', [req('id', 1, 0), req('vehicleCert'), req('vehicleInvoice'), req('insurancePolicy')], {
    fee: '《国家发展改革委 财政部关于公安交警部门有关收费标准及有关问题的通知》（发改价格〔2004〕2831号）：号牌工本费', law: '《中华人民共和国道路交通安全法》第八条、第九条',
  }),
  d(hCar, '机动车转移登记', [req('vehicleReg'), req('id', 1, 0), req('vehicleInvoice'), req('insurancePolicy')], { law: '《中华人民共和国道路交通安全法》第十二条；《机动车登记规定》' }),
  d(hCar, '机动车抵押登记', [req('vehicleReg'), req('mortgageContract'), req('id', 1, 0)], { law: '《中华人民共和国民法典》第四百零三条；《机动车登记规定》' }),
  d(hCar, '机动车驾驶证换证', [req('driverLicence'), req('id', 1, 0), req('medicalExam'), opt('photo1')], {
    type: '01', objects: PERSON, fee: '《国家发展改革委 财政部关于公安交警部门有关收费标准及有关问题的通知》（发改价格〔2004〕2831号）：驾驶证工本费每证10元',
    law: '《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》',
  }),
  d(hCar, '机动车检验合格标志核发', [req('vehicleReg'), req('insurancePolicy'), req('id', 1, 0)], { type: '01', law: '《中华人民共和国道路交通安全法》第十三条' }),
  d({ ...hUtility, dept: 'water', caseType: 'promised', statutory: 5 }, '供水报装（新装用水）', [req('utilityForm'), req('id', 1, 0), opt('realtyCert', 0, 1), opt('saleContract', 0, 1)], {
    law: `${UTILITY}；《城市供水条例》`,
  }),
  d({ ...hUtility, dept: 'water' }, '供水过户', [req('utilityForm'), req('id', 1, 0), req('realtyCert', 0, 1), req('utilityClear')], { law: `${UTILITY}；《城市供水条例》` }),
  d({ ...hUtility, dept: 'power', caseType: 'promised', statutory: 5 }, '低压用电报装（居民及小微企业）', [req('utilityForm'), req('id', 1, 0), opt('realtyCert', 0, 1), opt('saleContract', 0, 1)], {
    law: `${UTILITY}；《电力供应与使用条例》`,
  }),
  d({ ...hUtility, dept: 'power' }, '供电过户（更名）', [req('utilityForm'), req('id', 1, 0), req('realtyCert', 0, 1), req('utilityClear')], { law: `${UTILITY}；《电力供应与使用条例》` }),
  d({ ...hUtility, dept: 'gas', caseType: 'promised', statutory: 5 }, '燃气开户', [req('utilityForm'), req('id', 1, 0), opt('realtyCert', 0, 1), opt('saleContract', 0, 1)], {
    law: `${UTILITY}；《城镇燃气管理条例》`,
  }),
  d({ ...hUtility, dept: 'gas' }, '燃气过户', [req('utilityForm'), req('id', 1, 0), req('realtyCert', 0, 1), req('utilityClear')], { law: `${UTILITY}；《城镇燃气管理条例》` }),
  d({ ...hUtility, dept: 'heat', caseType: 'promised', statutory: 5 }, '供热开户', [req('utilityForm'), req('id', 1, 0), opt('realtyCert', 0, 1), opt('saleContract', 0, 1)], { law: UTILITY }),
  d({ ...hUtility, dept: 'heat' }, '供热过户', [req('utilityForm'), req('id', 1, 0), req('realtyCert', 0, 1), req('utilityClear')], { law: UTILITY }),
];

// ---------------------------------------------------------------------------------------------
// Bundles (一件事): matters named here must exist, and each bundle must share materials
// ---------------------------------------------------------------------------------------------

const BUNDLES: Array<{ name: string; zone: ZoneCode; matters: string[]; description: string }> = [
  {
    name: '我要开餐馆', zone: 'B',
    matters: ['个体工商户设立登记', '食品经营许可（新办）', '城镇污水排入排水管网许可', '新办纳税人涉税信息确认'],
    description: '营业执照、食品经营许可、排水许可和涉税信息确认一次申请；身份证件、经营场所证明和平面布局图只交一次。平面布局图、设备设施清单、食品安全管理制度、健康证明和环评回执可容缺后补，各按所列期限补齐。',
  },
  {
    name: '我要开药店', zone: 'B',
    matters: ['有限责任公司设立登记', '药品零售企业经营许可（新办）', '第二类医疗器械经营备案', '新办纳税人涉税信息确认'],
    description: '公司设立、药品经营许可和二类医疗器械经营备案并联办理，经营场所证明可告知承诺，平面布局图、药品质量管理制度和场所照片可容缺后补。',
  },
  {
    name: '我要开旅馆', zone: 'B',
    matters: ['个体工商户设立登记', '特种行业许可证核发（旅馆业）', '公共场所卫生许可（新办）'],
    description: '营业执照、特种行业许可和公共场所卫生许可一次申请，公安、卫生现场核查合并进行；消防安全检查意见书和卫生检测报告可告知承诺或容缺后补。',
  },
  {
    name: '我要开便利店', zone: 'B',
    matters: ['个体工商户设立登记', '仅销售预包装食品备案', '烟草专卖零售许可证（新办）'],
    description: '营业执照、预包装食品备案和烟草专卖零售许可一次申请，经营场所照片可容缺后补。',
  },
  {
    name: '我要开美容美发店', zone: 'B',
    matters: ['个体工商户设立登记', '公共场所卫生许可（新办）'],
    description: '营业执照和公共场所卫生许可一次申请，卫生检测报告可告知承诺；平面布局图、卫生管理制度和健康证明可容缺后补。',
  },
  {
    name: '我要开网吧', zone: 'B',
    matters: ['有限责任公司设立登记', '互联网上网服务营业场所经营单位设立审批', '仅销售预包装食品备案'],
    description: '公司设立、网吧经营许可和预包装食品备案一次申请，消防安全检查可告知承诺或容缺后补。',
  },
  {
    name: '我要开健身房', zone: 'B',
    matters: ['有限责任公司设立登记', '公共场所卫生许可（新办）', '高危险性体育项目经营许可（游泳）'],
    description: '公司设立、公共场所卫生许可和游泳项目经营许可一次申请，平面布局图按两项许可中较短的容缺期限补齐。',
  },
  {
    name: '我要开超市', zone: 'B',
    matters: ['有限责任公司设立登记', '食品经营许可（新办）', '烟草专卖零售许可证（新办）', '第二类医疗器械经营备案', '出版物零售业务经营许可'],
    description: '公司设立、食品经营许可、烟草零售许可、二类医疗器械经营备案和出版物零售许可一次申请，平面布局图、设备设施清单、健康证明和场所照片可容缺后补。',
  },
  {
    name: '我要开办民办幼儿园', zone: 'E',
    matters: ['民办幼儿园设立审批', '民办非企业单位成立登记', '食品经营许可（新办）'],
    description: '办学许可、民办非企业单位登记和单位食堂食品经营许可一次申请，章程和开办资金证明只交一次，校舍消防、卫生评价证明可告知承诺或容缺后补。',
  },
  {
    name: '新建商品房交房即办证', zone: 'D',
    matters: ['国有建设用地使用权及房屋所有权转移登记（新建商品房）', '契税申报', '供水报装（新装用水）', '低压用电报装（居民及小微企业）', '燃气开户', '供热开户'],
    description: '不动产转移登记、契税申报和水电气暖开户一窗受理，买卖合同和身份证件共享。',
  },
  {
    name: '二手房交易及水电气暖过户', zone: 'D',
    matters: ['存量房买卖合同网签备案', '存量房交易税费申报', '国有建设用地使用权及房屋所有权转移登记（存量房买卖）', '供水过户', '供电过户（更名）', '燃气过户', '供热过户'],
    description: '网签、缴税、不动产转移登记和水电气暖过户联动办理，一张申请表，原户主欠费由公用事业单位系统核验。',
  },
  {
    name: '企业开办', zone: 'A',
    matters: ['有限责任公司设立登记', '公章刻制备案', '新办纳税人涉税信息确认', '发票领用', '用人单位社会保险登记', '住房公积金单位缴存登记'],
    description: '营业执照、公章刻制、涉税信息确认、发票领用、社保和公积金登记一表申请、一日办结。',
  },
  {
    name: '企业注销', zone: 'A',
    matters: ['有限责任公司注销登记', '注销税务登记', '单位社会保险注销登记', '住房公积金单位缴存登记变更、注销'],
    description: '市场主体、税务、社保和公积金注销一网申请，股东会决议和营业执照共享。',
  },
  {
    name: '退休一件事', zone: 'F',
    matters: ['职工正常退休（职）申请', '住房公积金提取（离退休）', '医保参保信息变更'],
    description: '退休审批、公积金提取和医保退休人员身份变更一次办理，社会保障卡可容缺后补。',
  },
  {
    name: '新生儿出生一件事', zone: 'H',
    matters: ['出生登记', '城乡居民基本医疗保险参保登记', '社会保障卡申领', '预防接种证办理'],
    description: '出生医学证明一次提交，办理落户、医保参保、社保卡和预防接种证。',
  },
  {
    name: '军人退役一件事', zone: 'E',
    matters: ['退役军人报到', '退役士兵恢复户口登记', '基本养老保险关系转移接续', '基本医疗保险关系转移接续', '退役军人优待证申领'],
    description: '报到、恢复户口、社保医保关系接续和优待证申领一次办理，退出现役证明共享。',
  },
  {
    name: '身后一件事', zone: 'H',
    matters: ['死亡人员户口注销', '基本殡葬服务费用减免', '企业职工基本养老保险个人账户一次性待遇申领'],
    description: '户口注销、殡葬费用减免和养老保险个人账户余额领取一次办理，死亡医学证明共享。',
  },
];

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

/** 承诺时限 is the statutory limit cut by two thirds (rounded), and never 0 for a promised matter. */
const promisedDays = (statutory: number): number => Math.max(1, Math.round(statutory / 3));

function fail(message: string): never {
  throw new Error(`demo catalogue: ${message}`);
}

function buildDemoCatalog(): Catalog {
  const drafts = [...A, ...B, ...C, ...D, ...E, ...F, ...G, ...H];
  const departments: Department[] = DEPARTMENTS.map((dep, i) => ({ code: String(i + 1).padStart(3, '0'), name: dep.name }));
  const credit = new Map(DEPARTMENTS.map((dep, i) => [dep.key, creditCode(dep.kind, i + 1)]));
  const serial = new Map<DeptKey, number>();

  const matters: Matter[] = drafts.map((x) => {
    if (x.materials.length < 3 || x.materials.length > 8) fail(`${x.name} asks for ${x.materials.length} materials`);
    const n = (serial.get(x.dept) ?? 0) + 1;
    serial.set(x.dept, n);
    const materials: MatterMaterial[] = x.materials.map((u) => ({
      materialCode: MATERIAL_CODES.get(u.key)!,
      necessity: u.necessity,
      originals: u.originals,
      copies: u.copies,
      commitmentAllowed: u.commitmentAllowed,
      ...(u.deferralDays === undefined ? {} : { deferralDays: u.deferralDays }),
    }));
    return {
      code: `${credit.get(x.dept)!}${String(n).padStart(4, '0')}`,
      basicCode: `${x.type}${deptCode(x.dept)}${String(n).padStart(5, '0')}`,
      name: x.name,
      typeCode: x.type,
      departmentCode: deptCode(x.dept),
      zoneCode: x.zone,
      caseType: x.caseType,
      statutoryLimitDays: x.statutory,
      promisedLimitDays: x.caseType === 'immediate' ? 0 : promisedDays(x.statutory),
      fee: x.fee ? { charged: true, basis: x.fee } : { charged: false },
      visits: x.visits,
      handlingForms: [...x.forms],
      serviceObjects: [...x.objects],
      townAvailable: x.town ?? false,
      legalBasis: x.law,
      materials,
      ...(DELEGATED.has(x.name) ? { takeInSites: DELEGATED.get(x.name)! } : {}),
    };
  });

  const byName = new Map<string, Matter>();
  for (const m of matters) {
    if (byName.has(m.name)) fail(`two matters are named ${m.name}`);
    byName.set(m.name, m);
  }
  const bundles: Bundle[] = BUNDLES.map((bundle, i) => ({
    code: `YJS${String(i + 1).padStart(3, '0')}`,
    name: bundle.name,
    zoneCode: bundle.zone,
    matterCodes: bundle.matters.map((name) => byName.get(name)?.code ?? fail(`bundle ${bundle.name} names unknown matter ${name}`)),
    description: bundle.description,
  }));

  const materials: Material[] = (Object.keys(MATERIALS) as MaterialKey[]).map((k) => ({ code: MATERIAL_CODES.get(k)!, ...MATERIALS[k] }));
  const used = new Set(matters.flatMap((m) => m.materials.map((mm) => mm.materialCode)));
  const unused = materials.filter((m) => !used.has(m.code)).map((m) => m.name);
  if (unused.length > 0) fail(`materials nobody asks for: ${unused.join('、')}`);

  return {
    hall: { name: '泰安市泰山区政务服务中心', regionCode: '370902', siteCode: 'TS' },
    sites: SITES,
    zones: ZONES,
    windows: buildWindows(),
    departments,
    materials,
    matters,
    bundles,
  };
}

// ---------------------------------------------------------------------------------------------
// Output: JSON with short objects kept on one line, so a matter reads as one block
// ---------------------------------------------------------------------------------------------

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

function pretty(value: unknown, indent = ''): string {
  const flat = inline(value);
  if (indent.length + flat.length <= 140 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
}

function outputs(catalog: Catalog): Map<string, string> {
  const files = new Map<string, string>();
  files.set('demo-hall.json', `${pretty(catalog)}\n`);
  for (const [name, text] of Object.entries(exportCatalogCsv(catalog))) files.set(join('csv', `${name}.csv`), text);
  return files;
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'catalog');
  const catalog = buildDemoCatalog();
  const checked = importCatalogJson(JSON.parse(JSON.stringify(catalog)));
  if (!checked.ok) fail(`${checked.error.message}\n${((checked.error.details?.issues as string[]) ?? []).join('\n')}`);

  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [name, text] of outputs(catalog)) {
    const path = join(root, name);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // a missing file is stale like a changed one
      }
      if (current !== text) stale.push(name);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  if (stale.length > 0) {
    console.error(`resources/catalog is out of date (${stale.join(', ')}); run: npx tsx scripts/build-demo-catalog.ts`);
    process.exit(1);
  }
  const c = catalog;
  console.log(
    `${check ? 'checked' : 'wrote'} resources/catalog: ${c.zones.length} zones, ${c.windows.length} windows, ${c.departments.length} departments, ` +
      `${c.materials.length} materials, ${c.matters.length} matters, ${c.bundles.length} bundles`,
  );
}

main();

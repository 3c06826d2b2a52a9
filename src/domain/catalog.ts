/**
 * The hall's catalogue as plain types (GB/T 39046-2020 fields, named in the hall's vocabulary).
 * The zod schema that parses it at boundaries is src/contract/catalog.ts; the demo hall lives in
 * resources/catalog. Materials are a hall-wide dictionary so that "one set of materials serves
 * several licences": two matters that ask for the same material code ask for the same paper.
 */

/** GB/T 39046 item type code: 01 行政许可 … 10 其他行政权力, 20 公共服务. */
export type MatterTypeCode = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '20';

/** 即办件 (done at the window) or 承诺件 (promised within N working days). */
export type CaseType = 'immediate' | 'promised';

/** 必要 / 非必要 / 容缺后补. */
export type MaterialNecessity = 'required' | 'optional' | 'deferrable';

export interface Zone {
  /** A..H; also the ticket prefix. */
  code: string;
  name: string;
}

export interface WindowZone {
  zoneCode: string;
  /** Relative share of this window's calls that go to this zone. */
  weight: number;
}

export interface ServiceWindow {
  /** Like `A1`; a reception desk (导服台) is a window with kind "reception". */
  code: string;
  name: string;
  kind: 'counter' | 'reception';
  zones: WindowZone[];
}

export interface Department {
  code: string;
  name: string;
}

export interface Material {
  code: string;
  name: string;
  /** 1 证件证书证明, 2 申请表格文书, 3 其他. */
  type: 1 | 2 | 3;
  /** 1 纸质, 2 电子, 3 纸质/电子. */
  form: 1 | 2 | 3;
  /** applicant, government (issued by a body / e-licence library), online (filled online). */
  source: 'applicant' | 'government' | 'online';
  issuer?: string;
  /** The standard a material must meet, quoted in the correction notice (一次性告知). */
  standard?: string;
}

export interface MatterMaterial {
  materialCode: string;
  necessity: MaterialNecessity;
  originals: number;
  copies: number;
  /** 告知承诺: the applicant's signed commitment may replace this material. */
  commitmentAllowed: boolean;
  /**
   * 容缺后补 only: the working days after acceptance the applicant gets to supply it (1 up to the
   * matter's promised limit). An imported catalogue must give it on every deferrable row; a record
   * written before the field existed (a station's cache from an older hall) goes without, and the
   * intake rules then take DEFAULT_DEFERRAL_DAYS, cut to the promised limit.
   */
  deferralDays?: number;
}

export interface Matter {
  /** Implementation code (an..24). */
  code: string;
  /** Basic code (an..10). */
  basicCode: string;
  name: string;
  typeCode: MatterTypeCode;
  departmentCode: string;
  zoneCode: string;
  caseType: CaseType;
  /** 法定办结时限, working days. */
  statutoryLimitDays: number;
  /** 承诺办结时限, working days (0 for immediate matters). */
  promisedLimitDays: number;
  fee: { charged: boolean; basis?: string };
  /** 到现场次数. */
  visits: number;
  /** 1 窗口办理, 2 网上办理, 3 移动端, 4 快递. */
  handlingForms: Array<1 | 2 | 3 | 4>;
  /** 1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人, 5 行政机关, 6 其他组织. */
  serviceObjects: Array<1 | 2 | 3 | 4 | 5 | 6>;
  /** Taken in at town/community centres (就近受理、远程审批). */
  townAvailable: boolean;
  legalBasis: string;
  materials: MatterMaterial[];
  /**
   * The town and community centres (site codes) that take this matter in at their counter as a
   * full case (就近受理、远程审批 delegated to them). At any other centre the matter is filed into
   * its zone's online inbox (channel `town`). Absent: no centre takes it in itself.
   */
  takeInSites?: string[];
}

/** 一件事 / 主题套餐: several matters, one application, shared materials asked once. */
export interface Bundle {
  code: string;
  name: string;
  zoneCode: string;
  matterCodes: string[];
  description: string;
}

export interface Hall {
  name: string;
  /** GB/T 2260 region code, e.g. 370902. */
  regionCode: string;
  /** Short site code used in case numbers (unique per hall or town centre). */
  siteCode: string;
}

/**
 * A town or community centre (便民服务中心) that takes cases in for the district: its own site code
 * (the first part of the case numbers its windows mint) and the windows (counters) it runs. A
 * window listed by no site is the hall's own.
 */
export interface Site {
  /** Like `SZ`; unique among the sites and the hall's own site code. */
  code: string;
  name: string;
  windowCodes: string[];
}

export interface Catalog {
  hall: Hall;
  /** Town and community centres; empty for a hall without them. */
  sites: Site[];
  zones: Zone[];
  windows: ServiceWindow[];
  departments: Department[];
  materials: Material[];
  matters: Matter[];
  bundles: Bundle[];
}

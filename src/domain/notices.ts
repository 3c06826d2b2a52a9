/**
 * The written notices of intake and the queue ticket slip, as printer-independent documents.
 *
 * Administrative Licensing Law art. 32: acceptance or refusal is a written, dated, sealed notice; a
 * correction notice tells the applicant ALL missing or defective materials at once. A refusal states
 * the body to apply to where the matter is not ours, and the right to administrative review (within
 * 60 days, Administrative Reconsideration Law art. 20) or litigation (within 6 months, Administrative
 * Litigation Law art. 46).
 *
 * ID numbers are printed masked whatever the caller passes: paper leaves the hall, and a notice is
 * never the place for the full number (the case detail is). The QR code opens the case look-up.
 */
import type { ChecklistItem, Shortfall } from './checklist';
import type { DocumentKind, DocumentLine, PrintDocument } from './document';
import { formatChineseDate, localDateInShanghai, type LocalDate } from './local-date';
import { maskIdNumber } from './masking';
import { formatNoticeNumber } from './numbers';
import { priorityClassLabel, type PriorityClass } from './ticket';

export interface NoticePerson {
  name: string;
  /** The full number may be passed: it is printed masked (370902********1233). */
  idNumber: string;
}

export interface NoticeMatter {
  code: string;
  name: string;
}

/** A material as the notices list it. */
export interface NoticeMaterial {
  name: string;
  originals?: number;
  copies?: number;
  /** What is wrong with what was handed in ("未提交", "需提供原件…"). */
  problem?: string;
  /** The standard it must meet (from the catalogue). */
  standard?: string;
  /** 容缺: the day this material must be supplied by (each deferred material has its own). */
  dueDate?: LocalDate;
}

interface NoticeCommon {
  hallName: string;
  caseNo: string;
  /** Defaults to formatNoticeNumber(caseNo, kind). */
  noticeNo?: string;
  applicant: NoticePerson;
  agent?: NoticePerson | null;
  matters: NoticeMatter[];
  /** 申请日期: when the application was received. */
  appliedOn: LocalDate;
  /** The window code or its display name ("A3"). */
  window: string;
  clerkName: string;
  /** The citizen's progress page, printed as the QR (caseProgressUrl). */
  caseUrl: string;
}

export interface AcceptanceNoticeInput extends NoticeCommon {
  acceptedOn: LocalDate;
  promisedDate: LocalDate;
  /** Working days; 0 for an immediate matter (即办件). */
  promisedDays: number;
  /** The provisions the matters are handled under, quoted in the decision sentence. */
  legalBasis: string;
  /** Materials replaced by the applicant's signed commitment (告知承诺). */
  committedMaterials?: string[];
}

export interface DeferralNoticeInput extends AcceptanceNoticeInput {
  /** Each with its own due date where it has one (none after promisedDate). */
  deferredMaterials: NoticeMaterial[];
  /** The day by which all of them must be supplied: the last of their own dates (never after promisedDate). */
  dueDate: LocalDate;
  /** How to supply them; a default names the window and the online hall. */
  supplyHow?: string;
  /** What happens if they are not supplied in time; a default is given. */
  consequence?: string;
}

export interface CorrectionNoticeInput extends NoticeCommon {
  notifiedOn: LocalDate;
  /** Every missing or defective material: the notice is the one-time complete list. */
  materials: NoticeMaterial[];
  /** The deadline for the correction. */
  dueDate: LocalDate;
  consequence?: string;
}

export interface RejectionNoticeInput extends NoticeCommon {
  rejectedOn: LocalDate;
  reason: string;
  /** Legal provision of the refusal; defaults to art. 32 of the Administrative Licensing Law. */
  legalBasis?: string;
  /** The competent body to apply to, when the matter is not within this hall's powers. */
  competentBody?: string | null;
  /** 行政复议机关, e.g. 泰安市泰山区人民政府. */
  reviewBody: string;
  /** The court for litigation, e.g. 泰安市泰山区人民法院. */
  court: string;
}

export interface TicketSlipInput {
  hallName: string;
  ticketId: string;
  ticketNo: string;
  zoneCode: string;
  zoneName: string;
  priority: PriorityClass;
  peopleAhead: number;
  issuedAt: Date;
  /** If set, the QR code is `<base>/<ticketId>`; otherwise the bare ticket id (scanned at check-in). */
  ticketUrlBase?: string;
  /** The queue-position page of this ticket (the hall's `positionUrl`): the QR then opens it. */
  positionUrl?: string | null;
}

const LICENSING_LAW_ART_32 = '《中华人民共和国行政许可法》第三十二条';

export const DEFAULT_SUPPLY_HOW = '到受理窗口提交，或通过网上政务服务大厅上传电子材料';
export const DEFAULT_DEFERRAL_CONSEQUENCE =
  '逾期未补齐的，本机关将终止办理，已作出的审批决定依法撤销，违反承诺的情况记入申请人信用记录。';
export const DEFAULT_CORRECTION_CONSEQUENCE = '逾期未补正的，视为放弃本次申请；补正后材料齐全、符合法定形式的，本机关予以受理。';

/**
 * The citizen's progress page, printed as the receipt's QR: `<hall's public address>/c/<caseNo>/<code>`.
 * The code (made at intake, 12+ random characters) is what makes the address unguessable; a case
 * without one (taken in before codes) gets the address without it, which opens nothing.
 */
export function caseProgressUrl(publicBaseUrl: string, caseNo: string, accessCode: string | null | undefined): string {
  const base = `${publicBaseUrl.replace(/\/+$/, '')}/c/${encodeURIComponent(caseNo)}`;
  return accessCode ? `${base}/${encodeURIComponent(accessCode)}` : base;
}

/** The correction list from the intake decision: every shortfall with what is wrong and the standard. */
export function noticeMaterialsFromShortfalls(shortfalls: Shortfall[]): NoticeMaterial[] {
  return shortfalls.map((s) => withStandard({ name: s.item.name, originals: s.item.originals, copies: s.item.copies, problem: s.reason }, s.item));
}

/** The deferred list from checklist items, each with its own due date when it has one. */
export function noticeMaterialsFromItems(items: Array<ChecklistItem & { dueDate?: LocalDate }>): NoticeMaterial[] {
  return items.map((i) => withStandard({ name: i.name, originals: i.originals, copies: i.copies, ...(i.dueDate ? { dueDate: i.dueDate } : {}) }, i));
}

function withStandard(m: NoticeMaterial, item: ChecklistItem): NoticeMaterial {
  return item.standard === undefined ? m : { ...m, standard: item.standard };
}

const date = formatChineseDate;

function matterList(matters: NoticeMatter[]): string {
  return matters.map((m) => `“${m.name}”`).join('、');
}

function counts(m: NoticeMaterial): string {
  const parts: string[] = [];
  if (m.originals) parts.push(`原件${m.originals}份`);
  if (m.copies) parts.push(`复印件${m.copies}份`);
  return parts.join('，');
}

function materialLines(list: NoticeMaterial[]): DocumentLine[] {
  const lines: DocumentLine[] = [];
  list.forEach((m, i) => {
    const c = counts(m);
    lines.push({ kind: 'text', text: `${i + 1}. ${m.name}${c ? `（${c}）` : ''}` });
    if (m.problem) lines.push({ kind: 'text', text: `   问题：${m.problem}` });
    if (m.standard) lines.push({ kind: 'text', text: `   要求：${m.standard}` });
    if (m.dueDate) lines.push({ kind: 'text', text: `   补交期限：${date(m.dueDate)}前` });
  });
  return lines;
}

function header(title: string, input: NoticeCommon, noticeNo: string, subtitle?: string): DocumentLine[] {
  const lines: DocumentLine[] = [
    { kind: 'text', text: input.hallName, align: 'center' },
    { kind: 'title', text: title },
    ...(subtitle ? [{ kind: 'text', text: subtitle, align: 'center' } as const] : []),
    { kind: 'pair', label: '编号', value: noticeNo },
    { kind: 'pair', label: '办件编号', value: input.caseNo },
    { kind: 'rule' },
    { kind: 'pair', label: '申请人', value: input.applicant.name },
    { kind: 'pair', label: '证件号码', value: maskIdNumber(input.applicant.idNumber) },
  ];
  if (input.agent) {
    lines.push({ kind: 'pair', label: '代理人', value: input.agent.name });
    lines.push({ kind: 'pair', label: '代理人证件', value: maskIdNumber(input.agent.idNumber) });
  }
  lines.push({ kind: 'heading', text: '申请事项' });
  input.matters.forEach((m, i) => lines.push({ kind: 'text', text: `${i + 1}. ${m.name}（${m.code}）` }));
  lines.push({ kind: 'pair', label: '申请日期', value: date(input.appliedOn) });
  return lines;
}

function signOff(input: NoticeCommon): DocumentLine[] {
  return [
    { kind: 'rule' },
    { kind: 'pair', label: '窗口', value: input.window },
    { kind: 'pair', label: '经办人', value: input.clerkName },
    { kind: 'text', text: '扫码查询办理进度', align: 'center' },
  ];
}

function footer(on: LocalDate, applicantLine: string): DocumentLine[] {
  return [
    { kind: 'blank' },
    { kind: 'text', text: '（行政审批专用章）', align: 'right' },
    { kind: 'text', text: date(on), align: 'right' },
    { kind: 'blank' },
    { kind: 'text', text: applicantLine },
    { kind: 'pair', label: '申请人签字', value: '____________' },
    { kind: 'pair', label: '签收日期', value: '____年__月__日' },
  ];
}

function doc(kind: DocumentKind, reference: string, lines: DocumentLine[], input: NoticeCommon, foot: DocumentLine[]): PrintDocument {
  return { kind, reference, lines, qr: input.caseUrl, footer: foot };
}

function promisedText(input: AcceptanceNoticeInput): string {
  return input.promisedDays === 0 ? `${date(input.promisedDate)}（即办）` : `${date(input.promisedDate)}（${input.promisedDays}个工作日）`;
}

function committedLines(input: AcceptanceNoticeInput): DocumentLine[] {
  const list = input.committedMaterials ?? [];
  if (list.length === 0) return [];
  return [
    { kind: 'heading', text: '告知承诺替代的材料' },
    ...list.map((name, i): DocumentLine => ({ kind: 'text', text: `${i + 1}. ${name}` })),
    { kind: 'text', text: '申请人已书面承诺上述材料真实有效；承诺不实的，依法撤销相关决定并记入信用记录。' },
  ];
}

/** 受理通知书. */
export function acceptanceNotice(input: AcceptanceNoticeInput): PrintDocument {
  const noticeNo = input.noticeNo ?? formatNoticeNumber(input.caseNo, 'acceptance');
  const lines: DocumentLine[] = [
    ...header('受理通知书', input, noticeNo),
    { kind: 'pair', label: '受理日期', value: date(input.acceptedOn) },
    { kind: 'pair', label: '承诺办结', value: promisedText(input) },
    { kind: 'rule' },
    {
      kind: 'text',
      text:
        `${input.applicant.name}：你（单位）于${date(input.appliedOn)}提出的${matterList(input.matters)}申请，` +
        `经审查，申请材料齐全、符合法定形式。根据${input.legalBasis}和${LICENSING_LAW_ART_32}的规定，决定予以受理。` +
        `本机关将于${date(input.promisedDate)}前作出决定（依法需要听证、检验、检测、鉴定、专家评审的，所需时间不计算在内）。`,
    },
    ...committedLines(input),
    ...signOff(input),
  ];
  return doc('acceptance', noticeNo, lines, input, footer(input.acceptedOn, '本通知书已收到。'));
}

/** 容缺受理通知书: accepted with non-key materials to be supplied by a date. */
export function deferralNotice(input: DeferralNoticeInput): PrintDocument {
  const noticeNo = input.noticeNo ?? formatNoticeNumber(input.caseNo, 'deferral');
  // One date for all reads as before; materials due on different days say so, each on its own line.
  const ownDates = new Set(input.deferredMaterials.map((m) => m.dueDate ?? input.dueDate));
  const byWhen = ownDates.size > 1 ? `请按各项所列期限补齐，最迟于${date(input.dueDate)}前` : `请于${date(input.dueDate)}前补齐`;
  const listed = ownDates.size > 1 ? input.deferredMaterials : input.deferredMaterials.map(({ dueDate: _own, ...m }) => m);
  const lines: DocumentLine[] = [
    ...header('容缺受理通知书', input, noticeNo),
    { kind: 'pair', label: '受理日期', value: date(input.acceptedOn) },
    { kind: 'pair', label: '补齐期限', value: date(input.dueDate) },
    { kind: 'pair', label: '承诺办结', value: promisedText(input) },
    { kind: 'rule' },
    {
      kind: 'text',
      text:
        `${input.applicant.name}：你（单位）于${date(input.appliedOn)}提出的${matterList(input.matters)}申请，` +
        `主要申请材料齐全、符合法定形式，下列次要材料暂缺。根据${input.legalBasis}和容缺受理制度，决定予以容缺受理。`,
    },
    { kind: 'heading', text: `容缺材料（共${input.deferredMaterials.length}项），${byWhen}` },
    ...materialLines(listed),
    { kind: 'heading', text: '补交方式' },
    { kind: 'text', text: input.supplyHow ?? DEFAULT_SUPPLY_HOW },
    { kind: 'heading', text: '逾期未补齐' },
    { kind: 'text', text: input.consequence ?? DEFAULT_DEFERRAL_CONSEQUENCE },
    { kind: 'text', text: `材料补齐后，本机关将于${date(input.promisedDate)}前作出决定。` },
    ...committedLines(input),
    ...signOff(input),
  ];
  const pledge = ownDates.size > 1 ? '本人承诺按上述期限补齐上述材料' : `本人承诺于${date(input.dueDate)}前补齐上述材料`;
  return doc('deferral', noticeNo, lines, input, footer(input.acceptedOn, `${pledge}，逾期自愿承担相应责任。`));
}

/** 补正材料通知书（一次性告知）: the complete list of what is missing or defective. */
export function correctionNotice(input: CorrectionNoticeInput): PrintDocument {
  const noticeNo = input.noticeNo ?? formatNoticeNumber(input.caseNo, 'correction');
  const lines: DocumentLine[] = [
    ...header('补正材料通知书', input, noticeNo, '（一次性告知）'),
    { kind: 'pair', label: '告知日期', value: date(input.notifiedOn) },
    { kind: 'pair', label: '补正期限', value: date(input.dueDate) },
    { kind: 'rule' },
    {
      kind: 'text',
      text:
        `${input.applicant.name}：你（单位）于${date(input.appliedOn)}提出的${matterList(input.matters)}申请，` +
        `申请材料不齐全或者不符合法定形式。根据${LICENSING_LAW_ART_32}第一款第（四）项的规定，现一次性告知需要补正的全部内容：`,
    },
    { kind: 'heading', text: `需补正的材料（共${input.materials.length}项）` },
    ...materialLines(input.materials),
    { kind: 'text', text: `请于${date(input.dueDate)}前补正。${input.consequence ?? DEFAULT_CORRECTION_CONSEQUENCE}` },
    ...signOff(input),
  ];
  return doc('correction', noticeNo, lines, input, footer(input.notifiedOn, '本通知书已收到。'));
}

/** 不予受理通知书: the reason, where to apply instead, and the right to review or litigation. */
export function rejectionNotice(input: RejectionNoticeInput): PrintDocument {
  const noticeNo = input.noticeNo ?? formatNoticeNumber(input.caseNo, 'rejection');
  const lines: DocumentLine[] = [
    ...header('不予受理通知书', input, noticeNo),
    { kind: 'pair', label: '决定日期', value: date(input.rejectedOn) },
    { kind: 'rule' },
    {
      kind: 'text',
      text:
        `${input.applicant.name}：你（单位）于${date(input.appliedOn)}提出的${matterList(input.matters)}申请，` +
        `经审查，${input.reason.trim()}。根据${input.legalBasis ?? LICENSING_LAW_ART_32}的规定，决定不予受理。`,
    },
    { kind: 'heading', text: '不予受理的理由' },
    { kind: 'text', text: input.reason.trim() },
  ];
  if (input.competentBody) {
    lines.push({ kind: 'heading', text: '有权受理的机关' });
    lines.push({ kind: 'text', text: `该申请事项依法不属于本机关职权范围，请向${input.competentBody}申请。` });
  }
  lines.push({ kind: 'heading', text: '权利告知' });
  lines.push({
    kind: 'text',
    text:
      `如不服本决定，可以自收到本通知书之日起六十日内向${input.reviewBody}申请行政复议，` +
      `或者自收到本通知书之日起六个月内依法向${input.court}提起行政诉讼。`,
  });
  lines.push(...signOff(input));
  return doc('rejection', noticeNo, lines, input, footer(input.rejectedOn, '本通知书已收到。'));
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (fixed UTC+8, as local-date.ts). */
function shanghaiDateTime(at: Date): string {
  const msOfDay = (((at.getTime() + 8 * 3_600_000) % 86_400_000) + 86_400_000) % 86_400_000;
  const minutes = Math.floor(msOfDay / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${localDateInShanghai(at)} ${hh}:${mm}`;
}

/** The queue ticket slip: the number big, the zone, how many wait ahead, when it was taken. */
export function ticketSlip(input: TicketSlipInput): PrintDocument {
  const lines: DocumentLine[] = [
    { kind: 'text', text: input.hallName, align: 'center' },
    { kind: 'title', text: input.ticketNo },
    { kind: 'text', text: `${input.zoneCode}区 ${input.zoneName}`, align: 'center' },
  ];
  if (input.priority !== 'normal') lines.push({ kind: 'text', text: `【${priorityClassLabel[input.priority]}】`, align: 'center' });
  lines.push(
    { kind: 'rule' },
    { kind: 'pair', label: '前面等候', value: `${Math.max(0, input.peopleAhead)}人` },
    { kind: 'pair', label: '取号时间', value: shanghaiDateTime(input.issuedAt) },
  );
  const qr = input.positionUrl
    ? input.positionUrl
    : input.ticketUrlBase
      ? `${input.ticketUrlBase.replace(/\/+$/, '')}/${encodeURIComponent(input.ticketId)}`
      : input.ticketId;
  return {
    kind: 'ticket-slip',
    reference: input.ticketNo,
    lines,
    qr,
    footer: [
      { kind: 'text', text: '请留意屏幕和语音叫号', align: 'center' },
      { kind: 'text', text: '过号请到导服台', align: 'center' },
    ],
  };
}

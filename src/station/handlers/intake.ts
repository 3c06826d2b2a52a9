import type { CaseIntake, CaseMaterial, CaseRecord } from '../../contract/case';
import { caseIntakeSchema } from '../../contract/case';
import type { MutationName } from '../../contract/sync';
import type { StationHandlers, StationParsedArgs } from '../../contract/station-api';
import { addWorkingDays, calendarVersionsBetween } from '../../domain/calendar';
import { checkContact } from '../../domain/contact';
import { decideIntake, deferredDueDateProblem, mergeChecklist, type DeferredItem, type IntakeDecision } from '../../domain/checklist';
import type { PrintDocument } from '../../domain/document';
import { parseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import { maskIdNumber } from '../../domain/masking';
import {
  acceptanceNotice,
  caseProgressUrl,
  correctionNotice,
  deferralNotice,
  noticeMaterialsFromItems,
  noticeMaterialsFromShortfalls,
  rejectionNotice,
} from '../../domain/notices';
import { formatCaseNumber, formatNoticeNumber, type NoticeKind } from '../../domain/numbers';
import { DomainFailure } from '../../domain/result';
import { centreRoute, siteOfWindow } from '../../domain/site';
import type { StationContext } from '../context';
import { newAccessCode, publicBaseUrl } from '../receipt-link';
import { caseDetail } from './case-view';
import { runPrintJob } from './printing';

type Outcome = StationParsedArgs<'intake.submit'>['outcome'];

const OUTCOMES: Record<Outcome, { mutation: MutationName; status: CaseRecord['status']; notice: NoticeKind }> = {
  accept: { mutation: 'case.accept', status: 'accepted', notice: 'acceptance' },
  'accept-deferred': { mutation: 'case.accept-deferred', status: 'accepted-deferred', notice: 'deferral' },
  'notify-correction': { mutation: 'case.notify-correction', status: 'correction-notified', notice: 'correction' },
  reject: { mutation: 'case.reject', status: 'rejected', notice: 'rejection' },
};

function checkedIdNumber(raw: string, today: string, who: string): string {
  const r = parseIdNumber(raw, today);
  if (!r.ok) throw new DomainFailure(r.error.code, `${who}证件号码有误：${r.error.message}`, { ...r.error.details, who });
  return r.value.number;
}

export function intakeHandlers(ctx: StationContext): Pick<StationHandlers, 'intake.readCard' | 'intake.evaluate' | 'intake.submit'> {
  function decisionFor(args: { matterCodes: string[]; bundleCode: string | null; received: Record<string, CaseMaterial['receipt']>; creditOk: boolean }, acceptedOn: string) {
    const catalog = ctx.catalog.catalog();
    if (args.bundleCode !== null && !catalog.bundles.some((b) => b.code === args.bundleCode)) {
      throw new DomainFailure('BUNDLE_UNKNOWN', `主题套餐 ${args.bundleCode} 不在事项目录中`, { bundleCode: args.bundleCode });
    }
    const matters = ctx.catalog.matters(args.matterCodes);
    const checklist = mergeChecklist(matters, catalog.materials);
    const calendar = ctx.catalog.workCalendar();
    const decision = decideIntake(checklist, args.received, { acceptedOn, calendar, matters, creditOk: args.creditOk });
    return { catalog, matters, checklist, calendar, decision };
  }

  return {
    async 'intake.readCard'() {
      const r = await ctx.devices.reader.readCard({ timeoutMs: 10_000 });
      if (!r.ok) throw new DomainFailure(r.error.code, r.error.message, r.error.details);
      return r.value.holder;
    },

    async 'intake.evaluate'(args) {
      return decisionFor(args, ctx.today()).decision;
    },

    async 'intake.submit'(args) {
      const session = ctx.session.require();
      const window = ctx.session.requireWindow('counter');
      const at = ctx.now();
      const today = localDateInShanghai(at);
      const outcome = OUTCOMES[args.outcome];
      if (args.outcome === 'reject' && !args.rejection) {
        throw new DomainFailure('INTAKE_REJECTION_REASON_REQUIRED', '不予受理须填写理由');
      }
      const { catalog, matters, checklist, calendar, decision } = decisionFor(args, today);
      // At a town centre's counter only delegated matters become cases here; the others go to the
      // district's inbox (inbox.fileFromCentre), and the hall would refuse such a case anyway.
      const site = siteOfWindow(catalog.sites, window.code);
      const route = centreRoute(site, matters);
      if (route.kind === 'file') {
        throw new DomainFailure('MATTER_NOT_DELEGATED', `事项 ${route.notDelegated.map((c) => ctx.catalog.matterName(c)).join('、')} 未下放到${site!.name}受理，请转报区级审批`, {
          matterCodes: route.notDelegated,
        });
      }
      const allowance = {
        accept: decision.allowed.accept,
        'accept-deferred': decision.allowed.acceptDeferred,
        'notify-correction': decision.allowed.notifyCorrection,
        reject: decision.allowed.reject,
      }[args.outcome];
      if (!allowance.ok) throw new DomainFailure(allowance.code, allowance.reason);

      const reachable = checkContact(args.outcome, args.received, [args.applicant.phone, args.agent?.phone]);
      if (!reachable.ok) throw new DomainFailure(reachable.error.code, reachable.error.message, reachable.error.details);
      const idNumber = checkedIdNumber(args.applicant.idNumber, today, '申请人');
      const agent = args.agent ? { ...args.agent, idNumber: checkedIdNumber(args.agent.idNumber, today, '代理人') } : null;
      const applicant = { ...args.applicant, idNumber };
      const deferred = args.outcome === 'accept-deferred' ? agreedDueDates(decision, args.dueDates, today) : [];
      const dueDateOf = new Map(deferred.map((d) => [d.materialCode, d.dueDate]));
      const materials: CaseMaterial[] = checklist.map((item) => {
        const receipt = args.received[item.materialCode] ?? 'missing';
        return {
          materialCode: item.materialCode,
          receipt,
          receivedAt: receipt === 'missing' ? null : at.toISOString(),
          dueDate: dueDateOf.get(item.materialCode) ?? null,
        };
      });
      const correctionDueDate = args.outcome === 'notify-correction' ? addWorkingDays(calendar, today, ctx.config.correctionDays) : null;
      const matterRefs = matters.map((m) => ({ code: m.code, name: m.name }));
      const legalBasis = [...new Set(matters.map((m) => m.legalBasis))].join('；');
      const id = ctx.store.newId();
      // Made here, not at the hall: the receipt printed offline must open the progress page too.
      const accessCode = newAccessCode();
      const base = publicBaseUrl(ctx.store, ctx.config.publicBaseUrl);

      const { record, printJob } = ctx.store.cases.recordIntake({
        windowCode: window.code,
        at,
        staffId: session.staff.id,
        compose: (serial) => {
          const caseNo = formatCaseNumber({ siteCode: site?.code ?? catalog.hall.siteCode, date: today, windowCode: window.code, serial });
          const noticeNo = formatNoticeNumber(caseNo, outcome.notice);
          const intake: CaseIntake = caseIntakeSchema.parse({
            id,
            caseNo,
            stationId: ctx.config.stationId,
            windowCode: window.code,
            clerkId: session.staff.id,
            ticketId: args.ticketId,
            ticketNumber: args.ticketNumber,
            matterCodes: matters.map((m) => m.code),
            bundleCode: args.bundleCode,
            applicant,
            agent,
            source: 'window',
            materials,
            acceptedAt: at.toISOString(),
            promisedDate: decision.promisedDate,
            noticeNo,
            accessCode,
            // What the promise was counted on (0: a provisional year), so the hall can check it
            // even after the official notice replaced that year while this station was offline.
            calendarVersions: calendarVersionsBetween(calendar, today, decision.promisedDate),
          });
          const common = {
            hallName: site?.name ?? catalog.hall.name,
            caseNo,
            noticeNo,
            applicant: { name: applicant.name, idNumber },
            agent: agent ? { name: agent.name, idNumber: agent.idNumber } : null,
            matters: matterRefs,
            appliedOn: today,
            window: window.code,
            clerkName: session.staff.name,
            caseUrl: caseProgressUrl(base, caseNo, accessCode),
          };
          const document = noticeFor(args.outcome, common, { ...decision, deferred }, {
            today,
            legalBasis,
            correctionDueDate,
            rejection: args.rejection,
            reviewBody: ctx.config.reviewBody,
            court: ctx.config.court,
          });
          const mutationArgs =
            args.outcome === 'notify-correction'
              ? { case: intake, correctionDueDate }
              : args.outcome === 'reject'
                ? { case: intake, reason: args.rejection!.reason, competentBody: args.rejection!.competentBody }
                : { case: intake };
          const record: CaseRecord = {
            ...intake,
            status: outcome.status,
            rejection: args.rejection ? { reason: args.rejection.reason, competentBody: args.rejection.competentBody } : null,
            correctionDueDate,
            reviews: [],
            clockPauses: [],
            delivery: null,
            evaluation: null,
            history: [{ at: at.toISOString(), status: outcome.status, action: outcome.mutation, by: session.staff.id, note: null }],
            updatedAt: at.toISOString(),
          };
          return {
            record,
            mutation: { name: outcome.mutation, args: mutationArgs },
            notice: { kind: outcome.notice, noticeNo, document },
            audit: { caseNo, outcome: args.outcome, matters: intake.matterCodes, idNumber: maskIdNumber(idNumber) },
          };
        },
      });
      ctx.log.info({ caseNo: record.caseNo, outcome: args.outcome, window: window.code }, 'case taken in');
      ctx.emit({ type: 'cases', caseId: record.id });
      void ctx.sync.trigger('write');
      const printed = await runPrintJob(ctx, printJob.id);
      return { case: caseDetail(ctx, ctx.store.cases.byId(record.id)!), printJob: printed };
    },
  };
}

/**
 * The deferred materials with the dates they are due: the one the clerk agreed with the applicant
 * (never later than proposed), or else the one proposed from the material's own deferral limit.
 * Dates named for a material that is not deferred now (the clerk marked it received after picking
 * a date) are left aside: they describe nothing on this case.
 */
function agreedDueDates(decision: IntakeDecision, dueDates: Record<string, string>, acceptedOn: string): DeferredItem[] {
  return decision.deferred.map((item) => {
    const due = dueDates[item.materialCode] ?? item.dueDate;
    const problem = deferredDueDateProblem(item, due, acceptedOn, decision.promisedDate);
    if (problem === 'beyond-deferral-limit') {
      throw new DomainFailure('INTAKE_DEFERRED_DUE_DATE_BEYOND_LIMIT', `${item.name}最迟须于${item.dueDate}前补交${item.deferralDays === undefined ? '' : `（容缺期限${item.deferralDays}个工作日）`}，不能约定到${due}`, {
        materialCode: item.materialCode,
        dueDate: due,
        latest: item.dueDate,
        deferralDays: item.deferralDays,
      });
    }
    if (problem !== null) {
      throw new DomainFailure('INTAKE_DEFERRED_DUE_DATE_INVALID', `${item.name}的补交日期须在受理日之后、不晚于承诺办结日期${decision.promisedDate}`, {
        materialCode: item.materialCode,
        dueDate: due,
        promisedDate: decision.promisedDate,
      });
    }
    return { ...item, dueDate: due };
  });
}

interface NoticeCommonInput {
  hallName: string;
  caseNo: string;
  noticeNo: string;
  applicant: { name: string; idNumber: string };
  agent: { name: string; idNumber: string } | null;
  matters: Array<{ code: string; name: string }>;
  appliedOn: string;
  window: string;
  clerkName: string;
  caseUrl: string;
}

function noticeFor(
  outcome: Outcome,
  common: NoticeCommonInput,
  d: IntakeDecision,
  extra: { today: string; legalBasis: string; correctionDueDate: string | null; rejection: { reason: string; competentBody: string } | null; reviewBody: string; court: string },
): PrintDocument {
  const acceptance = {
    ...common,
    acceptedOn: extra.today,
    promisedDate: d.promisedDate,
    promisedDays: d.promisedDays,
    legalBasis: extra.legalBasis,
    committedMaterials: d.committed.map((c) => c.name),
  };
  switch (outcome) {
    case 'accept':
      return acceptanceNotice(acceptance);
    case 'accept-deferred':
      return deferralNotice({
        ...acceptance,
        deferredMaterials: noticeMaterialsFromItems(d.deferred),
        // Everything supplied by the last of the agreed dates.
        dueDate: d.deferred.reduce((last, m) => (m.dueDate > last ? m.dueDate : last), d.deferred[0]!.dueDate),
      });
    case 'notify-correction':
      return correctionNotice({ ...common, notifiedOn: extra.today, materials: noticeMaterialsFromShortfalls(d.shortfalls), dueDate: extra.correctionDueDate! });
    case 'reject':
      return rejectionNotice({
        ...common,
        rejectedOn: extra.today,
        reason: extra.rejection!.reason,
        competentBody: extra.rejection!.competentBody || null,
        reviewBody: extra.reviewBody,
        court: extra.court,
      });
  }
}

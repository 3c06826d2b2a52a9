import { ulid } from 'ulid';
import type { CaseRecord } from '../../../src/contract/case';
import { addWorkingDays, type WorkCalendar } from '../../../src/domain/calendar';
import type { Catalog, Matter } from '../../../src/domain/catalog';
import { localDateInShanghai } from '../../../src/domain/local-date';
import { formatCaseNumber, formatNoticeNumber } from '../../../src/domain/numbers';
import type { SyntheticPerson } from './people';
import type { MutationName } from '../../../src/contract/sync';
import { decideIntake, mergeChecklist, type MaterialReceipt } from '../../../src/domain/checklist';
import type { Store } from '../../../src/station/store';
import { acceptanceNotice } from '../../../src/domain/notices';
import { maskIdNumber } from '../../../src/domain/masking';

export interface IntakeSpec {
  stationId: string;
  windowCode: string;
  clerkId: string;
  serial: number;
  at: Date;
  matter: Matter;
  applicant: SyntheticPerson;
  calendar: WorkCalendar;
  siteCode?: string;
}

/**
 * An accepted case as a station records it at intake: every material of the matter received as an
 * original, the promised date from the calendar (the server recomputes it and refuses a mismatch).
 */
export function acceptedCase(s: IntakeSpec): CaseRecord {
  const day = localDateInShanghai(s.at);
  const caseNo = formatCaseNumber({ siteCode: s.siteCode ?? 'TS', date: day, windowCode: s.windowCode, serial: s.serial });
  const at = s.at.toISOString();
  return {
    id: ulid(s.at.getTime()),
    caseNo,
    stationId: s.stationId,
    windowCode: s.windowCode,
    clerkId: s.clerkId,
    ticketId: null,
    ticketNumber: null,
    matterCodes: [s.matter.code],
    bundleCode: null,
    applicant: { name: s.applicant.name, idType: '111', idNumber: s.applicant.idNumber, phone: s.applicant.phone, address: s.applicant.address },
    agent: null,
    source: 'window',
    materials: s.matter.materials.map((m) => ({ materialCode: m.materialCode, receipt: 'original' as const, receivedAt: at, dueDate: null })),
    acceptedAt: at,
    promisedDate: addWorkingDays(s.calendar, day, s.matter.promisedLimitDays),
    noticeNo: formatNoticeNumber(caseNo, 'acceptance'),
    status: 'accepted',
    rejection: null,
    correctionDueDate: null,
    reviews: [],
    clockPauses: [],
    delivery: null,
    evaluation: null,
    history: [],
    updatedAt: at,
  };
}

/** The intake part of a record: what `case.accept` carries. */
export function intakeOf(r: CaseRecord) {
  return {
    id: r.id,
    caseNo: r.caseNo,
    stationId: r.stationId,
    windowCode: r.windowCode,
    clerkId: r.clerkId,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    matterCodes: r.matterCodes,
    bundleCode: r.bundleCode,
    applicant: r.applicant,
    agent: r.agent,
    source: r.source,
    materials: r.materials,
    acceptedAt: r.acceptedAt,
    promisedDate: r.promisedDate,
    noticeNo: r.noticeNo,
  };
}


/** A zone-B matter of the demo hall with a deferrable material (容缺) and a promised limit. */
export function deferrableMatter(catalog: Catalog): Matter {
  const m = catalog.matters.find((x) => x.zoneCode === 'B' && x.promisedLimitDays > 0 && x.materials.some((y) => y.necessity === 'deferrable'));
  if (!m) throw new Error('the catalogue has no zone-B matter with a deferrable material');
  return m;
}

export interface ChainSpec {
  store: Store;
  catalog: Catalog;
  calendar: WorkCalendar;
  matter: Matter;
  stationId: string;
  windowCode: string;
  staffId: string;
  at: Date;
  applicant: SyntheticPerson;
  /** Mutations after the intake: 0..9 (a whole life is 10 mutations). */
  steps?: number;
}

/**
 * A case's whole life as ten outbox entries, written through the station's store the way its
 * handlers write them (one transaction each, local row + outbox): 容缺 acceptance, the owed
 * material supplied, dispatch to two departments, a clock pause and its end, both decisions,
 * ready, delivered, rated.
 */
export function recordCaseLife(s: ChainSpec): CaseRecord {
  const checklist = mergeChecklist([s.matter], s.catalog.materials);
  const deferrable = checklist.find((i) => i.necessity === 'deferrable')!;
  const received: Record<string, MaterialReceipt> = Object.fromEntries(
    checklist.filter((i) => i.necessity !== 'optional').map((i) => [i.materialCode, i === deferrable ? 'missing' : 'original']),
  );
  const day = localDateInShanghai(s.at);
  const decision = decideIntake(checklist, received, { acceptedOn: day, calendar: s.calendar, matters: [s.matter], creditOk: true });
  const at = s.at.toISOString();
  const departments = [s.matter.departmentCode, ...s.catalog.departments.map((d) => d.code).filter((c) => c !== s.matter.departmentCode).slice(0, 1)];
  let record: CaseRecord | null = null;
  s.store.cases.recordIntake({
    windowCode: s.windowCode,
    at: s.at,
    staffId: s.staffId,
    compose: (serial) => {
      const caseNo = formatCaseNumber({ siteCode: s.catalog.hall.siteCode, date: day, windowCode: s.windowCode, serial });
      const materials = Object.entries(received).map(([materialCode, receipt]) => ({
        materialCode,
        receipt,
        receivedAt: receipt === 'missing' ? null : at,
        dueDate: receipt === 'missing' ? (decision.deferred.find((d) => d.materialCode === materialCode)?.dueDate ?? null) : null,
      }));
      record = {
        id: ulid(s.at.getTime()),
        caseNo,
        stationId: s.stationId,
        windowCode: s.windowCode,
        clerkId: s.staffId,
        ticketId: null,
        ticketNumber: null,
        matterCodes: [s.matter.code],
        bundleCode: null,
        applicant: { name: s.applicant.name, idType: '111', idNumber: s.applicant.idNumber, phone: s.applicant.phone, address: s.applicant.address },
        agent: null,
        source: 'window',
        materials,
        acceptedAt: at,
        promisedDate: decision.promisedDate,
        noticeNo: formatNoticeNumber(caseNo, 'deferral'),
        status: 'accepted-deferred',
        rejection: null,
        correctionDueDate: null,
        reviews: [],
        clockPauses: [],
        delivery: null,
        evaluation: null,
        history: [],
        updatedAt: at,
      };
      const document = acceptanceNotice({
        hallName: s.catalog.hall.name,
        caseNo,
        applicant: { name: s.applicant.name, idNumber: s.applicant.idNumber },
        matters: [{ code: s.matter.code, name: s.matter.name }],
        appliedOn: day,
        acceptedOn: day,
        promisedDate: decision.promisedDate,
        promisedDays: decision.promisedDays,
        legalBasis: s.matter.legalBasis,
        window: s.windowCode,
        clerkName: '测试员',
        caseUrl: 'https://hall.example/c/TS-20261127-A3-0007/Q7kP2mX9vR4tLw8N',
      });
      return {
        record,
        mutation: { name: 'case.accept-deferred', args: { case: intakeOf(record) } },
        notice: { kind: 'deferral', noticeNo: record.noticeNo, document },
        audit: { caseNo, idNumber: maskIdNumber(s.applicant.idNumber) },
      };
    },
  });
  const r = record as unknown as CaseRecord;
  const chain: Array<[MutationName, unknown]> = [
    ['case.supplement-material', { caseId: r.id, materialCode: deferrable.materialCode, receipt: 'original' }],
    ['case.dispatch', { caseId: r.id, departmentCodes: departments }],
    ['case.pause-clock', { caseId: r.id, kind: 'other', reason: '现场核查', from: day }],
    ['case.resume-clock', { caseId: r.id, on: day }],
    ...departments.map((d): [MutationName, unknown] => ['case.decide', { caseId: r.id, departmentCode: d, decision: 'approved', opinion: '同意' }]),
    ['case.mark-ready', { caseId: r.id }],
    ['case.deliver', { caseId: r.id, how: 'window', licenceName: null, licenceNo: null }],
    ['case.evaluate', { caseId: r.id, level: 1, reason: null }],
  ];
  for (const [name, args] of chain.slice(0, s.steps ?? chain.length)) {
    s.store.cases.change({
      caseId: r.id,
      at: s.at,
      staffId: s.staffId,
      windowCode: s.windowCode,
      change: (current) => ({ record: current.record, mutation: { name, args }, action: name }),
    });
  }
  return r;
}

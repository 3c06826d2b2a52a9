import { ulid } from 'ulid';
import type { CaseRecord } from '../../../src/contract/case';
import { addWorkingDays, type WorkCalendar } from '../../../src/domain/calendar';
import type { Matter } from '../../../src/domain/catalog';
import { localDateInShanghai } from '../../../src/domain/local-date';
import { formatCaseNumber, formatNoticeNumber } from '../../../src/domain/numbers';
import type { SyntheticPerson } from './people';

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

import { z } from 'zod';
import {
  idSchema,
  instantSchema,
  localDateSchema,
  materialCodeSchema,
  matterCodeSchema,
  optionalText,
  shortText,
  windowCodeSchema,
  caseNoSchema,
} from './primitives';

/**
 * A case (办件) as the station creates it at intake and as the hall server stores it.
 * The station owns what it creates (client-generated ULID and a case number unique without
 * coordination); the server owns the status after intake.
 */

export const caseStatusSchema = z.enum([
  'accepted',
  'accepted-deferred',
  'correction-notified',
  'rejected',
  'in-review',
  'approved',
  'denied',
  'ready',
  'delivered',
]);

export const materialReceiptSchema = z.enum(['original', 'copy', 'electronic', 'commitment', 'missing']);

/** GB/T 39046 certificate type code: 111 resident ID, 414 passport, 516 HK/Macau pass, … (we take what the reader gives). */
export const applicantSchema = z.object({
  name: shortText(60),
  idType: z.enum(['111', '154', '553', '554']).default('111'),
  idNumber: z.string().trim().min(6).max(24),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, 'expected a phone number')
    .optional(),
  address: optionalText(120).optional(),
  /** For companies: the name and unified social credit code; the person is the legal representative. */
  companyName: optionalText(100).optional(),
  creditCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'expected an 18-character unified social credit code')
    .optional(),
});
export type Applicant = z.infer<typeof applicantSchema>;

export const agentSchema = z.object({
  name: shortText(60),
  idNumber: z.string().trim().min(6).max(24),
  phone: applicantSchema.shape.phone,
});

export const caseMaterialSchema = z.object({
  materialCode: materialCodeSchema,
  receipt: materialReceiptSchema,
  /** When it was received (supplements of deferred materials come later). */
  receivedAt: instantSchema.nullable().default(null),
  /** 容缺: the deadline by which the applicant supplies it. */
  dueDate: localDateSchema.nullable().default(null),
});
export type CaseMaterial = z.infer<typeof caseMaterialSchema>;

/** A year of the working-day calendar and its revision at the hall (0: the provisional year). */
export const calendarVersionSchema = z.object({ year: z.number().int().min(1900).max(9999), revision: z.number().int().min(0).max(100_000) });

/** What a window records at intake, whichever the outcome. */
export const caseIntakeSchema = z.object({
  id: idSchema,
  caseNo: caseNoSchema,
  stationId: z.string().min(1).max(64),
  windowCode: windowCodeSchema,
  clerkId: z.string().min(1).max(64),
  ticketId: z.string().max(64).nullable().default(null),
  ticketNumber: z.string().max(8).nullable().default(null),
  matterCodes: z.array(matterCodeSchema).min(1).max(30),
  bundleCode: z.string().max(24).nullable().default(null),
  applicant: applicantSchema,
  agent: agentSchema.nullable().default(null),
  source: z.enum(['window', 'town', 'online']).default('window'),
  materials: z.array(caseMaterialSchema).max(200),
  /** The station's clock at intake; the server recomputes the promised date from it. */
  acceptedAt: instantSchema,
  promisedDate: localDateSchema,
  noticeNo: z.string().min(1).max(48),
  /**
   * The code printed in the receipt's QR (12+ random characters the station made at intake, so an
   * offline receipt carries it too): it opens the citizen's progress page, and lets a clerk at another
   * window open the case with the receipt in hand. The hall keeps only its hash.
   */
  accessCode: z.string().regex(/^[A-Za-z0-9]{12,32}$/, '12 to 32 letters and digits').optional(),
  /**
   * The calendar the promised date was computed on: each year from acceptance to the promised date
   * with its revision at the station (0: provisional, derived from the statute). The hall checks the
   * date against these, so an intake made offline before the official notice arrived still holds.
   * Empty from stations that predate it: checked against the hall's calendar as it now stands.
   */
  calendarVersions: z.array(calendarVersionSchema).max(12).optional(),
});
export type CaseIntake = z.infer<typeof caseIntakeSchema>;

export const reviewSchema = z.object({
  departmentCode: z.string(),
  decision: z.enum(['pending', 'approved', 'denied']),
  opinion: z.string().nullable(),
  decidedAt: instantSchema.nullable(),
});

export const caseHistoryEntrySchema = z.object({
  at: instantSchema,
  status: caseStatusSchema,
  action: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const evaluationSchema = z.object({
  level: z.number().int().min(1).max(5),
  reason: z.string().nullable(),
  at: instantSchema,
});

/** A case as the server knows it (pull, case look-up): never the receipt's code, which it keeps hashed. */
export const caseRecordSchema = caseIntakeSchema.omit({ accessCode: true }).extend({
  status: caseStatusSchema,
  rejection: z.object({ reason: z.string(), competentBody: z.string() }).nullable().default(null),
  correctionDueDate: localDateSchema.nullable().default(null),
  reviews: z.array(reviewSchema).default([]),
  clockPauses: z.array(z.object({ from: localDateSchema, to: localDateSchema.nullable(), reason: z.string() })).default([]),
  delivery: z
    .object({ how: z.enum(['window', 'express']), at: instantSchema, licenceName: z.string().nullable(), licenceNo: z.string().nullable() })
    .nullable()
    .default(null),
  evaluation: evaluationSchema.nullable().default(null),
  /**
   * The hall's own deadline when the official calendar, entered after the promise was printed,
   * makes the legal date earlier than the promised one (the printed promise stands; the hall decides
   * sooner). Null when the promised date is the deadline.
   */
  internalDueDate: localDateSchema.nullable().optional(),
  history: z.array(caseHistoryEntrySchema).default([]),
  updatedAt: instantSchema,
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** What a push answers about a case it changed: no personal data (the station has those). */
export const caseReceiptSchema = z.object({ id: z.string(), caseNo: z.string(), status: caseStatusSchema, promisedDate: localDateSchema, updatedAt: instantSchema });
export type CaseReceipt = z.infer<typeof caseReceiptSchema>;

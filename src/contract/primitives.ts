import { z } from 'zod';
import { WINDOW_CODE_PATTERN } from '../domain/site';

/** 'YYYY-MM-DD', a date that matters to people (Asia/Shanghai). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

/** An instant, stored and sent in UTC ISO 8601. */
export const instantSchema = z.iso.datetime({ offset: true });

/** Ids are ULIDs made by whoever creates the record (station or server). */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID');

/** Short free text typed by a person: trimmed, bounded so a 1 MB paste is a 400, not a stored row. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 500) => z.string().trim().max(max);

export const zoneCodeSchema = z.string().regex(/^[A-Z]$/, 'expected a zone letter A..Z');
/** A hall window (`A3`) or a town centre's (`TC01`): 1..8 capital letters or digits, as in a case number. */
export const windowCodeSchema = z.string().regex(WINDOW_CODE_PATTERN, 'expected a window code like A3 or TC01 (1..8 capital letters or digits)');
/** `site-yyyymmdd-window-serial`: the hall's or a centre's site code, the day, the window, its serial. */
export const CASE_NUMBER_PATTERN = /^[A-Z0-9]{1,8}-\d{8}-[A-Z0-9]{1,8}-\d{4}$/;
export const caseNoSchema = z.string().regex(CASE_NUMBER_PATTERN, 'expected a case number like TS-20261128-A3-0007 or SZ-20261207-TC01-0001');
export const matterCodeSchema = z.string().regex(/^[0-9A-Za-z]{1,24}$/, 'expected a matter code (an..24)');
export const materialCodeSchema = z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, 'expected a material code');

/** The failure half of every answer that crosses a process: a code for programs, a message for people. */
export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

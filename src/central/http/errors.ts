import { DomainFailure, type DomainError } from '../../domain/result';
import { isConnectionLoss } from '../db/pg-errors';

/**
 * Errors are values with codes; this file is the one place a code becomes an HTTP status.
 * Codes not listed follow their suffix (…_NOT_FOUND → 404); a domain code that is none of these is a
 * request the hall cannot honour as sent (422).
 */
const statusByCode: Record<string, number> = {
  BAD_JSON: 400,
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  // A report's range or grouping as asked cannot be read (domain/report.ts).
  REPORT_RANGE_INVALID: 400,
  REPORT_RANGE_INVERTED: 400,
  REPORT_RANGE_TOO_LONG: 400,
  REPORT_GROUPING_UNSUPPORTED: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  SESSION_EXPIRED: 401,
  SESSION_ENDED: 401,
  STATION_UNKNOWN: 401,
  STATION_HEADER_MISSING: 401,
  STATION_REQUIRED: 403,
  STATION_NOT_APPROVED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  ROLE_FORBIDDEN: 403,
  WINDOW_FORBIDDEN: 403,
  ZONE_FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  VOICE_PACK_MISSING: 404,
  LOGIN_RATE_LIMITED: 429,
  PUBLIC_RATE_LIMITED: 429,
  // State conflicts: the request is fine, the hall moved on (or was never there).
  TICKET_ILLEGAL_TRANSITION: 409,
  TICKET_RECALL_LIMIT: 409,
  TICKET_GRACE_EXPIRED: 409,
  TICKET_NOT_AT_WINDOW: 409,
  TICKET_NOT_TODAY: 409,
  WINDOW_BUSY: 409,
  WINDOW_PAUSED: 409,
  WINDOW_NOT_PAUSED: 409,
  WINDOW_IS_RECEPTION: 409,
  WINDOW_AT_CENTRE: 409,
  TICKET_SERIAL_EXHAUSTED: 409,
  REQUEST_ID_REUSED: 409,
  APPLICATION_ID_REUSED: 409,
  CORRECTION_ID_REUSED: 409,
  APPLICATION_ILLEGAL_TRANSITION: 409,
  MATERIAL_FILE_TOO_LARGE: 413,
  MATERIAL_FILE_PURGED: 410,
  USERNAME_TAKEN: 409,
  STAFF_NO_TAKEN: 409,
  STATION_ID_TAKEN: 409,
  STATION_KEY_TAKEN: 409,
  STATION_NOT_PENDING: 409,
  NOT_A_SESSION: 409,
  // A destructive change the administrator must confirm with `force` (the calendar's guard).
  CALENDAR_CHANGE_NEEDS_FORCE: 409,
  // Understood but not acceptable as data.
  ID_NUMBER_REQUIRED: 422,
  CALENDAR_YEAR_UNKNOWN: 422,
  CALENDAR_INVALID: 422,
  CATALOG_INVALID: 422,
  ZONE_UNKNOWN: 422,
  WINDOW_UNKNOWN: 422,
  MATTER_UNKNOWN: 422,
  MATTER_NOT_IN_ZONE: 422,
  WINDOW_REQUIRED: 422,
  PASSWORD_TOO_SHORT: 422,
};

export function httpStatusFor(code: string): number {
  const known = statusByCode[code];
  if (known !== undefined) return known;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_FORBIDDEN')) return 403;
  if (code.endsWith('_CONFLICT')) return 409;
  return 422;
}

/** Thrown by handlers and repositories; the error handler turns it into `{ error: { code, message, details? } }`. */
export class HallError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, message: string, details?: Record<string, unknown>, status?: number) {
    super(message);
    this.name = 'HallError';
    this.code = code;
    this.status = status ?? httpStatusFor(code);
    this.details = details;
  }

  static from(e: DomainError): HallError {
    return new HallError(e.code, e.message, e.details);
  }
}

/** A domain Result's value, or its error thrown as a HallError. */
export function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: DomainError }): T {
  if (r.ok) return r.value;
  throw HallError.from(r.error);
}

export interface ErrorReply {
  status: number;
  body: { error: { code: string; message: string; details?: Record<string, unknown> } };
  /** Only 5xx are the server's fault; those get logged as errors. */
  internal: boolean;
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: unknown;
}

/** Everything that can be thrown on the way to a response, mapped once. Never a 500 for bad input. */
export function toErrorReply(err: unknown): ErrorReply {
  if (err instanceof HallError) return reply(err.status, err.code, err.message, err.details);
  if (err instanceof DomainFailure) return reply(httpStatusFor(err.code), err.code, err.message, err.details);
  const e = (err ?? {}) as FastifyLikeError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply(400, 'BAD_JSON', 'the request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply(413, 'BODY_TOO_LARGE', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return reply(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
    default:
      break;
  }
  if (err instanceof SyntaxError && status === 400) return reply(400, 'BAD_JSON', 'the request body is not valid JSON');
  if (status >= 400 && status < 500) {
    return reply(status, status === 404 ? 'ROUTE_NOT_FOUND' : 'BAD_REQUEST', e.message ?? 'bad request');
  }
  if (isConnectionLoss(err)) {
    // Nothing was committed (the transaction died with its connection): the client may simply retry.
    return { ...reply(503, 'DATABASE_UNAVAILABLE', 'the hall database connection was lost; try again'), internal: true };
  }
  return { ...reply(500, 'INTERNAL', 'the hall server failed; the error is logged'), internal: true };
}

function reply(status: number, code: string, message: string, details?: Record<string, unknown>): ErrorReply {
  return { status, body: { error: details ? { code, message, details } : { code, message } }, internal: false };
}

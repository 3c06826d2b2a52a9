import { describe, expect, it } from 'vitest';
import { HallError, httpStatusFor, toErrorReply, unwrap } from '../../../src/central/http/errors';
import { DomainFailure, fail, ok } from '../../../src/domain/result';

describe('the one mapper from error codes to HTTP', () => {
  it('maps the codes a clerk meets to their statuses', () => {
    expect(httpStatusFor('VALIDATION_FAILED')).toBe(400);
    expect(httpStatusFor('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusFor('WINDOW_FORBIDDEN')).toBe(403);
    expect(httpStatusFor('TICKET_NOT_FOUND')).toBe(404);
    expect(httpStatusFor('TICKET_ILLEGAL_TRANSITION')).toBe(409);
    expect(httpStatusFor('WINDOW_BUSY')).toBe(409);
    expect(httpStatusFor('CALENDAR_YEAR_UNKNOWN')).toBe(422);
    expect(httpStatusFor('ID_NUMBER_CHECK_DIGIT')).toBe(422);
    expect(httpStatusFor('LOGIN_RATE_LIMITED')).toBe(429);
  });

  it('turns domain results and failures into the error body', () => {
    expect(unwrap(ok(3))).toBe(3);
    expect(() => unwrap(fail('ID_NUMBER_LENGTH', 'too short'))).toThrow(HallError);
    const r = toErrorReply(new DomainFailure('CALENDAR_YEAR_UNKNOWN', 'no 2027', { year: 2027 }));
    expect(r).toEqual({ status: 422, body: { error: { code: 'CALENDAR_YEAR_UNKNOWN', message: 'no 2027', details: { year: 2027 } } }, internal: false });
  });

  it('maps Fastify body errors to 4xx with a code, and only real failures to 500', () => {
    expect(toErrorReply({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }).body.error.code).toBe('BAD_JSON');
    expect(toErrorReply({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).status).toBe(413);
    expect(toErrorReply({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }).status).toBe(415);
    expect(toErrorReply({ statusCode: 400, message: 'odd' }).body.error.code).toBe('BAD_REQUEST');
    const internal = toErrorReply(new TypeError('x is undefined'));
    expect(internal.status).toBe(500);
    expect(internal.internal).toBe(true);
    expect(internal.body.error.message).not.toContain('undefined');
  });

  it('answers 503 DATABASE_UNAVAILABLE when the database connection dies under a query', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(toErrorReply(Object.assign(new Error('Failed query: select 1'), { cause: terminated })).body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(toErrorReply(new Error('Connection terminated unexpectedly')).status).toBe(503);
  });
});

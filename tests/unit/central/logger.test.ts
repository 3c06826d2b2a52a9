import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createHallLogger, maskDeep } from '../../../src/central/logger';

function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createHallLogger({ level: 'debug', destination });
  return { logger, lines: () => lines.join('\n') };
}

describe('hall server logs', () => {
  it('mask ID and phone numbers wherever they appear', async () => {
    const { logger, lines } = memoryLogger();
    logger.info({ url: '/api/v1/cases?idNumber=11010519491231002X', applicant: { phone: '13912345678' } }, 'looked up 440524188001010014');
    logger.flush();
    await new Promise((r) => setTimeout(r, 10));
    const out = lines();
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('440524188001010014');
    expect(out).not.toContain('13912345678');
    expect(out).toContain('110105********002X');
    expect(out).toContain('139****5678');
  });

  it('never write passwords or bearer tokens', async () => {
    const { logger, lines } = memoryLogger();
    logger.info({ password: 'hall-demo-2026', token: 'abc.secret', req: { headers: { authorization: 'Bearer abc.secret' } } }, 'sign-in');
    logger.info({ req: { method: 'GET', url: '/api/v1/events?access_token=abc.secret' } }, 'sse');
    logger.flush();
    await new Promise((r) => setTimeout(r, 10));
    const out = lines();
    expect(out).not.toContain('hall-demo-2026');
    expect(out).not.toContain('abc.secret');
    expect(out).toContain('[redacted]');
  });

  it('mask errors too, keeping their type', () => {
    const masked = maskDeep(new Error('bad number 11010519491231002X')) as { type: string; message: string };
    expect(masked).toMatchObject({ type: 'Error', message: 'bad number 110105********002X' });
  });
});

describe('request and error lines', () => {
  it('keep the method, path and status of a request (serialized from the live objects)', async () => {
    const { logger, lines } = memoryLogger();
    class FakeRequest {
      id = 'req-7';
      get method() {
        return 'POST';
      }
      get url() {
        return '/api/v1/tickets';
      }
    }
    logger.info({ req: new FakeRequest() }, 'incoming request');
    logger.info({ res: { statusCode: 201 }, responseTime: 4 }, 'request completed');
    logger.flush();
    await new Promise((r) => setTimeout(r, 10));
    const [incoming, completed] = lines().split('\n').map((l) => JSON.parse(l));
    expect(incoming.req).toMatchObject({ id: 'req-7', method: 'POST', url: '/api/v1/tickets' });
    expect(completed.res).toEqual({ statusCode: 201 });
  });

  it('drop the parameters a failed query carries in its message', async () => {
    const { logger, lines } = memoryLogger();
    const failed = Object.assign(new Error('Failed query: update "staff" set "password_hash" = $1\nparams: scrypt$16384$8$1$c2FsdA==$aGFzaA==,11010519491231002X'), {
      code: '22021',
    });
    logger.error({ err: Object.assign(new Error('request failed'), { cause: failed }) }, 'request failed');
    logger.flush();
    await new Promise((r) => setTimeout(r, 10));
    const out = lines();
    expect(out).not.toMatch(/scrypt\$\d+/);
    expect(out).not.toContain('11010519491231002X');
    expect(out).toContain('[parameters not logged]');
    expect(JSON.parse(out).err.cause).toMatchObject({ code: '22021' });
  });
});

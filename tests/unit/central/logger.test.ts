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

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createStationLogger } from '../../../src/station/logger';

function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createStationLogger({ stationId: 'A3-pc', level: 'debug', destination }), text: () => lines.join('\n') };
}

describe('station logs', () => {
  it('mask ID numbers, phones and addresses by field and wherever a number appears in text', () => {
    const { logger, text } = memoryLogger();
    logger.info({ applicant: { idNumber: '11010519491231002X', phone: '13912345678', address: '山东省泰安市泰山区岱宗大街88号3单元' } }, 'case for 440524188001010014');
    logger.error({ err: new Error('SQLITE_CONSTRAINT\nparams: 11010519491231002X,岱宗大街88号,13912345678') }, 'insert failed');
    const out = text();
    for (const clear of ['11010519491231002X', '440524188001010014', '13912345678', '岱宗大街88号']) expect(out).not.toContain(clear);
    expect(out).toContain('110105********002X');
    expect(out).toContain('139****5678');
    expect(out).toContain('山东省泰安市****');
    expect(out).toContain('[parameters not logged]');
    expect(JSON.parse(out.split('\n')[0]!)).toMatchObject({ station: 'A3-pc' });
  });

  it('never write passwords, tokens or keys', () => {
    const { logger, text } = memoryLogger();
    logger.info({ password: 'hall-demo-2026', token: 'abc.secret', key: 'k3y-material', headers: { authorization: 'Bearer abc.secret', cookie: 'station_key_7400=k3y-material' } }, 'sign-in');
    const out = text();
    for (const secret of ['hall-demo-2026', 'abc.secret', 'k3y-material']) expect(out).not.toContain(secret);
  });
});

/**
 * Bugs the fault suite found in the hall server, each pinned by the test that failed until it was
 * fixed (691d285; the general bad-input fuzz in fuzz-hall.test.ts now sends these inputs too):
 *
 * 1. A NUL byte (U+0000) or a lone UTF-16 surrogate (U+D800) in any text the server stores or
 *    queries by is a 500: PostgreSQL (and PGlite) refuse 0x00 in text and \ud800 in jsonb, and
 *    the zod schemas let both through. Wherever a string crosses the boundary it should be refused
 *    with 400 VALIDATION_FAILED.
 * 2. Calendar text (the notice's title in `source`, holiday and make-up day names) has no length
 *    limit (`text` in src/contract/catalog.ts is `z.string().trim().min(1)`): a 1 MB name is stored.
 * 3. When such a query fails, the error logged by the hall server's error handler carries the SQL
 *    parameters, the staff member's password hash among them (drizzle puts `params:` in the message
 *    of a failed query; src/central/app.ts logs `err` as it is).
 * 4. The request log lines carry no method, path or status: pino's `req`/`res` serializers in
 *    src/central/logger.ts receive objects without them (`"req":{"id":"req-1"}`, `"res":{}`), so
 *    "which request failed, how often" cannot be read from the log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startInProcessHall, type InProcessHall } from './support/hall-inproc';
import { signIn, type HallClient, type Json } from './support/http';

const BAD_TEXT = ['a\u0000b', 'x\ud800y'];

describe.each(backends)('bugs found by the fault suite (%s)', (backend) => {
  let hall: InProcessHall;
  let admin: HallClient;
  beforeAll(async () => {
    hall = await startInProcessHall(backend);
    admin = await signIn(hall.url, 'admin');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  for (const text of BAD_TEXT) {
    const nul = text.includes('\u0000');
    it(`refuses ${nul ? 'a NUL byte' : 'a lone surrogate'} in a staff name${nul ? ', a calendar name, a station id and a case search' : ' and a calendar name'} with 400, never 500`, async () => {
      const calendar = JSON.parse(readFileSync(new URL('../../resources/calendar/2026.json', import.meta.url), 'utf8')) as Json;
      const answers = [
        await admin.call('PATCH', '/api/v1/staff/clerk-A1', { name: text }),
        await admin.call('PUT', '/api/v1/calendar/2026', { ...calendar, source: text }),
        // A lone surrogate cannot travel in a URL (it is not UTF-8); a NUL byte can, as %00.
        ...(nul
          ? [
              await admin.get(`/api/v1/sync/pull?cursor=0&limit=1&stationId=${encodeURIComponent(text)}`),
              await admin.get(`/api/v1/cases?idNumber=${encodeURIComponent(`3709021990${text}`)}`),
            ]
          : []),
      ];
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 400));
    });
  }

  it('refuses a 1 MB holiday name or calendar source with a 4xx', async () => {
    const calendar = JSON.parse(readFileSync(new URL('../../resources/calendar/2026.json', import.meta.url), 'utf8')) as Json;
    const huge = 'x'.repeat(1 << 20);
    const source = await admin.call('PUT', '/api/v1/calendar/2026', { ...calendar, source: huge });
    const name = await admin.call('PUT', '/api/v1/calendar/2026', { ...calendar, holidays: calendar.holidays.map((h: Json, i: number) => (i === 0 ? { ...h, name: huge } : h)) });
    expect([source.status, name.status].every((s) => s >= 400 && s < 500)).toBe(true);
  });

  it('logs each request with its method, path and status code', async () => {
    const before = hall.logs.length;
    await admin.get('/api/v1/windows/A1');
    const lines = hall.logs.slice(before).map((l) => JSON.parse(l) as Json);
    const completed = lines.find((l) => l.msg === 'request completed');
    expect({ method: completed?.req?.method ?? lines.find((l) => l.req?.method)?.req?.method, url: lines.find((l) => l.req?.url)?.req?.url, status: completed?.res?.statusCode }).toEqual({
      method: 'GET',
      url: '/api/v1/windows/A1',
      status: 200,
    });
  });

  it('never writes a password hash to the log when a query fails', async () => {
    await admin.call('PATCH', '/api/v1/staff/clerk-A2', { name: 'a\u0000b' });
    const log = hall.logs.join('');
    expect(log).not.toMatch(/scrypt\$\d+\$/);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeRule } from '../../../src/central/auth/policy';
import { centralApi } from '../../../src/contract/api';
import { backends, startTestHall, type TestHall } from './harness';

// Protocol-level behaviour does not depend on the database: one backend is enough.
const backend = backends[0]!;

describe(`the HTTP surface (${backend})`, () => {
  let hall: TestHall;
  let admin: string;

  beforeAll(async () => {
    hall = await startTestHall(backend, { config: { bodyLimitBytes: 64 * 1024 } });
    admin = await hall.login('admin');
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('answers /healthz', async () => {
    const r = await hall.api('GET', '/healthz');
    expect([r.status, r.body]).toEqual([200, { status: 'ok' }]);
  });

  it('describes every route in the OpenAPI document', async () => {
    const r = await hall.api('GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    for (const e of Object.values(centralApi)) {
      const path = e.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      const op = r.body.paths[path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${path}`).toBeDefined();
      expect(op.summary).toBe(e.summary);
      const rule = routeRule(e.method, e.path)!;
      if (!('public' in rule)) {
        expect(op.security).toEqual([{ bearer: [] }]);
        expect(op.description).toContain('Signed in as');
      }
    }
    const issue = r.body.paths['/api/v1/tickets'].post;
    expect(issue.requestBody.content['application/json'].schema.required).toContain('requestId');
    expect(Object.keys(issue.responses)).toEqual(expect.arrayContaining(['201', '200', '400', '401', '422']));
    const recall = r.body.paths['/api/v1/tickets/{id}/recall'].post;
    expect(recall.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(r.body.paths['/api/v1/events'].get.responses['200'].content['text/event-stream']).toBeDefined();
  });

  it('answers 400 BAD_JSON for a body that is not JSON', async () => {
    const r = await hall.api('POST', '/api/v1/auth/login', { rawBody: '{"username": "admin", ', headers: { 'content-type': 'application/json' } });
    expect([r.status, r.body.error.code]).toEqual([400, 'BAD_JSON']);
  });

  it('answers 413 for a body over the limit and 415 for a body that is not JSON at all', async () => {
    const big = await hall.api('POST', '/api/v1/tickets', { token: admin, body: { zoneCode: 'A', requestId: 'x'.repeat(100_000) } });
    expect([big.status, big.body.error.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const text = await hall.api('POST', '/api/v1/auth/login', { rawBody: 'username=admin', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([text.status, text.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('treats an empty JSON body as no body (clients that always send the header)', async () => {
    const t = await hall.login('clerk-G3');
    const r = await hall.api('POST', '/api/v1/windows/G3/call-next', { token: t, rawBody: '', headers: { 'content-type': 'application/json' } });
    expect([204, 200]).toContain(r.status);
  });

  it('answers 404 ROUTE_NOT_FOUND for an unknown route', async () => {
    const r = await hall.api('GET', '/api/v1/nothing-here');
    expect([r.status, r.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    expect((await hall.api('DELETE', '/api/v1/catalog')).status).toBe(404);
  });

  it('never answers 500 to a malformed body, on any route that takes one', async () => {
    const routes = Object.values(centralApi).filter((e) => 'body' in e);
    const tokens = { admin, supervisor: await hall.login('supervisor') };
    const ticket = await hall.issue(tokens.supervisor, 'H');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (e, body) => {
        const path = e.path.replace(':id', ticket.id).replace(':code', 'H2').replace(':username', 'clerk-H2').replace(':year', '2026');
        const r = await hall.api(e.method, path, { token: tokens.admin, rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(r.status, `${e.method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.body.error.code).toMatch(/^[A-Z][A-Z_]+$/);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 500 to a malformed path or query', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (s) => {
        const q = encodeURIComponent(s);
        for (const path of [`/api/v1/tickets/${q}`, `/api/v1/calendar/${q}`, `/api/v1/calendar/due-date?from=${q}&workingDays=${q}`, `/api/v1/tickets?status=${q}&day=${q}`]) {
          const r = await hall.api('GET', path, { token: admin });
          expect(r.status, `${path} → ${JSON.stringify(r.body)}`).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });
});

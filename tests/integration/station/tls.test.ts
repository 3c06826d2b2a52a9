import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caseReads } from '../../../src/central/cases/repository';
import { startHallServer } from '../../../src/central/start';
import { TEST_DATA_KEY } from '../central/harness';
import { allReceived, ok, startStation, stationConfig, syntheticIdNumber, tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A district's own certificate authority, made with openssl for this run: its CA certificate, and a
 * hall certificate it signed for 127.0.0.1 and localhost. (Another CA stands for a stranger's.)
 */
function makeCa(dir: string, name: string): { ca: string; cert: string; key: string } {
  const at = (f: string) => join(dir, `${name}-${f}`);
  const run = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', `/CN=${name} CA`, '-keyout', at('ca.key'), '-out', at('ca.pem'));
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=hall', '-keyout', at('hall.key'), '-out', at('hall.csr'));
  writeFileSync(at('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  run('x509', '-req', '-in', at('hall.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', at('ext.cnf'), '-out', at('hall.pem'));
  return { ca: at('ca.pem'), cert: at('hall.pem'), key: at('hall.key') };
}

describe('the station and the hall over TLS', () => {
  it('syncs over HTTPS verified against the hall CA it is configured with, and talks to no hall its CA did not sign', async () => {
    const dir = tempDir('hall-tls-');
    cleanups.push(() => dir.remove());
    const district = makeCa(dir.path, 'district');
    const stranger = makeCa(dir.path, 'stranger');
    const hall = await startHallServer({
      port: 0,
      logger: false,
      inMemory: true,
      config: { demo: true, dataKey: TEST_DATA_KEY },
      tls: { cert: readFileSync(district.cert), key: readFileSync(district.key) },
    });
    cleanups.push(() => hall.close());
    expect(hall.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    // Plain HTTP to the hall's port gets nowhere.
    await expect(fetch(hall.url.replace('https:', 'http:') + '/healthz')).rejects.toThrow();

    const trusted = await startStation(stationConfig({ HALL_URL: hall.url, HALL_CA: district.ca, STATION_ID: 'A3-tls', WINDOW_CODE: 'A3', STATION_DATA_DIR: join(dir.path, 'a3') }));
    cleanups.push(() => trusted.stop());
    const session = await ok<{ offline: boolean }>(trusted.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
    expect(session.offline).toBe(false);
    await ok(trusted.dispatch('sync.now', {}));
    const matter = trusted.context.catalog.catalog().matters.find((m) => m.zoneCode === 'A' && m.caseType === 'promised')!;
    const checklist = await ok<Array<{ materialCode: string; necessity: string }>>(trusted.dispatch('intake.checklist', { matterCodes: [matter.code] }));
    const taken = await ok<{ case: { caseNo: string } }>(
      trusted.dispatch('intake.submit', { matterCodes: [matter.code], received: allReceived(checklist), outcome: 'accept', applicant: { name: '加密通道', idNumber: syntheticIdNumber(5) } }),
    );
    expect(await ok(trusted.dispatch('sync.now', {}))).toMatchObject({ pending: 0, connection: 'online' });
    expect(await caseReads.exists(hall.db.drizzle, { caseNo: taken.case.caseNo })).not.toBeNull();
    // This test process itself trusts no private CA: to it, the hall is unreachable.
    await expect(fetch(`${hall.url}/healthz`)).rejects.toThrow();

    // A station whose CA did not sign the hall's certificate refuses to talk to it: no sign-in goes out.
    for (const ca of [stranger.ca, undefined]) {
      const doubtful = await startStation(
        stationConfig({ HALL_URL: hall.url, ...(ca ? { HALL_CA: ca } : {}), STATION_ID: `A4-tls-${ca ? 'x' : 'none'}`, WINDOW_CODE: 'A4', STATION_DATA_DIR: join(dir.path, `a4-${ca ? 'x' : 'none'}`) }),
      );
      cleanups.push(() => doubtful.stop());
      expect(await doubtful.dispatch('session.login', { username: 'clerk-A4', password: 'hall-demo-2026', windowCode: 'A4' })).toMatchObject({
        ok: false,
        error: { code: 'OFFLINE_LOGIN_FAILED' },
      });
      expect(await doubtful.context.hall!.reachable()).toBe(false);
    }
  }, 60_000);
});

import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openLauncherLogs } from '../../../src/launch/logs';
import type { Station } from '../../../src/station/api';
import { KEY_FILE } from '../../../src/station/db/key';
import { stationDbFile } from '../../../src/station/db/open';
import { person, type SyntheticPerson } from '../../faults/support/people';
import { FOOD_ALL, FOOD_PERMIT, offlineStation } from '../../unit/station/offline-station';
import { tempDir } from './harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CASES = 60;

/** Every file under the data folder, with what it is. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** A day at window A3 with the hall unreachable: every case waits in the outbox. */
async function dayOfIntake(dataDir: string): Promise<{ station: Station; people: SyntheticPerson[]; caseNos: string[]; close: () => Promise<void> }> {
  const terminal = new Writable({ write: (_c, _e, done) => done() });
  const logs = openLauncherLogs({ stationId: 'A3-unit', stationDataDir: dataDir, terminal });
  const { station } = await offlineStation({}, { dataDir, logger: logs.station });
  const login = await station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' });
  expect(login.ok).toBe(true);
  const people: SyntheticPerson[] = [];
  const caseNos: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const p = person(7_000 + i * 37);
    people.push(p);
    const agent = i % 5 === 0 ? { agent: { name: '代理人', idType: '111' as const, idNumber: person(90_000 + i).idNumber, phone: person(90_000 + i).phone } } : {};
    const answer = await station.dispatch('intake.submit', {
      matterCodes: [FOOD_PERMIT],
      received: FOOD_ALL,
      outcome: 'accept',
      applicant: { name: p.name, idType: '111', idNumber: p.idNumber, phone: p.phone, address: p.address },
      ...agent,
    });
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    caseNos.push((answer.value as { case: { caseNo: string } }).case.caseNo);
    if (agent.agent) people.push({ name: '代理人', idNumber: agent.agent.idNumber, phone: agent.agent.phone, address: '' });
  }
  // What a SQL failure looks like in a log: drizzle quotes the statement's parameters in its message.
  station.context.log.error({ err: new Error(`Failed query: insert into "cases" ... params: ${people[0]!.idNumber},${people[0]!.address},${people[0]!.phone}`) }, 'intake failed');
  station.context.log.warn({ applicant: { idNumber: people[1]!.idNumber, phone: people[1]!.phone, address: people[1]!.address } }, 'a warning that names an applicant');
  return {
    station,
    people,
    caseNos,
    close: async () => {
      await station.stop();
      await logs.close();
    },
  };
}

describe('a window PC after a day of intake', () => {
  it('holds no ID number, phone or address in clear in the database, its -wal, or the logs', async () => {
    const dir = tempDir('station-at-rest-');
    cleanups.push(() => dir.remove());
    const dataDir = join(dir.path, 'A3-unit');
    const day = await dayOfIntake(dataDir);
    const pending = day.station.context.store.outbox.counts().pending;
    expect(pending).toBe(CASES);
    // Read while the station still runs, as a thief with the disk would: the -wal holds the day.
    const db = stationDbFile(dataDir);
    expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);
    const whileRunning = [db, `${db}-wal`].map((f) => ({ f, bytes: readFileSync(f) }));
    await day.close();
    const logFile = join(dataDir, 'logs', 'station.log');
    const log = readFileSync(logFile, 'utf8');
    // The log did record the day (so its silence about people means something).
    for (const caseNo of day.caseNos) expect(log).toContain(caseNo);
    expect(log).toContain('intake failed');

    const files = [...whileRunning, ...filesUnder(dataDir).map((f) => ({ f, bytes: readFileSync(f) }))];
    expect(files.map((x) => x.f)).toEqual(expect.arrayContaining([db, logFile, join(dataDir, KEY_FILE)]));
    let checked = 0;
    for (const { f, bytes } of files) {
      for (const p of day.people) {
        for (const text of [p.idNumber, p.phone, p.address].filter(Boolean)) {
          checked++;
          expect(bytes.includes(Buffer.from(text)), `${f} holds ${text}`).toBe(false);
        }
      }
    }
    expect(checked).toBeGreaterThan(CASES * 3 * 3);
    // Every file the station keeps is its account's alone.
    if (process.platform !== 'win32') {
      for (const f of filesUnder(dataDir)) expect(statSync(f).mode & 0o777, f).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
    }
  });

  it('does not open without its key: the station says what is missing instead of starting empty', async () => {
    const dir = tempDir('station-no-key-');
    cleanups.push(() => dir.remove());
    const dataDir = join(dir.path, 'A3-unit');
    const day = await dayOfIntake(dataDir);
    await day.close();
    renameSync(join(dataDir, KEY_FILE), join(dir.path, 'key-on-a-usb-stick'));
    await expect(offlineStation({}, { dataDir })).rejects.toMatchObject({ code: 'STATION_KEY_MISSING', message: expect.stringContaining(join(dataDir, KEY_FILE)) });
    // Nothing was made in its place: putting the key back opens the day's cases again.
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);
    renameSync(join(dir.path, 'key-on-a-usb-stick'), join(dataDir, KEY_FILE));
    const { station } = await offlineStation({}, { dataDir });
    cleanups.push(() => station.stop());
    expect(station.context.store.outbox.counts().pending).toBe(CASES);
  });
});

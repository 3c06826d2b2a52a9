import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../src/contract/catalog';
import type { CalendarYear } from '../../../src/domain/calendar';
import { addWorkingDays } from '../../../src/domain/calendar';
import { parseHolidayNotice } from '../../../src/domain/holiday-notice';
import { calendarInForce } from '../../../src/domain/statutory-calendar';
import { createStation } from '../../../src/station/api';
import { allReceived, backends, hallBehindProxy, ok, silentLog, stationConfig, syntheticIdNumber, tempDir } from './harness';

/**
 * The acceptance of issue 13, part 1, through a real station and a real hall: on 2026-12-07 a
 * 20-working-day matter needs January 2027, which nobody has entered yet. The station promises on
 * the provisional 2027, its sync push is accepted, and an intake made offline on the provisional
 * year is still accepted after the official notice reached the hall.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const root = new URL('../../../', import.meta.url);
const entered = [2025, 2026].map((y) => JSON.parse(readFileSync(new URL(`resources/calendar/${y}.json`, root), 'utf8')) as CalendarYear);
const notice2027 = readFileSync(fileURLToPath(new URL('tests/fixtures/calendar-notices/2027-plausible.txt', root)), 'utf8');
const demo = parseCatalog(JSON.parse(readFileSync(new URL('resources/catalog/demo-hall.json', root), 'utf8')));
if (!demo.ok) throw new Error(demo.error.message);
// Zone F (人社医保公积金) has 20-working-day matters and 5-working-day ones.
const matter20 = demo.value.matters.find((m) => m.zoneCode === 'F' && m.caseType === 'promised' && m.promisedLimitDays === 20)!;
const matter5 = demo.value.matters.find((m) => m.zoneCode === 'F' && m.caseType === 'promised' && m.promisedLimitDays === 5)!;

describe.each(backends)('a window at the year end (%s)', (backend) => {
  it('promises a 20-working-day matter taken in on 2026-12-07 on the provisional 2027, and the hall accepts the push', async () => {
    const { hall, proxy } = await hallBehindProxy(backend, cleanups);
    const dir = tempDir('station-year-end-');
    cleanups.push(() => dir.remove());
    // The station's clock: Monday 2026-12-07, 10:00 in Shanghai; moved on below.
    let now = Date.parse('2026-12-07T02:00:00Z');
    const station = createStation(stationConfig({ HALL_URL: proxy.url, STATION_ID: 'F1-year-end', WINDOW_CODE: 'F1', STATION_DATA_DIR: dir.path }), {
      logger: silentLog,
      backoff: { baseMs: 50, maxMs: 200 },
      now: () => new Date(now),
    });
    await station.start();
    cleanups.push(() => station.stop());
    await ok(station.dispatch('session.login', { username: 'clerk-F1', password: 'hall-demo-2026', windowCode: 'F1' }));
    await ok(station.dispatch('sync.now', {}));

    const submit = async (matterCode: string, n: number) => {
      const checklist = await ok<Array<{ materialCode: string; necessity: string }>>(station.dispatch('intake.checklist', { matterCodes: [matterCode] }));
      return ok<{ case: { id: string; caseNo: string; promisedDate: string; calendarVersions: unknown } }>(
        station.dispatch('intake.submit', { matterCodes: [matterCode], received: allReceived(checklist), outcome: 'accept', applicant: { name: `申请人${n}`, idNumber: syntheticIdNumber(n) } }),
      );
    };

    // Dec 8..31 is 18 working days; Jan 1 is 元旦 by the statute; Mon Jan 4 and Tue Jan 5.
    const a = await submit(matter20.code, 1);
    expect(a.case.promisedDate).toBe('2027-01-05');
    expect(a.case.calendarVersions).toEqual([
      { year: 2026, revision: 1 },
      { year: 2027, revision: 0 },
    ]);
    expect(await ok(station.dispatch('sync.now', {}))).toMatchObject({ pending: 0, rejected: 0 });
    const supervisor = await hall.login('supervisor');
    const atHall = await hall.api('GET', `/api/v1/cases/${a.case.caseNo}`, { token: supervisor });
    expect(atHall.status, JSON.stringify(atHall.body)).toBe(200);
    expect(atHall.body).toMatchObject({ status: 'accepted', promisedDate: '2027-01-05', calendarVersions: [{ year: 2026, revision: 1 }, { year: 2027, revision: 0 }], internalDueDate: null });

    // Late January 2027, the hall out of reach: the station still counts on the provisional 2027.
    proxy.decide = () => 'down';
    now = Date.parse('2027-01-29T02:00:00Z');
    // The hall lives in the same late January (it refuses work dated in its future).
    hall.clock.offsetMs = now - Date.now();
    const b = await submit(matter5.code, 2);
    const provisional = addWorkingDays(calendarInForce(entered), '2027-01-29', matter5.promisedLimitDays);
    expect(b.case.promisedDate).toBe(provisional);

    // Meanwhile the administrator enters the 2027 notice at the hall.
    const admin = await hall.login('admin');
    const parsed = parseHolidayNotice(notice2027, 2027);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect((await hall.api('PUT', '/api/v1/calendar/2027', { token: admin, body: parsed.value.calendar })).status).toBe(200);
    const official = addWorkingDays(calendarInForce([...entered, parsed.value.calendar]), '2027-01-29', matter5.promisedLimitDays);
    expect(official < provisional).toBe(true);

    // Back online: the offline promise is checked on the calendar it was made on, and holds. (Seven
    // weeks on, the clerk's session has long idled out at the hall: the clerk signs in again.)
    proxy.decide = () => 'forward';
    await ok(station.dispatch('session.login', { username: 'clerk-F1', password: 'hall-demo-2026', windowCode: 'F1' }));
    // A retry begun while the hall was away may still be failing: sync until a run goes through.
    let state = await ok<{ connection: string; pending: number; rejected: number }>(station.dispatch('sync.now', {}));
    for (let i = 0; i < 5 && state.connection !== 'online'; i++) state = await ok(station.dispatch('sync.now', {}));
    expect(state).toMatchObject({ connection: 'online', pending: 0, rejected: 0 });
    const supervisorNow = await hall.login('supervisor');
    const late = await hall.api('GET', `/api/v1/cases/${b.case.caseNo}`, { token: supervisorNow });
    expect(late.body).toMatchObject({ promisedDate: provisional, internalDueDate: official, calendarVersions: [{ year: 2027, revision: 0 }] });
    const moved = await hall.api('GET', '/api/v1/calendar/moved-deadlines', { token: supervisorNow });
    expect(moved.body.cases.map((c: { caseNo: string }) => c.caseNo)).toEqual([b.case.caseNo]);
    // The station pulled the official year: its next promise counts on it.
    const years = await ok<{ years: Array<{ year: number; status: string }> }>(station.dispatch('calendar.years', {}));
    expect(years.years.find((y) => y.year === 2027)).toMatchObject({ status: 'official' });
    const c = await submit(matter5.code, 3);
    expect(c.case.promisedDate).toBe(official);
    expect(c.case.calendarVersions).toEqual([{ year: 2027, revision: 1 }]);
  }, 120_000);
});

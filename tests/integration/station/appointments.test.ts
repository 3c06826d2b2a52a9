import { afterEach, describe, expect, it } from 'vitest';
import { localDateInShanghai } from '../../../src/domain/local-date';
import { backends, DEMO_PASSWORD, hallBehindProxy, ok, startStation, stationConfig, syntheticIdNumber, tempDir } from './harness';
import { shanghaiClock } from '../../fixtures/shanghai-clock';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(backends)('appointments at the reception desk R1 (%s)', (backend) => {
  it('finds today’s booking from the card read and checks it in, issuing an appointment ticket; reception may not lay out slots', async () => {
    const { hall, proxy } = await hallBehindProxy(backend, cleanups);
    const dir = tempDir('station-appt-');
    cleanups.push(() => dir.remove());
    const station = await startStation(stationConfig({ HALL_URL: proxy.url, STATION_ID: 'R1-desk', WINDOW_CODE: 'R1', STATION_DATA_DIR: dir.path }));
    cleanups.push(() => station.stop());

    const sup = await hall.login('supervisor');
    const day = localDateInShanghai(new Date());
    const slot = await hall.api('POST', '/api/v1/appointment-slots', { token: sup, body: { zoneCode: 'A', day, start: shanghaiClock(-1), end: shanghaiClock(30), capacity: 5 } });
    expect(slot.status, JSON.stringify(slot.body)).toBe(201);
    const idNumber = syntheticIdNumber(7);
    const booked = await hall.api('POST', '/api/v1/appointments', { token: sup, body: { slotId: slot.body.id, idNumber, name: '李四', requestId: '01JZZZZZZZZZZZZZZZZZZZZZZB' } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    await ok(station.dispatch('session.login', { username: 'clerk-R1', password: DEMO_PASSWORD, windowCode: 'R1' }));
    const found = await ok<Array<{ id: string; status: string }>>(station.dispatch('appointments.today', { idNumber }));
    expect(found.map((a) => [a.id, a.status])).toEqual([[booked.body.id, 'booked']]);
    const wrong = await station.dispatch('appointments.checkIn', { appointmentId: booked.body.id, idNumber: syntheticIdNumber(8) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'APPOINTMENT_ID_MISMATCH' } });
    const checked = await ok<{ appointment: { status: string }; ticket: { priority: string; positionUrl: string } }>(station.dispatch('appointments.checkIn', { appointmentId: booked.body.id, idNumber }));
    expect(checked.appointment.status).toBe('checked-in');
    expect(checked.ticket.priority).toBe('appointment');
    expect(checked.ticket.positionUrl).toMatch(/\/q\//);
    expect(await station.dispatch('appointments.checkIn', { appointmentId: booked.body.id, idNumber })).toMatchObject({ ok: false, error: { code: 'APPOINTMENT_ALREADY_CHECKED_IN' } });

    // A reception clerk may not lay out slots: the hall says so through the station.
    expect(await station.dispatch('appointments.layOutWeek', { zoneCode: 'A', from: day, slots: [{ start: '09:00', end: '10:00', capacity: 5 }] })).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
  }, 90_000);
});

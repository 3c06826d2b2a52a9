/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are plain JSON that the assertions check field by field */
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/appointment';
import { idCheckCharacter } from '../../../src/domain/id-number';
import { addDays, localDateInShanghai } from '../../../src/domain/local-date';
import { backends, startTestHall, type TestHall } from './harness';

/**
 * 预约 over real HTTP (CITIZEN.md part E): slots laid out by staff, booked by the portal account
 * (idempotent, capacity exact under 50 concurrent bookings), cancelled, and checked in at reception
 * by the ID card read inside the check-in window, which issues a ticket of class `appointment`.
 */
let serial = 0;
function idNumber(): string {
  serial += 1;
  const body = `370902198505${String(10 + (serial % 18)).padStart(2, '0')}${String(100 + serial).slice(-3)}`;
  return body + idCheckCharacter(body);
}

describe.each(backends)('appointments on %s', (backend) => {
  let hall: TestHall;
  let admin: string;
  let portal: string;
  let reception: string;
  /** The day the suite works on: two days ahead, so nothing of today's queue is in the way. */
  let day: string;
  const at = (hhmm: string) => {
    hall.clock.offsetMs = instantOf(day, hhmm).getTime() - Date.now();
  };
  const code = (r: { status: number; body: any }) => [r.status, r.body?.error?.code];

  beforeAll(async () => {
    hall = await startTestHall(backend);
    day = addDays(localDateInShanghai(new Date()), 2);
    at('07:00');
    admin = await hall.login('admin');
    const made = await hall.api('POST', '/api/v1/staff', { token: admin, body: { username: 'portal-web', name: '网上办事大厅', role: 'portal', password: 'Portal-pass-2026' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    portal = await hall.login('portal-web', undefined, 'Portal-pass-2026');
    reception = await hall.login('clerk-R1');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const slot = async (body: Record<string, unknown>, token = admin) => hall.api('POST', '/api/v1/appointment-slots', { token, body: { zoneCode: 'A', day, capacity: 5, ...body } });
  const book = (body: Record<string, unknown>, token = portal) => hall.api('POST', '/api/v1/appointments', { token, body: { name: '张三丰', requestId: ulid(), ...body } });

  it('opens slots per zone and day, refusing overlaps, unknown zones and bad input', async () => {
    const s = await slot({ start: '08:00', end: '08:30', capacity: 3 });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body).toMatchObject({ zoneCode: 'A', day, start: '08:00', end: '08:30', capacity: 3, booked: 0, available: 3 });
    expect(code(await slot({ start: '08:15', end: '08:45' }))).toEqual([409, 'SLOT_OVERLAPS']);
    expect((await slot({ start: '08:30', end: '09:00' })).status).toBe(201);
    expect(code(await slot({ zoneCode: 'Q', start: '08:00', end: '08:30' }))).toEqual([422, 'ZONE_UNKNOWN']);
    expect((await slot({ start: '09:30', end: '09:00' })).status).toBe(400);
    expect((await slot({ start: '10:00', end: '10:30', capacity: 0 })).status).toBe(400);
    expect(code(await slot({ start: '11:00', end: '11:30' }, portal))).toEqual([403, 'ROLE_FORBIDDEN']);
    const list = await hall.api('GET', `/api/v1/appointment-slots?zoneCode=A&day=${day}`, { token: portal });
    expect(list.body.slots.map((x: any) => x.start)).toEqual(['08:00', '08:30']);
  });

  it('lays out a week of slots from a template on the chosen weekdays, keeping what is already there', async () => {
    // The Monday after the suite's day, so the week is all ahead.
    let monday = addDays(day, 1);
    while (new Date(`${monday}T12:00:00Z`).getUTCDay() !== 1) monday = addDays(monday, 1);
    const body = { zoneCode: 'B', from: monday, weekdays: [1, 3, 5], slots: [{ start: '09:00', end: '10:00', capacity: 20 }, { start: '14:00', end: '15:00', capacity: 10 }] };
    const first = await hall.api('POST', '/api/v1/appointment-slots/week', { token: admin, body });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.created.map((s: any) => `${s.day} ${s.start}`)).toEqual([
      `${monday} 09:00`, `${monday} 14:00`, `${addDays(monday, 2)} 09:00`, `${addDays(monday, 2)} 14:00`, `${addDays(monday, 4)} 09:00`, `${addDays(monday, 4)} 14:00`,
    ]);
    const again = await hall.api('POST', '/api/v1/appointment-slots/week', { token: admin, body });
    expect([again.status, again.body.created.length, again.body.skipped.length]).toEqual([201, 0, 6]);
    const overlapping = await hall.api('POST', '/api/v1/appointment-slots/week', { token: admin, body: { ...body, slots: [{ start: '09:00', end: '10:00', capacity: 1 }, { start: '09:30', end: '10:30', capacity: 1 }] } });
    expect(overlapping.status).toBe(400);
  });

  it('skips the statutory holidays of the hall calendar and lays the 补班 Saturday out as a Monday', async () => {
    // National Day 2026: 10-01 … 10-07 off, Saturday 10-10 worked (resources/calendar/2026.json).
    const body = { zoneCode: 'C', from: '2026-09-28', days: 14, weekdays: [1, 2, 3, 4, 5], slots: [{ start: '09:00', end: '10:00', capacity: 5 }] };
    const r = await hall.api('POST', '/api/v1/appointment-slots/week', { token: admin, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.created.map((s: any) => s.day)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(r.body.skippedHolidays).toBe(5);
    expect(r.body.skippedDays.map((d: any) => `${d.day} ${d.name}`)).toEqual(['2026-10-01 国庆节', '2026-10-02 国庆节', '2026-10-05 国庆节', '2026-10-06 国庆节', '2026-10-07 国庆节']);
    expect(r.body.makeupDays).toEqual([{ day: '2026-10-10', name: '国庆节调休上班' }]);
    for (const holiday of ['2026-10-01', '2026-10-05']) {
      const none = await hall.api('GET', `/api/v1/appointment-slots?zoneCode=C&day=${holiday}`, { token: portal });
      expect(none.body.slots).toEqual([]);
    }
  });

  it('books idempotently by requestId, never echoing the ID number, one booking per person, day and zone', async () => {
    const s = (await slot({ start: '12:00', end: '12:30', capacity: 2 })).body;
    const id = idNumber();
    const requestId = ulid();
    const first = await book({ slotId: s.id, idNumber: id, phone: '13905380000', requestId });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ slotId: s.id, zoneCode: 'A', day, start: '12:00', end: '12:30', status: 'booked', ticketId: null, name: '张*丰' });
    expect(JSON.stringify(first.body)).not.toContain(id);
    expect(JSON.stringify(first.body)).not.toContain('张三丰');
    const again = await book({ slotId: s.id, idNumber: id, requestId });
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    expect(code(await book({ slotId: s.id, idNumber: id }))).toEqual([409, 'APPOINTMENT_DUPLICATE']);
    expect(code(await book({ slotId: ulid(), idNumber: idNumber() }))).toEqual([404, 'SLOT_NOT_FOUND']);
    expect(code(await book({ slotId: s.id, idNumber: '370902198505101234' }))[0]).toBe(422);
    const slots = await hall.api('GET', `/api/v1/appointment-slots?zoneCode=A&day=${day}`, { token: portal });
    expect(slots.body.slots.find((x: any) => x.id === s.id)).toMatchObject({ booked: 1, available: 1 });

    const cancelled = await hall.api('POST', `/api/v1/appointments/${first.body.id}/cancel`, { token: portal });
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    const after = await hall.api('GET', `/api/v1/appointment-slots?zoneCode=A&day=${day}`, { token: portal });
    expect(after.body.slots.find((x: any) => x.id === s.id)).toMatchObject({ booked: 0, available: 2 });
    // Cancelled, the person may book again.
    expect((await book({ slotId: s.id, idNumber: id })).status).toBe(201);
  });

  it('takes exactly the capacity of a slot under 50 concurrent bookings', async () => {
    const s = (await slot({ start: '13:00', end: '13:30', capacity: 10 })).body;
    const answers = await Promise.all(Array.from({ length: 50 }, () => book({ slotId: s.id, idNumber: idNumber() })));
    const codes = answers.map((a) => (a.status === 201 ? 'booked' : a.body?.error?.code));
    expect(codes.filter((c) => c === 'booked')).toHaveLength(10);
    expect(codes.filter((c) => c === 'SLOT_FULL')).toHaveLength(40);
    const slots = await hall.api('GET', `/api/v1/appointment-slots?zoneCode=A&day=${day}`, { token: portal });
    expect(slots.body.slots.find((x: any) => x.id === s.id)).toMatchObject({ booked: 10, available: 0 });
  }, 60_000);

  it('checks in at reception by the ID card inside the window, refusing too early, the wrong person, twice and too late', async () => {
    const s = (await slot({ start: '14:00', end: '14:30' })).body;
    const id = idNumber();
    const late = idNumber();
    const a = (await book({ slotId: s.id, idNumber: id })).body;
    const b = (await book({ slotId: s.id, idNumber: late })).body;
    const checkIn = (appointmentId: string, idNo: string, token = reception) => hall.api('POST', `/api/v1/appointments/${appointmentId}/check-in`, { token, body: { idNumber: idNo } });

    at('13:29');
    // Reception finds today's booking from the card.
    const found = await hall.api('GET', `/api/v1/appointments?idNumber=${id}&day=${day}`, { token: reception });
    expect(found.body.appointments.map((x: any) => x.id)).toEqual([a.id]);
    expect(code(await checkIn(a.id, id))).toEqual([409, 'CHECK_IN_TOO_EARLY']);
    at('13:35');
    expect(code(await checkIn(a.id, idNumber()))).toEqual([409, 'APPOINTMENT_ID_MISMATCH']);
    expect(code(await checkIn(ulid(), id))).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
    const ok = await checkIn(a.id, id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.appointment).toMatchObject({ id: a.id, status: 'checked-in', ticketId: ok.body.ticket.id });
    expect(ok.body.ticket).toMatchObject({ zoneCode: 'A', priority: 'appointment', status: 'waiting' });
    expect(ok.body.ticket.positionUrl).toMatch(/\/q\/[A-Za-z0-9_-]{22,}$/);
    const position = await hall.api('GET', new URL(ok.body.ticket.positionUrl).pathname.replace('/q/', '/api/v1/q/'));
    expect(position.body.ticketNumber).toBe(ok.body.ticket.number);
    expect(code(await checkIn(a.id, id))).toEqual([409, 'APPOINTMENT_ALREADY_CHECKED_IN']);
    // A checked-in booking is no longer cancellable.
    expect(code(await hall.api('POST', `/api/v1/appointments/${a.id}/cancel`, { token: portal }))).toEqual([409, 'APPOINTMENT_NOT_CANCELLABLE']);

    at('14:31');
    expect(code(await checkIn(b.id, late))).toEqual([409, 'CHECK_IN_TOO_LATE']);
    const missed = await hall.api('GET', `/api/v1/appointments?idNumber=${late}&day=${day}`, { token: reception });
    expect(missed.body.appointments[0].status).toBe('missed');
    expect(code(await book({ slotId: s.id, idNumber: idNumber() }))).toEqual([409, 'SLOT_CLOSED']);
  });

  it('keeps the portal account out of windows, the queue and tickets, and out of finding bookings by ID', async () => {
    const asPortal = (method: string, path: string, body?: unknown) => hall.api(method, path, { token: portal, body });
    expect(code(await asPortal('GET', '/api/v1/tickets'))).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(code(await asPortal('POST', '/api/v1/tickets', { zoneCode: 'A', requestId: ulid() }))).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(code(await asPortal('POST', '/api/v1/windows/A1/call-next'))).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(code(await asPortal('GET', '/api/v1/windows/A1'))).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(code(await asPortal('GET', `/api/v1/appointments?idNumber=${idNumber()}`))).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(code(await asPortal('POST', `/api/v1/appointments/${ulid()}/check-in`, { idNumber: idNumber() }))).toEqual([403, 'ROLE_FORBIDDEN']);
  });
});

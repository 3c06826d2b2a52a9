import { appointmentApi } from '../../contract/appointment';
import { parseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import { actorOf } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { created, hallModule, route } from '../http/route';
import { publicBaseUrlOf } from '../public/address';
import { book, cancel } from './booking';
import { checkIn } from './check-in';
import { appointmentView, listAppointmentsOf, listSlots, slotView, zonesOf } from './records';
import { createSlot, layOutWeek } from './slots';

const TAG = 'appointments';

/**
 * 预约 (CITIZEN.md part E): supervisors open slots, the online portal books and cancels, reception
 * finds the booking from the ID card and checks it in, which issues a ticket of class `appointment`.
 */
export const appointmentsModule = hallModule('appointments', () => [
  route(appointmentApi.createAppointmentSlot, TAG, async ({ ctx, auth, permit, body, request }) => created(slotView(await createSlot(ctx, actorOf(auth, request), permit, body)))),

  route(appointmentApi.layOutAppointmentWeek, TAG, async ({ ctx, auth, permit, body, request }) => created(await layOutWeek(ctx, actorOf(auth, request), permit, body))),

  route(appointmentApi.listAppointmentSlots, TAG, async ({ ctx, permit, query }) => {
    if (query.zoneCode) permit.require({ zoneCodes: [query.zoneCode] });
    const zoneCodes = query.zoneCode ? [query.zoneCode] : zonesOf(permit.filter());
    return { slots: (await listSlots(ctx.db.drizzle, { zoneCodes, day: query.day })).map(slotView) };
  }),

  route(appointmentApi.bookAppointment, TAG, async ({ ctx, auth, permit, body, request }) => {
    const out = await book(ctx, actorOf(auth, request), permit, body);
    return out.replay ? appointmentView(out.appointment) : created(appointmentView(out.appointment));
  }),

  route(appointmentApi.listAppointments, TAG, async ({ ctx, permit, query }) => {
    const day = query.day ?? localDateInShanghai(ctx.now());
    const doc = unwrap(parseIdNumber(query.idNumber, localDateInShanghai(ctx.now())));
    const rows = await listAppointmentsOf(ctx.db.drizzle, { idNumberHash: ctx.sealer.index(doc.number), day, zoneCodes: zonesOf(permit.filter()) });
    return { appointments: rows.map(appointmentView) };
  }),

  route(appointmentApi.cancelAppointment, TAG, async ({ ctx, auth, permit, params, request }) => appointmentView(await cancel(ctx, actorOf(auth, request), permit, params.id))),

  route(appointmentApi.checkInAppointment, TAG, async ({ ctx, auth, permit, params, body, request }) => {
    const out = await checkIn(ctx, actorOf(auth, request), permit, params.id, body.idNumber);
    if (!out.ticket.positionToken) throw new HallError('TICKET_NOT_FOUND', 'the issued ticket has no position token');
    const ticket = { ...out.ticket, positionUrl: `${publicBaseUrlOf(ctx, request)}/q/${out.ticket.positionToken}` };
    return created({ appointment: appointmentView(out.appointment), ticket });
  }),
]);

import type { StationHandlers } from '../../contract/station-api';
import type { StationContext } from '../context';
import { printTicketSlip, rememberIssued } from './queue';
import { hallCall } from './online';

/**
 * Appointments at this PC (online only: the hall keeps the bookings and issues the ticket).
 * Reception reads the card, finds today's booking and checks it in; the slip prints like any ticket's.
 */
export function appointmentsHandlers(ctx: StationContext): Pick<StationHandlers, 'appointments.today' | 'appointments.checkIn' | 'appointments.layOutWeek'> {
  const online = hallCall(ctx);

  return {
    async 'appointments.today'({ idNumber }) {
      const found = await online((hall) => hall.call('listAppointments', { query: { idNumber: idNumber.replace(/\s+/g, ''), day: ctx.today() } }));
      return found.appointments;
    },
    async 'appointments.checkIn'({ appointmentId, idNumber }) {
      const out = await online((hall) => hall.call('checkInAppointment', { params: { id: appointmentId }, body: { idNumber: idNumber.replace(/\s+/g, '') } }));
      rememberIssued(ctx, out.ticket);
      ctx.emit({ type: 'queue', reason: 'issued' });
      void ctx.sync.trigger('queue');
      return { ...out, printJob: await printTicketSlip(ctx, out.ticket) };
    },
    async 'appointments.layOutWeek'(template) {
      return online((hall) => hall.call('layOutAppointmentWeek', { body: template }));
    },
  };
}

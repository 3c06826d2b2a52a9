import { Button, Tag } from 'antd';
import type { Appointment } from '../../../contract/appointment';
import type { StationResult } from '../../../contract/station-api';
import { useCommandKeys } from '../../hooks/use-command-keys';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useStationCall, useStationQuery } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { Kbd } from '../Kbd';

/**
 * 预约签到 at the reception desk: the card just read finds the person's bookings of today; F10 (or
 * the button) checks the first open one in, which issues its ticket (class 预约) and prints the slip.
 */
export function AppointmentCheckIn({ idNumber, onCheckedIn }: { idNumber: string; onCheckedIn: (out: StationResult<'appointments.checkIn'>) => void }) {
  const { t } = useI18n();
  const today = useStationQuery('appointments.today', { idNumber }, { on: ['queue'] });
  const checkIn = useStationCall('appointments.checkIn');
  const open = (today.data ?? []).find((a) => a.status === 'booked') ?? null;

  const run = async () => {
    if (!open || checkIn.pending) return;
    const answer = await checkIn.run({ appointmentId: open.id, idNumber });
    if (answer.ok) onCheckedIn(answer.value);
  };
  useCommandKeys({ checkIn: () => void run() });

  if (today.data === undefined && !today.error) return null;
  return (
    <div style={{ marginBottom: 10, padding: '8px 12px', border: `1px solid ${tone.muted}33`, borderRadius: 8 }} data-testid="appointments-today">
      <ErrorAlert error={today.error} compact />
      {today.data && today.data.length === 0 && <span style={{ color: tone.muted }}>{t('reception.noAppointment')}</span>}
      {today.data && today.data.length > 0 && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          <b>{t('reception.appointmentsToday')}</b>
          {today.data.map((a: Appointment) => (
            <div key={a.id} style={{ display: 'flex', gap: 12, alignItems: 'center', fontSize: 16 }} data-testid="appointment-row" data-status={a.status}>
              <span className="tabular">
                {a.zoneCode}区 {a.start}–{a.end}
              </span>
              <span>{a.name}</span>
              <Tag color={a.status === 'booked' ? 'blue' : a.status === 'checked-in' ? 'green' : 'default'}>{t(`appointment.status.${a.status}` as MessageKey)}</Tag>
              {open?.id === a.id && (
                <Button type="primary" size="large" onClick={() => void run()} loading={checkIn.pending} data-testid="appointment-check-in">
                  {t('reception.checkIn')}
                  <Kbd>F10</Kbd>
                </Button>
              )}
            </div>
          ))}
        </div>
      )}
      <ErrorAlert error={checkIn.error} compact onClose={checkIn.reset} />
    </div>
  );
}

import { Alert, Button, Card, Input, Radio, Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import type { IssuedTicket } from '../../contract/queue';
import type { PrintJob, Session } from '../../contract/station-api';
import { checkGreenChannel, greenReasonNames, greenReasons, type GreenReason } from '../../domain/green-channel';
import { parseIdNumber } from '../../domain/id-number';
import { maskIdNumber } from '../../domain/masking';
import { zoneFloor } from '../board';
import { ErrorAlert } from '../components/ErrorAlert';
import { Kbd } from '../components/Kbd';
import { PrintStatus } from '../components/PrintStatus';
import { AppointmentCheckIn } from '../components/reception/AppointmentCheckIn';
import { clockTime, today } from '../format';
import { useCommandKeys } from '../hooks/use-command-keys';
import { useClosesOnEscape, useEscapeKey } from '../hooks/use-escape';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { useCatalog, useHallView } from '../queries';
import { useStationCall, useStationQuery } from '../station-hooks';
import { tone } from '../theme';

type Priority = 'normal' | 'appointment' | 'green';

/**
 * 导服台: one press on a zone issues the ticket and prints its slip. The class and the ID card are
 * chosen first when they apply; both reset after each ticket so the next person starts clean.
 */
export function ReceptionScreen({ session }: { session: Session }) {
  const { t, err } = useI18n();
  const catalog = useCatalog();
  // The hall view gives the waiting counts on the zone buttons; a reception desk without the right to
  // see it still issues tickets.
  const hall = useHallView();
  const recent = useStationQuery('queue.recentIssued', {}, { on: ['queue'] });
  const issue = useStationCall('queue.issue');
  const readCard = useStationCall('intake.readCard');
  const [priority, setPriority] = useState<Priority>('normal');
  const [idNumber, setIdNumber] = useState('');
  const [greenReason, setGreenReason] = useState<GreenReason | undefined>(undefined);
  const [last, setLast] = useState<{ ticket: IssuedTicket; printJob: PrintJob | null } | null>(null);

  const zones = catalog.data?.zones ?? [];
  const floorOf = (code: string) => (hall.data ? zoneFloor(hall.data, code) : null);
  // A zone with no window that can call: the person is told before the ticket is printed.
  const [closedZone, setClosedZone] = useState<string | null>(null);
  useEscapeKey();
  useClosesOnEscape(() => setClosedZone(null), closedZone !== null);
  const idCheck = idNumber.trim() ? parseIdNumber(idNumber, today()) : null;
  const idProblem = idCheck && !idCheck.ok && idNumber.replace(/\s+/g, '').length >= 18 ? idCheck.error : null;
  // 绿色通道: the person's ID and why, before any zone can be pressed.
  const green = checkGreenChannel(priority, idCheck?.ok ? idNumber : undefined, greenReason);

  const doRead = async () => {
    const answer = await readCard.run({});
    if (answer.ok) setIdNumber(answer.value.idNumber);
  };
  useCommandKeys({ readCard: () => void doRead() });

  const doIssue = async (zoneCode: string, confirmed = false) => {
    if (!confirmed && floorOf(zoneCode)?.noOpenWindow) {
      setClosedZone(zoneCode);
      return;
    }
    setClosedZone(null);
    const id = idNumber.replace(/\s+/g, '');
    const answer = await issue.run({ zoneCode, priority, ...(id ? { idNumber: id } : {}), ...(priority === 'green' && greenReason ? { greenReason } : {}) });
    if (answer.ok) {
      setLast(answer.value);
      setPriority('normal');
      setGreenReason(undefined);
      setIdNumber('');
      readCard.reset();
    }
  };

  return (
    <div style={{ display: 'flex', gap: 10, flex: 1, minHeight: 0 }} data-testid="reception">
      <Card size="small" title={t('reception.title', { window: session.window?.name ?? '' })} style={{ flex: 1, minWidth: 0 }} className="fill-card">
        <div style={{ display: 'flex', gap: 16, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
          <Segmented<Priority>
            size="large"
            value={priority}
            onChange={setPriority}
            options={(['normal', 'appointment', 'green'] as Priority[]).map((p) => ({ value: p, label: t(`priority.${p}` as MessageKey) }))}
            data-testid="priority"
          />
          <Button size="large" onClick={() => void doRead()} loading={readCard.pending} data-testid="reception-read-card">
            {t('intake.readCard')}
            <Kbd>F9</Kbd>
          </Button>
          <Input
            size="large"
            style={{ width: 260 }}
            placeholder={t('reception.idOptional')}
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            status={idProblem ? 'error' : undefined}
            allowClear
            className="tabular"
          />
          {idProblem && <span style={{ color: tone.error }}>{err(idProblem)}</span>}
        </div>
        {priority === 'green' && (
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 8 }} data-testid="green-reason">
            <span>{t('reception.greenReason')}</span>
            {/* Radio buttons, not Segmented: a Segmented shows its first option as chosen before anyone chose. */}
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={greenReason}
              onChange={(e) => setGreenReason(e.target.value as GreenReason)}
              options={greenReasons.map((r) => ({ value: r, label: greenReasonNames[r] }))}
            />
            {!green.ok && <span style={{ color: tone.warn }} data-testid="green-needs">{err(green.error)}</span>}
          </div>
        )}
        <ErrorAlert error={readCard.error} compact onClose={readCard.reset} />
        {idCheck?.ok && (
          <AppointmentCheckIn
            idNumber={idNumber.replace(/\s+/g, '')}
            onCheckedIn={(out) => {
              setLast({ ticket: out.ticket, printJob: out.printJob });
              setPriority('normal');
              setIdNumber('');
              readCard.reset();
            }}
          />
        )}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 12, marginTop: 8 }} data-testid="zone-buttons">
          {zones.map((zone) => {
            const floor = floorOf(zone.code);
            return (
              <Button
                key={zone.code}
                onClick={() => void doIssue(zone.code)}
                disabled={issue.pending || idProblem !== null || !green.ok}
                // Said to assistive technology (and axe-core) for the labels inside it too.
                aria-disabled={issue.pending || idProblem !== null || !green.ok}
                style={{ height: 104, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 2, whiteSpace: 'normal' }}
                data-zone={zone.code}
                data-open-windows={floor?.open}
              >
                <span style={{ fontSize: 30, fontWeight: 700, color: tone.serving, lineHeight: 1 }}>{zone.code}</span>
                {/* Its own colour: antd's hover colour (a light blue) is too faint for text. */}
                <span style={{ fontSize: 16, color: 'rgba(0, 0, 0, 0.88)' }}>{zone.name}</span>
                {floor && (
                  <span style={{ fontSize: 12, color: floor.noOpenWindow ? tone.warn : tone.muted, fontWeight: floor.noOpenWindow ? 600 : 400 }} data-testid={`zone-floor-${zone.code}`}>
                    {t('reception.waiting', { n: floor.waiting })} · {floor.noOpenWindow ? t('reception.noOpenWindow') : t('reception.openWindows', { n: floor.open })}
                  </span>
                )}
              </Button>
            );
          })}
        </div>
        {closedZone && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="closed-zone-warning"
            title={t('reception.closedZone', { zone: closedZone })}
            action={
              <Space>
                <Button type="primary" onClick={() => void doIssue(closedZone, true)} data-testid="issue-anyway" autoFocus>
                  {t('reception.issueAnyway')}
                </Button>
                <Button onClick={() => setClosedZone(null)}>{t('common.cancel')}</Button>
              </Space>
            }
          />
        )}
        <ErrorAlert error={catalog.error} compact />
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={issue.error} />
        </div>
        {last && (
          <div style={{ marginTop: 16, display: 'flex', gap: 24, alignItems: 'center', padding: 12, background: '#f0f7ff', borderRadius: 8 }} data-testid="issued">
            <div className="tabular" style={{ fontSize: 72, fontWeight: 700, color: tone.serving, lineHeight: 1 }} data-testid="issued-number">
              {last.ticket.number}
            </div>
            <div style={{ fontSize: 16 }}>
              <div>
                {t(`priority.${last.ticket.priority}` as MessageKey)} · {t('reception.ahead', { n: last.ticket.ahead })} · {clockTime(last.ticket.issuedAt)}
              </div>
              <div style={{ marginTop: 6 }}>{last.printJob ? <PrintStatus job={last.printJob} printedText={t('reception.slipPrinted')} /> : <span style={{ color: tone.muted }}>{t('reception.noSlip')}</span>}</div>
            </div>
          </div>
        )}
      </Card>
      <Card size="small" title={t('reception.recent')} style={{ width: 380, flex: '0 0 380px' }} className="fill-card">
        <ErrorAlert error={recent.error} compact />
        <Table<IssuedTicket>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={(recent.data ?? []).slice(0, 10)}
          columns={[
            { title: t('reception.number'), dataIndex: 'number', render: (v: string) => <b className="tabular">{v}</b> },
            { title: t('reception.class'), dataIndex: 'priority', render: (v: Priority) => t(`priority.${v}` as MessageKey) },
            { title: t('reception.time'), dataIndex: 'issuedAt', render: (v: string) => <span className="tabular">{clockTime(v)}</span> },
            { title: t('reception.id'), dataIndex: 'idNumberMasked', render: (v: string | null) => <span className="tabular">{v ? maskIdNumber(v) : ''}</span> },
          ]}
          data-testid="recent-issued"
        />
      </Card>
    </div>
  );
}

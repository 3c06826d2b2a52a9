import { Alert, Button, Card, Space, Tooltip } from 'antd';
import type { Ticket } from '../../../contract/queue';
import type { QueueView } from '../../../contract/station-api';
import { clockTime, secondsSince, waitTone, wholeMinutes } from '../../format';
import { useNow } from '../../hooks/use-now';
import { useI18n } from '../../i18n/context';
import { useStationCall } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';

const toneColour = { ok: '#262626', warn: tone.warn, alarm: tone.error } as const;

/** The waiting line of the window's zones: counts per class, the longest wait, the next numbers. */
export function QueuePanel({
  view,
  error,
  windowCode,
  warnMinutes,
  noShows,
  onReactivated,
  onWalkIn,
}: {
  view: QueueView | undefined;
  error: { code: string; message: string } | null;
  windowCode: string;
  warnMinutes: number;
  noShows: Ticket[];
  onReactivated: (ticketId: string) => void;
  onWalkIn: () => void;
}) {
  const { t } = useI18n();
  const now = useNow(5000);
  const reactivate = useStationCall('queue.reactivate');
  const counts = view?.counts;
  const longest = counts?.longestWaitSeconds ?? 0;
  const longestTone = waitTone(longest, warnMinutes);

  return (
    <Card size="small" title={t('queue.title')} className="fill-card" style={{ flex: 1, minHeight: 0 }} extra={view && <span style={{ color: tone.muted, fontSize: 12 }}>{clockTime(view.at)}</span>}>
      {view && !view.live && (
        <Alert
          type="warning"
          showIcon
          data-testid="queue-offline"
          title={t('queue.offline')}
          description={
            <div>
              <div>{t('queue.offlineHint')}</div>
              <Button size="small" type="primary" onClick={onWalkIn} data-testid="walk-in" style={{ marginTop: 6 }}>
                {t('queue.walkIn')}
              </Button>
            </div>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      <ErrorAlert error={view ? null : error} compact />
      {counts && (
        <div style={{ display: 'flex', gap: 16, alignItems: 'baseline', flexWrap: 'wrap', marginBottom: 8 }} className="tabular" data-testid="queue-counts">
          <span>
            {t('priority.normal')} <b style={{ fontSize: 20 }}>{counts.normal}</b>
          </span>
          <span>
            {t('priority.appointment')} <b style={{ fontSize: 20 }}>{counts.appointment}</b>
          </span>
          <span>
            {t('priority.green')} <b style={{ fontSize: 20 }}>{counts.green}</b>
          </span>
          <span style={{ color: toneColour[longestTone] }}>{t('queue.longest', { minutes: wholeMinutes(longest) })}</span>
        </div>
      )}
      <div className="scroll-y" style={{ flex: 1 }} data-testid="queue-next">
        {view && view.waiting.length === 0 && <div style={{ color: tone.muted }}>{t('queue.empty')}</div>}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {view?.waiting.slice(0, 40).map((ticket) => {
            const waited = secondsSince(ticket.queuedAt, now);
            const colour = toneColour[waitTone(waited, warnMinutes)];
            return (
              <Tooltip key={ticket.id} title={`${t(`priority.${ticket.priority}`)} · ${t('queue.issuedAt', { at: clockTime(ticket.issuedAt) })}${ticket.windowCode === windowCode ? ` · ${t('queue.forThisWindow')}` : ''}`}>
                <span className="ticket-chip" data-ticket={ticket.number} style={ticket.windowCode === windowCode ? { borderColor: tone.serving } : undefined}>
                  <b>{ticket.number}</b>
                  {ticket.priority !== 'normal' && <span style={{ color: ticket.priority === 'green' ? tone.ok : tone.serving, fontSize: 12 }}>{t(`priority.short.${ticket.priority}`)}</span>}
                  <span style={{ color: colour, fontSize: 12 }}>{wholeMinutes(waited)}′</span>
                </span>
              </Tooltip>
            );
          })}
        </div>
      </div>
      {noShows.length > 0 && (
        <div style={{ borderTop: `1px solid ${tone.line}`, paddingTop: 6, marginTop: 6 }} data-testid="no-shows">
          <div style={{ color: tone.muted, fontSize: 12, marginBottom: 4 }}>{t('queue.noShows')}</div>
          <Space wrap size={6}>
            {noShows.map((ticket) => (
              <Space.Compact key={ticket.id} size="small">
                <Button size="small" disabled>
                  {ticket.number}
                </Button>
                <Button size="small" loading={reactivate.pending} onClick={() => void reactivate.run({ ticketId: ticket.id, position: 'front' }).then((a) => a.ok && onReactivated(ticket.id))}>
                  {t('queue.reactivateFront')}
                </Button>
                <Button size="small" onClick={() => void reactivate.run({ ticketId: ticket.id, position: 'back' }).then((a) => a.ok && onReactivated(ticket.id))}>
                  {t('queue.reactivateBack')}
                </Button>
              </Space.Compact>
            ))}
          </Space>
          <ErrorAlert error={reactivate.error} compact onClose={reactivate.reset} />
        </div>
      )}
    </Card>
  );
}

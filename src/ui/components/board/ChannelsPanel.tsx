import { Card } from 'antd';
import type { ChannelSharesView } from '../../../contract/api-reports';
import { caseChannels, formatShare, type CaseChannel } from '../../../domain/channel-share';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useStationQuery } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';

const cell = (s: ChannelSharesView | undefined, c: CaseChannel) => {
  const x = s?.channels.find((y) => y.channel === c);
  return x ? `${x.count} · ${formatShare(x.percent)}` : '—';
};

/**
 * 办件渠道 on the supervisor board (issue 16 part 5): of the cases taken in today and this month in the
 * supervisor's zones, how many at a window, online and at a town centre, with their shares; and the
 * online applications whose pre-review is overdue. Refetched when a case is taken in anywhere in the
 * hall or an application changes.
 */
export function ChannelsPanel() {
  const { t } = useI18n();
  const figures = useStationQuery('reports.channels', {}, { on: ['cases', 'inbox'] });
  const f = figures.data;
  const overdue = f?.inboxOverdue ?? 0;
  return (
    <Card size="small" title={t('board.channels')} style={{ flexShrink: 0 }} data-testid="board-channels">
      <ErrorAlert error={figures.error} compact />
      <table style={{ width: '100%', fontSize: 13 }} className="tabular">
        <thead>
          <tr style={{ color: tone.muted, textAlign: 'left' }}>
            <th scope="col">{t('board.channelColumn')}</th>
            <th scope="col">{t('board.channelToday')}</th>
            <th scope="col">{t('board.channelMonth')}</th>
          </tr>
        </thead>
        <tbody>
          {caseChannels.map((c) => (
            <tr key={c} data-channel={c}>
              <th scope="row" style={{ fontWeight: 400, textAlign: 'left' }}>
                {t(`board.channel.${c}` as MessageKey)}
              </th>
              <td data-period="day">{cell(f?.day, c)}</td>
              <td data-period="month">{cell(f?.month, c)}</td>
            </tr>
          ))}
          <tr data-channel="total" style={{ borderTop: `1px solid ${tone.line}` }}>
            <th scope="row" style={{ fontWeight: 400, textAlign: 'left' }}>
              {t('board.channelTotal')}
            </th>
            <td data-period="day">{f ? f.day.total : '—'}</td>
            <td data-period="month">{f ? f.month.total : '—'}</td>
          </tr>
        </tbody>
      </table>
      {f && (
        <div data-testid="board-inbox-overdue" data-overdue={overdue} style={{ marginTop: 6, color: overdue > 0 ? tone.error : tone.muted, fontWeight: overdue > 0 ? 600 : 400 }}>
          {overdue > 0 ? (
            // To the inbox, where the overdue ones are listed first in red.
            <a href="#/inbox" style={{ color: tone.error }}>
              {t('board.inboxOverdue', { n: overdue })}
            </a>
          ) : (
            t('board.inboxOnTime')
          )}
        </div>
      )}
    </Card>
  );
}

import { Alert, Card } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { Ticket } from '../../contract/queue';
import type { Session } from '../../contract/station-api';
import { CurrentTicketPanel, type ConsoleControl } from '../components/console/CurrentTicketPanel';
import { useEscapeKey } from '../hooks/use-escape';
import { withCalled } from '../console-commands';
import { KeyMap } from '../components/console/KeyMap';
import { QueuePanel } from '../components/console/QueuePanel';
import { TodayRatings } from '../components/console/TodayRatings';
import { IntakePanel } from '../components/intake/IntakePanel';
import { canReactivate, defaultRecallRules } from '../../domain/ticket';
import { today } from '../format';
import { countOutcomes } from '../intake-form';
import { useNow } from '../hooks/use-now';
import { useStored } from '../hooks/use-stored';
import { DEFAULT_WAIT_WARN_MINUTES, WAIT_WARN_KEY } from '../settings';
import { useI18n } from '../i18n/context';
import { useCatalog, useQueueView, useSyncState } from '../queries';
import { useStationQuery } from '../station-hooks';
import { tone } from '../theme';

/**
 * 窗口工作台: the current ticket and the waiting line on the left, intake on the right, today's
 * figures at the bottom. Everything updates from the station's events; there is no refresh button.
 */
export function WindowConsole({ session }: { session: Session }) {
  const { t } = useI18n();
  const view = useQueueView(session.window !== null);
  const sync = useSyncState();
  const cases = useStationQuery('cases.list', { date: today(), limit: 200 }, { on: ['cases'] });
  const [warnMinutes] = useStored<number>(WAIT_WARN_KEY, DEFAULT_WAIT_WARN_MINUTES);
  // Kept on this PC so a look at the cases page does not lose the tickets that may still come back.
  const [noShows, storeNoShows] = useStored<Ticket[]>(`hall.noShows.${session.window?.code ?? '-'}`, []);
  const setNoShows = (change: (list: Ticket[]) => Ticket[]) => storeNoShows(change(noShows));
  const now = useNow(30_000);
  // A no-show can be brought back only within the grace time; after it the button would only fail.
  const recoverable = noShows.filter((ticket) => ticket.noShowAt !== null && canReactivate(new Date(ticket.noShowAt), new Date(now), defaultRecallRules).ok);
  const [focusSignal, setFocusSignal] = useState(0);
  const [offlineNoticeSeen, setOfflineNoticeSeen] = useState(false);
  const control = useRef<ConsoleControl | null>(null);
  useEscapeKey();

  const current = view.data?.window?.current ?? null;
  const activeTicket = current && (current.status === 'called' || current.status === 'serving') ? current : null;
  const windowCode = session.window?.code ?? '';
  // A town centre's counter: what is not delegated to it is filed to the district (转报区级审批).
  const catalog = useCatalog(session.window !== null);
  const centre = useMemo(() => {
    const site = catalog.data?.sites.find((x) => x.windowCodes.includes(windowCode));
    return site ? { code: site.code, name: site.name, delegated: new Set(site.matterCodes) } : null;
  }, [catalog.data?.sites, windowCode]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flex: 1, minHeight: 0 }}>
      {session.offline && !offlineNoticeSeen && (
        <Alert type="warning" showIcon title={t('console.offlineLogin')} closable={{ onClose: () => setOfflineNoticeSeen(true) }} />
      )}
      <KeyMap />
      <div style={{ display: 'flex', gap: 10, flex: 1, minHeight: 0 }}>
        <div style={{ width: 400, flex: '0 0 400px', display: 'flex', flexDirection: 'column', gap: 10, minHeight: 0 }}>
          {centre ? (
            // A centre's counter calls none of the hall's tickets (the hall answers WINDOW_AT_CENTRE):
            // whoever comes in is taken in at once, so the queue's panels would only offer dead keys.
            <Card title={centre.name} data-testid="centre-panel">
              <p style={{ margin: 0 }}>{t('town.counterHint')}</p>
            </Card>
          ) : (
            <>
            <CurrentTicketPanel
              view={view.data}
              onChanged={() => void view.refetch()}
              onCalled={(ticket) => view.patch((v) => withCalled(v, ticket))}
              onNoShow={(ticket) => setNoShows((list) => [ticket, ...list.filter((x) => x.id !== ticket.id)].slice(0, 5))}
              control={control}
            />
            <QueuePanel
              view={view.data}
              error={view.error}
              windowCode={windowCode}
              warnMinutes={warnMinutes}
              noShows={recoverable}
              onReactivated={(id) => {
                setNoShows((list) => list.filter((x) => x.id !== id));
                void view.refetch();
              }}
              onWalkIn={() => setFocusSignal((n) => n + 1)}
            />
            </>
          )}
        </div>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          <IntakePanel
            ticket={activeTicket}
            zoneCodes={session.window?.zoneCodes ?? []}
            focusSignal={focusSignal}
            onFinishServing={() => control.current?.finishServing() ?? Promise.resolve(true)}
            site={centre}
          />
        </div>
      </div>
      <div style={{ fontSize: 13, color: '#595959', display: 'flex', gap: 16 }} className="tabular" data-testid="today-line">
        <span>{t('console.today')}</span>
        <span>{t('console.served', { n: view.data?.window?.servedToday ?? 0 })}</span>
        <span data-testid="outcomes-today">{t('console.outcomesToday', countOutcomes(cases.data ?? []))}</span>
        <span style={{ color: (sync.data?.pending ?? 0) > 0 ? tone.warn : undefined }}>{t('console.pendingSync', { n: sync.data?.pending ?? 0 })}</span>
        {view.data && !view.data.live && <span style={{ color: tone.error }}>{t('queue.offline')}</span>}
        {view.data?.live && <TodayRatings />}
      </div>
    </div>
  );
}

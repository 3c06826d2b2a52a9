import { Button, Card, Tag } from 'antd';
import { useEffect, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import type { ErrorBody } from '../../../contract/primitives';
import type { Ticket } from '../../../contract/queue';
import type { QueueView, StationArgs, StationMethod } from '../../../contract/station-api';
import { formatDuration, secondsBetween, secondsSince } from '../../format';
import { useCommandKeys } from '../../hooks/use-command-keys';
import { useClosesOnEscape } from '../../hooks/use-escape';
import { useNow } from '../../hooks/use-now';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { availableCommands, finishSteps, primaryCommand, type QueueCommand } from '../../console-commands';
import { commandKeys } from '../../keys';
import { useStation } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { Kbd } from '../Kbd';
import { TransferForm } from './TransferForm';

const labels: Record<QueueCommand, MessageKey> = {
  call: 'console.call',
  recall: 'console.recall',
  noShow: 'console.noShow',
  transfer: 'console.transfer',
  start: 'console.start',
  finish: 'console.finish',
};

const order: QueueCommand[] = ['call', 'recall', 'noShow', 'transfer', 'start', 'finish'];

/** What the intake side may ask of the queue side: end the service of the applicant at the counter. */
export interface ConsoleControl {
  /** Starts (if only called) and finishes the ticket at the counter; true when nothing is left there. */
  finishServing: () => Promise<boolean>;
}

export function CurrentTicketPanel({
  view,
  onChanged,
  onCalled,
  onNoShow,
  control,
}: {
  view: QueueView | undefined;
  onChanged: () => void;
  /** The hall called this ticket here: show it now, before the refreshed view arrives. */
  onCalled: (ticket: Ticket) => void;
  onNoShow: (ticket: Ticket) => void;
  /** Filled with this panel's finishing move, for 下一位 on the intake's result panel. */
  control?: MutableRefObject<ConsoleControl | null>;
}) {
  const { t } = useI18n();
  const client = useStation();
  const now = useNow();
  const [running, setRunning] = useState<QueueCommand | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const current = view?.window?.current ?? null;
  const can = availableCommands(view);
  const primary = primaryCommand(view);

  async function send<M extends StationMethod>(command: QueueCommand, method: M, args: StationArgs<M>) {
    if (running) return null;
    setRunning(command);
    setError(null);
    setNotice(null);
    const answer = await client.call(method, args);
    setRunning(null);
    if (!answer.ok) setError(answer.error);
    onChanged();
    return answer;
  }

  const callButton = useRef<HTMLButtonElement | null>(null);
  // Finished: the cursor goes where F1 (or Enter) calls the next applicant, once the hall's view
  // says the window is free (the button is disabled until then).
  const [callFocusWanted, setCallFocusWanted] = useState(false);
  const focusCall = () => setCallFocusWanted(true);
  useEffect(() => {
    if (callFocusWanted && can.call && !running) {
      callButton.current?.focus();
      setCallFocusWanted(false);
    }
  }, [callFocusWanted, can.call, running]);

  /** 办结: the hall's steps for the ticket at the counter, in order; stops at the first refusal. */
  const finishServing = async (): Promise<boolean> => {
    const ticket = current;
    const steps = finishSteps(ticket?.status);
    if (!ticket || steps.length === 0) return true;
    for (const step of steps) {
      const answer = await send('finish', step === 'start' ? 'queue.start' : 'queue.finish', { ticketId: ticket.id });
      if (!answer?.ok) return false;
    }
    focusCall();
    return true;
  };
  useEffect(() => {
    if (control) control.current = { finishServing };
  });

  const run = (command: QueueCommand) => {
    if (!can[command]) return;
    switch (command) {
      case 'call':
        setTransferOpen(false);
        void send('call', 'queue.callNext', {}).then((a) => {
          if (a?.ok && a.value === null) setNotice(t('console.nobodyWaiting'));
          else if (a?.ok && a.value) onCalled(a.value);
        });
        break;
      case 'recall':
        if (current)
          void send('recall', 'queue.recall', { ticketId: current.id }).then((a) => {
            // Past the hall's recalls the hall marks the ticket no-show itself: say so, and list it.
            if (a?.ok && a.value.status === 'no-show') {
              setNotice(t('console.autoNoShow', { number: a.value.number, n: a.value.recallCount + 1 }));
              onNoShow(a.value);
              focusCall();
            }
          });
        break;
      case 'noShow':
        if (current) {
          const ticket = current;
          void send('noShow', 'queue.noShow', { ticketId: ticket.id }).then((a) => {
            if (a?.ok) onNoShow(a.value);
          });
        }
        break;
      case 'transfer':
        setTransferOpen((o) => !o);
        break;
      case 'start':
        if (current) void send('start', 'queue.start', { ticketId: current.id });
        break;
      case 'finish':
        if (current) void send('finish', 'queue.finish', { ticketId: current.id }).then((a) => a?.ok && focusCall());
        break;
    }
  };

  /** Shift+F6: finish this applicant and call the next, one move. */
  const finishAndCall = async () => {
    if (running || !(can.finish || can.start)) return;
    if (!(await finishServing())) return;
    const answer = await send('call', 'queue.callNext', {});
    if (answer?.ok && answer.value === null) setNotice(t('console.nobodyWaiting'));
    else if (answer?.ok && answer.value) onCalled(answer.value);
  };

  useCommandKeys({
    call: () => run('call'),
    recall: () => run('recall'),
    noShow: () => run('noShow'),
    transfer: () => run('transfer'),
    start: () => run('start'),
    finish: () => run('finish'),
    finishAndCall: () => void finishAndCall(),
  });
  useClosesOnEscape(() => setTransferOpen(false), transferOpen);

  const status = current?.status;
  const numberColour = status === 'serving' || status === 'called' ? tone.serving : tone.muted;
  let stateLine: ReactNode;
  if (!view?.window) stateLine = <span style={{ color: tone.muted }}>…</span>;
  else if (!view.live) stateLine = <span style={{ color: tone.error }}>{t('console.notLive')}</span>;
  else if (view.window.state === 'paused') stateLine = <Tag color="warning">{t('pause.paused', { reason: view.window.pauseReason ?? '' })}</Tag>;
  else if (!current || (status !== 'called' && status !== 'serving')) stateLine = <span style={{ color: tone.ok, fontWeight: 600 }}>{t('console.idle')}</span>;
  else if (status === 'called')
    stateLine = (
      <span style={{ color: tone.serving }}>
        {t('console.calledFor', { time: formatDuration(secondsSince(current.calledAt, now)) })}
        {current.recallCount > 0 ? ` · ${t('console.recalled', { n: current.recallCount })}` : ''}
      </span>
    );
  else
    stateLine = (
      <span style={{ color: tone.serving, fontWeight: 600 }} data-testid="service-timer">
        {t('console.serving', { time: formatDuration(secondsSince(current.startedAt ?? current.calledAt, now)) })}
      </span>
    );

  return (
    <Card size="small" title={t('console.current')} styles={{ body: { paddingTop: 4 } }}>
      <div style={{ textAlign: 'center' }}>
        <div
          data-testid="current-ticket"
          className="tabular"
          style={{ fontSize: 96, lineHeight: '104px', fontWeight: 700, letterSpacing: 2, color: numberColour }}
        >
          {current && (status === 'called' || status === 'serving') ? current.number : '—'}
        </div>
        {current && (status === 'called' || status === 'serving') && (
          <div style={{ fontSize: 15, marginBottom: 2 }} className="tabular">
            <Tag color={current.priority === 'green' ? 'green' : current.priority === 'appointment' ? 'blue' : 'default'}>{t(`priority.${current.priority}` as MessageKey)}</Tag>
            {current.front && <Tag>{t('console.front')}</Tag>}
            <span style={{ color: '#595959' }}>{t('console.waited', { time: formatDuration(secondsBetween(current.issuedAt, current.calledAt)) })}</span>
          </div>
        )}
        <div style={{ fontSize: 16, minHeight: 26 }}>{stateLine}</div>
      </div>
      {transferOpen && current ? (
        <TransferForm
          ticket={current}
          onDone={() => {
            setTransferOpen(false);
            onChanged();
          }}
          onCancel={() => setTransferOpen(false)}
        />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8, marginTop: 8 }}>
          {order.map((command) => (
            <Button
              key={command}
              size="large"
              type={command === primary && can[command] ? 'primary' : 'default'}
              disabled={!can[command] || (running !== null && running !== command)}
              loading={running === command}
              onClick={() => run(command)}
              ref={command === 'call' ? callButton : undefined}
              data-testid={`cmd-${command}`}
              style={{ paddingInline: 6 }}
            >
              {t(labels[command])}
              <Kbd>{commandKeys[command]}</Kbd>
            </Button>
          ))}
        </div>
      )}
      {!transferOpen && (
        <div style={{ marginTop: 6, fontSize: 12, color: tone.muted, textAlign: 'center' }} data-testid="finish-and-call-hint">
          <Kbd>{commandKeys.finishAndCall}</Kbd> {t('console.finishAndCall')} · <Kbd>{commandKeys.help}</Kbd> {t('keymap.title')}
        </div>
      )}
      <div style={{ marginTop: 8 }}>
        <ErrorAlert error={error} onClose={() => setError(null)} compact />
        {notice && (
          <div style={{ color: tone.muted, textAlign: 'center' }} data-testid="console-notice" role="status">
            {notice}
          </div>
        )}
      </div>
    </Card>
  );
}

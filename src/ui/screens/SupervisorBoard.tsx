import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import type { WindowView, ZoneView } from '../../contract/queue';
import type { Session } from '../../contract/station-api';
import { BarChart, type Series } from '../components/board/BarChart';
import { ErrorAlert } from '../components/ErrorAlert';
import { ChannelsPanel } from '../components/board/ChannelsPanel';
import { EvaluationsPanel } from '../components/board/EvaluationsPanel';
import { MovedDeadlines } from '../components/calendar/MovedDeadlines';
import { ProvisionalWarning } from '../components/calendar/ProvisionalWarning';
import { StatusDot } from '../components/StatusDot';
import { clockTime, formatDuration, minutesSeconds, secondsSince, waitTone, wholeMinutes } from '../format';
import { useNow } from '../hooks/use-now';
import { useStored } from '../hooks/use-stored';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { useCalendarYears, useCatalog, useHallView, useMovedDeadlines, useQueueView } from '../queries';
import { useStationCall } from '../station-hooks';
import { hallTotals, hourRows, windowsByZone, windowTone, zoneFloor, reassignWindows } from '../board';
import { tone } from '../theme';
import { DEFAULT_WAIT_WARN_MINUTES, WAIT_WARN_KEY } from '../settings';

const toneOfWait = { ok: '#262626', warn: tone.warn, alarm: tone.error } as const;

/**
 * 值班长: every zone and window live, the longest waits in the warning colours, reassigning waiting
 * tickets, pausing a window, and today's waiting times by hour.
 */
export function SupervisorBoard({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const hall = useHallView();
  const calendar = useCalendarYears();
  const moved = useMovedDeadlines();
  const movedCount = moved.data?.cases.length ?? 0;
  const [warnMinutes, setWarnMinutes] = useStored<number>(WAIT_WARN_KEY, DEFAULT_WAIT_WARN_MINUTES);
  const [selectedWindow, setSelectedWindow] = useState<string | null>(null);
  const now = useNow();
  const view = hall.data;
  const totals = view ? hallTotals(view) : null;
  const byZone = useMemo(() => (view ? windowsByZone(view) : new Map<string, WindowView[]>()), [view]);

  const hourChart = useMemo(() => {
    const rows = hourRows(view?.waitByHour ?? []);
    const categories = rows.map((r) => t('board.hour', { h: r.hour }));
    const minutes = rows.map((r) => Math.round(r.averageWaitSeconds / 6) / 10);
    const series: Series[] = [
      { name: t('board.avgWait'), kind: 'bar', values: minutes, colours: rows.map((r) => ({ ok: tone.serving, warn: tone.warn, alarm: tone.error })[waitTone(r.averageWaitSeconds, warnMinutes)]) },
      { name: t('board.issued'), kind: 'line', values: rows.map((r) => r.issued), colour: tone.muted, yAxis: 1 },
    ];
    return { categories, series };
  }, [view, warnMinutes, t]);

  const windowChart = useMemo(() => {
    // Windows that worked today; the other thirty would be a row of empty ticks.
    const ws = (view?.windows ?? []).filter((w) => w.kind === 'counter' && (w.servedToday > 0 || w.state !== 'signed-out'));
    return { categories: ws.map((w) => w.code), series: [{ name: t('board.served'), kind: 'bar', values: ws.map((w) => w.servedToday), colour: tone.ok }] as Series[] };
  }, [view, t]);
  const yNamesHour = useMemo<[string, string]>(() => [t('board.minutes'), t('board.tickets')], [t]);
  const yNamesWindow = useMemo<[string]>(() => [t('board.cases')], [t]);

  const selected = view?.windows.find((w) => w.code === selectedWindow) ?? null;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flex: 1, minHeight: 0 }} data-testid="board">
      <div style={{ display: 'flex', gap: 20, alignItems: 'center', fontSize: 15, padding: '2px 4px' }} className="tabular" data-testid="board-totals">
        <b>{t('board.title')}</b>
        {totals && (
          <>
            <span>{t('board.waiting', { n: totals.waiting })}</span>
            <span style={{ color: toneOfWait[waitTone(totals.longest, warnMinutes)] }}>
              {t('board.longest', { minutes: wholeMinutes(totals.longest), zone: totals.longestZone ?? '-' })}
            </span>
            <span>{t('board.servedToday', { n: totals.served })}</span>
          </>
        )}
        <span style={{ flex: 1 }} />
        <span>
          {t('board.warnAt')}{' '}
          <InputNumber size="small" min={0} max={240} aria-label={t('board.warnAt')} value={warnMinutes} onChange={(v) => setWarnMinutes(typeof v === 'number' ? v : DEFAULT_WAIT_WARN_MINUTES)} style={{ width: 70 }} /> {t('board.minutesUnit')}
        </span>
        {view && <span style={{ color: tone.muted, fontSize: 12 }}>{clockTime(view.at)}</span>}
      </div>
      <ErrorAlert error={hall.error} />
      <ProvisionalWarning compact years={calendar.data?.warnings ?? []} {...(session.staff.role === 'admin' ? { onGo: () => void (window.location.hash = '#/calendar') } : {})} />
      <div style={{ display: 'flex', gap: 10, flex: 1, minHeight: 0 }}>
        <Card size="small" className="fill-card" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 0 } }}>
          <div className="scroll-y" style={{ flex: 1 }}>
            {(view?.zones ?? []).map((zone) => (
              <ZoneRow key={zone.code} zone={zone} noOpenWindow={view ? (zoneFloor(view, zone.code)?.noOpenWindow ?? false) : false} windows={byZone.get(zone.code) ?? []} warnMinutes={warnMinutes} now={now} selected={selectedWindow} onSelect={setSelectedWindow} lang={lang} />
            ))}
          </div>
        </Card>
        <div className="scroll-y" style={{ width: 360, flex: '0 0 360px', display: 'flex', flexDirection: 'column', gap: 10, minHeight: 0 }}>
          <WindowActions window={selected} onClear={() => setSelectedWindow(null)} />
          {movedCount > 0 && (
            <Card size="small" title={<span style={{ color: tone.warn }}>{`${t('calendar.moved')}（${movedCount}）`}</span>} data-testid="board-moved">
              <MovedDeadlines data={moved.data} compact />
            </Card>
          )}
          <ChannelsPanel />
          <EvaluationsPanel />
          <Reassign windows={view?.windows ?? []} />
        </div>
      </div>
      <div style={{ display: 'flex', gap: 10, height: 190, flex: '0 0 190px' }}>
        <Card size="small" title={t('board.chartHour')} style={{ flex: 3, minWidth: 0 }} styles={{ body: { padding: 4 } }}>
          <BarChart categories={hourChart.categories} series={hourChart.series} height={140} yNames={yNamesHour} testId="chart-hour" />
        </Card>
        <Card size="small" title={t('board.chartWindow')} style={{ flex: 2, minWidth: 0 }} styles={{ body: { padding: 4 } }}>
          <BarChart categories={windowChart.categories} series={windowChart.series} height={140} yNames={yNamesWindow} testId="chart-window" />
        </Card>
      </div>
    </div>
  );
}

function ZoneRow({
  zone,
  noOpenWindow,
  windows,
  warnMinutes,
  now,
  selected,
  onSelect,
  lang,
}: {
  zone: ZoneView;
  /** No window of the zone can call now. */
  noOpenWindow: boolean;
  windows: WindowView[]; warnMinutes: number; now: number; selected: string | null; onSelect: (code: string) => void; lang: 'zh-CN' | 'en' }) {
  const { t } = useI18n();
  const longTone = waitTone(zone.longestWaitSeconds, warnMinutes);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '170px 130px 1fr', gap: 10, padding: '5px 12px', borderBottom: `1px solid ${tone.line}`, alignItems: 'center' }} data-zone={zone.code}>
      <div>
        <b style={{ fontSize: 16 }}>{zone.code}</b> {zone.name}
        <div style={{ fontSize: 12, color: tone.muted }} className="tabular">
          {t('board.zoneServed', { n: zone.servedToday, avg: minutesSeconds(zone.averageWaitSeconds, lang) })}
        </div>
      </div>
      <div className="tabular">
        <div>
          {t('board.zoneWaiting', { n: zone.waiting.total })}
          {zone.waiting.green > 0 && <span style={{ color: tone.ok }}> {t('board.green', { n: zone.waiting.green })}</span>}
          {zone.waiting.appointment > 0 && <span style={{ color: tone.serving }}> {t('board.appointment', { n: zone.waiting.appointment })}</span>}
        </div>
        <div style={{ color: toneOfWait[longTone], fontWeight: longTone === 'ok' ? 400 : 600 }} data-wait-tone={longTone}>
          {t('board.zoneLongest', { minutes: wholeMinutes(zone.longestWaitSeconds) })}
        </div>
        {noOpenWindow && zone.waiting.total > 0 && (
          <Tag color="error" data-testid="no-open-window" style={{ marginTop: 2 }}>
            {t('board.noOpenWindow')}
          </Tag>
        )}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {windows.map((w) => {
          const c = w.current;
          const since = c ? secondsSince(c.startedAt ?? c.calledAt, now) : 0;
          const paused = w.state === 'paused' ? secondsSince(w.pausedAt ?? null, now) : 0;
          // Who paused it and when: a clerk's 午休 reads differently from a supervisor's 设备故障.
          const pauseNote =
            w.state === 'paused' && w.pausedAt ? t('board.pausedBy', { who: w.pausedBy ?? '—', time: clockTime(w.pausedAt), reason: w.pauseReason ?? '' }) : null;
          const who = w.staff ? `${w.staff.name}（${w.staff.username}）` : t('board.nobody');
          return (
            <Tooltip key={w.code} title={pauseNote ? `${who} · ${pauseNote}` : who}>
              <button
                type="button"
                onClick={() => onSelect(w.code)}
                data-window={w.code}
                data-state={w.state}
                style={{
                  border: `1px solid ${w.code === selected ? tone.serving : tone.line}`,
                  background: w.code === selected ? '#e6f4ff' : '#fff',
                  borderRadius: 6,
                  padding: '3px 8px',
                  cursor: 'pointer',
                  font: 'inherit',
                  fontSize: 13,
                }}
                className="tabular"
              >
                <StatusDot
                  status={windowTone(w)}
                  // A window nobody signed in at is just its code in grey: the eye goes to those working.
                  label={w.state === 'signed-out' ? w.code : `${w.code} ${
                    w.state === 'paused'
                      ? `${t('board.paused', { reason: w.pauseReason ?? '' })}${w.pausedAt ? ` ${formatDuration(paused)}` : ''}`
                      : c && (w.state === 'serving' || w.state === 'calling')
                        ? `${c.number} ${formatDuration(since)}`
                        : t(`windowState.${w.state}` as MessageKey)
                  }${w.staff ? ` · ${w.staff.name}` : ''}`}
                />
              </button>
            </Tooltip>
          );
        })}
      </div>
    </div>
  );
}

function WindowActions({ window: w, onClear }: { window: WindowView | null; onClear: () => void }) {
  const { t } = useI18n();
  const pause = useStationCall('queue.pause');
  const resume = useStationCall('queue.resume');
  const [reason, setReason] = useState('');
  return (
    <Card size="small" title={w ? t('board.windowTitle', { window: w.name }) : t('board.chooseWindow')} extra={w && <Button size="small" type="text" onClick={onClear}>✕</Button>}>
      {!w && <div style={{ color: tone.muted }}>{t('board.chooseWindowHint')}</div>}
      {w && (
        <Space orientation="vertical" style={{ width: '100%' }} size={6} data-testid="window-actions">
          <div>
            <StatusDot status={windowTone(w)} label={t(`windowState.${w.state}` as MessageKey)} />
            {w.staff && <span style={{ marginLeft: 8 }}>{w.staff.name}</span>}
            {w.pauseReason && <Tag color="warning" style={{ marginLeft: 8 }}>{w.pauseReason}</Tag>}
          </div>
          {w.state === 'paused' ? (
            <Button type="primary" loading={resume.pending} onClick={() => void resume.run({ windowCode: w.code })} data-testid="board-resume">
              {t('pause.resume')}
            </Button>
          ) : (
            <Space.Compact style={{ width: '100%' }}>
              <Input placeholder={t('pause.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={100} />
              <Button
                disabled={!reason.trim() || w.state === 'signed-out'}
                loading={pause.pending}
                onClick={() => void pause.run({ windowCode: w.code, reason: reason.trim() }).then((a) => a.ok && setReason(''))}
                data-testid="board-pause"
              >
                {t('pause.pause')}
              </Button>
            </Space.Compact>
          )}
          <ErrorAlert error={pause.error ?? resume.error} compact />
        </Space>
      )}
    </Card>
  );
}

/**
 * 改派: waiting tickets moved to another window or zone. The list is the supervisor's queue view
 * (the tickets the hall server lets this station see waiting).
 */
function Reassign({ windows }: { windows: WindowView[] }) {
  const { t } = useI18n();
  const catalog = useCatalog();
  const queue = useQueueView();
  const reassign = useStationCall('queue.reassign');
  const [picked, setPicked] = useState<string[]>([]);
  const [target, setTarget] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const waiting = queue.data?.waiting ?? [];
  const now = useNow(10_000);

  const targets = [
    {
      label: t('board.toWindow'),
      // Each window with its state (and who it holds), so nobody sends a ticket to an empty desk unknowingly.
      options: reassignWindows(windows).map((w) => ({
        value: `w:${w.code}`,
        label: `${w.code} ${w.name} · ${w.state === 'paused' ? t('board.paused', { reason: w.pauseReason ?? '' }) : t(`windowState.${w.state}` as MessageKey)}${w.current && (w.state === 'serving' || w.state === 'calling') ? ` ${w.current.number}` : ''}`,
        'data-state': w.state,
      })),
    },
    { label: t('board.toZone'), options: (catalog.data?.zones ?? []).map((z) => ({ value: `z:${z.code}`, label: `${z.code} ${z.name}` })) },
  ];

  const submit = async () => {
    if (!target || picked.length === 0) return;
    const [kind, code] = target.split(':') as ['w' | 'z', string];
    const answer = await reassign.run({ ticketIds: picked, ...(kind === 'w' ? { windowCode: code } : { zoneCode: code }) });
    if (answer.ok) {
      setDone(t('board.reassigned', { n: answer.value.length, target: targets.flatMap((g) => g.options).find((o) => o.value === target)?.label ?? code }));
      setPicked([]);
      void queue.refetch();
    }
  };

  return (
    <Card size="small" title={t('board.reassign')} className="fill-card" style={{ flex: 1, minHeight: 220 }}>
      <ErrorAlert error={queue.error} compact />
      <div className="scroll-y" style={{ flex: 1, marginBottom: 8 }} data-testid="reassign-list">
        {waiting.length === 0 && <div style={{ color: tone.muted }}>{t('queue.empty')}</div>}
        <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          {waiting.map((ticket) => (
            <Checkbox key={ticket.id} value={ticket.id} data-ticket={ticket.number}>
              <span className="tabular">
                <b>{ticket.number}</b> {t(`priority.${ticket.priority}` as MessageKey)} · {ticket.windowCode ?? `${ticket.zoneCode}区`} · {wholeMinutes(secondsSince(ticket.queuedAt, now))}′
              </span>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('board.target')} aria-label={t('board.target')} value={target} onChange={setTarget} options={targets} style={{ flex: 1 }} data-testid="reassign-target" />
        <Button type="primary" disabled={!target || picked.length === 0} loading={reassign.pending} onClick={() => void submit()} data-testid="reassign-submit">
          {t('board.reassignAction', { n: picked.length })}
        </Button>
      </Space.Compact>
      <ErrorAlert error={reassign.error} compact />
      {done && !reassign.error && <div style={{ color: tone.ok, marginTop: 4 }}>{done}</div>}
    </Card>
  );
}

import { Badge, Button, Input, Layout, Menu, Popover, Progress, Space, Tag, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Session } from '../../contract/station-api';
import { dateTime, drainProgress } from '../format';
import { useCommandKeys } from '../hooks/use-command-keys';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { useCatalog, useDeviceStatus, useQueueView, useSyncState } from '../queries';
import type { Route } from '../route';
import { useLinkState, useStationCall, useStationQuery } from '../station-hooks';
import { connectionTone, deviceTone, drainingBacklog } from '../status';
import { tone } from '../theme';
import { ErrorAlert } from './ErrorAlert';
import { Kbd } from './Kbd';
import { StatusDot } from './StatusDot';

const navKeys: Record<Route, MessageKey> = {
  console: 'nav.console',
  inbox: 'nav.inbox',
  cases: 'nav.cases',
  review: 'nav.review',
  board: 'nav.board',
  appointments: 'nav.appointments',
  reports: 'nav.reports',
  calendar: 'nav.calendar',
  stations: 'nav.stations',
  devices: 'nav.devices',
};

/** Always on screen: who works where, whether the hall server and the devices are there, pause. */
export function AppHeader({ session, route, navigate }: { session: Session; route: Route; navigate: (r: Route) => void }) {
  const { t, lang, setLang } = useI18n();
  const catalog = useCatalog();
  const supervisor = session.staff.role !== 'clerk';
  const zoneNames = (session.window?.zoneCodes ?? [])
    .map((code) => {
      const zone = catalog.data?.zones.find((z) => z.code === code);
      return zone ? `${code}区 ${zone.name}` : `${code}区`;
    })
    .join('、');
  const logout = useStationCall('session.logout');

  // The holiday calendar is the administrator's: the State Council's notice is entered there.
  // An approver has no window: its work is its departments' review. The window PCs and the calendar are the administrator's.
  const role = session.staff.role;
  const nav: Route[] = [
    ...(session.window ? (['console'] as Route[]) : []),
    // The online inbox: at a counter window, and for those who oversee zones.
    ...(session.window?.kind === 'counter' || role === 'supervisor' || role === 'admin' ? (['inbox'] as Route[]) : []),
    'cases',
    ...(role === 'approver' || role === 'admin' ? (['review'] as Route[]) : []),
    ...(role === 'supervisor' || role === 'admin' ? (['board', 'appointments'] as Route[]) : []),
    'reports',
    ...(role === 'admin' ? (['calendar', 'stations'] as Route[]) : []),
    'devices',
  ];
  const consoleLabel: MessageKey = session.window?.kind === 'reception' ? 'nav.reception' : 'nav.console';

  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, color: '#fff', lineHeight: 'normal' }}>
      <div style={{ display: 'flex', flexDirection: 'column', minWidth: 0, flex: '0 1 auto' }} data-testid="header-identity">
        <div style={{ fontSize: 14, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 420 }}>
          {session.hall.name}
          {session.window ? ` · ${session.window.name}` : ''}
        </div>
        <div style={{ fontSize: 12, opacity: 0.8, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 420 }}>
          {zoneNames ? `${zoneNames} · ` : ''}
          {session.staff.name}（{session.staff.username}）{supervisor ? ` · ${t(`role.${session.staff.role}` as MessageKey)}` : ''}
          {session.offline && <Reconnect session={session} />}
        </div>
      </div>
      <Menu
        theme="dark"
        mode="horizontal"
        selectedKeys={[route]}
        style={{ flex: 1, minWidth: 0, background: 'transparent', borderBottom: 'none' }}
        items={nav.map((r) => ({ key: r, label: r === 'inbox' ? <InboxLabel online={!session.offline} /> : t(r === 'console' ? consoleLabel : navKeys[r]) }))}
        onClick={(e) => navigate(e.key as Route)}
      />
      <Space size={14} style={{ flex: '0 0 auto' }}>
        <HallConnection />
        <DeviceDots />
        {session.window?.kind === 'counter' && <PauseControl />}
        <Button size="small" ghost onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} title={t('header.language')}>
          {lang === 'en' ? '中文' : 'EN'}
        </Button>
        <Tooltip title={logout.error ? <ErrorAlert error={logout.error} compact /> : null} open={logout.error ? true : undefined}>
          <Button size="small" ghost loading={logout.pending} onClick={() => void logout.run({})} data-testid="logout">
            {t('header.logout')}
          </Button>
        </Tooltip>
      </Space>
    </Layout.Header>
  );
}

/** 网上申办 with the number of applications waiting for pre-review, kept live by the hall's pokes. */
function InboxLabel({ online }: { online: boolean }) {
  const { t } = useI18n();
  const waiting = useStationQuery('inbox.list', { state: 'submitted' }, { on: ['inbox'], enabled: online });
  const count = waiting.data?.applications.length ?? 0;
  const overdue = waiting.data?.applications.some((a) => a.overdue) ?? false;
  return (
    <span data-testid="nav-inbox">
      {t('nav.inbox')}
      <Badge count={count} size="small" offset={[4, -8]} color={overdue ? tone.error : tone.warn} data-testid="inbox-badge" title={String(count)} />
    </span>
  );
}

/**
 * An offline sign-in, once the hall is back: the station keeps no password, so the clerk signs in
 * online again here (same person, same window) and what was done offline syncs in that sign-in.
 */
function Reconnect({ session }: { session: Session }) {
  const { t } = useI18n();
  const login = useStationCall('session.login');
  const [password, setPassword] = useState('');
  const submit = () =>
    void login.run({ username: session.staff.username, password, ...(session.window ? { windowCode: session.window.code } : {}) }).then(() => setPassword(''));
  return (
    <Popover
      trigger="click"
      title={t('header.reconnect')}
      content={
        <Space orientation="vertical" style={{ width: 260 }}>
          <span>{t('header.reconnectHint')}</span>
          <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} onPressEnter={submit} autoComplete="current-password" data-testid="reconnect-password" />
          <Button type="primary" block loading={login.pending} disabled={!password} onClick={submit} data-testid="reconnect-submit">
            {t('header.reconnect')}
          </Button>
          <ErrorAlert error={login.error} compact />
        </Space>
      }
    >
      <Tag color="warning" style={{ marginLeft: 6, cursor: 'pointer' }} data-testid="offline-login-tag">
        {t('header.offlineLogin')}
      </Tag>
    </Popover>
  );
}

function HallConnection() {
  const { t, err } = useI18n();
  const link = useLinkState();
  const sync = useSyncState();
  const state = sync.data;
  const stationDown = link === 'down';
  const status = connectionTone(state, stationDown);
  const progress = state ? drainProgress(state) : null;

  let label: string;
  if (stationDown) label = t('header.stationDown');
  else if (!state) label = '…';
  else if (state.connection === 'offline') label = t('header.offline');
  else if (drainingBacklog(state)) label = t('header.syncing', { n: state.pending });
  else label = state.pending > 0 ? t('header.onlinePending', { n: state.pending }) : t('header.online');

  const details = (
    <div style={{ maxWidth: 320 }}>
      {stationDown && <div>{t('app.stationDownHint')}</div>}
      {state?.offlineSince && <div>{t('header.offlineSince', { at: dateTime(state.offlineSince) })}</div>}
      {state?.lastSuccessAt && <div>{t('header.lastSync', { at: dateTime(state.lastSuccessAt) })}</div>}
      {state?.lastError && <div>{err(state.lastError)}</div>}
      {state && state.rejected > 0 && <div style={{ color: tone.warn }}>{t('header.rejected', { n: state.rejected })}</div>}
      {state?.warnings.map((w) => (
        <div key={w.code} style={{ color: tone.warn }}>
          {err(w)}
        </div>
      ))}
      {sync.error && <div>{err(sync.error)}</div>}
    </div>
  );

  return (
    <Tooltip title={details}>
      <span data-testid="hall-connection" data-connection={stationDown ? 'station-down' : (state?.connection ?? 'unknown')} style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        <StatusDot status={status} label={label} />
        {drainingBacklog(state) && progress && (
          <Progress percent={progress.percent} size={[90, 8]} showInfo={false} strokeColor="#69b1ff" railColor="rgba(255,255,255,0.25)" aria-label={t('header.syncProgress', { done: progress.done, total: progress.total })} />
        )}
      </span>
    </Tooltip>
  );
}

function DeviceDots() {
  const { t, err } = useI18n();
  const devices = useDeviceStatus();
  const d = devices.data;
  const title = (name: string, part: { state: string; problem: { code: string; message: string } | null; target: string } | undefined) =>
    !part ? name : part.state === 'not-configured' ? `${name}：${t('devices.notConfigured')}` : part.problem ? `${name}：${err(part.problem)}` : `${name}：${t('devices.ok')}（${part.target}）`;
  return (
    <Space size={12}>
      <span data-testid="printer-status" data-state={d?.printer.state ?? 'unknown'}>
        <StatusDot status={deviceTone(d?.printer.state)} label={t('header.printer')} title={title(t('header.printer'), d?.printer)} />
      </span>
      <span data-testid="reader-status" data-state={d?.reader.state ?? 'unknown'}>
        <StatusDot status={deviceTone(d?.reader.state)} label={t('header.reader')} title={title(t('header.reader'), d?.reader)} />
      </span>
    </Space>
  );
}

// The hall's own list (reports count pauses by these words); anything else is typed as 其他.
const presetReasons: MessageKey[] = ['pause.reason.lunch', 'pause.reason.meeting', 'pause.reason.consult', 'pause.reason.fault'];

function PauseControl() {
  const { t } = useI18n();
  const view = useQueueView();
  const pause = useStationCall('queue.pause');
  const resume = useStationCall('queue.resume');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const inputRef = useRef<{ focus: () => void } | null>(null);
  const paused = view.data?.window?.state === 'paused';
  const pauseReason = view.data?.window?.pauseReason;

  useEffect(() => {
    if (open) setTimeout(() => inputRef.current?.focus(), 50);
  }, [open]);

  const toggle = () => {
    if (view.data?.live === false) return;
    if (paused) void resume.run({});
    else setOpen((o) => !o);
  };
  useCommandKeys({ pause: toggle });

  const submit = async (text: string) => {
    const r = text.trim();
    if (!r) return;
    const answer = await pause.run({ reason: r });
    if (answer.ok) {
      setOpen(false);
      setReason('');
    }
  };

  const content = (
    <div style={{ width: 300 }} data-testid="pause-form">
      <Space wrap size={6} style={{ marginBottom: 8 }}>
        {presetReasons.map((key) => (
          <Button key={key} size="small" onClick={() => void submit(t(key))} disabled={pause.pending}>
            {t(key)}
          </Button>
        ))}
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={(el) => {
            inputRef.current = el;
          }}
          placeholder={t('pause.reasonPlaceholder')}
          value={reason}
          maxLength={100}
          onChange={(e) => setReason(e.target.value)}
          onPressEnter={() => void submit(reason)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        />
        <Button type="primary" loading={pause.pending} disabled={!reason.trim()} onClick={() => void submit(reason)}>
          {t('pause.confirm')}
        </Button>
      </Space.Compact>
      <div style={{ marginTop: 8 }}>
        <ErrorAlert error={pause.error} compact />
      </div>
    </div>
  );

  return (
    <Space size={6}>
      {paused && (
        <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="paused-tag">
          {t('pause.paused', { reason: pauseReason ?? '' })}
        </Tag>
      )}
      <Popover content={content} title={t('pause.title')} trigger="click" open={open && !paused} onOpenChange={(o) => !paused && setOpen(o)} placement="bottomRight">
        <Button
          size="small"
          onClick={paused ? toggle : undefined}
          loading={resume.pending}
          disabled={view.data?.live === false}
          type={paused ? 'primary' : 'default'}
          // antd's disabled grey is invisible on the dark header: keep the button legible while offline.
          style={view.data?.live === false ? { color: 'rgba(255,255,255,0.6)', borderColor: 'rgba(255,255,255,0.35)', background: 'transparent' } : undefined}
          data-testid="pause-button"
        >
          {paused ? t('pause.resume') : t('pause.pause')}
          <Kbd>F8</Kbd>
        </Button>
      </Popover>
      {resume.error && (
        <Tooltip open title={<ErrorAlert error={resume.error} compact onClose={resume.reset} />}>
          <span />
        </Tooltip>
      )}
    </Space>
  );
}

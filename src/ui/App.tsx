import { App as AntApp, ConfigProvider, Layout, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { ErrorBody } from '../contract/primitives';
import type { Session } from '../contract/station-api';
import { AppHeader } from './components/AppHeader';
import { cspNonce } from './csp';
import { ErrorAlert } from './components/ErrorAlert';
import { useI18n } from './i18n/context';
import { useSession } from './queries';
import { useRoute, type Route } from './route';
import { SignInScreen } from './screens/SignInScreen';
import { WindowConsole } from './screens/WindowConsole';
import { forgetQueries, useStation, useStationEvent } from './station-hooks';
import { theme } from './theme';

// Read once: the page's nonce does not change while it lives.
const nonce = cspNonce();
const csp = nonce ? { nonce } : undefined;

export function App() {
  const { lang } = useI18n();
  // The date pickers' month and weekday names follow the language, as antd's own texts do.
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme} csp={csp} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionGate />
      </AntApp>
    </ConfigProvider>
  );
}

// The window console is what a clerk opens all day and what must be ready at once; the other
// screens (the supervisor board brings ECharts) load when first opened, so the first load parses
// about half the code it used to.
const CalendarScreen = lazy(() => import('./screens/CalendarScreen').then((m) => ({ default: m.CalendarScreen })));
const CasesScreen = lazy(() => import('./screens/CasesScreen').then((m) => ({ default: m.CasesScreen })));
const InboxScreen = lazy(() => import('./screens/InboxScreen').then((m) => ({ default: m.InboxScreen })));
const DevicesScreen = lazy(() => import('./screens/DevicesScreen').then((m) => ({ default: m.DevicesScreen })));
const ReviewScreen = lazy(() => import('./screens/ReviewScreen').then((m) => ({ default: m.ReviewScreen })));
const StationsScreen = lazy(() => import('./screens/StationsScreen').then((m) => ({ default: m.StationsScreen })));
const ReceptionScreen = lazy(() => import('./screens/ReceptionScreen').then((m) => ({ default: m.ReceptionScreen })));
const ReportsScreen = lazy(() => import('./screens/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));
const AppointmentSlotsScreen = lazy(() => import('./screens/AppointmentSlotsScreen').then((m) => ({ default: m.AppointmentSlotsScreen })));
const SupervisorBoard = lazy(() => import('./screens/SupervisorBoard').then((m) => ({ default: m.SupervisorBoard })));

/** The online inbox is worked at a counter window (a reception desk has none), and overseen by supervisors. */
export const hasInbox = (session: Session): boolean => session.window?.kind === 'counter' || isSupervisor(session);

export const isSupervisor = (session: Session): boolean => session.staff.role === 'supervisor' || session.staff.role === 'admin';

function SessionGate() {
  const { t } = useI18n();
  const session = useSession();
  const client = useStation();
  // Why the hall ended the last session (another clerk took the window, idle, …): the sign-in screen says so.
  const [ended, setEnded] = useState<ErrorBody | null>(null);
  useStationEvent((e) => {
    if (e.type === 'session') setEnded(e.ended ?? null);
  }, ['session']);
  const identity = session.data ? `${session.data.staff.id}@${session.data.window?.code ?? '-'}` : 'signed-out';
  // A new person or window must never see the previous one's queue, not even for a frame.
  useMemo(() => {
    forgetQueries(client);
  }, [client, identity]);

  if (session.data === undefined) {
    if (session.error) {
      return (
        <Result
          status="error"
          title={t('app.stationDown')}
          subTitle={t('app.stationDownHint')}
          extra={<ErrorAlert error={session.error} />}
          style={{ marginTop: 80 }}
        />
      );
    }
    return <Spin size="large" fullscreen description={t('app.loading')} />;
  }
  if (session.data === null) return <SignInScreen ended={ended} />;
  return <Shell key={identity} session={session.data} />;
}

function Shell({ session }: { session: Session }) {
  const role = session.staff.role;
  const fallback: Route = session.window ? 'console' : role === 'approver' ? 'review' : isSupervisor(session) ? 'board' : 'cases';
  const [route, navigate] = useRoute(fallback);
  // A page the role does not have falls back (the hall refuses the calls anyway).
  const allowed: Record<Route, boolean> = {
    console: session.window !== null,
    inbox: hasInbox(session),
    cases: true,
    review: role === 'approver' || role === 'admin',
    board: isSupervisor(session),
    appointments: isSupervisor(session),
    // Supervisors their zones, admins the hall, approvers their departments' cases, a clerk its own figures.
    reports: role !== 'portal',
    calendar: role === 'admin',
    stations: role === 'admin',
    devices: true,
  };
  const page = allowed[route] ? route : fallback;
  return (
    <Layout style={{ height: '100vh', overflow: 'hidden' }}>
      <AppHeader session={session} route={page} navigate={navigate} />
      <Layout.Content style={{ padding: 10, overflow: 'hidden', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <Suspense fallback={<Spin size="large" style={{ marginTop: 80 }} />}>
          {page === 'console' && (session.window?.kind === 'reception' ? <ReceptionScreen session={session} /> : <WindowConsole session={session} />)}
          {page === 'inbox' && <InboxScreen session={session} />}
          {page === 'cases' && <CasesScreen session={session} />}
          {page === 'board' && <SupervisorBoard session={session} />}
          {page === 'appointments' && <AppointmentSlotsScreen session={session} />}
          {page === 'reports' && <ReportsScreen session={session} />}
          {page === 'calendar' && <CalendarScreen session={session} />}
          {page === 'review' && <ReviewScreen session={session} />}
          {page === 'stations' && <StationsScreen />}
          {page === 'devices' && <DevicesScreen />}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

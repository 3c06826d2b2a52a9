import { useCallback, useSyncExternalStore } from 'react';

/**
 * Pages are addressed by the URL hash (#/cases), which works the same from file:// in Electron and
 * from the web host, survives a reload, and lets the end-to-end tests open a page directly.
 */
export type Route = 'console' | 'inbox' | 'cases' | 'review' | 'board' | 'appointments' | 'reports' | 'calendar' | 'stations' | 'devices';
export const routes: Route[] = ['console', 'inbox', 'cases', 'review', 'board', 'appointments', 'reports', 'calendar', 'stations', 'devices'];

export function parseRoute(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return routes.includes(name as Route) ? (name as Route) : null;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(fallback: Route): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = `#/${route}`;
  }, []);
  return [parseRoute(hash) ?? fallback, navigate];
}
